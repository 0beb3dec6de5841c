// The dashboard's tables: each prefecture against its 10 (with the tile map), the breakdowns by role and by
// employment form, and the health of the pools behind the appointments. Every table has its CSV.
import { TableScroll } from '~/components/table-scroll'
import { Form } from '@remix-run/react'
import { SelectField } from '~/components/forms'
import { PrefectureTileMap } from '~/components/prefecture-tile-map'
import { PREFECTURE_TILES } from '~/utils/prefecture-tiles'
import type { DashboardData } from './route'

/** The link to one table's CSV (UTF-8 with BOM, opens in Excel), named after the table. */
export function TableCsvLink({ table, label }: { table: string; label: string }) {
  return (
    <p className="dashboard-actions">
      <a href={`/dashboard/export.csv?table=${table}`} download>
        「{label}」をCSVでダウンロード（Excel対応）
      </a>
    </p>
  )
}

const days = (value: number | null) => (value === null ? '—' : `${value}日`)

export function PrefectureProgress({ page }: { page: DashboardData }) {
  const national = page.scope === 'national'
  return (
    <section aria-labelledby="prefectures-heading">
      <h2 id="prefectures-heading">
        {national ? '都道府県別の任命状況（目安: 各10名+α）' : `${page.prefecture?.name}の任命状況（目安: 10名+α）`}
      </h2>
      {national ? (
        <Form method="get" className="search-form dashboard-actions" aria-label="強調する都道府県">
          <div className="search-form__row">
            <SelectField
              label="地図と表で強調する都道府県"
              id="dashboard-pref"
              name="pref"
              defaultValue={page.highlight ?? ''}
              options={PREFECTURE_TILES.map((p) => ({ value: p.code, label: p.name }))}
              placeholder="選択しない"
            />
            <button type="submit" className="button button--secondary">
              表示する
            </button>
          </div>
        </Form>
      ) : null}
      <div className="dashboard-map-and-table">
        <PrefectureTileMap
          id="tile-map"
          values={page.prefectures}
          highlight={page.highlight}
          title={
            national
              ? '都道府県別の任命中のアクセラレータ数（地図）'
              : `${page.prefecture?.name}の任命中のアクセラレータ数（地図）`
          }
        />
        <PrefectureTable page={page} />
      </div>
      <p className="dashboard-note">
        「支援先の市区町村」は、任命中のアクセラレータが配置中の配置で支援している市区町村の数です（配置が記録された任命のみ）。
      </p>
      <TableCsvLink table="prefectures" label="都道府県別の任命状況" />
    </section>
  )
}

/** Each prefecture against its 10, with the same figures as the map (and the national total for the ministry). */
export function PrefectureTable({ page }: { page: DashboardData }) {
  const national = page.scope === 'national'
  return (
    <TableScroll label="都道府県別の任命状況の表">
      <table className="data-table dashboard-table" id="prefecture-table">
        <caption>{national ? '都道府県別の任命状況（地図と同じ数値）' : '任命状況（地図と同じ数値）'}</caption>
        <thead>
          <tr>
            <th scope="col">都道府県</th>
            <th scope="col">任命中</th>
            <th scope="col">目安</th>
            <th scope="col">達成率</th>
            <th scope="col">審査中の推薦</th>
            <th scope="col">支援先の市区町村</th>
          </tr>
        </thead>
        <tbody>
          {page.prefectures.map((p) => (
            <tr key={p.code} className={p.code === page.highlight ? 'dashboard-row--highlight' : undefined}>
              <th scope="row">{p.name}</th>
              <td className="dashboard-number">{p.appointed}名</td>
              <td className="dashboard-number">{p.target}名</td>
              <td className="dashboard-number">{p.percent}%</td>
              <td className="dashboard-number">{p.underReview}件</td>
              <td className="dashboard-number">{p.municipalities}</td>
            </tr>
          ))}
        </tbody>
        {national ? (
          <tfoot>
            <tr>
              <th scope="row">全国</th>
              <td className="dashboard-number">{page.headline.appointed}名</td>
              <td className="dashboard-number">{page.headline.target}名</td>
              <td className="dashboard-number">{page.headline.percent}%</td>
              <td className="dashboard-number">{page.headline.underReview}件</td>
              <td />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableScroll>
  )
}

export function BreakdownTables({ page }: { page: DashboardData }) {
  return (
    <section aria-labelledby="breakdown-heading">
      <h2 id="breakdown-heading">人材像別・任用形態別の任命数</h2>
      <div className="dashboard-columns">
        <div>
          <BreakdownTable
            caption="人材像別（任命時の人材像）"
            heading="人材像"
            rows={page.roles.map((r) => ({ key: r.label, label: r.label, appointed: r.appointed }))}
          />
          <TableCsvLink table="roles" label="人材像別の任命数" />
        </div>
        <div>
          <BreakdownTable
            caption="任用・契約の形態別（配置の記録、なければ推薦時の予定）"
            heading="任用・契約の形態"
            rows={page.employment}
          />
          <TableCsvLink table="employment" label="任用・契約の形態別の任命数" />
        </div>
      </div>
    </section>
  )
}

export function PoolHealth({ page }: { page: DashboardData }) {
  const { pools } = page
  const rows = pools.total ? [...pools.rows, { code: 'total', name: '全国', ...pools.total }] : pools.rows
  return (
    <section aria-labelledby="pools-heading">
      <h2 id="pools-heading">人材プールとニーズ・配置</h2>
      <TableScroll label="人材プールの人数の表">
        <table className="data-table dashboard-table">
          <caption>人材プールの人数（状態別）</caption>
          <thead>
            <tr>
              <th scope="col">都道府県</th>
              {pools.statuses.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
              <th scope="col">計</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.code} className={p.code === page.highlight ? 'dashboard-row--highlight' : undefined}>
                <th scope="row">{p.name}</th>
                {pools.statuses.map((s) => (
                  <td key={s.key} className="dashboard-number">
                    {p.byStatus[s.key]}
                  </td>
                ))}
                <td className="dashboard-number">{p.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {pools.roles.length > 0 ? (
        <TableScroll label="登録者の人材像別の表">
          <table className="data-table dashboard-table">
            <caption>登録者の人材像別の人数（複数の人材像を持つ人はそれぞれに数えます）</caption>
            <thead>
              <tr>
                <th scope="col">都道府県</th>
                {pools.roles.map((r) => (
                  <th scope="col" key={r.key}>
                    {r.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.code} className={p.code === page.highlight ? 'dashboard-row--highlight' : undefined}>
                  <th scope="row">{p.name}</th>
                  {pools.roles.map((r) => (
                    <td key={r.key} className="dashboard-number">
                      {p.byRole[r.key] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <TableScroll label="ニーズと配置の表">
        <table className="data-table dashboard-table">
          <caption>ニーズと配置</caption>
          <thead>
            <tr>
              <th scope="col">都道府県</th>
              <th scope="col">公開中・選考中のニーズ</th>
              <th scope="col">充足したニーズ</th>
              <th scope="col">公開から配置までの日数（中央値）</th>
              <th scope="col">配置中の支援先（市区町村）</th>
              <th scope="col">うち町村</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.code} className={p.code === page.highlight ? 'dashboard-row--highlight' : undefined}>
                <th scope="row">{p.name}</th>
                <td className="dashboard-number">{p.openNeeds}件</td>
                <td className="dashboard-number">{p.filledNeeds}件</td>
                <td className="dashboard-number">
                  {days(p.medianDays)}
                  {p.placementsMeasured > 0 ? (
                    <span className="dashboard-sub">（{p.placementsMeasured}件）</span>
                  ) : null}
                </td>
                <td className="dashboard-number">{p.municipalitiesServed}</td>
                <td className="dashboard-number">
                  {p.smallMunicipalitiesServed > 0 ? <strong>{p.smallMunicipalitiesServed}</strong> : 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="dashboard-note">中央値: {page.medianDefinition}。</p>
      <TableCsvLink table="pools" label="都道府県別の人材プールと配置" />
      {page.served.length > 0 ? (
        <details className="dashboard-served">
          <summary>配置中の支援先の市区町村（{page.served.length}団体、町村は太字）</summary>
          <ul>
            {page.served.map((m) => (
              <li key={m.code}>
                {m.small ? <strong>{m.name}</strong> : m.name}（{m.prefectureName}・{m.kindLabel}・配置{m.placements}
                件）
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}

/** One breakdown of the appointed (by role, by employment form): a label and a count per row. */
function BreakdownTable({
  caption,
  heading,
  rows,
}: {
  caption: string
  heading: string
  rows: ReadonlyArray<{ key: string; label: string; appointed: number }>
}) {
  return (
    <table className="data-table dashboard-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">任命中</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2}>任命中のアクセラレータはいません。</td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="dashboard-number">{r.appointed}名</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  )
}
