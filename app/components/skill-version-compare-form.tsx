// Picks two versions to compare (GET /skills/diff?from=&to=). Shared by the history page and the diff page.
import { Form } from '@remix-run/react'

type VersionOption = { no: number; label: string; statusLabel: string }

function VersionSelect({
  name,
  label,
  versions,
  defaultValue,
  error,
}: {
  name: 'from' | 'to'
  label: string
  versions: VersionOption[]
  defaultValue: number | null
  error: string | undefined
}) {
  const id = `compare-${name}`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">選んでください</option>
        {versions.map((v) => (
          <option key={v.no} value={v.no}>
            {v.label}（{v.statusLabel}）
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

export function CompareForm({
  versions,
  defaultFrom,
  defaultTo,
  fieldErrors,
}: {
  versions: VersionOption[]
  defaultFrom: number | null
  defaultTo: number | null
  fieldErrors: Record<string, string>
}) {
  return (
    <section aria-labelledby="compare-heading">
      <h2 id="compare-heading">版を比較する</h2>
      {versions.length < 2 ? (
        <p>公開された版が一つだけのため、比較できる版はまだありません。</p>
      ) : (
        // Keyed by the defaults: the selects are uncontrolled, and a client-side navigation to another diff must reset them.
        <Form
          key={`${defaultFrom}-${defaultTo}`}
          method="get"
          action="/skills/diff"
          className="search-form skills-compare-form"
          aria-labelledby="compare-heading"
        >
          <div className="search-form__row">
            <VersionSelect
              name="from"
              label="比較元（古い版）"
              versions={versions}
              defaultValue={defaultFrom}
              error={fieldErrors.from}
            />
            <VersionSelect
              name="to"
              label="比較先（新しい版）"
              versions={versions}
              defaultValue={defaultTo}
              error={fieldErrors.to}
            />
            <button type="submit" className="button">
              比較する
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}
