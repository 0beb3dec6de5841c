// 人材像 × 状態: how many people the pool has in mind for each role (the prefecture dashboard reuses the data).
import { Link } from '@remix-run/react'

interface Props {
  roleCounts: {
    statuses: Array<{ status: string; label: string }>
    rows: Array<{ roleId: string; label: string; counts: number[]; total: number }>
  }
  linkTo: (roleId: string) => string
}

export function RoleCountTable({ roleCounts, linkTo }: Props) {
  return (
    <section aria-labelledby="role-counts-heading">
      <h2 id="role-counts-heading">人材像ごとの人数</h2>
      <p>人材像を押すと、その人材像の人だけを表示します。複数の人材像がある人は、それぞれに数えます。</p>
      <table className="data-table">
        <caption className="visually-hidden">人材像ごと・状態ごとの人数</caption>
        <thead>
          <tr>
            <th scope="col">人材像</th>
            {roleCounts.statuses.map((s) => (
              <th scope="col" key={s.status}>
                {s.label}
              </th>
            ))}
            <th scope="col">計</th>
          </tr>
        </thead>
        <tbody>
          {roleCounts.rows.map((row) => (
            <tr key={row.roleId}>
              <th scope="row">
                <Link to={linkTo(row.roleId)}>{row.label}</Link>
              </th>
              {row.counts.map((count, i) => (
                <td key={roleCounts.statuses[i]!.status}>{count}</td>
              ))}
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
