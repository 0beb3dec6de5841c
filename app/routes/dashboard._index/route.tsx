import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DxStructureTable } from '~/components/dx-structure-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TrendChart } from '~/components/trend-chart'
import { getDashboard, parseDashboardQuery } from '~/models/dashboard.server'
import dashboardStylesHref from '~/styles/dashboard.css'
import { requireUserWithPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { BreakdownTables, PoolHealth, PrefectureProgress, TableCsvLink } from './sections'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  // The own-prefecture permission is held by the ministry too (as its national form): the model picks the scope.
  const user = await requireUserWithPermission(request, context, 'read:dashboard:own-prefecture')
  return getDashboard(context, user, parseDashboardQuery(new URL(request.url).searchParams))
}

export type DashboardData = ReturnType<typeof useLoaderData<typeof loader>>

export default function DashboardRoute() {
  const page = useLoaderData<typeof loader>()
  const { headline } = page
  const national = page.scope === 'national'
  const unit = national ? '目標' : '目安'
  return (
    <div className="page dashboard">
      <h1>{national ? 'アクセラレータ500名への進捗' : `${page.prefecture?.name}のアクセラレータ任命状況`}</h1>
      <p>
        {page.todayLabel}
        現在の状況です。数値はすべて、このプラットフォームの任命・人材プール・ニーズ・配置の記録をその場で集計したものです。
        {national ? '' : 'ほかの都道府県の数値は表示しません。'}
      </p>

      <section aria-labelledby="headline-heading" className="dashboard-headline">
        <h2 id="headline-heading" className="visually-hidden">
          任命中のアクセラレータ数
        </h2>
        <p className="dashboard-big">
          <span className="dashboard-big__label">任命中のアクセラレータ</span>
          <span className="dashboard-big__number">
            {headline.appointed}
            <span className="dashboard-big__unit">名</span>
          </span>
          <span className="dashboard-big__target">
            {unit} {headline.target}名{national ? '（各都道府県10名+αのイメージ）' : '（10名+αのイメージ）'}・達成率{' '}
            {headline.percent}%
          </span>
        </p>
        <label htmlFor="target-progress" className="visually-hidden">
          {unit}への達成率
        </label>
        <progress
          id="target-progress"
          className="dashboard-progress"
          max={headline.target}
          value={Math.min(headline.appointed, headline.target)}
        >
          {headline.percent}%
        </progress>
        <ul className="dashboard-facts">
          {headline.bodies !== null ? <li>任命のある都道府県: {headline.bodies}団体</li> : null}
          <li>審査中の推薦: {headline.underReview}件</li>
        </ul>
      </section>

      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading">任命数の推移</h2>
        <TrendChart
          id="trend"
          points={page.trend}
          target={headline.target}
          targetLabel={`${unit} ${headline.target}名`}
          caption={
            national
              ? '任命中のアクセラレータ数（2025年7月14日は公表値、その後は日次の記録、最後の点は本日の集計）'
              : '任命中のアクセラレータ数（日次の記録、最後の点は本日の集計）'
          }
        />
        <TableCsvLink table="trend" label="任命数の推移" />
      </section>

      <PrefectureProgress page={page} />
      <BreakdownTables page={page} />
      <PoolHealth page={page} />

      <section aria-labelledby="structure-heading">
        <h2 id="structure-heading">推進体制（①〜④）</h2>
        <DxStructureTable
          data={page.structure}
          caption={national ? '都道府県別の推進体制' : `${page.prefecture?.name}の推進体制`}
          highlight={page.highlight}
        />
        <TableCsvLink table="structure" label="推進体制" />
        <p className="dashboard-actions">
          <Link to="/dx-structure">{national ? '推進体制の報告を確認する' : '推進体制を報告する'}</Link>
        </p>
      </section>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('アクセラレータ500名への進捗') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
