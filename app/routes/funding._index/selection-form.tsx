// A body with more people than a measure's persons cap (CIO補佐官等: three, 002:443) chooses whom to count; by
// default the engine counts those with the largest eligible costs.
import { Form } from '@remix-run/react'
import { yen } from '~/components/funding-table'

export interface SelectionChoices {
  max: number
  measure: string
  candidates: Array<{ placementId: string; personName: string; eligibleCost: number; counted: boolean }>
}

export function SelectionForm({
  selection,
  fy,
  employer,
}: {
  selection: SelectionChoices
  fy: number
  employer: string
}) {
  return (
    <Form method="post" className="form-stack funding-selection">
      <fieldset>
        <legend>
          {selection.measure}の対象者（1団体{selection.max}人まで）
        </legend>
        <p>
          {selection.max}人を超えるため、対象経費の大きい順に{selection.max}
          人を数えています。別の人を数える場合は選び直してください。
        </p>
        {selection.candidates.map((c) => (
          <div key={c.placementId} className="checkbox-field">
            <input
              type="checkbox"
              id={`select-${c.placementId}`}
              name="placementId"
              value={c.placementId}
              defaultChecked={c.counted}
            />
            <label htmlFor={`select-${c.placementId}`}>
              {c.personName}（対象経費 {yen(c.eligibleCost)}）
            </label>
          </div>
        ))}
      </fieldset>
      <input type="hidden" name="fy" value={fy} />
      <input type="hidden" name="measure" value={selection.measure} />
      <input type="hidden" name="employer" value={employer} />
      <div className="button-row">
        <button type="submit" name="intent" value="select" className="button">
          この人たちを対象にする
        </button>
        <button type="submit" name="intent" value="reset" className="button button--secondary">
          対象経費の大きい順に戻す
        </button>
      </div>
    </Form>
  )
}
