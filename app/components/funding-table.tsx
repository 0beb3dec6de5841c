// The engine's results as an official reads them: per row the fiscal year, the measure, 普通/特別交付税, whether it
// counts (対象 / 対象外 / 要確認), the eligible cost, the amount counted, the reason in words and the source line.
// Used on a placement's page and on a body's funding page (with the person's name).
import type { FundingRowView } from '~/funding/decisions'
import { STATUS_TONES, StatusBadge } from './status-badge'

export type FundingTableRow = FundingRowView

export const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

export function FundingTable({
  rows,
  caption,
  showPerson = false,
  linkPerson = true,
}: {
  rows: readonly FundingTableRow[]
  caption: string
  showPerson?: boolean
  /** Rows of recorded placements link to them; rows of an estimate file name the file's ids only. */
  linkPerson?: boolean
}) {
  return (
    <div className="table-scroll">
      <table className="data-table funding-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {showPerson ? <th scope="col">人</th> : null}
            <th scope="col">年度</th>
            <th scope="col">措置</th>
            <th scope="col">区分</th>
            <th scope="col">判定</th>
            <th scope="col">対象経費</th>
            <th scope="col">措置額</th>
            <th scope="col">理由</th>
            <th scope="col">出典</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.placementId}-${row.fy}-${row.measure ?? 'none'}`}>
              {showPerson ? (
                <th scope="row">
                  {linkPerson ? <a href={`/placements/${row.placementId}`}>{row.personName}</a> : row.personName}
                </th>
              ) : null}
              <td>{row.fyLabel}</td>
              <td>{row.measure ?? '—'}</td>
              <td>{row.schemeLabel}</td>
              <td>
                <StatusBadge tone={STATUS_TONES.funding[row.status]} label={row.statusLabel} />
                {row.decided ? <span className="funding-decided">（総務省が判断）</span> : null}
              </td>
              <td className="funding-yen">{yen(row.eligibleCost)}</td>
              <td className="funding-yen">
                {yen(row.amount)}
                {row.proposedAmount !== null ? (
                  <span className="funding-proposed">（確認後 {yen(row.proposedAmount)}）</span>
                ) : null}
              </td>
              <td className="funding-reason">{row.reason}</td>
              <td>{row.source ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
