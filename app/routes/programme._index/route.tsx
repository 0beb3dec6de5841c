import { PrefectureTileMap } from '~/components/prefecture-tile-map'
import dashboardStylesHref from '~/styles/dashboard.css'
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DirectoryCard } from '~/components/directory-card'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getProgrammePage } from '~/models/accelerator.server'
import acceleratorStylesHref from '~/styles/accelerator.css'
import { pageTitle } from '~/utils/page-title'
import { PROGRAMME_QUOTES, SOURCE_DOCUMENT, type SourceQuote } from './sources'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: acceleratorStylesHref },
  { rel: 'stylesheet', href: dashboardStylesHref },
]

// Public: counts only, and the directory entries their people chose to publish (nothing else about anyone).
export async function loader({ context }: LoaderFunctionArgs) {
  return getProgrammePage(context)
}

function Quote({ quote }: { quote: SourceQuote }) {
  return (
    <blockquote className="source-quote">
      <p>「{quote.text}」</p>
      <footer>
        出典: 第37回検討会 事務局資料 <span aria-label={`資料002の${quote.cite.slice(4)}行目`}>（{quote.cite}）</span>
      </footer>
    </blockquote>
  )
}

export default function ProgrammeRoute() {
  const { target, appointed, percent, prefecturesWithAppointments, byPrefecture, openCalls, directory } =
    useLoaderData<typeof loader>()
  const withAppointments = byPrefecture.filter((p) => p.appointed > 0)
  return (
    <div className="page">
      <h1>自治体DXアクセラレータ500</h1>
      <p className="lead">
        デジタル分野の実務経験・スキルを持つ人材を、総務省が「自治体DXアクセラレータ」に任命し、都道府県の人材プールを通じて市町村のDXを支えるプロジェクトです。
      </p>

      <section aria-labelledby="about-heading">
        <h2 id="about-heading">このプロジェクトについて</h2>
        <p>総務省の資料は、次のように説明しています（{SOURCE_DOCUMENT}から引用）。</p>
        <Quote quote={PROGRAMME_QUOTES.purpose} />
        <Quote quote={PROGRAMME_QUOTES.network} />
        <Quote quote={PROGRAMME_QUOTES.target} />
        <Quote quote={PROGRAMME_QUOTES.appointer} />
      </section>

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">任命の状況</h2>
        <div className="programme-progress">
          <p className="programme-progress__figure">
            {appointed.toLocaleString('ja-JP')}名 <small>／ 目標 {target}名</small>
          </p>
          <div
            className="programme-progress__bar"
            role="progressbar"
            aria-label="目標500名に対する任命数"
            aria-valuemin={0}
            aria-valuemax={target}
            aria-valuenow={Math.min(appointed, target)}
            aria-valuetext={`${appointed}名（目標の${percent}％）`}
          >
            <div className="programme-progress__fill" style={{ width: `${percent}%` }} />
          </div>
          <p>
            目標の{percent}
            ％。いま任命されているアクセラレータの数を、このプラットフォームに記録された任命から数えています（
            {prefecturesWithAppointments}都道府県）。
          </p>
        </div>
        <p>公表されている最初の状況は次のとおりです。</p>
        <Quote quote={PROGRAMME_QUOTES.status} />

        <h3>都道府県別の任命数</h3>
        <PrefectureTileMap
          id="programme-map"
          values={byPrefecture}
          highlight={null}
          title="都道府県別の任命中のアクセラレータ数（地図。同じ数を下の表に載せています）"
        />
        {withAppointments.length === 0 ? (
          <EmptyState message="まだ任命の記録はありません。" />
        ) : (
          <table className="data-table count-table">
            <caption className="visually-hidden">都道府県別の任命数</caption>
            <thead>
              <tr>
                <th scope="col">都道府県</th>
                <th scope="col">任命数</th>
              </tr>
            </thead>
            <tbody>
              {withAppointments.map((p) => (
                <tr key={p.code}>
                  <th scope="row">{p.name}</th>
                  <td>{p.appointed}名</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {withAppointments.length > 0 && withAppointments.length < byPrefecture.length ? (
          <p>ほかの{byPrefecture.length - withAppointments.length}都道府県は、まだ任命がありません。</p>
        ) : null}
      </section>

      <section aria-labelledby="open-calls-heading">
        <h2 id="open-calls-heading">公募中のニーズ</h2>
        <p>都道府県が、市町村を支援するデジタル人材を募集しています。</p>
        {openCalls.needs.length === 0 ? (
          <EmptyState message="いま公募中のニーズはありません。" />
        ) : (
          <ul className="notice-list">
            {openCalls.needs.map((n) => (
              <li key={n.id}>
                <Link to={`/open-calls/${n.id}`}>{n.title}</Link>（{n.prefectureName}
                {n.municipalities ? `／${n.municipalities}` : ''}）
                {n.applicationDeadline ? (
                  <span className="notice-list__date">　応募締切 {n.applicationDeadline}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/open-calls">公募中のニーズをすべて見る（{openCalls.total}件）</Link>
        </p>
      </section>

      <section aria-labelledby="directory-heading">
        <h2 id="directory-heading">アクセラレータの紹介</h2>
        <p>
          任命中のアクセラレータのうち、このページへの掲載を選んだ人です。各人が載せると決めた項目だけを表示しています。
        </p>
        {directory.length === 0 ? (
          <EmptyState message="このページへの掲載を選んだアクセラレータは、まだいません。" />
        ) : (
          <ul className="directory-list">
            {directory.map((entry, index) => (
              <li key={`${entry.displayName}-${index}`}>
                <DirectoryCard entry={entry} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction = () => [
  { title: pageTitle('自治体DXアクセラレータ500 について') },
  {
    name: 'description',
    content: '自治体DXアクセラレータ500 の取組、任命の状況（目標500名）、公募中のニーズ、アクセラレータの紹介。',
  },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
