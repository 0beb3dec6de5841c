import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigate, useNavigation, useSearchParams } from '@remix-run/react'
import {
  KIND_LABELS,
  KIND_OPTIONS,
  listPrefectureOptions,
  PAGE_SIZE,
  MAX_PAGE,
  parseLocalGovernmentSearchParams,
  searchLocalGovernmentsForPage,
} from '~/models/local-government.server'
import { ChoiceGroup } from '~/components/choice-group'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { LocalGovernmentPicker } from '~/components/local-government-picker'
import { pageTitle } from '~/utils/page-title'
import { SelectField } from '~/components/forms'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const prefectures = await listPrefectureOptions(context)
  const parsed = parseLocalGovernmentSearchParams(new URL(request.url).searchParams)
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {}
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message
    return data(
      { prefectures, kinds: KIND_OPTIONS, fieldErrors, outcome: null, page: 1, pageSize: PAGE_SIZE, maxPage: MAX_PAGE },
      { status: 400 },
    )
  }
  const outcome = await searchLocalGovernmentsForPage(context, parsed.data)
  return data(
    {
      prefectures,
      kinds: KIND_OPTIONS,
      fieldErrors: {} as Record<string, string>,
      outcome:
        outcome.status === 'ok'
          ? { ...outcome, rows: outcome.rows.map((row) => ({ ...row, kindLabel: KIND_LABELS[row.kind] })) }
          : outcome,
      page: parsed.data.page,
      // Values the component needs travel in loader data: .server modules never reach the browser.
      pageSize: PAGE_SIZE,
      maxPage: MAX_PAGE,
    },
    { status: outcome.status === 'search-unavailable' ? 503 : 200 },
  )
}

export default function LocalGovernmentSearchRoute() {
  const { prefectures, kinds, fieldErrors, outcome, page, pageSize, maxPage } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const navigate = useNavigate()
  const selectedKinds = new Set(searchParams.getAll('kind'))
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/local-governments'

  const pageLink = (target: number) => {
    const next = new URLSearchParams(searchParams)
    next.set('page', String(target))
    return `?${next.toString()}`
  }

  return (
    <div className="page">
      <h1>自治体をさがす</h1>
      <p>47都道府県と1,741市区町村を、名前または読み（ひらがな・カタカナ）で検索できます。</p>
      <Form method="get" className="search-form" role="search" aria-label="自治体の検索">
        <div className="search-form__row">
          <LocalGovernmentPicker
            label="名前・読み"
            inputName="q"
            defaultQuery={searchParams.get('q') ?? ''}
            placeholder="例: さっぽろ、札幌、ヨコハマ"
            description="候補から選ぶとその自治体のページを開きます。「検索する」で一覧を表示します。"
            errorMessage={fieldErrors.q}
            onSelect={(option) => navigate(`/local-governments/${option.code}`)}
          />
          <SelectField
            label="都道府県"
            id="pref"
            name="pref"
            defaultValue={searchParams.get('pref') ?? ''}
            placeholder="すべて"
            options={prefectures.map((p) => ({ value: p.code, label: p.name }))}
            errors={[fieldErrors.pref]}
          />
        </div>
        <ChoiceGroup
          legend="団体区分"
          columns
          errorId="kind-error"
          errors={[fieldErrors.kind]}
          choices={kinds.map((kind) => ({
            props: { type: 'checkbox', name: 'kind', value: kind.value, defaultChecked: selectedKinds.has(kind.value) },
            label: kind.label,
          }))}
        />
        {fieldErrors.page ? <p className="field-error">{fieldErrors.page}</p> : null}
        <div>
          <button type="submit" className="button">
            {searching ? '検索中…' : '検索する'}
          </button>
        </div>
      </Form>

      {outcome?.status === 'search-unavailable' ? (
        <div className="notice notice--error" role="alert">
          <p>
            <strong>検索は一時的にご利用いただけません。</strong>
            検索サーバーに接続できませんでした。時間をおいて、もう一度お試しください。
            都道府県のページ（下の一覧）はご覧いただけます。
          </p>
          <ul>
            {prefectures.map((p) => (
              <li key={p.code} style={{ display: 'inline', marginRight: '1rem' }}>
                <Link to={`/local-governments/${p.bodyCode}`}>{p.name}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {outcome?.status === 'ok' ? (
        <section aria-labelledby="results-heading" aria-busy={searching}>
          <h2 id="results-heading" className="visually-hidden">
            検索結果
          </h2>
          <p className="result-summary" role="status">
            {outcome.total === 0
              ? '該当する自治体はありません。読みや表記を変えてお試しください。'
              : `${outcome.total.toLocaleString('ja-JP')} 件中 ${(page - 1) * pageSize + 1}〜${Math.min(page * pageSize, outcome.total)} 件を表示`}
          </p>
          {outcome.rows.length > 0 ? (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">団体名</th>
                  <th scope="col">区分</th>
                  <th scope="col">都道府県</th>
                  <th scope="col">団体コード</th>
                </tr>
              </thead>
              <tbody>
                {outcome.rows.map((row) => (
                  <tr key={row.code}>
                    <td>
                      <Link to={`/local-governments/${row.code}`}>{row.name}</Link>
                      <div className="kana">{row.name_kana}</div>
                    </td>
                    <td>
                      <span className="badge">{row.kindLabel}</span>
                    </td>
                    <td>{prefectures.find((p) => p.code === row.prefecture_code)?.name}</td>
                    <td>{row.code}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {outcome.total > pageSize ? (
            <nav className="pagination" aria-label="ページ送り">
              {page > 1 ? <Link to={pageLink(page - 1)}>前のページ</Link> : null}
              <span>
                {page} / {Math.min(maxPage, Math.ceil(outcome.total / pageSize))} ページ
              </span>
              {page < Math.min(maxPage, Math.ceil(outcome.total / pageSize)) ? (
                <Link to={pageLink(page + 1)}>次のページ</Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('自治体をさがす') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
