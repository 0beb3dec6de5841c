// 状態の変更 on a pool member's page: the next steps the server allows from the current status.
import { Form } from '@remix-run/react'
import { ErrorList, FormErrors, SubmitButton } from '~/components/forms'
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
        <div className="field">
          <label htmlFor="to">変更後の状態</label>
          <select
            id="to"
            name="to"
            aria-invalid={errors.fields.to ? true : undefined}
            aria-describedby={errors.fields.to ? 'to-error' : undefined}
          >
            {member.nextStatuses.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          <ErrorList id="to-error" errors={errors.fields.to} />
        </div>
        <div className="field">
          <label htmlFor="note">メモ（面接日程、見送りの理由など）</label>
          <textarea
            id="note"
            name="note"
            rows={3}
            aria-invalid={errors.fields.note ? true : undefined}
            aria-describedby={errors.fields.note ? 'note-error' : undefined}
          />
          <ErrorList id="note-error" errors={errors.fields.note} />
        </div>
        <div>
          <SubmitButton>状態を変更する</SubmitButton>
        </div>
      </Form>
    </>
  )
}
