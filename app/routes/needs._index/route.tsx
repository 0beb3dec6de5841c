import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { PREFECTURE_CODE } from '~/utils/field-schemas'
import { EmptyState } from '~/components/empty-state'
import { CsvDownloadLink } from '~/components/csv-download-link'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pagination, ResultRange } from '~/components/pagination'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { FilterSelect } from '~/components/forms'
import { getNeedList } from '~/models/need.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { NEED_STATUS_LABELS } from '~/utils/labels'
import { formatShortDate } from '~/utils/dates'
import { pageTitle } from '~/utils/page-title'
import { parsePage } from '~/utils/pagination'

const FilterSchema = z.object({
  status: z.enum(['draft', 'published', 'selecting', 'filled', 'closed', 'withdrawn']).optional().catch(undefined),
  pref: z.string().regex(PREFECTURE_CODE).optional().catch(undefined),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:need:own-prefecture')
  const params = new URL(request.url).searchParams
  const filter = FilterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== '')))
  return getNeedList(context, user, { status: filter.status, prefectureCode: filter.pref, page: parsePage(params) })
}

export default function NeedsRoute() {
  const { scope, canEdit, needs, paged, prefectures } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const current = searchParams.get('status') ?? ''
  const statusUrl = (status: string) => {
    const params = new URLSearchParams(searchParams)
    params.delete('page')
    if (status) params.set('status', status)
    else params.delete('status')
    const query = params.toString()
    return query ? `/needs?${query}` : '/needs'
  }
  return (
    <div className="page">
      <h1>{scope === 'national' ? '全国のニーズ' : 'ニーズとジョブディスクリプション'}</h1>
      <p>
        {scope === 'national'
          ? '各都道府県のニーズを閲覧しています（都道府県間の調整用・閲覧のみ）。'
          : '市区町村の課題をまとめた外部人材の募集（ニーズ）です。ジョブディスクリプションを書き、公開すると公募ページとマッチングの対象になります。'}
      </p>
      {canEdit ? (
        <p>
          <Link to="/needs/new" className="button">
            ニーズを作る
          </Link>{' '}
          <Link to="/issues">市区町村の課題から作る</Link>
        </p>
      ) : null}
      <CsvDownloadLink href="/needs/export.csv" />
      {prefectures.length > 0 ? (
        <Form method="get" className="search-form" aria-label="都道府県で絞り込み">
          {current ? <input type="hidden" name="status" value={current} /> : null}
          <div className="search-form__row">
            <FilterSelect
              name="pref"
              label="都道府県"
              defaultValue={searchParams.get('pref') ?? ''}
              options={prefectures.map((p) => ({ value: p.code, label: p.name }))}
            />
            <button type="submit" className="button button--secondary">
              絞り込む
            </button>
          </div>
        </Form>
      ) : null}
      <nav aria-label="状態で絞り込み">
        <ul className="status-filter">
          <li>
            <Link to={statusUrl('')} aria-current={current === '' ? 'page' : undefined}>
              すべて
            </Link>
          </li>
          {Object.entries(NEED_STATUS_LABELS).map(([value, label]) => (
            <li key={value}>
              <Link to={statusUrl(value)} aria-current={current === value ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ResultRange paged={paged} />
      {needs.length === 0 ? (
        current || searchParams.get('pref') ? (
          <EmptyState message="条件に合うニーズはありません。状態や都道府県の条件を外すと、ほかのニーズが表示されます。">
            <Link to="/needs">すべてのニーズを表示する</Link>
          </EmptyState>
        ) : canEdit ? (
          <EmptyState message="まだニーズはありません。市区町村から届いた課題をもとに、外部人材の募集（ニーズ）を作りましょう。">
            <Link to="/needs/new" className="button">
              ニーズを作る
            </Link>
            <Link to="/issues">市区町村の課題を見る</Link>
          </EmptyState>
        ) : (
          <EmptyState message="まだニーズはありません。都道府県がニーズを作ると、ここに表示されます。" />
        )
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">ニーズの一覧</caption>
          <thead>
            <tr>
              <th scope="col">件名</th>
              {scope === 'national' ? <th scope="col">都道府県</th> : null}
              <th scope="col">状態</th>
              <th scope="col">人材像・形態</th>
              <th scope="col">支援する市区町村</th>
              <th scope="col">開始日</th>
              <th scope="col">関心表明</th>
              <th scope="col">更新日</th>
            </tr>
          </thead>
          <tbody>
            {needs.map((n) => (
              <tr key={n.id}>
                <td>
                  <Link to={`/needs/${n.id}`}>{n.title}</Link>
                </td>
                {scope === 'national' ? <td>{n.prefectureName}</td> : null}
                <td>
                  <StatusBadge tone={STATUS_TONES.need[n.status]} label={n.statusLabel} />
                </td>
                <td>
                  {n.roleName}
                  <div className="field-description">{n.employmentFormLabel}</div>
                </td>
                <td>
                  {n.municipalities || '未設定'}
                  {n.overLimit ? <div className="field-error">合計 週{n.daysTotal}日（週5日超）</div> : null}
                </td>
                <td>{n.startOn ?? '未定'}</td>
                <td>{n.interestCount}</td>
                <td>{formatShortDate(n.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination paged={paged} />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('ニーズ') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
