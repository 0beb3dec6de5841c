import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import {
  AUDIT_CSV_MAX_ROWS,
  auditFilterErrors,
  auditPageOptions,
  listAuditForAdmin,
  parseAuditFilters,
} from '~/models/audit-view.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pagination, ResultRange } from '~/components/pagination'
import auditStylesHref from '~/styles/admin-audit.css'
import { requireUserWithPermission } from '~/utils/auth.server'
import { AuditFilterForm } from './filter-form'
import { AuditTable } from './audit-table'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: auditStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Prefecture admins hold the own-prefecture form; ministry admins pass through its national ('any') form.
  const admin = await requireUserWithPermission(request, context, 'read:audit:own-prefecture')
  const options = await auditPageOptions(context, admin)
  const parsed = parseAuditFilters(new URL(request.url).searchParams)
  if (!parsed.success) {
    return data(
      { options, fieldErrors: auditFilterErrors(parsed.error), result: null, csvMaxRows: AUDIT_CSV_MAX_ROWS },
      { status: 400 },
    )
  }
  const result = await listAuditForAdmin(context, admin, parsed.data)
  // Values the component needs travel in loader data: .server modules never reach the browser.
  return data({ options, fieldErrors: {} as Record<string, string>, result, csvMaxRows: AUDIT_CSV_MAX_ROWS })
}

export default function AuditLogRoute() {
  const { options, fieldErrors, result, csvMaxRows } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const loading = navigation.state === 'loading' && navigation.location.pathname === '/admin/audit'

  const csvParams = new URLSearchParams(searchParams)
  csvParams.delete('page')
  const csvQuery = csvParams.toString()

  return (
    <div className="page audit-page">
      <h1>監査ログ</h1>
      <p>
        アカウント・人材プール・課題・ニーズ・スキル標準などへの操作を、新しい順に表示します。表示範囲:{' '}
        <strong>{options.scopeLabel}</strong>
      </p>
      <p className="notice audit-masking-note">
        個人情報（メールアドレス・氏名など）は一部を伏せて表示しています。CSVでも同じように伏せて出力します。
      </p>

      <AuditFilterForm key={searchParams.toString()} options={options} fieldErrors={fieldErrors} loading={loading} />

      {result ? (
        <section aria-labelledby="audit-results-heading" aria-busy={loading}>
          <h2 id="audit-results-heading" className="visually-hidden">
            監査ログの一覧
          </h2>
          <div className="audit-toolbar">
            <ResultRange paged={result} empty="条件に合う記録はありません。" />
            {result.total > 0 ? (
              <a
                className="button button--secondary audit-csv-link"
                href={`/admin/audit.csv${csvQuery ? `?${csvQuery}` : ''}`}
                download
              >
                CSVでダウンロード
              </a>
            ) : null}
          </div>
          {/* The page counts only a few pages ahead, so past that it states the CSV's limit rather than claim a cut. */}
          {result.totalIsLowerBound ? (
            <p className="notice notice--warning">
              CSVには新しい順に最大{csvMaxRows.toLocaleString('ja-JP')}
              件を出力します。それより古い記録は、期間を絞り込んでダウンロードしてください。
            </p>
          ) : null}
          {result.rows.length > 0 ? <AuditTable rows={result.rows} /> : null}
          <Pagination paged={result} />
        </section>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('監査ログ') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
