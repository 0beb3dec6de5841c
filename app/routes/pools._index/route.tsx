import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getPoolOverview } from '~/models/pool.server'
import { requireUserWithPermission } from '~/utils/auth.server'

const FilterSchema = z.object({
  status: z.enum(['applied', 'screening', 'interview', 'training', 'registered', 'declined', 'withdrawn']).optional().catch(undefined),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:pool:own-prefecture')
  const filter = FilterSchema.parse({ status: new URL(request.url).searchParams.get('status') || undefined })
  return getPoolOverview(context, user, filter)
}

const dateTime = (iso: string) => new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeZone: 'Asia/Tokyo' }).format(new Date(iso))

export default function PoolRoute() {
  const { counts, members, national } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const current = searchParams.get('status') ?? ''
  return (
    <div className="page">
      <h1>人材プール</h1>
      <p>{national ? '全国の人材プールを閲覧しています（閲覧のみ）。' : '応募者とプール登録者の選考状況を管理します。'}</p>
      <p>
        <a href="/pools/export.csv" download>
          CSVでダウンロード（Excel対応）
        </a>
      </p>
      <nav aria-label="状態で絞り込み">
        <ul className="status-filter">
          <li>
            <Link to="/pools" aria-current={current === '' ? 'page' : undefined}>
              すべて（{counts.reduce((n, c) => n + c.count, 0)}）
            </Link>
          </li>
          {counts.map((c) => (
            <li key={c.status}>
              <Link to={`/pools?status=${c.status}`} aria-current={current === c.status ? 'page' : undefined}>
                {c.label}（{c.count}）
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {members.length === 0 ? (
        <p>該当する人材はいません。</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">人材プールの一覧</caption>
          <thead>
            <tr>
              <th scope="col">氏名</th>
              <th scope="col">状態</th>
              {national ? <th scope="col">都道府県コード</th> : null}
              <th scope="col">更新日</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/pools/${m.id}`}>{m.name}</Link>
                  {m.kana ? <div className="kana">{m.kana}</div> : null}
                </td>
                <td>
                  <span className="badge">{m.statusLabel}</span>
                </td>
                {national ? <td>{m.prefectureCode}</td> : null}
                <td>{dateTime(m.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: '人材プール | 自治体DXアクセラレータ500 プラットフォーム' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
