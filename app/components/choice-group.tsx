// Form pieces shared by several features: a group of checkboxes or radio buttons in a fieldset whose legend
// names it and whose errors it announces (and its form for choosing prefectures), and the hidden lock version
// of an optimistic-locking form.
import { getCollectionProps } from '@conform-to/react'
import type { InputHTMLAttributes, ReactNode } from 'react'
import { ErrorList, type ListOfErrors } from './forms'

/**
 * The lock version the form was loaded with — or, after a conflict, the current one the action returned,
 * so that saving again knowingly overwrites. Not managed by conform (its reply would restore the old one).
 */
export function LockVersionInput({
  loaded,
  afterConflict,
}: {
  loaded: number | null | undefined
  afterConflict: number | null | undefined
}) {
  const value = afterConflict ?? loaded
  return <input type="hidden" name="lockVersion" value={value === null || value === undefined ? '' : String(value)} />
}

export function ChoiceGroup({
  legend,
  description,
  errorId,
  errors,
  choices,
  columns = false,
  required = false,
}: {
  legend: ReactNode
  description?: ReactNode
  errorId: string
  errors?: ListOfErrors
  choices: Array<{
    props: InputHTMLAttributes<HTMLInputElement> & { key?: string }
    label: ReactNode
    hint?: ReactNode
  }>
  columns?: boolean
  required?: boolean
}) {
  const descriptionId = description ? `${errorId}-description` : undefined
  const describedBy = [descriptionId, errors?.length ? errorId : undefined].filter(Boolean).join(' ') || undefined
  return (
    <fieldset className="choice-group" aria-describedby={describedBy} aria-invalid={errors?.length ? true : undefined}>
      <legend>
        {legend}
        {required ? <span className="required">必須</span> : null}
      </legend>
      {description ? (
        <p id={descriptionId} className="field-description">
          {description}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
      <div className={columns ? 'choice-group__options choice-group__options--columns' : 'choice-group__options'}>
        {choices.map(({ props: { key, ...props }, label, hint }) => (
          <label key={key ?? String(props.value)} className="choice">
            <input {...props} />
            <span>
              {label}
              {hint ? <span className="choice__hint">{hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/** One checkbox per prefecture (in the order given, labelled by name) for a conform field of codes. */
export function PrefectureChoices({
  legend,
  description,
  field,
  prefectures,
}: {
  legend: ReactNode
  description?: ReactNode
  field: Parameters<typeof getCollectionProps>[0] & { errorId: string; errors?: ListOfErrors }
  prefectures: ReadonlyArray<{ code: string; name: string }>
}) {
  const names = new Map(prefectures.map((p) => [p.code, p.name]))
  return (
    <ChoiceGroup
      legend={legend}
      description={description}
      columns
      errorId={field.errorId}
      errors={field.errors}
      choices={getCollectionProps(field, { type: 'checkbox', options: prefectures.map((p) => p.code) }).map(
        (props) => ({ props, label: names.get(props.value) ?? props.value }),
      )}
    />
  )
}
