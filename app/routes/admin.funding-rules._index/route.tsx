// 財政措置のルール: every measure the funding estimate applies, in its newest version, for the ministry staff who
// keep them current. A rule is data (ADR 006): changing one is a new version on the measure's page, never a deploy.
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { fiscalYearLabel, fiscalYearOf } from '~/funding/fiscal-year'
import { listFundingRulesForAdmin } from '~/models/funding.server'
import fundingStylesHref from '~/styles/funding.css'
import { requireUserWithPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { ruleListRow } from './rule-texts'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: fundingStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:funding-rule:any')
  const rules = await listFundingRulesForAdmin(context, user)
  const currentFy = fiscalYearOf(new Date())
  return { rules: rules.map((rule) => ruleListRow(rule, currentFy)), currentFyLabel: fiscalYearLabel(currentFy) }
}

export default function FundingRulesRoute() {
  const { rules, currentFyLabel } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>財政措置のルール</h1>
      <p>
        交付税措置の試算に使う措置の一覧です（各措置の最新の版）。措置率・単価・上限・対象年度・出典はここで管理し、変更は新しい版として登録します（以前の版は履歴に残ります）。
      </p>
      <p className="notice notice--warning">
        措置の対象年度の外の年度は、試算で「要確認」（期間外）になります。措置が延長されたときは、その措置のページで終了年度を延ばした新しい版を登録してください。
      </p>
      <p>
        <Link to="/admin/funding-rules/new" className="button">
          措置を追加
        </Link>
      </p>
      <div className="table-scroll">
        <table className="data-table funding-table">
          <caption className="visually-hidden">財政措置のルールの一覧</caption>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">措置</th>
              <th scope="col">区分</th>
              <th scope="col">措置率・単価</th>
              <th scope="col">人数の上限</th>
              <th scope="col">対象経費の上限</th>
              <th scope="col">対象年度</th>
              <th scope="col">版</th>
              <th scope="col">出典</th>
              <th scope="col">概要</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id}>
                <td>
                  <Link to={`/admin/funding-rules/${rule.id}`}>{rule.id}</Link>
                </td>
                <td>
                  <Link to={`/admin/funding-rules/${rule.id}`}>{rule.name}</Link>
                </td>
                <td>{rule.scheme}</td>
                <td>{rule.method}</td>
                <td>{rule.personsCap}</td>
                <td>{rule.eligibleCostCap}</td>
                <td>
                  {rule.period}
                  {rule.outsideNow ? (
                    <span className="funding-proposed">今年度（{currentFyLabel}）は期間外です</span>
                  ) : null}
                </td>
                <td>{rule.version}</td>
                <td>{rule.source}</td>
                <td className="funding-reason">{rule.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('財政措置のルール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
