// Form pieces shared by several features: a group of checkboxes or radio buttons in a fieldset whose legend
// names it and whose errors it announces (for a list of options, for prefectures and for the skills of the
// skill standard by area), and the hidden lock version of an optimistic-locking form.
import { getCollectionProps } from '@conform-to/react'
import type { InputHTMLAttributes, ReactNode } from 'react'
import { ErrorList, type FormField, hasErrors, type ListOfErrors } from './forms'

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
  const describedBy = [descriptionId, hasErrors(errors) ? errorId : undefined].filter(Boolean).join(' ') || undefined
  return (
    <fieldset
      className="choice-group"
      aria-describedby={describedBy}
      aria-invalid={hasErrors(errors) ? true : undefined}
    >
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

/**
 * A conform field's choices, one checkbox (several values) or radio button (one value) per option, each
 * labelled by its option (with the option's description as a hint).
 */
export function OptionChoices({
  legend,
  description,
  field,
  type,
  options,
  columns,
  required,
}: {
  legend: ReactNode
  description?: ReactNode
  field: FormField
  type: 'checkbox' | 'radio'
  options: ReadonlyArray<{ value: string; label: ReactNode; description?: ReactNode }>
  columns?: boolean
  required?: boolean
}) {
  const byValue = new Map(options.map((option) => [option.value, option]))
  return (
    <ChoiceGroup
      legend={legend}
      description={description}
      columns={columns}
      required={required}
      errorId={field.errorId}
      errors={field.errors}
      choices={getCollectionProps(field, { type, options: options.map((o) => o.value) }).map((props) => {
        const option = byValue.get(props.value)
        return { props, label: option?.label ?? props.value, hint: option?.description }
      })}
    />
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
  field: FormField
  prefectures: ReadonlyArray<{ code: string; name: string }>
}) {
  return (
    <OptionChoices
      legend={legend}
      description={description}
      columns
      field={field}
      type="checkbox"
      options={prefectures.map((p) => ({ value: p.code, label: p.name }))}
    />
  )
}

/**
 * Skills of the skill standard to tick for a conform field of skill ids, one group per area inside a
 * disclosure, with the field's errors below the groups.
 */
export function SkillChoicesByArea({
  summary,
  field,
  areas,
  open,
  columns,
  className,
}: {
  summary: ReactNode
  field: FormField
  areas: ReadonlyArray<{ id: string; name: string; skills: ReadonlyArray<{ id: string; name: string }> }>
  open: boolean
  columns?: boolean
  className?: string
}) {
  const choices = getCollectionProps(field, {
    type: 'checkbox',
    options: areas.flatMap((a) => a.skills.map((s) => s.id)),
  })
  return (
    <details className={className} open={open}>
      <summary>{summary}</summary>
      {areas.map((area) => {
        const names = new Map(area.skills.map((s) => [s.id, s.name]))
        return (
          <ChoiceGroup
            key={area.id}
            legend={area.name}
            errorId={`${field.errorId}-${area.id}`}
            columns={columns}
            choices={choices
              .filter((props) => names.has(props.value))
              .map((props) => ({ props, label: names.get(props.value) }))}
          />
        )
      })}
      <ErrorList id={field.errorId} errors={field.errors} />
    </details>
  )
}
