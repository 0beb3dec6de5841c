// 状態の変更 on a shortlist entry's page: the next steps the server allows now (候補 → 打診 → 面談 → 内定, 見送り,
// 辞退), with a note kept in the history.
import { Form } from '@remix-run/react'
import { ErrorList, FormErrors, SubmitButton } from '~/components/forms'
import { type EntryActionData, entryErrorsOf } from './action-errors'

interface Props {
  entry: { lockVersion: number }
  moves: Array<{ value: string; label: string }>
  actionData: EntryActionData
}

export function ShortlistStatusForm({ entry, moves, actionData }: Props) {
  const errors = entryErrorsOf(actionData, 'status')
  return (
    <section aria-labelledby="shortlist-status-heading" className="status-panel">
      <h2 id="shortlist-status-heading">状態の変更</h2>
      <p className="field-description">
        「声をかける（打診）」と本人にメールが届き、ホームに表示されます。「内定にする」とニーズは「充足」になります（内定は1つのニーズに1人）。
      </p>
      {/* Keyed on the lock version: after a change the form starts afresh. */}
      <Form method="post" className="form-stack" key={`status-${entry.lockVersion}`}>
        <FormErrors errors={errors.form} />
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="lockVersion" value={entry.lockVersion} />
        <div className="field">
          <label htmlFor="shortlist-to">変更後の状態</label>
          <select
            id="shortlist-to"
            name="to"
            aria-invalid={errors.fields.to ? true : undefined}
            aria-describedby={errors.fields.to ? 'shortlist-to-error' : undefined}
          >
            {moves.map((move) => (
              <option key={move.value} value={move.value}>
                {move.label}
              </option>
            ))}
          </select>
          <ErrorList id="shortlist-to-error" errors={errors.fields.to} />
        </div>
        <div className="field">
          <label htmlFor="shortlist-note">メモ（任意・経過に残ります。本人には送られません）</label>
          <textarea
            id="shortlist-note"
            name="note"
            rows={3}
            maxLength={1000}
            aria-invalid={errors.fields.note ? true : undefined}
            aria-describedby={errors.fields.note ? 'shortlist-note-error' : undefined}
          />
          <ErrorList id="shortlist-note-error" errors={errors.fields.note} />
        </div>
        <div>
          <SubmitButton pendingText="変更中…">状態を変更する</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
