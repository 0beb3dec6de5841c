// The 監査ログ filter form: a GET form, so every filtered view has a URL (and the CSV link carries it).
import { Form, Link, useSearchParams } from '@remix-run/react'
import { type ReactNode, useState } from 'react'
import type { AuditPageOptions } from '~/models/audit-view.server'

type Option = { value: string; label: string }
type FieldA11y = { id: string; name: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }

function FilterField({
  name,
  label,
  error,
  children,
}: {
  name: string
  label: string
  error?: string
  children: (a11y: FieldA11y) => ReactNode
}) {
  const id = `audit-${name}`
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? errorId : undefined,
      })}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** Known values first; a value from the URL that the list does not know (a newer entity) stays selectable. */
function withCurrent(options: Option[], current: string): Option[] {
  return current && !options.some((o) => o.value === current)
    ? [...options, { value: current, label: current }]
    : options
}

export function AuditFilterForm({
  options,
  fieldErrors,
  loading,
}: {
  options: AuditPageOptions
  fieldErrors: Record<string, string>
  loading: boolean
}) {
  const [searchParams] = useSearchParams()
  const current = (key: string) => searchParams.get(key) ?? ''
  // Once an entity is chosen, only its actions are offered (without script, every action is).
  const [entity, setEntity] = useState(current('entity'))
  const actions = options.actionsByEntity[entity] ?? options.actions
  return (
    <Form method="get" className="search-form audit-filters" role="search" aria-label="監査ログの絞り込み">
      <div className="search-form__row">
        <FilterField name="entity" label="対象" error={fieldErrors.entity}>
          {(a11y) => (
            <select {...a11y} value={entity} onChange={(event) => setEntity(event.currentTarget.value)}>
              <option value="">すべて</option>
              {withCurrent(options.entities, current('entity')).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField name="action" label="操作" error={fieldErrors.action}>
          {(a11y) => (
            <select {...a11y} defaultValue={current('action')}>
              <option value="">すべて</option>
              {withCurrent(actions, current('action')).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField name="actor" label="操作者（氏名など）" error={fieldErrors.actor}>
          {(a11y) => <input {...a11y} type="search" maxLength={100} defaultValue={current('actor')} />}
        </FilterField>
        {options.national ? (
          <FilterField name="pref" label="都道府県" error={fieldErrors.pref}>
            {(a11y) => (
              <select {...a11y} defaultValue={current('pref')}>
                <option value="">すべて（全国）</option>
                {options.prefectures.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </FilterField>
        ) : null}
      </div>
      <fieldset className="audit-filters__period">
        <legend>期間（日本時間）</legend>
        <div className="search-form__row">
          <FilterField name="from" label="開始日" error={fieldErrors.from}>
            {(a11y) => <input {...a11y} type="date" defaultValue={current('from')} />}
          </FilterField>
          <FilterField name="to" label="終了日（この日を含む）" error={fieldErrors.to}>
            {(a11y) => <input {...a11y} type="date" defaultValue={current('to')} />}
          </FilterField>
        </div>
      </fieldset>
      {fieldErrors.page ? <p className="field-error">{fieldErrors.page}</p> : null}
      <div className="audit-filters__actions">
        <button type="submit" className="button">
          {loading ? '読み込み中…' : '絞り込む'}
        </button>
        <Link to="/admin/audit">条件をクリア</Link>
      </div>
    </Form>
  )
}
