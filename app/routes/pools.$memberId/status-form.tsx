// 状態の変更 on a pool member's page: the next steps the server allows from the current status.
import { Form } from '@remix-run/react'
import { FormErrors, SelectField, SubmitButton, TextareaField } from '~/components/forms'
import { errorsOf, type MemberActionData } from './action-errors'

interface Props {
  member: { lockVersion: number; nextStatuses: Array<{ value: string; label: string }> }
  actionData: MemberActionData
}

export function StatusForm({ member, actionData }: Props) {
  const errors = errorsOf(actionData, 'status')
  return (
    <>
      <h2>状態の変更</h2>
      {/* Keyed on the lock version: after a change the form starts afresh (first next status, empty note). */}
      <Form method="post" className="form-stack" key={`status-${member.lockVersion}`}>
        <FormErrors errors={errors.form} />
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="lockVersion" value={member.lockVersion} />
        <SelectField label="変更後の状態" id="to" name="to" options={member.nextStatuses} errors={errors.fields.to} />
        <TextareaField
          label="メモ（面接日程、見送りの理由など）"
          id="note"
          name="note"
          rows={3}
          errors={errors.fields.note}
        />
        <div>
          <SubmitButton>状態を変更する</SubmitButton>
        </div>
      </Form>
    </>
  )
}
