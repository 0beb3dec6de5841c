// Pay as a unit and a range in yen, asked the same way of a professional (希望報酬) and of a need (報酬・予算).
import type { ReactNode } from 'react'
import { PAY_UNIT_OPTIONS } from '~/utils/labels'
import { Field, type FormField, SelectField } from './forms'

export function PayRangeFields({
  legend,
  unit,
  min,
  max,
  children,
}: {
  legend: ReactNode
  unit: FormField
  min: FormField
  max: FormField
  /** More amounts in the same row (e.g. a need's budget). */
  children?: ReactNode
}) {
  return (
    <fieldset className="choice-group">
      <legend>{legend}</legend>
      <div className="pay-range">
        <SelectField label="単位" field={unit} options={PAY_UNIT_OPTIONS} placeholder="選択してください" />
        <Field label="下限（円）" field={min} type="number" step={1} />
        <Field label="上限（円）" field={max} type="number" step={1} />
        {children}
      </div>
    </fieldset>
  )
}

/** A number of days a week: half days, at most the five working days. */
export const DAYS_PER_WEEK_INPUT = { type: 'number', step: 0.5, max: 5, inputMode: 'decimal' } as const
