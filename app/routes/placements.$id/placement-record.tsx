// A placement as its page shows it: the facts (who, employer, form, the yes/no the funding rules read, period,
// municipalities and days) and, for the employer's side only, the notes and the cost table per fiscal year.
import { Link, type useLoaderData } from '@remix-run/react'
import { formatDate } from '~/utils/dates'
import type { loader } from './route'

type Page = ReturnType<typeof useLoaderData<typeof loader>>

const yen = (amount: number) => `${amount.toLocaleString('ja-JP')}円`

export function PlacementRecord({
  placement: p,
  employerRecord,
}: {
  placement: Page['placement']
  employerRecord: Page['employerRecord']
}) {
  return (
    <>
      <h2>配置の内容</h2>
      <dl className="job-description">
        <div>
          <dt>氏名</dt>
          <dd>
            {p.personName}
            {p.personKana ? `（${p.personKana}）` : ''}
            {p.poolMemberHref ? (
              <>
                {' '}
                <Link to={p.poolMemberHref}>人材プールの記録</Link>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>職名</dt>
          <dd>{p.jobTitle || '（未記入）'}</dd>
        </div>
        <div>
          <dt>雇用する団体</dt>
          <dd>{p.employerName}</dd>
        </div>
        <div>
          <dt>種別</dt>
          <dd>{p.kindLabel}</dd>
        </div>
        <div>
          <dt>任用・契約の形態</dt>
          <dd>{p.employmentLabel}</dd>
        </div>
        {p.flags.map((flag) => (
          <div key={flag.label}>
            <dt>{flag.label}</dt>
            <dd>{flag.value}</dd>
          </div>
        ))}
        <div>
          <dt>期間</dt>
          <dd>
            {p.startOn ? formatDate(p.startOn) : '開始日未定'}〜{p.endOn ? formatDate(p.endOn) : ''}
            {p.status === 'ended' ? `（終了: ${p.endReasonLabel}）` : ''}
          </dd>
        </div>
        <div>
          <dt>{p.kind === 'cio_adviser' ? '勤務の日数' : '支援する市区町村'}</dt>
          <dd>
            {p.municipalities.length === 0 ? (
              '（未記入）'
            ) : (
              <ul>
                {p.municipalities.map((m) => (
                  <li key={m.code}>
                    {m.name} 週{m.daysPerWeek}日{m.weekdays ? `（${m.weekdays}）` : ''}
                  </li>
                ))}
              </ul>
            )}
            {p.municipalities.length > 1 ? <p>合計 週{p.daysTotal}日</p> : null}
            {p.daysWarning ? <p className="notice notice--warning">{p.daysWarning}</p> : null}
          </dd>
        </div>
        {p.needHref ? (
          <div>
            <dt>もとのニーズ</dt>
            <dd>
              <Link to={p.needHref}>ニーズを見る</Link>
            </dd>
          </div>
        ) : null}
        {employerRecord?.note ? (
          <div>
            <dt>メモ</dt>
            <dd className="pre-line">{employerRecord.note}</dd>
          </div>
        ) : null}
        {employerRecord?.endNote ? (
          <div>
            <dt>終了の補足</dt>
            <dd className="pre-line">{employerRecord.endNote}</dd>
          </div>
        ) : null}
      </dl>
      {employerRecord ? (
        <section aria-labelledby="costs-heading">
          <h2 id="costs-heading">経費（年度ごと）</h2>
          {employerRecord.costs.years.length === 0 ? (
            <p>まだ経費は入力されていません。</p>
          ) : (
            <table className="data-table cost-table">
              <caption className="visually-hidden">年度ごとの経費</caption>
              <thead>
                <tr>
                  <th scope="col">費目</th>
                  {employerRecord.costs.years.map((y) => (
                    <th scope="col" key={y.fy}>
                      {y.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {employerRecord.costs.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    {row.amounts.map((amount, index) => (
                      <td key={index}>{amount === null ? '—' : yen(amount)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">合計</th>
                  {employerRecord.costs.totals.map((total, index) => (
                    <td key={index}>
                      <strong>{yen(total)}</strong>
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          )}
          {employerRecord.costYears.length > 0 ? (
            <ul className="button-row placement-actions" aria-label="経費を入力する年度">
              {employerRecord.costYears.map((y) => (
                <li key={y.fy}>
                  <Link to={`/placements/${p.id}/costs?fy=${y.fy}`}>{y.label}の経費を入力する</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}{' '}
    </>
  )
}
