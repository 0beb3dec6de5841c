// The narrowing form of a need's candidates: free text and one choice per facet, each option with its count.
// A plain GET form, so the narrowing is the URL (bookmark, share, save) and works without JavaScript.
import { Form, Link } from '@remix-run/react'
import { Field, SelectField } from '~/components/forms'
import type { NeedMatchesPage } from '~/models/match.server'

type FacetKey = 'form' | 'residence' | 'skill' | 'status' | 'role'

function FacetSelect({
  name,
  label,
  options,
  value,
}: {
  name: FacetKey
  label: string
  options: Array<{ value: string; label: string; count: number }>
  value: string | undefined
}) {
  // A selected value with no candidates left still shows, so the choice can be seen and undone.
  const shown =
    value && !options.some((o) => o.value === value) ? [...options, { value, label: value, count: 0 }] : options
  return (
    <SelectField
      label={label}
      id={`facet-${name}`}
      name={name}
      defaultValue={value ?? ''}
      placeholder="すべて"
      options={shown.map((o) => ({ value: o.value, label: `${o.label}（${o.count}人）` }))}
    />
  )
}

export function MatchFacets({ page }: { page: NeedMatchesPage }) {
  const { query, facets, need } = page
  return (
    <Form method="get" className="match-facets" aria-label="候補者の絞り込み">
      <h2>絞り込み</h2>
      <Field
        label="キーワード（氏名・スキル・自己紹介）"
        id="facet-q"
        name="q"
        type="search"
        defaultValue={query.q ?? ''}
        maxLength={100}
      />
      <FacetSelect name="skill" label="スキル" options={facets.skills} value={query.skill} />
      <FacetSelect name="form" label="希望する任用形態" options={facets.employmentForms} value={query.form} />
      <FacetSelect name="residence" label="居住地" options={facets.residence} value={query.residence} />
      <FacetSelect
        name="status"
        label={`${page.poolLabel}での状況`}
        options={facets.poolStatuses}
        value={query.status}
      />
      <FacetSelect name="role" label="目指す人材像（人材プール）" options={facets.roles} value={query.role} />
      <button type="submit" className="button">
        絞り込む
      </button>{' '}
      <Link to={`/needs/${need.id}/candidates`}>条件をすべて外す</Link>
    </Form>
  )
}
