import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { CsvDownloadLink } from '~/components/csv-download-link'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pagination, ResultRange } from '~/components/pagination'
import { FilterSelect } from '~/components/forms'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { getPlacementList } from '~/models/placement.server'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { PLACEMENT_KIND_LABELS, PLACEMENT_STATUS_LABELS } from '~/utils/labels'
import { pageTitle } from '~/utils/page-title'
import { parsePage } from '~/utils/pagination'
import { PLACEMENT_READ_PERMISSIONS } from '~/utils/permissions'
import { placementFilterOf } from '~/utils/placement-validation'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_READ_PERMISSIONS)
  const params = new URL(request.url).searchParams
  return getPlacementList(context, user, { ...placementFilterOf(params), page: parsePage(params) })
}

const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))

export default function PlacementsRoute() {
  const { scope, canCreate, placements, paged, prefectures, fiscalYears } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const filtered = ['status', 'kind', 'fy', 'pref'].some((name) => searchParams.get(name))
  // The CSV holds every placement the filters leave, not one page.
  const csvParams = new URLSearchParams(searchParams)
  csvParams.delete('page')
  const query = csvParams.toString()
  return (
    <div className="page">
      <h1>{scope === 'national' ? '全国の配置' : '配置'}</h1>
      <p>
        {scope === 'national'
          ? '各都道府県・市区町村が記録した配置を閲覧しています（閲覧のみ）。'
          : scope === 'municipality'
            ? 'この団体のCIO補佐官等と、この団体を支援している都道府県の人材の配置です。'
            : '市町村を支援する人材と、管内の市町村のCIO補佐官等の配置です。交付税措置の見込みは、ここに記録した配置と経費から計算します。'}
      </p>
      {canCreate ? (
        <p>
          <Link to="/placements/new" className="button">
            配置を記録する
          </Link>
        </p>
      ) : null}
      <CsvDownloadLink href={`/placements/export.csv${query ? `?${query}` : ''}`} />
      <Form method="get" className="search-form" aria-label="配置の絞り込み">
        <div className="search-form__row">
          <FilterSelect
            name="status"
            label="状態"
            defaultValue={searchParams.get('status') ?? ''}
            options={optionsOf(PLACEMENT_STATUS_LABELS)}
          />
          <FilterSelect
            name="kind"
            label="種別"
            defaultValue={searchParams.get('kind') ?? ''}
            options={optionsOf(PLACEMENT_KIND_LABELS)}
          />
          <FilterSelect
            name="fy"
            label="配置のある年度"
            defaultValue={searchParams.get('fy') ?? ''}
            options={fiscalYears}
          />
          {prefectures.length > 0 ? (
            <FilterSelect
              name="pref"
              label="都道府県"
              defaultValue={searchParams.get('pref') ?? ''}
              options={prefectures.map((p) => ({ value: p.code, label: p.name }))}
            />
          ) : null}
          <button type="submit" className="button button--secondary">
            絞り込む
          </button>
        </div>
      </Form>
      <ResultRange paged={paged} />
      {placements.length === 0 ? (
        filtered ? (
          <EmptyState message="条件に合う配置はありません。条件を外すと、ほかの配置が表示されます。">
            <Link to="/placements">すべての配置を表示する</Link>
          </EmptyState>
        ) : canCreate ? (
          <EmptyState message="まだ配置は記録されていません。採用・委託した人を記録すると、支援する市区町村と経費を管理できます。">
            <Link to="/placements/new" className="button">
              配置を記録する
            </Link>
          </EmptyState>
        ) : (
          <EmptyState message="まだ配置は記録されていません。" />
        )
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">配置の一覧</caption>
          <thead>
            <tr>
              <th scope="col">氏名</th>
              <th scope="col">雇用する団体</th>
              <th scope="col">種別</th>
              <th scope="col">任用・契約の形態</th>
              <th scope="col">支援する市区町村</th>
              <th scope="col">期間</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {placements.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/placements/${p.id}`}>{p.personName}</Link>
                </td>
                <td>{p.employerName}</td>
                <td>{p.kindLabel}</td>
                <td>{p.employmentLabel}</td>
                <td>
                  {p.municipalities || '未設定'}
                  {p.overLimit ? <div className="field-error">合計が週5日を超えています</div> : null}
                </td>
                <td>{p.period}</td>
                <td>
                  <StatusBadge tone={STATUS_TONES.placement[p.status]} label={p.statusLabel} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination paged={paged} />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('配置') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
