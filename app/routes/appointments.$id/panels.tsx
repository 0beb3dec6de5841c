// The steps of a case, each a small form of its own with the lock version the page was read at, answered by the
// page's action: the ministry's review (return, decline, appoint), the end or revocation of an appointment, and
// the nominating prefecture's withdrawal.
import { Form, type useLoaderData } from '@remix-run/react'
import { ErrorList, Field, SelectField, SubmitButton, TextareaField } from '~/components/forms'
import type { loader } from './route'

type Page = ReturnType<typeof useLoaderData<typeof loader>>
type Appointment = Page['appointment']
type Errors = Record<string, string[] | null | undefined>

export function ReviewPanel({
  appointment: a,
  checklist,
  today,
  errors,
}: {
  appointment: Appointment
  checklist: Page['checklist']
  today: string
  errors: Errors
}) {
  return (
    <section aria-labelledby="review-heading" className="status-panel placement-actions">
      <h2 id="review-heading">審査する</h2>
      <p>
        根拠を確かめて項目に印を付けます。任命するにはすべての項目の確認が必要です。情報が足りないときは、コメントを付けて差し戻します。
      </p>
      <Form method="post" className="form-stack">
        <input type="hidden" name="lockVersion" value={a.lockVersion} />
        <fieldset className="choice-group">
          <legend>確認項目</legend>
          {checklist.map((c) => (
            <div key={c.item} className="field field--checkbox">
              <label htmlFor={`check-${c.item}`}>
                <input
                  type="checkbox"
                  id={`check-${c.item}`}
                  name={c.item}
                  defaultChecked={c.checked}
                  aria-invalid={errors[c.item] ? true : undefined}
                  aria-describedby={errors[c.item] ? `check-${c.item}-error` : undefined}
                />
                {c.label}
              </label>
              <ErrorList id={`check-${c.item}-error`} errors={errors[c.item]} />
            </div>
          ))}
        </fieldset>
        <TextareaField
          label="審査のコメント（差戻し・見送りでは必須。都道府県に送られます）"
          id="review-comment"
          name="comment"
          rows={4}
          maxLength={2000}
          errors={errors.comment}
        />
        <Field
          label="任命日（任命するとき）"
          id="appointed-on"
          name="appointedOn"
          type="date"
          defaultValue={today}
          errors={errors.appointedOn}
        />
        <Field label="任期の終了日（任意）" id="term-end-on" name="termEndOn" type="date" errors={errors.termEndOn} />
        <div className="button-row">
          <SubmitButton name="intent" value="appoint" pendingText="任命中…">
            任命する
          </SubmitButton>
          <SubmitButton name="intent" value="return" className="button button--secondary" pendingText="送信中…">
            差し戻す
          </SubmitButton>
          <SubmitButton name="intent" value="decline" className="button button--danger" pendingText="送信中…">
            見送る
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}

export function EndPanel({
  appointment: a,
  options,
  today,
  errors,
}: {
  appointment: Appointment
  options: Page['endReasonOptions']
  today: string
  errors: Errors
}) {
  return (
    <section aria-labelledby="end-heading" className="status-panel placement-actions">
      <h2 id="end-heading">任命を終了する・取り消す</h2>
      <p>
        任期満了や辞任で終わったときは「任命を終了する」、任命を取り消すときは理由を書いて「任命を取り消す」を押します。終了すると、この人の配置は「任命されたアクセラレータ」でなくなります。
      </p>
      <details open={Boolean(errors.endReason || errors.endedOn)}>
        <summary>任命を終了する</summary>
        <Form method="post" className="form-stack">
          <input type="hidden" name="lockVersion" value={a.lockVersion} />
          <Field label="終了日" id="ended-on" name="endedOn" type="date" max={today} required errors={errors.endedOn} />
          <SelectField
            label="終了の理由"
            id="end-reason"
            name="endReason"
            required
            defaultValue=""
            options={options}
            placeholder="選択してください"
            errors={errors.endReason}
          />
          <Field label="補足（任意）" id="end-note" name="endNote" maxLength={1000} errors={errors.endNote} />
          <div>
            <SubmitButton name="intent" value="end" className="button button--danger" pendingText="記録中…">
              任命を終了する
            </SubmitButton>
          </div>
        </Form>
      </details>
      <details open={Boolean(errors.endNote && !errors.endReason)}>
        <summary>任命を取り消す</summary>
        <Form method="post" className="form-stack">
          <input type="hidden" name="lockVersion" value={a.lockVersion} />
          <Field
            label="取消しの日"
            id="revoked-on"
            name="endedOn"
            type="date"
            max={today}
            defaultValue={today}
            required
            errors={errors.endedOn}
          />
          <TextareaField
            label="取消しの理由"
            id="revoke-note"
            name="endNote"
            rows={3}
            maxLength={1000}
            required
            errors={errors.endNote}
          />
          <div>
            <SubmitButton name="intent" value="revoke" className="button button--danger" pendingText="記録中…">
              任命を取り消す
            </SubmitButton>
          </div>
        </Form>
      </details>
    </section>
  )
}

export function WithdrawPanel({ appointment: a, errors }: { appointment: Appointment; errors: Errors }) {
  return (
    <section aria-labelledby="withdraw-heading" className="status-panel placement-actions">
      <h2 id="withdraw-heading">推薦を取り下げる</h2>
      <Form method="post" className="form-stack">
        <input type="hidden" name="lockVersion" value={a.lockVersion} />
        <Field label="取下げの理由（任意）" id="withdraw-note" name="note" maxLength={1000} errors={errors.note} />
        <div>
          <SubmitButton name="intent" value="withdraw" className="button button--danger" pendingText="送信中…">
            推薦を取り下げる
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}
