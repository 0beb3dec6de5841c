// Interview scheduling and training records on a pool member's page.
import { Form } from '@remix-run/react'
import { Field, FormErrors, SubmitButton, TextareaField } from '~/components/forms'
import { formatShortDateTime, toDateTimeLocalValue } from '~/utils/dates'
import { errorsOf, type MemberActionData } from './action-errors'

interface Props {
  member: {
    lockVersion: number
    canUpdate: boolean
    interviewAt: string | null
    interviewPlace: string
    notes: string
    trainings: Array<{ id: string; title: string; provider: string; completedOn: string | null; note: string }>
  }
  actionData: MemberActionData
}

export function MemberDetails({ member, actionData }: Props) {
  const interview = errorsOf(actionData, 'interview')
  const interviewErrors = interview.fields
  const training = errorsOf(actionData, 'training')
  const trainingErrors = training.fields
  return (
    <>
      <h2>面接の予定・メモ</h2>
      {member.canUpdate ? (
        <Form method="post" className="form-stack" key={`interview-${member.lockVersion}`}>
          <FormErrors errors={interview.form} />
          <input type="hidden" name="intent" value="interview" />
          <input type="hidden" name="lockVersion" value={member.lockVersion} />
          <Field
            label="面接日時（日本時間）"
            id="interviewAt"
            name="interviewAt"
            type="datetime-local"
            defaultValue={member.interviewAt ? toDateTimeLocalValue(member.interviewAt) : ''}
            errors={interviewErrors.interviewAt}
          />
          <Field
            label="場所・方法（例: 県庁本館3階、オンライン）"
            id="interviewPlace"
            name="interviewPlace"
            defaultValue={member.interviewPlace}
            errors={interviewErrors.interviewPlace}
          />
          <TextareaField
            label="メモ"
            id="interview-notes"
            name="notes"
            rows={3}
            defaultValue={member.notes}
            errors={interviewErrors.notes}
          />
          <div>
            <SubmitButton>保存する</SubmitButton>
          </div>
        </Form>
      ) : (
        <p>
          {member.interviewAt
            ? `面接: ${formatShortDateTime(member.interviewAt)} ${member.interviewPlace}`
            : '面接の予定はありません。'}
        </p>
      )}
      <h2 id="training-heading">研修の記録</h2>
      {member.trainings.length === 0 ? (
        <p>研修の記録はありません。</p>
      ) : (
        <table className="data-table" aria-labelledby="training-heading">
          <thead>
            <tr>
              <th scope="col">研修名</th>
              <th scope="col">実施機関</th>
              <th scope="col">修了日</th>
              <th scope="col">備考</th>
            </tr>
          </thead>
          <tbody>
            {member.trainings.map((t) => (
              <tr key={t.id}>
                <td>{t.title}</td>
                <td>{t.provider || '—'}</td>
                <td>{t.completedOn ?? '未修了'}</td>
                <td>{t.note || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {member.canUpdate ? (
        // Keyed on the records: a saved training empties the form for the next one.
        <Form
          method="post"
          className="form-stack"
          style={{ marginTop: '1rem' }}
          key={`training-${member.trainings.length}`}
        >
          <FormErrors errors={training.form} />
          <input type="hidden" name="intent" value="training" />
          <Field
            label="研修名"
            id="training-title"
            name="title"
            placeholder="例: 行政実務研修"
            errors={trainingErrors.title}
          />
          <Field
            label="実施機関"
            id="provider"
            name="provider"
            placeholder="例: 自治大学校"
            errors={trainingErrors.provider}
          />
          <Field label="修了日" id="completedOn" name="completedOn" type="date" errors={trainingErrors.completedOn} />
          <Field label="備考" id="training-note" name="note" errors={trainingErrors.note} />
          <div>
            <SubmitButton>研修の記録を追加する</SubmitButton>
          </div>
        </Form>
      ) : null}
    </>
  )
}
