// Field components wired for accessibility: label, aria-invalid, aria-describedby, and the error list
// reserved next to the field (GUIDE rule 6). They take a conform field (`fields.x`) and read its name,
// constraint, default value and errors from it, so a form says only what differs: the label and the control's
// own attributes. `useSchemaForm` is the one way to start a conform form from its zod schema.
import {
  type DefaultValue,
  type FieldMetadata,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import type {
  HTMLInputTypeAttribute,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react'
import { useId } from 'react'
import type { z } from 'zod'

/**
 * A conform form validated by its zod schema in the browser (for the message next to the field) and, with the
 * same schema, on the server. Fields are checked again on blur once they have been submitted.
 */
export function useSchemaForm<Schema extends z.ZodType<Record<string, any>, Record<string, any>>>(
  schema: Schema,
  {
    id,
    defaultValue,
    lastResult,
    shouldRevalidate = 'onBlur',
  }: {
    id: string
    defaultValue?: DefaultValue<z.input<Schema>>
    lastResult?: SubmissionResult<string[]> | null
    shouldRevalidate?: 'onSubmit' | 'onBlur' | 'onInput'
  },
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id,
    constraint: getZodConstraint(schema),
    defaultValue,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldRevalidate,
  })
}

export type ListOfErrors = Array<string | null | undefined> | null | undefined

/** Whether a list of errors has a message (empty entries are no error). */
export function hasErrors(errors: ListOfErrors): boolean {
  return errors?.some(Boolean) ?? false
}

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

/** Label (with 必須 for a required control), optional description, the control, and its errors below it. */
function FieldFrame({
  label,
  control: { id: controlId, required },
  errors,
  description,
  children,
}: {
  label: ReactNode
  control: { id?: string; required?: boolean }
  errors?: ListOfErrors
  description?: ReactNode
  children: (wiring: ControlWiring) => ReactNode
}) {
  const fallbackId = useId()
  const id = controlId ?? fallbackId
  const errorId = hasErrors(errors) ? `${id}-error` : undefined
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

/** A field of a conform form (`fields.x` from useForm): its id, name, constraint and errors. */
export type FormField = FieldMetadata<any, any, any>

/**
 * What every field component takes: the label, an optional description, and the control. In a conform form
 * pass `field`: the control's id, name, constraint, default value and errors come from it. In a form without
 * conform pass `id`, `name`, `defaultValue` and `errors` yourself. Attributes given win over the field's.
 */
type FieldProps<Attributes> = {
  label: ReactNode
  description?: ReactNode
  field?: FormField
  errors?: ListOfErrors
} & Omit<Attributes, 'form' | 'type'>

type InputType = Exclude<HTMLInputTypeAttribute, 'checkbox' | 'radio'>

export function Field({
  label,
  description,
  field,
  errors,
  type = 'text',
  ...attributes
}: FieldProps<InputHTMLAttributes<HTMLInputElement>> & { type?: InputType }) {
  const { key, ...input } = {
    ...(field ? getInputProps(field, { type: type as 'text', ariaAttributes: false }) : { key: undefined, type }),
    ...attributes,
  }
  return (
    <FieldFrame label={label} control={input} errors={errors ?? field?.errors} description={description}>
      {(wiring) => <input key={key} {...input} {...wiring} />}
    </FieldFrame>
  )
}

export function SelectField({
  label,
  description,
  field,
  errors,
  options,
  placeholder,
  ...attributes
}: FieldProps<SelectHTMLAttributes<HTMLSelectElement>> & {
  options: ReadonlyArray<{ value: string; label: string }>
  /** The first, empty choice (e.g. 「選択してください」); none when omitted. */
  placeholder?: string
}) {
  const { key, ...select } = {
    ...(field ? getSelectProps(field, { ariaAttributes: false }) : { key: undefined }),
    ...attributes,
  }
  return (
    <FieldFrame label={label} control={select} errors={errors ?? field?.errors} description={description}>
      {(wiring) => (
        <select key={key} {...select} {...wiring}>
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

export function TextareaField({
  label,
  description,
  field,
  errors,
  ...attributes
}: FieldProps<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { key, ...textarea } = {
    ...(field ? getTextareaProps(field, { ariaAttributes: false }) : { key: undefined }),
    ...attributes,
  }
  return (
    <FieldFrame label={label} control={textarea} errors={errors ?? field?.errors} description={description}>
      {(wiring) => <textarea key={key} {...textarea} {...wiring} />}
    </FieldFrame>
  )
}

/** A checkbox with its label after it; the errors below. */
export function CheckboxField({
  label,
  field,
  errors = field?.errors,
  ...attributes
}: Omit<FieldProps<InputHTMLAttributes<HTMLInputElement>>, 'description'>) {
  const fallbackId = useId()
  const { key, ...input } = {
    ...(field ? getInputProps(field, { type: 'checkbox', ariaAttributes: false }) : { key: undefined }),
    ...attributes,
  }
  const id = input.id ?? fallbackId
  const errorId = hasErrors(errors) ? `${id}-error` : undefined
  return (
    <div className="field field--checkbox">
      <label htmlFor={id}>
        <input
          key={key}
          {...input}
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

/**
 * One button acting on one item of a list (停止する, 辞退する, 削除する, 外す): a small form of its own that sends
 * the intent and the item's hidden values. Name the item in `ariaLabel` when the button text alone does not.
 */
export function RowAction({
  intent,
  values,
  label,
  ariaLabel,
  className = 'link-button',
}: {
  intent: string
  values: Record<string, string>
  label: ReactNode
  ariaLabel?: string
  className?: string
}) {
  return (
    <Form method="post" className="inline-form">
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="intent" value={intent} className={className} aria-label={ariaLabel}>
        {label}
      </button>
    </Form>
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
    <SelectField
      label={label}
      id={`filter-${name}`}
      name={name}
      defaultValue={defaultValue}
      options={options}
      placeholder={allLabel}
    />
  )
}
