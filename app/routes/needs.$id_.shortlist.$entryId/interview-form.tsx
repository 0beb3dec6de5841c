// 面談の日程 on a shortlist entry's page: the date (Japan time) and the place or means; saving mails the person.
import { Form } from '@remix-run/react'
import { ErrorList, FormErrors, SubmitButton } from '~/components/forms'
import { toDateTimeLocalValue } from '~/utils/dates'
import { type EntryActionData, entryErrorsOf } from './action-errors'

interface Props {
  entry: { lockVersion: number; interviewAt: string | null; interviewPlace: string }
  actionData: EntryActionData
}

export function InterviewForm({ entry, actionData }: Props) {
  const errors = entryErrorsOf(actionData, 'interview')
  return (
    <section aria-labelledby="shortlist-interview-heading">
      <h2 id="shortlist-interview-heading">面談の日程</h2>
      <Form method="post" className="form-stack" key={`interview-${entry.lockVersion}`}>
        <FormErrors errors={errors.form} />
        <input type="hidden" name="intent" value="interview" />
        <input type="hidden" name="lockVersion" value={entry.lockVersion} />
        <div className="field">
          <label htmlFor="interviewAt">
            面談日時（日本時間）<span className="required">必須</span>
          </label>
          <input
            id="interviewAt"
            name="interviewAt"
            type="datetime-local"
            required
            defaultValue={entry.interviewAt ? toDateTimeLocalValue(entry.interviewAt) : ''}
            aria-invalid={errors.fields.interviewAt ? true : undefined}
            aria-describedby={errors.fields.interviewAt ? 'interviewAt-error' : undefined}
          />
          <ErrorList id="interviewAt-error" errors={errors.fields.interviewAt} />
        </div>
        <div className="field">
          <label htmlFor="interview-place">場所・方法（例: 県庁本館3階、オンライン）</label>
          <input
            id="interview-place"
            name="place"
            type="text"
            maxLength={200}
            defaultValue={entry.interviewPlace}
            aria-invalid={errors.fields.place ? true : undefined}
            aria-describedby={errors.fields.place ? 'interview-place-error' : undefined}
          />
          <ErrorList id="interview-place-error" errors={errors.fields.place} />
        </div>
        <div>
          <SubmitButton pendingText="保存中…">
            {entry.interviewAt ? '日程を変更して本人に知らせる' : '日程を保存して本人に知らせる'}
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}
