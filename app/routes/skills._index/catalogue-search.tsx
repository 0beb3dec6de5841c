// The catalogue search box (GET ?q=) and its results. Synonyms (ガバクラ, PM, セキスペ …) are expanded on the server.
import { Form, Link, useNavigation, useSearchParams } from '@remix-run/react'
import { RetiredBadge } from '~/components/skill-catalogue'
import { Field } from '~/components/forms'

type Outcome =
  | {
      status: 'ok'
      query: string
      hits: Array<{
        type: string
        typeLabel: string
        id: string
        name: string
        href: string
        summary: string
        retired: boolean
      }>
    }
  | { status: 'search-unavailable' }
  | { status: 'invalid'; message: string }
  | null

export function CatalogueSearch({ search }: { search: Outcome }) {
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/skills'
  const error = search?.status === 'invalid' ? search.message : undefined
  return (
    <>
      <Form method="get" className="search-form" role="search" aria-label="スキル標準の検索">
        <div className="search-form__row">
          <Field
            label="スキル・人材像・資格を検索"
            description="略称や言い換えでも探せます（例: ガバクラ、業務改革、PM、セキスペ）。"
            id="skills-q"
            type="search"
            name="q"
            defaultValue={searchParams.get('q') ?? ''}
            maxLength={100}
            errors={[error]}
          />
          <button type="submit" className="button">
            {searching ? '検索中…' : '検索する'}
          </button>
        </div>
      </Form>
      {search?.status === 'search-unavailable' ? (
        <div className="notice notice--error" role="alert">
          <p>
            <strong>検索は一時的にご利用いただけません。</strong>
            検索サーバーに接続できませんでした。時間をおいて、もう一度お試しください。人材像と分野・スキルの一覧（下）はご覧いただけます。
          </p>
        </div>
      ) : null}
      {search?.status === 'ok' ? (
        <section aria-labelledby="skills-results-heading" aria-busy={searching} className="skills-results">
          <h2 id="skills-results-heading">「{search.query}」の検索結果</h2>
          <p className="result-summary" role="status">
            {search.hits.length === 0
              ? '該当する項目はありません。言葉を変えてお試しください。'
              : `${search.hits.length} 件見つかりました`}
          </p>
          {search.hits.length > 0 ? (
            <ul className="skills-results__list">
              {search.hits.map((hit) => (
                <li key={`${hit.type}:${hit.id}`}>
                  <span className="badge">{hit.typeLabel}</span> <Link to={hit.href}>{hit.name}</Link>{' '}
                  {hit.retired ? <RetiredBadge /> : null}
                  {hit.summary ? <p className="skills-results__summary">{hit.summary}</p> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </>
  )
}
