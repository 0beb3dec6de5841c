// 推進体制 ①〜④ per prefecture: each cell the standing report (満たしている / 満たしていない, with 確認済み or 確認待ち
// said in words), then how many prefectures meet each requirement and all four, and the published national
// figures as history rows. Shared by the 推進体制 page and the dashboard.
import { DX_STRUCTURE_REQUIREMENT_LABELS } from '~/utils/labels'
import { StatusBadge } from './status-badge'
import { TableScroll } from './table-scroll'

interface Cell {
  met: boolean
  metLabel: string
  status: 'reported' | 'confirmed'
  statusLabel: string
  asOfLabel: string
}

export interface DxStructureTableData {
  rows: Array<{ code: string; name: string; cells: Array<Cell | null> }>
  counts: {
    confirmed: number[]
    confirmedAll: number
    withPending: number[]
    withPendingAll: number
    prefectures: number
  }
  figures: Array<{ asOf: string; asOfLabel: string; met: number[]; metAll: number; source: string }>
}

const MARKS = ['①', '②', '③', '④'] as const
const REQUIREMENT_LABELS = [1, 2, 3, 4].map((r) => DX_STRUCTURE_REQUIREMENT_LABELS[r as 1 | 2 | 3 | 4])

export function DxStructureTable({
  data,
  caption,
  highlight,
}: {
  data: DxStructureTableData
  caption: string
  highlight?: string | null
}) {
  const national = data.counts.prefectures > 1
  return (
    <>
      <ul className="dx-requirements">
        {REQUIREMENT_LABELS.map((label) => (
          <li key={label}>{label}</li>
        ))}
      </ul>
      <TableScroll label="推進体制の表">
        <table className="data-table dx-structure-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">都道府県</th>
              {MARKS.map((mark, i) => (
                <th scope="col" key={mark}>
                  <span title={REQUIREMENT_LABELS[i]} aria-hidden="true">
                    {mark}
                  </span>
                  <span className="visually-hidden">{REQUIREMENT_LABELS[i]}</span>
                </th>
              ))}
              <th scope="col">4要件すべて</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.code} className={row.code === highlight ? 'dashboard-row--highlight' : undefined}>
                <th scope="row">{row.name}</th>
                {row.cells.map((cell, i) => (
                  <td key={MARKS[i]}>
                    {cell ? (
                      <>
                        <span className={cell.met ? 'dx-met' : 'dx-unmet'}>{cell.met ? '○' : '×'}</span> {cell.metLabel}
                        <br />
                        <StatusBadge
                          tone={cell.status === 'confirmed' ? 'done' : 'action'}
                          label={cell.statusLabel}
                        />{' '}
                        <span className="dx-as-of">{cell.asOfLabel}時点</span>
                      </>
                    ) : (
                      <span className="dx-none">未報告</span>
                    )}
                  </td>
                ))}
                <td>{row.cells.every((c) => c?.met) ? 'すべて満たしている' : '—'}</td>
              </tr>
            ))}
          </tbody>
          {national ? (
            <tfoot>
              <tr>
                <th scope="row">満たしている都道府県（確認済み）</th>
                {data.counts.confirmed.map((n, i) => (
                  <td key={MARKS[i]} className="dashboard-number">
                    {n}
                  </td>
                ))}
                <td className="dashboard-number">{data.counts.confirmedAll}</td>
              </tr>
              <tr>
                <th scope="row">同（確認待ちの報告を含む）</th>
                {data.counts.withPending.map((n, i) => (
                  <td key={MARKS[i]} className="dashboard-number">
                    {n}
                  </td>
                ))}
                <td className="dashboard-number">{data.counts.withPendingAll}</td>
              </tr>
              {data.figures.map((f) => (
                <tr key={f.asOf} className="dx-figure">
                  <th scope="row">
                    公表値（{f.asOfLabel}時点）
                    <span className="dx-source">{f.source}</span>
                  </th>
                  {f.met.map((n, i) => (
                    <td key={MARKS[i]} className="dashboard-number">
                      {n}
                    </td>
                  ))}
                  <td className="dashboard-number">{f.metAll}</td>
                </tr>
              ))}
            </tfoot>
          ) : null}
        </table>
      </TableScroll>
    </>
  )
}
