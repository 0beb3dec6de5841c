// Interview scheduling and training records on a pool member's page.
import { Form } from '@remix-run/react'
import { ErrorList, FormErrors, SubmitButton } from '~/components/forms'
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
          <div className="field">
            <label htmlFor="interviewAt">面接日時（日本時間）</label>
            <input
              id="interviewAt"
              name="interviewAt"
              type="datetime-local"
              defaultValue={member.interviewAt ? toDateTimeLocalValue(member.interviewAt) : ''}
              aria-invalid={interviewErrors.interviewAt ? true : undefined}
              aria-describedby={interviewErrors.interviewAt ? 'interviewAt-error' : undefined}
            />
            <ErrorList id="interviewAt-error" errors={interviewErrors.interviewAt} />
          </div>
          <div className="field">
            <label htmlFor="interviewPlace">場所・方法（例: 県庁本館3階、オンライン）</label>
            <input
              id="interviewPlace"
              name="interviewPlace"
              type="text"
              defaultValue={member.interviewPlace}
              aria-invalid={interviewErrors.interviewPlace ? true : undefined}
              aria-describedby={interviewErrors.interviewPlace ? 'interviewPlace-error' : undefined}
            />
            <ErrorList id="interviewPlace-error" errors={interviewErrors.interviewPlace} />
          </div>
          <div className="field">
            <label htmlFor="interview-notes">メモ</label>
            <textarea id="interview-notes" name="notes" rows={3} defaultValue={member.notes} />
            <ErrorList errors={interviewErrors.notes} />
          </div>
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
          <div className="field">
            <label htmlFor="training-title">研修名</label>
            <input
              id="training-title"
              name="title"
              type="text"
              placeholder="例: 行政実務研修"
              aria-invalid={trainingErrors.title ? true : undefined}
              aria-describedby={trainingErrors.title ? 'training-title-error' : undefined}
            />
            <ErrorList id="training-title-error" errors={trainingErrors.title} />
          </div>
          <div className="field">
            <label htmlFor="provider">実施機関</label>
            <input
              id="provider"
              name="provider"
              type="text"
              placeholder="例: 自治大学校"
              aria-invalid={trainingErrors.provider ? true : undefined}
              aria-describedby={trainingErrors.provider ? 'provider-error' : undefined}
            />
            <ErrorList id="provider-error" errors={trainingErrors.provider} />
          </div>
          <div className="field">
            <label htmlFor="completedOn">修了日</label>
            <input
              id="completedOn"
              name="completedOn"
              type="date"
              aria-invalid={trainingErrors.completedOn ? true : undefined}
              aria-describedby={trainingErrors.completedOn ? 'completedOn-error' : undefined}
            />
            <ErrorList id="completedOn-error" errors={trainingErrors.completedOn} />
          </div>
          <div className="field">
            <label htmlFor="training-note">備考</label>
            <input
              id="training-note"
              name="note"
              type="text"
              aria-invalid={trainingErrors.note ? true : undefined}
              aria-describedby={trainingErrors.note ? 'training-note-error' : undefined}
            />
            <ErrorList id="training-note-error" errors={trainingErrors.note} />
          </div>
          <div>
            <SubmitButton>研修の記録を追加する</SubmitButton>
          </div>
        </Form>
      ) : null}
    </>
  )
}
