import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CsvDownloadLink } from '~/components/csv-download-link'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/forms'
import { FundingTable, yen } from '~/components/funding-table'
import { getFundingOverview, saveFundingSelection } from '~/models/funding.server'
import fundingStylesHref from '~/styles/funding.css'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { parseFundingQuery } from '~/utils/funding-query'
import { pageTitle } from '~/utils/page-title'
import { readFormData } from '~/utils/params'
import { PLACEMENT_READ_PERMISSIONS, PLACEMENT_UPDATE_PERMISSIONS } from '~/utils/permissions'
import { redirectWithToast } from '~/utils/toast.server'
import { SelectionForm } from './selection-form'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: fundingStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_READ_PERMISSIONS)
  return getFundingOverview(context, user, parseFundingQuery(new URL(request.url).searchParams))
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_UPDATE_PERMISSIONS)
  const form = await readFormData(request)
  const fy = Number(form.get('fy'))
  const measure = String(form.get('measure') ?? '')
  if (!Number.isInteger(fy) || fy < 2000 || fy > 2100 || !/^[A-Z][A-Z0-9]{0,9}$/.test(measure))
    return data({ errors: ['年度または措置の指定が正しくありません。'] }, { status: 400 })
  const intent = form.get('intent')
  if (intent !== 'select' && intent !== 'reset') return data({ errors: ['操作を選んでください。'] }, { status: 400 })
  const ids = form.getAll('placementId').map(String)
  const result = await saveFundingSelection(context, user, {
    fy,
    measure,
    placementIds: intent === 'reset' ? null : ids,
  })
  if (result.status === 'field-error') return data({ errors: [result.message] }, { status: 400 })
  const employer = String(form.get('employer') ?? '')
  return redirectWithToast(context, `/funding?fy=${fy}&employer=${encodeURIComponent(employer)}`, {
    type: 'success',
    message: intent === 'reset' ? '対象者を対象経費の大きい順に戻しました。' : '対象者を保存しました。',
  })
}

export default function FundingRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const query = `fy=${page.fy}${page.chosen ? `&employer=${page.chosen.employer}` : ''}`
  return (
    <div className="page">
      <h1>財政措置（交付税）の見込み</h1>
      <p>
        記録した配置と経費から、年度ごとに対象となる地方財政措置と措置額を計算します。合計には「対象」の行だけを数え、資料に定めがない点は「要確認」として総務省の判断まで
        0 円で扱います。ルールと出典は<Link to="/placements">配置</Link>の各ページと下の表に示します。
      </p>
      <Form method="get" className="search-form funding-actions" aria-label="年度の選択">
        <div className="search-form__row">
          <label htmlFor="funding-fy">年度</label>
          <select id="funding-fy" name="fy" defaultValue={String(page.fy)}>
            {page.years.map((y) => (
              <option key={y.value} value={y.value}>
                {y.label}
              </option>
            ))}
          </select>
          {page.chosen ? <input type="hidden" name="employer" value={page.chosen.employer} /> : null}
          <button type="submit" className="button button--secondary">
            表示する
          </button>
        </div>
      </Form>
      <p className="funding-actions">
        <Link to="/funding/estimate">配置の一覧（CSV）から試算する</Link>
      </p>
      {page.isNational ? (
        <p className="funding-actions">
          <Link to={`/funding/national?fy=${page.fy}`}>都道府県別の集計と要確認の判断へ</Link>
        </p>
      ) : null}
      <FormErrors errors={actionData?.errors} />
      {page.bodies.length === 0 ? (
        <EmptyState
          message={`${page.fyLabel}に措置の対象となりうる配置はありません。配置を開始し、経費を記録すると表示されます。`}
        >
          <Link to="/placements">配置の一覧へ</Link>
        </EmptyState>
      ) : (
        <>
          <BodyTotals page={page} />
          <div className="button-row funding-actions">
            <CsvDownloadLink href={`/funding/export.csv?${query}`} />
            <a href={`/funding/export.xlsx?${query}`} download>
              Excel（.xlsx）でダウンロード
            </a>
          </div>
        </>
      )}
      {page.chosen ? (
        <section aria-labelledby="funding-rows-heading">
          <h2 id="funding-rows-heading">
            {page.chosen.employerName}の{page.fyLabel}の明細
          </h2>
          {page.selection ? (
            <SelectionForm selection={page.selection} fy={page.fy} employer={page.chosen.employer} />
          ) : null}
          {page.rows.length === 0 ? (
            <p>この年度に対象となりうる配置はありません。</p>
          ) : (
            <FundingTable rows={page.rows} caption="配置・措置ごとの判定" showPerson />
          )}
        </section>
      ) : null}
    </div>
  )
}

function BodyTotals({ page }: { page: ReturnType<typeof useLoaderData<typeof loader>> }) {
  return (
    <div className="table-scroll">
      <table className="data-table funding-totals">
        <caption>{page.fyLabel}の団体別の合計</caption>
        <thead>
          <tr>
            <th scope="col">団体</th>
            <th scope="col">普通交付税</th>
            <th scope="col">特別交付税</th>
            <th scope="col">要確認</th>
            <th scope="col">算定した人数</th>
          </tr>
        </thead>
        <tbody>
          {page.bodies.map((b) => (
            <tr key={b.employer}>
              <th scope="row">
                <Link
                  to={`/funding?fy=${page.fy}&employer=${b.employer}`}
                  aria-current={page.chosen?.employer === b.employer ? 'true' : undefined}
                >
                  {b.employerName}
                </Link>
              </th>
              <td>{yen(b.futsu)}</td>
              <td>{yen(b.tokubetsu)}</td>
              <td>{b.pending > 0 ? `${b.pending}件` : '—'}</td>
              <td>{b.persons.length > 0 ? b.persons.map((p) => `${p.measure} ${p.count}人`).join('・') : '—'}</td>
            </tr>
          ))}
        </tbody>
        {page.bodies.length > 1 ? (
          <tfoot>
            <tr>
              <th scope="row">合計</th>
              <td>{yen(page.totals.futsu)}</td>
              <td>{yen(page.totals.tokubetsu)}</td>
              <td>{page.totals.pending > 0 ? `${page.totals.pending}件` : '—'}</td>
              <td />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('財政措置（交付税）の見込み') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
