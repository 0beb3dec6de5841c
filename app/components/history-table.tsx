// The 経過 of a record whose status moves (a pool member, a shortlist entry): when, what changed, who, and the
// note. A row whose status did not change (an event such as "本人が応募") shows the status once.
import { formatShortDateTime } from '~/utils/dates'

export interface HistoryRow {
  id: number | string
  at: string
  from: string | null
  to: string
  actor: string
  note: string
}

export function HistoryTable({ rows, headingId = 'history-heading' }: { rows: HistoryRow[]; headingId?: string }) {
  return (
    <>
      <h2 id={headingId}>経過</h2>
      <table className="data-table" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">変更</th>
            <th scope="col">担当</th>
            <th scope="col">メモ</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td>{formatShortDateTime(e.at)}</td>
              <td>{e.from && e.from !== e.to ? `${e.from} → ${e.to}` : e.to}</td>
              <td>{e.actor}</td>
              <td>{e.note || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
