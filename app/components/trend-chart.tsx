// A line chart of a count over time, drawn on the server as SVG (no chart library): dates on a time scale, the
// target as a dashed line, the last point (today's live count) marked. The same points follow as a table in a
// <details>, so nothing is only in the picture.

export interface TrendPoint {
  /** YYYY-MM-DD */
  on: string
  label: string
  appointed: number
  sourceLabel: string
}

const WIDTH = 640
const HEIGHT = 260
const PAD = { left: 52, right: 24, top: 20, bottom: 40 }

const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000

/** A round step for about five gridlines up to `max` (1, 2 or 5 times a power of ten). */
export function niceStep(max: number): number {
  const rough = Math.max(max, 1) / 5
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)
  return step ?? power * 10
}

export function TrendChart({
  points,
  target,
  targetLabel,
  caption,
  id,
}: {
  points: readonly TrendPoint[]
  target: number
  targetLabel: string
  caption: string
  id: string
}) {
  const sorted = [...points].sort((a, b) => a.on.localeCompare(b.on))
  const first = sorted[0]
  const last = sorted[sorted.length - 1]
  const step = niceStep(Math.max(target, ...sorted.map((p) => p.appointed)))
  const yMax = Math.ceil(Math.max(target, ...sorted.map((p) => p.appointed), 1) / step) * step
  const innerW = WIDTH - PAD.left - PAD.right
  const innerH = HEIGHT - PAD.top - PAD.bottom
  const d0 = first ? dayNumber(first.on) : 0
  const d1 = last ? dayNumber(last.on) : 0
  const x = (on: string) => (d1 === d0 ? PAD.left + innerW / 2 : PAD.left + ((dayNumber(on) - d0) / (d1 - d0)) * innerW)
  const y = (value: number) => PAD.top + innerH - (value / yMax) * innerH
  const ticks: number[] = []
  for (let v = 0; v <= yMax; v += step) ticks.push(v)
  const path = sorted
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.on).toFixed(1)},${y(p.appointed).toFixed(1)}`)
    .join(' ')
  const summary =
    first && last
      ? `${first.label}の${first.appointed}名から${last.label}の${last.appointed}名へ（${targetLabel}）`
      : 'まだ記録がありません'
  return (
    <figure className="trend-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title`}
        className="trend-chart__svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{`${caption}: ${summary}`}</title>
        {ticks.map((v) => (
          <g key={v} className="trend-chart__grid">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        <line className="trend-chart__target" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(target)} y2={y(target)} />
        <text className="trend-chart__target-label" x={WIDTH - PAD.right} y={y(target) - 6} textAnchor="end">
          {targetLabel}
        </text>
        {sorted.length > 1 ? <path className="trend-chart__line" d={path} /> : null}
        {sorted.map((p, i) => (
          <circle
            key={p.on}
            className={i === sorted.length - 1 ? 'trend-chart__point trend-chart__point--last' : 'trend-chart__point'}
            cx={x(p.on)}
            cy={y(p.appointed)}
            r={i === sorted.length - 1 ? 6 : 4}
          >
            <title>{`${p.label}: ${p.appointed}名（${p.sourceLabel}）`}</title>
          </circle>
        ))}
        {first ? (
          <text
            className="trend-chart__axis"
            x={x(first.on)}
            y={HEIGHT - 12}
            textAnchor={sorted.length > 1 ? 'start' : 'middle'}
          >
            {first.label}
          </text>
        ) : null}
        {last && sorted.length > 1 ? (
          <text className="trend-chart__axis" x={x(last.on)} y={HEIGHT - 12} textAnchor="end">
            {last.label}
          </text>
        ) : null}
      </svg>
      <figcaption>{caption}</figcaption>
      <details className="trend-chart__data">
        <summary>グラフの数値を表で見る</summary>
        <table className="data-table">
          <caption className="visually-hidden">{caption}（表）</caption>
          <thead>
            <tr>
              <th scope="col">日付</th>
              <th scope="col">アクセラレータ数</th>
              <th scope="col">出典</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((p) => (
              <tr key={p.on}>
                <th scope="row">{p.label}</th>
                <td className="dashboard-number">{p.appointed}名</td>
                <td>{p.sourceLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
