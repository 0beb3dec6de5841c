// The ministry's answer to one 要確認 row: counted (with the amount, the engine's proposal by default) or not,
// with the reason; or, once decided, withdrawn.
import { Form } from '@remix-run/react'

interface Row {
  placementId: string
  measure: string | null
  proposedAmount: number | null
  decided: boolean
  decidedNote: string | null
  statusLabel: string
}

export function DecisionForm({
  row,
  fy,
  fieldErrors,
}: {
  row: Row
  fy: number
  fieldErrors?: Record<string, string[]>
}) {
  const id = `${row.placementId}-${row.measure}`
  const hidden = (
    <>
      <input type="hidden" name="placementId" value={row.placementId} />
      <input type="hidden" name="fy" value={fy} />
      <input type="hidden" name="measure" value={row.measure ?? ''} />
    </>
  )
  if (row.decided)
    return (
      <Form method="post" className="form-stack">
        <p>
          判断済み: {row.statusLabel}（{row.decidedNote}）
        </p>
        {hidden}
        <button type="submit" name="intent" value="withdraw" className="button button--secondary">
          判断を取り消す
        </button>
      </Form>
    )
  return (
    <Form method="post" className="form-stack" aria-label="要確認の判断">
      {hidden}
      <fieldset>
        <legend>判断</legend>
        <div className="radio-field">
          <input type="radio" id={`eligible-${id}`} name="decision" value="eligible" defaultChecked />
          <label htmlFor={`eligible-${id}`}>対象とする</label>
        </div>
        <div className="radio-field">
          <input type="radio" id={`not-eligible-${id}`} name="decision" value="not_eligible" />
          <label htmlFor={`not-eligible-${id}`}>対象外とする</label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`amount-${id}`}>措置額（円、対象とする場合）</label>
        <input
          id={`amount-${id}`}
          name="amount"
          inputMode="numeric"
          defaultValue={row.proposedAmount ?? 0}
          aria-invalid={fieldErrors?.amount ? true : undefined}
          aria-describedby={fieldErrors?.amount ? `amount-${id}-error` : undefined}
        />
        {fieldErrors?.amount ? (
          <p id={`amount-${id}-error`} className="field-error">
            {fieldErrors.amount[0]}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`note-${id}`}>判断の理由（必須）</label>
        <textarea
          id={`note-${id}`}
          name="note"
          rows={2}
          maxLength={1000}
          aria-invalid={fieldErrors?.note ? true : undefined}
          aria-describedby={fieldErrors?.note ? `note-${id}-error` : undefined}
        />
        {fieldErrors?.note ? (
          <p id={`note-${id}-error`} className="field-error">
            {fieldErrors.note[0]}
          </p>
        ) : null}
      </div>
      <button type="submit" name="intent" value="decide" className="button">
        判断を記録する
      </button>
    </Form>
  )
}
