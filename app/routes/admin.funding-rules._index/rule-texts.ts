// A funding rule in the words the rule pages show: the rate as 「0.7（7割）」, a unit amount as 「780万円／人」,
// the years as 令和N年度〜令和M年度, the caps, the placement facts an open point matches, and what changed between
// two versions (the fields the simple form edits; anything else is named as a structural change). Pure.
import { fiscalYearLabel } from '~/funding/fiscal-year'
import {
  CLAIMANT_KIND_LABELS,
  COST_ITEM_LABELS,
  FUNDING_EMPLOYMENT_FORM_LABELS,
  FUNDING_SCHEME_LABELS,
} from '~/funding/labels'
import type { FundingRule, ItemTreatment, PlacementMatch, RuleCaps, RuleMethod } from '~/funding/rules'
import { rateDecimalText } from '~/utils/funding-rule-forms'

export const ITEM_TREATMENT_LABELS: Record<ItemTreatment, string> = {
  covered: '対象',
  excluded: '対象外',
  needs_confirmation: '要確認',
}

const digits = new Intl.NumberFormat('ja-JP')

/** 7,800,000 → 780万円; 100,000,000 → 1億円; amounts not in whole 万円 as they are (1,234,567円). */
export function yenText(amount: number): string {
  if (amount < 10_000 || amount % 10_000 !== 0) return `${digits.format(amount)}円`
  const man = amount / 10_000
  const oku = Math.floor(man / 10_000)
  const rest = man % 10_000
  if (oku === 0) return `${digits.format(man)}万円`
  return `${digits.format(oku)}億${rest > 0 ? `${digits.format(rest)}万` : ''}円`
}

/** 「0.7（7割）」, 「0.75」, 「2/3」; 「780万円／人」. */
export function methodText(method: RuleMethod): string {
  if (method.type === 'per_person') return `${yenText(method.amount)}／人`
  const decimal = rateDecimalText(method.numerator, method.denominator)
  const tenths = (method.numerator * 10) / method.denominator
  return Number.isInteger(tenths) ? `${decimal}（${tenths}割）` : decimal
}

export function methodKindText(method: RuleMethod): string {
  return method.type === 'rate' ? '措置率' : '単価×人数'
}

export function personsCapText(caps: RuleCaps): string {
  return caps.personsPerBody ? `1団体${caps.personsPerBody.max}人まで` : 'なし'
}

export function eligibleCostCapText(caps: RuleCaps): string {
  const cap = caps.eligibleCost
  if (!cap) return 'なし'
  return `${yenText(cap.amount)}（${cap.per === 'body' ? '1団体' : '1配置'}・1年度あたり）`
}

export function fiscalYearText(fy: number | null, none: string): string {
  return fy === null ? none : fiscalYearLabel(fy)
}

/** 「令和6年度〜令和7年度」, 「〜令和6年度」 (no start stated), 「令和7年度〜終期の定めなし」. */
export function periodText(rule: Pick<FundingRule, 'fromFy' | 'toFy'>): string {
  if (rule.fromFy === null && rule.toFy === null) return '期間の定めなし'
  return `${rule.fromFy === null ? '' : fiscalYearLabel(rule.fromFy)}〜${rule.toFy === null ? '終期の定めなし' : fiscalYearLabel(rule.toFy)}`
}

/** Whether a fiscal year is outside the measure's years (the engine's 要確認 「期間外」 or 対象外 before it began). */
export function isOutsidePeriod(rule: Pick<FundingRule, 'fromFy' | 'toFy'>, fy: number): boolean {
  return (rule.fromFy !== null && fy < rule.fromFy) || (rule.toFy !== null && fy > rule.toFy)
}

const yesNo = (value: boolean, yes: string, no: string) => (value ? yes : no)

/** The placement facts an open point matches, as one line: 「雇用する団体: 市区町村／任期付である」. */
export function matchText(match: PlacementMatch): string {
  const parts: string[] = []
  if (match.claimants) parts.push(`雇用する団体: ${match.claimants.map((c) => CLAIMANT_KIND_LABELS[c]).join('、')}`)
  if (match.employment)
    parts.push(`任用・契約の形態: ${match.employment.map((e) => FUNDING_EMPLOYMENT_FORM_LABELS[e]).join('、')}`)
  if (match.fixedTerm !== undefined) parts.push(yesNo(match.fixedTerm, '任期付である', '任期付でない'))
  if (match.appointedAccelerator !== undefined)
    parts.push(yesNo(match.appointedAccelerator, '任命されたアクセラレータである', '任命されたアクセラレータでない'))
  if (match.mainDutyMunicipalSupport !== undefined)
    parts.push(
      yesNo(match.mainDutyMunicipalSupport, '主な所掌事務が市町村支援業務', '主な所掌事務が市町村支援業務でない'),
    )
  if (match.designatedDxLeader !== undefined)
    parts.push(yesNo(match.designatedDxLeader, 'DX推進リーダーに指定', 'DX推進リーダーに指定されていない'))
  if (match.planDraftingOnly !== undefined)
    parts.push(yesNo(match.planDraftingOnly, '計画策定のみの委託', '計画策定のみの委託でない'))
  return parts.join('／')
}

export function costItemsText(items: readonly (keyof typeof COST_ITEM_LABELS)[]): string {
  return items.map((item) => COST_ITEM_LABELS[item]).join('、')
}

/** One row of the rules list. */
export function ruleListRow(rule: FundingRule, currentFy: number) {
  return {
    id: rule.id,
    name: rule.name,
    scheme: FUNDING_SCHEME_LABELS[rule.scheme],
    method: methodText(rule.method),
    personsCap: personsCapText(rule.caps),
    eligibleCostCap: eligibleCostCapText(rule.caps),
    period: periodText(rule),
    outsideNow: isOutsidePeriod(rule, currentFy),
    version: rule.version,
    source: rule.source,
    summary: rule.summary,
  }
}

export interface RuleChange {
  label: string
  /** Absent for long texts: the change is named, not shown. */
  from?: string
  to?: string
}

/** The fields outside the simple form, named when a version changed them. */
type SimpleKey = 'fromFy' | 'toFy' | 'method' | 'caps' | 'periodNotes' | 'summary'
const OTHER_LABELS: Record<Exclude<keyof FundingRule, SimpleKey | 'version' | 'id'>, string> = {
  name: '名称',
  scheme: '交付税の種類',
  claimants: '請求できる団体',
  placementKinds: '人材の種別',
  employment: '任用・契約の形態',
  conditions: '要件',
  openPoints: '要確認とする場合',
  items: '経費の扱い',
  startsAtFromFy: '開始年度に始まった措置か',
  yieldsTo: '優先する措置',
  source: '出典',
}

/** JSON with keys sorted: stored rules come back from jsonb in its own key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/** What a version changed from the one before it (the first version: nothing to compare). */
export function ruleChanges(before: FundingRule | null, after: FundingRule): RuleChange[] {
  if (!before) return []
  const changes: RuleChange[] = []
  const differs = (key: keyof FundingRule) => canonical(before[key]) !== canonical(after[key])
  const shown = (label: string, from: string, to: string) => {
    if (from !== to) changes.push({ label, from, to })
  }
  shown('開始年度', fiscalYearText(before.fromFy, '定めなし'), fiscalYearText(after.fromFy, '定めなし'))
  shown('終了年度', fiscalYearText(before.toFy, '終期の定めなし'), fiscalYearText(after.toFy, '終期の定めなし'))
  shown('措置の方法', methodText(before.method), methodText(after.method))
  shown('人数の上限', personsCapText(before.caps), personsCapText(after.caps))
  shown('対象経費の上限', eligibleCostCapText(before.caps), eligibleCostCapText(after.caps))
  if (differs('caps') && changes.every((c) => c.label !== '人数の上限' && c.label !== '対象経費の上限'))
    changes.push({ label: '上限の出典' })
  if (differs('periodNotes')) changes.push({ label: '期間外の注記' })
  if (differs('summary')) changes.push({ label: '概要' })
  const others = (Object.keys(OTHER_LABELS) as Array<keyof typeof OTHER_LABELS>).filter(differs)
  if (others.length > 0) changes.push({ label: `詳細編集: ${others.map((key) => OTHER_LABELS[key]).join('、')}` })
  return changes
}
