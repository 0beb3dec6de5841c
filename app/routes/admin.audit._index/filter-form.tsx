// The 監査ログ filter form: a GET form, so every filtered view has a URL (and the CSV link carries it).
import { Form, Link, useSearchParams } from '@remix-run/react'
import { useState } from 'react'
import { Field, SelectField } from '~/components/forms'
import type { AuditPageOptions } from '~/models/audit-view.server'

type Option = { value: string; label: string }

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
  const filter = (name: string) => ({ id: `audit-${name}`, name, errors: [fieldErrors[name]] })
  // Once an entity is chosen, only its actions are offered (without script, every action is).
  const [entity, setEntity] = useState(current('entity'))
  const actions = options.actionsByEntity[entity] ?? options.actions
  return (
    <Form method="get" className="search-form audit-filters" role="search" aria-label="監査ログの絞り込み">
      <div className="search-form__row">
        <SelectField
          {...filter('entity')}
          label="対象"
          value={entity}
          onChange={(event) => setEntity(event.currentTarget.value)}
          placeholder="すべて"
          options={withCurrent(options.entities, current('entity'))}
        />
        <SelectField
          {...filter('action')}
          label="操作"
          defaultValue={current('action')}
          placeholder="すべて"
          options={withCurrent(actions, current('action'))}
        />
        <Field
          {...filter('actor')}
          label="操作者（氏名など）"
          type="search"
          maxLength={100}
          defaultValue={current('actor')}
        />
        {options.national ? (
          <SelectField
            {...filter('pref')}
            label="都道府県"
            defaultValue={current('pref')}
            placeholder="すべて（全国）"
            options={options.prefectures.map((p) => ({ value: p.code, label: p.name }))}
          />
        ) : null}
      </div>
      <fieldset className="audit-filters__period">
        <legend>期間（日本時間）</legend>
        <div className="search-form__row">
          <Field {...filter('from')} label="開始日" type="date" defaultValue={current('from')} />
          <Field {...filter('to')} label="終了日（この日を含む）" type="date" defaultValue={current('to')} />
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
