// The version of a measure in force, in full and in words: who may claim, for whom, the conditions, the cases the
// sources leave open (要確認), how each cost item is treated, the method, caps, years and what is said of the years
// outside them, the measures it yields to, and the source lines.
import { Link } from '@remix-run/react'
import {
  CLAIMANT_KIND_LABELS,
  CONDITION_LABELS,
  FUNDING_EMPLOYMENT_FORM_LABELS,
  FUNDING_SCHEME_LABELS,
  PLACEMENT_KIND_LABELS,
} from '~/funding/labels'
import type { FundingRule } from '~/funding/rules'
import {
  costItemsText,
  eligibleCostCapText,
  fiscalYearText,
  ITEM_TREATMENT_LABELS,
  matchText,
  methodKindText,
  methodText,
  periodText,
  personsCapText,
} from '../admin.funding-rules._index/rule-texts'

const joined = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => labels[value]).join('、')

export function RuleDetails({ rule }: { rule: FundingRule }) {
  return (
    <>
      <dl className="definition-list">
        <div>
          <dt>区分</dt>
          <dd>{FUNDING_SCHEME_LABELS[rule.scheme]}</dd>
        </div>
        <div>
          <dt>概要</dt>
          <dd>{rule.summary}</dd>
        </div>
        <div>
          <dt>請求できる団体</dt>
          <dd>{joined(rule.claimants, CLAIMANT_KIND_LABELS)}</dd>
        </div>
        <div>
          <dt>人材の種別</dt>
          <dd>{joined(rule.placementKinds, PLACEMENT_KIND_LABELS)}</dd>
        </div>
        <div>
          <dt>任用・契約の形態</dt>
          <dd>{joined(rule.employment, FUNDING_EMPLOYMENT_FORM_LABELS)}</dd>
        </div>
        <div>
          <dt>{methodKindText(rule.method)}</dt>
          <dd>{methodText(rule.method)}</dd>
        </div>
        <div>
          <dt>人数の上限</dt>
          <dd>
            {personsCapText(rule.caps)}
            {rule.caps.personsPerBody ? `（${rule.caps.personsPerBody.source}）` : null}
          </dd>
        </div>
        <div>
          <dt>対象経費の上限</dt>
          <dd>
            {eligibleCostCapText(rule.caps)}
            {rule.caps.eligibleCost ? `（${rule.caps.eligibleCost.source}）` : null}
          </dd>
        </div>
        <div>
          <dt>対象年度</dt>
          <dd>
            {periodText(rule)}
            {rule.fromFy !== null
              ? rule.startsAtFromFy
                ? `（${fiscalYearText(rule.fromFy, '')}から始まった措置で、それより前の年度は対象外）`
                : '（それより前の年度は内容が異なるか資料にないため要確認）'
              : null}
          </dd>
        </div>
        <div>
          <dt>開始年度より前の年度</dt>
          <dd>{rule.periodNotes.before ?? '注記なし'}</dd>
        </div>
        <div>
          <dt>終了年度より後の年度</dt>
          <dd>{rule.periodNotes.after ?? '注記なし'}</dd>
        </div>
        <div>
          <dt>出典</dt>
          <dd>{rule.source}</dd>
        </div>
      </dl>

      <h3>要件（満たさない場合は対象外）</h3>
      {rule.conditions.length === 0 ? (
        <p>要件はありません。</p>
      ) : (
        <ul>
          {rule.conditions.map((condition, index) => (
            <li key={index}>
              <strong>{CONDITION_LABELS[condition.requires]}</strong>: {condition.reason}（{condition.source}）
            </li>
          ))}
        </ul>
      )}

      <h3>要確認とする場合（資料に定めがない点）</h3>
      {rule.openPoints.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <ul>
          {rule.openPoints.map((point, index) => (
            <li key={index}>
              <strong>{matchText(point.when)}</strong>: {point.reason}（{point.source}）
            </li>
          ))}
        </ul>
      )}

      <h3>経費の扱い</h3>
      <p>上から順に、最初に当てはまる行の扱いになります。どの行にも当てはまらない経費は対象外です。</p>
      <div className="table-scroll">
        <table className="data-table funding-table">
          <caption className="visually-hidden">経費の扱い</caption>
          <thead>
            <tr>
              <th scope="col">経費</th>
              <th scope="col">任用・契約の形態</th>
              <th scope="col">扱い</th>
              <th scope="col">注記</th>
              <th scope="col">出典</th>
            </tr>
          </thead>
          <tbody>
            {rule.items.map((item, index) => (
              <tr key={index}>
                <td>
                  {costItemsText(item.items)}
                  {item.inProgramme === undefined
                    ? null
                    : item.inProgramme
                      ? '（育成プログラムによるもの）'
                      : '（育成プログラムによらないもの）'}
                </td>
                <td>{item.employment ? joined(item.employment, FUNDING_EMPLOYMENT_FORM_LABELS) : 'すべて'}</td>
                <td>{ITEM_TREATMENT_LABELS[item.treatment]}</td>
                <td className="funding-reason">
                  {item.note}
                  {item.silent ? <span className="funding-proposed">（判定の理由には表示しません）</span> : null}
                </td>
                <td>{item.source ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>優先する措置（同じ人・年度で対象なら、この措置では計上しない）</h3>
      {rule.yieldsTo.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <ul>
          {rule.yieldsTo.map((y, index) => (
            <li key={index}>
              <Link to={`/admin/funding-rules/${y.measure}`}>{y.measure}</Link>: {y.reason}（{y.source}）
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
