// A measure's versions, newest first: when, who, why (the change note), and what changed from the version before.
import { formatShortDateTime } from '~/utils/dates'
import type { RuleChange } from '../admin.funding-rules._index/rule-texts'

export interface RuleHistoryRow {
  version: number
  createdAt: string
  createdBy: string | null
  changeNote: string
  changes: RuleChange[]
}

export function RuleHistory({ rows }: { rows: RuleHistoryRow[] }) {
  return (
    <table className="data-table" aria-labelledby="history-heading">
      <thead>
        <tr>
          <th scope="col">版</th>
          <th scope="col">登録日時</th>
          <th scope="col">登録した人</th>
          <th scope="col">変更理由</th>
          <th scope="col">変更内容</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.version}>
            <td>{row.version}</td>
            <td>{formatShortDateTime(row.createdAt)}</td>
            <td>{row.createdBy ?? '初期データ'}</td>
            <td>{row.changeNote || '—'}</td>
            <td>
              {row.changes.length === 0 ? (
                row.version === 1 ? (
                  '最初の版'
                ) : (
                  '内容の変更なし'
                )
              ) : (
                <ul>
                  {row.changes.map((change) => (
                    <li key={change.label}>
                      {change.from !== undefined
                        ? `${change.label}: ${change.from} → ${change.to}`
                        : `${change.label}を変更`}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
