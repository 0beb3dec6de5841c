// Starting and ending a placement (its employer only): each a small form of its own with the lock version the
// page was read at, answered by the page's action (intent activate / end).
import { Form, type useLoaderData } from '@remix-run/react'
import { Field, SelectField, SubmitButton } from '~/components/forms'
import { formatDate } from '~/utils/dates'
import { PLACEMENT_END_REASON_OPTIONS } from '~/utils/labels'
import type { loader } from './route'

type Placement = ReturnType<typeof useLoaderData<typeof loader>>['placement']
type Errors = Record<string, string[] | undefined>

export function ActivatePanel({
  placement: p,
  problems,
  errors,
}: {
  placement: Placement
  problems: string[]
  errors: Errors
}) {
  return (
    <section aria-labelledby="activate-heading" className="status-panel placement-actions">
      <h2 id="activate-heading">配置を開始する</h2>
      {problems.length > 0 ? (
        <p className="notice" role="status">
          開始するには「編集する」から次の項目を入力してください: {problems.join('／')}
        </p>
      ) : (
        <Form method="post" className="form-stack">
          <input type="hidden" name="lockVersion" value={p.lockVersion} />
          <Field
            label="メモ（任意・経過に残ります）"
            id="activate-note"
            name="note"
            maxLength={1000}
            errors={errors.note}
          />
          <div>
            <SubmitButton name="intent" value="activate" pendingText="開始中…">
              {`${p.startOn ? formatDate(p.startOn) : ''}から配置を開始する`}
            </SubmitButton>
          </div>
        </Form>
      )}
    </section>
  )
}

export function EndPanel({ placement: p, today, errors }: { placement: Placement; today: string; errors: Errors }) {
  return (
    <section aria-labelledby="end-heading" className="status-panel placement-actions">
      <h2 id="end-heading">配置を終了する</h2>
      <p>任期満了・辞職・異動などで配置が終わったときに記録します。終了した配置は経過とともに残ります。</p>
      <Form method="post" className="form-stack">
        <input type="hidden" name="lockVersion" value={p.lockVersion} />
        <Field
          label="終了日"
          id="end-on"
          name="endOn"
          type="date"
          max={today}
          required
          defaultValue={p.endOn && p.endOn <= today ? p.endOn : ''}
          errors={errors.endOn}
        />
        <SelectField
          label="終了の理由"
          id="end-reason"
          name="endReason"
          required
          defaultValue=""
          options={PLACEMENT_END_REASON_OPTIONS}
          placeholder="選択してください"
          errors={errors.endReason}
        />
        <Field label="補足（任意）" id="end-note" name="endNote" maxLength={1000} errors={errors.endNote} />
        <div>
          <SubmitButton name="intent" value="end" className="button button--danger" pendingText="記録中…">
            配置を終了する
          </SubmitButton>
        </div>
      </Form>
    </section>
  )
}
