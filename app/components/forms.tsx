// Field components wired for accessibility: label, aria-invalid, aria-describedby, and the error list
// reserved next to the field (GUIDE rule 6). Used with conform's getInputProps.
import { useNavigation } from '@remix-run/react'
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { useId } from 'react'

export type ListOfErrors = Array<string | null | undefined> | null | undefined

export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const messages = errors?.filter(Boolean)
  if (!messages?.length) return null
  return (
    <ul id={id} className="field-errors">
      {messages.map((message) => (
        <li key={message} className="field-error">
          {message}
        </li>
      ))}
    </ul>
  )
}

function describedBy(...ids: Array<string | undefined | false>) {
  const value = ids.filter(Boolean).join(' ')
  return value || undefined
}

/** The ids and ARIA wiring every labelled control shares: its id, the description and the error list. */
interface ControlWiring {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

/** Label (with 必須), optional description, the control, and its errors reserved below it. */
function FieldFrame({
  label,
  controlId,
  required,
  errors,
  description,
  children,
}: {
  label: ReactNode
  controlId: string | undefined
  required: boolean | undefined
  errors?: ListOfErrors
  description?: ReactNode
  children: (wiring: ControlWiring) => ReactNode
}) {
  const fallbackId = useId()
  const id = controlId ?? fallbackId
  const errorId = errors?.length ? `${id}-error` : undefined
  const descriptionId = description ? `${id}-description` : undefined
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="required">必須</span> : null}
      </label>
      {description ? (
        <p id={descriptionId} className="field-description">
          {description}
        </p>
      ) : null}
      {children({
        id,
        'aria-invalid': errorId ? true : undefined,
        'aria-describedby': describedBy(descriptionId, errorId),
      })}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function Field({
  label,
  inputProps,
  errors,
  description,
}: {
  label: ReactNode
  inputProps: InputHTMLAttributes<HTMLInputElement>
  errors?: ListOfErrors
  description?: ReactNode
}) {
  return (
    <FieldFrame
      label={label}
      controlId={inputProps.id}
      required={inputProps.required}
      errors={errors}
      description={description}
    >
      {(wiring) => <input {...inputProps} {...wiring} />}
    </FieldFrame>
  )
}

export function SelectField({
  label,
  selectProps,
  options,
  errors,
  placeholder,
}: {
  label: ReactNode
  selectProps: SelectHTMLAttributes<HTMLSelectElement>
  options: Array<{ value: string; label: string }>
  errors?: ListOfErrors
  placeholder?: string
}) {
  return (
    <FieldFrame label={label} controlId={selectProps.id} required={selectProps.required} errors={errors}>
      {(wiring) => (
        <select {...selectProps} {...wiring}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  )
}

export function CheckboxField({
  label,
  inputProps,
  errors,
}: {
  label: ReactNode
  inputProps: InputHTMLAttributes<HTMLInputElement>
  errors?: ListOfErrors
}) {
  const fallbackId = useId()
  const id = inputProps.id ?? fallbackId
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div className="field field--checkbox">
      <label htmlFor={id}>
        <input
          {...inputProps}
          type="checkbox"
          id={id}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
        />
        {label}
      </label>
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

/**
 * Form-level errors from the server (e.g. a wrong password), announced to screen readers. Pass the action
 * result's errors, not conform's live state: client revalidation on blur would clear them, shifting the
 * page under the user's pointer between mousedown and click (the submit button then misses the click).
 */
export function FormErrors({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const messages = errors?.filter(Boolean)
  if (!messages?.length) return null
  return (
    <div id={id} className="notice notice--error" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  )
}

/**
 * A submit button that says what is happening while its form is submitting. Give it name/value only when
 * the form has no hidden input of the same name: both would be sent, and `intent` would become a list.
 */
export function SubmitButton({
  children,
  pendingText = '送信中…',
  className = 'button',
  name,
  value,
}: {
  children: ReactNode
  pendingText?: string
  className?: string
  name?: string
  value?: string
}) {
  const navigation = useNavigation()
  const pending = navigation.state === 'submitting' && (!name || navigation.formData?.get(name) === value)
  return (
    <button type="submit" className={className} name={name} value={value} disabled={pending} aria-disabled={pending}>
      {pending ? pendingText : children}
    </button>
  )
}

export function TextareaField({
  label,
  textareaProps,
  errors,
  description,
}: {
  label: ReactNode
  textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement>
  errors?: ListOfErrors
  description?: ReactNode
}) {
  return (
    <FieldFrame
      label={label}
      controlId={textareaProps.id}
      required={textareaProps.required}
      errors={errors}
      description={description}
    >
      {(wiring) => <textarea {...textareaProps} {...wiring} />}
    </FieldFrame>
  )
}

/** A select in a GET filter form: 「すべて」 (no filter) first, then the options; keeps the current value. */
export function FilterSelect({
  name,
  label,
  defaultValue,
  options,
  allLabel = 'すべて',
}: {
  name: string
  label: string
  defaultValue: string
  options: ReadonlyArray<{ value: string; label: string }>
  allLabel?: string
}) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={defaultValue}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}
