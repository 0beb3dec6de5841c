// The funding engine: pure functions over rule data (rules.ts). Everything comes in as arguments — rules,
// placements, fiscal years, the user's choices — and nothing is read from outside (no clock, no I/O), so the
// same input always gives the same answer. Each placement gets, for each fiscal year it is active in, one row
// per measure for its kind: 対象 / 対象外 / 要確認, always with the reason and the source line. Amounts are
// integer yen: 措置額 = floor(covered cost × rate), computed exactly.
//
// Speed (target: 10,000 placements × 5 years ≤ 100 ms on 2 cores, tests/bench/funding.ts): rules are compiled
// once into lookup tables per employment form and item, each placement's dates and costs are read once, and
// the hot loop does no parsing and no regular expressions.
import {
  fiscalYearLabel,
  fiscalYearRange,
  fiscalYearShortLabel,
  monthIndexOfIsoDate,
  monthsActiveBetween,
} from './fiscal-year'
import { CLAIMANT_KIND_LABELS, COST_ITEM_LABELS, FUNDING_EMPLOYMENT_FORM_LABELS } from './labels'
import {
  type ClaimantKind,
  claimantKindOf,
  COST_ITEMS,
  type CostItem,
  FUNDING_EMPLOYMENT_FORMS,
  type FundingEmploymentForm,
  type FundingRule,
  type FundingScheme,
  type FundingStatus,
  PLACEMENT_KINDS,
  type PlacementKind,
  type PlacementMatch,
} from './rules'

export interface FundingCostLine {
  fy: number
  item: CostItem
  /** Integer yen, ≥ 0. */
  amount: number
  /** Training only: the training is in the DX推進リーダー育成プログラム (002:473). Absent = not in it. */
  inProgramme?: boolean
}

export interface FundingPlacement {
  id: string
  /** 全国地方公共団体コード of the employer (the body that claims). */
  employer: string
  kind: PlacementKind
  employment: FundingEmploymentForm
  /** 任期付 (a 常勤 fixed-term appointment). */
  fixedTerm: boolean
  mainDutyMunicipalSupport: boolean
  appointedAccelerator: boolean
  designatedDxLeader: boolean
  planDraftingOnly: boolean
  /** ISO dates (YYYY-MM-DD), inclusive; end null = open. */
  start: string
  end: string | null
  costs: FundingCostLine[]
}

/** Which placements to count where a measure caps persons per body, keyed by selectionKey(employer, fy). */
export type FundingSelections = Readonly<Record<string, readonly string[]>>

export function selectionKey(employer: string, fy: number): string {
  return `${employer}:${fy}`
}

export interface FundingResult {
  placementId: string
  fy: number
  /** The measure's id; null when no measure exists for the placement's kind. */
  measure: string | null
  scheme: FundingScheme | null
  status: FundingStatus
  /** 対象経費 after exclusions and caps (for 普通交付税, the 人件費 entered, shown only). */
  eligibleCost: number
  /** 措置額 counted: 0 unless eligible. */
  amount: number
  /** For 要確認: the amount if the open point is settled in favour; otherwise null. */
  proposedAmount: number | null
  reason: string
  source: string | null
}

export interface FundingTotal {
  employer: string
  fy: number
  /** Sum of eligible 普通交付税 / 特別交付税 amounts. */
  futsu: number
  tokubetsu: number
  /** Rows that need confirmation (not counted in the sums). */
  pending: number
  /** Persons counted, for each measure that counts persons (per-person method or a persons cap). */
  persons: Record<string, number>
}

export interface FundingEvaluation {
  results: FundingResult[]
  totals: FundingTotal[]
}

export interface FundingInput {
  rules: readonly FundingRule[]
  placements: readonly FundingPlacement[]
  fiscalYears: readonly number[]
  selections?: FundingSelections
}

// ---- compiled rules --------------------------------------------------------------------------------------

const TREATMENT_COVERED = 0
const TREATMENT_EXCLUDED = 1
const TREATMENT_CONFIRM = 2
/** Cost slots: item index × 2 + (in programme ? 1 : 0). */
const SLOTS = COST_ITEMS.length * 2
const ITEM_INDEX = new Map<CostItem, number>(COST_ITEMS.map((item, i) => [item, i]))
const EMPLOYMENT_INDEX = new Map<FundingEmploymentForm, number>(FUNDING_EMPLOYMENT_FORMS.map((form, i) => [form, i]))
const KIND_INDEX = new Map<PlacementKind, number>(PLACEMENT_KINDS.map((kind, i) => [kind, i]))
const TRAINING = COST_ITEMS.indexOf('training')

interface ItemEntry {
  treatment: number
  note: string
  source: string | null
  /** `（note、002:433）` — ready to append after the item amounts. */
  suffix: string
}

const NOT_COVERED: ItemEntry = {
  treatment: TREATMENT_EXCLUDED,
  note: 'この措置の対象経費ではありません',
  source: null,
  suffix: '（この措置の対象経費ではありません）',
}

interface CompiledRule {
  rule: FundingRule
  measureIndex: number
  kindMask: number
  claimantMask: number
  employmentMask: number
  /** Condition codes: 0 appointed, 1 main duty, 2 designated leader, 3 not plan-drafting only. */
  conditions: Array<{ code: number; reason: string; source: string }>
  openPoints: Array<{ matches: (p: Prepared) => boolean; text: string; source: string }>
  /** items[employmentIndex][slot] */
  items: ItemEntry[][]
  isRate: boolean
  numerator: number
  denominator: number
  unitAmount: number
  rateText: string
  claimantText: string
  employmentText: string
  yields: Array<{ measureIndex: number; reason: string; source: string }>
  beforeText: string
  afterText: string
  countsPersons: boolean
}

interface Prepared {
  placement: FundingPlacement
  order: number
  employerIndex: number
  claimant: ClaimantKind
  claimantBit: number
  kindBit: number
  employmentIndex: number
  startMonth: number
  endMonth: number
  /** costs[fyIndex] = amounts per slot, or null when the year has no cost line. */
  costs: Array<number[] | null>
}

const CONDITION_CODES = {
  appointed_accelerator: 0,
  main_duty_municipal_support: 1,
  designated_dx_leader: 2,
  not_plan_drafting_only: 3,
} as const

function conditionMet(code: number, p: FundingPlacement): boolean {
  switch (code) {
    case 0:
      return p.appointedAccelerator
    case 1:
      return p.mainDutyMunicipalSupport
    case 2:
      return p.designatedDxLeader
    default:
      return !p.planDraftingOnly
  }
}

function bitsOf<T>(values: readonly T[], index: Map<T, number>): number {
  let mask = 0
  for (const value of values) mask |= 1 << (index.get(value) ?? 31)
  return mask
}

const CLAIMANT_INDEX = new Map<ClaimantKind, number>([
  ['prefecture', 0],
  ['municipality', 1],
])

function compileMatch(match: PlacementMatch): (p: Prepared) => boolean {
  const claimants = match.claimants ? bitsOf(match.claimants, CLAIMANT_INDEX) : -1
  const employment = match.employment ? bitsOf(match.employment, EMPLOYMENT_INDEX) : -1
  const flags: Array<[keyof FundingPlacement, boolean]> = []
  for (const key of [
    'fixedTerm',
    'appointedAccelerator',
    'mainDutyMunicipalSupport',
    'designatedDxLeader',
    'planDraftingOnly',
  ] as const) {
    const wanted = match[key]
    if (wanted !== undefined) flags.push([key, wanted])
  }
  return (p) => {
    if ((claimants & p.claimantBit) === 0) return false
    if ((employment & (1 << p.employmentIndex)) === 0) return false
    for (const [key, wanted] of flags) if (p.placement[key] !== wanted) return false
    return true
  }
}

/** Japanese sentences joined with 。, without a final one (the caller continues the text). */
function sentences(...parts: Array<string | undefined>): string {
  return parts
    .filter((part): part is string => part !== undefined && part !== '')
    .map((part) => (part.endsWith('。') ? part.slice(0, -1) : part))
    .join('。')
}

function rateTextOf(numerator: number, denominator: number): string {
  let d = denominator
  while (d % 2 === 0) d /= 2
  while (d % 5 === 0) d /= 5
  return d === 1 ? String(numerator / denominator) : `${numerator}/${denominator}`
}

function compileRule(rule: FundingRule, measureIndex: number): CompiledRule {
  const items: ItemEntry[][] = FUNDING_EMPLOYMENT_FORMS.map((form) => {
    const row: ItemEntry[] = []
    for (let slot = 0; slot < SLOTS; slot++) {
      const item = COST_ITEMS[slot >> 1]!
      const inProgramme = (slot & 1) === 1
      const match = rule.items.find(
        (entry) =>
          entry.items.includes(item) &&
          (entry.employment === undefined || entry.employment.includes(form)) &&
          (entry.inProgramme === undefined || entry.inProgramme === inProgramme),
      )
      row.push(
        match
          ? {
              treatment:
                match.treatment === 'covered'
                  ? TREATMENT_COVERED
                  : match.treatment === 'excluded'
                    ? TREATMENT_EXCLUDED
                    : TREATMENT_CONFIRM,
              note: match.note,
              source: match.source ?? null,
              suffix: `（${match.note}${match.source ? `、${match.source}` : ''}）`,
            }
          : NOT_COVERED,
      )
    }
    return row
  })
  const method = rule.method
  const last = rule.toFy
  const first = rule.fromFy
  return {
    rule,
    measureIndex,
    kindMask: bitsOf(rule.placementKinds, KIND_INDEX),
    claimantMask: bitsOf(rule.claimants, CLAIMANT_INDEX),
    employmentMask: bitsOf(rule.employment, EMPLOYMENT_INDEX),
    conditions: rule.conditions.map((c) => ({ code: CONDITION_CODES[c.requires], reason: c.reason, source: c.source })),
    openPoints: rule.openPoints.map((o) => ({
      matches: compileMatch(o.when),
      text: `${o.reason}（${o.source}）`,
      source: o.source,
    })),
    items,
    isRate: method.type === 'rate',
    numerator: method.type === 'rate' ? method.numerator : 0,
    denominator: method.type === 'rate' ? method.denominator : 1,
    unitAmount: method.type === 'per_person' ? method.amount : 0,
    rateText: method.type === 'rate' ? rateTextOf(method.numerator, method.denominator) : '',
    claimantText: rule.claimants.map((c) => CLAIMANT_KIND_LABELS[c]).join('・'),
    employmentText: rule.employment.map((e) => FUNDING_EMPLOYMENT_FORM_LABELS[e]).join('・'),
    yields: [],
    beforeText:
      first === null
        ? ''
        : sentences(
            rule.startsAtFromFy
              ? `この措置は${fiscalYearLabel(first)}（${fiscalYearShortLabel(first)}）から始まります`
              : `期間外: この版は${fiscalYearLabel(first)}（${fiscalYearShortLabel(first)}）からの内容で、それより前の年度の扱いは要確認です`,
            rule.periodNotes.before,
          ),
    afterText:
      last === null
        ? ''
        : sentences(
            `期間外: この措置は${fiscalYearLabel(last)}（${fiscalYearShortLabel(last)}）までです`,
            '延長されたか要確認です',
            rule.periodNotes.after,
          ),
    countsPersons: method.type === 'per_person' || rule.caps.personsPerBody !== null,
  }
}

/** For one fiscal year, the version of a measure that applies and whether the year is inside its period. */
interface Applicable {
  compiled: CompiledRule
  period: 'in' | 'before' | 'after'
}

function chooseVersion(versions: CompiledRule[], fy: number): Applicable {
  let inForce: CompiledRule | undefined
  let ended: CompiledRule | undefined
  let upcoming: CompiledRule | undefined
  for (const c of versions) {
    const { fromFy, toFy, version } = c.rule
    if ((fromFy === null || fromFy <= fy) && (toFy === null || fy <= toFy)) {
      if (!inForce || version > inForce.rule.version) inForce = c
    } else if (toFy !== null && toFy < fy) {
      const best = ended?.rule.toFy ?? -Infinity
      if (!ended || toFy > best || (toFy === best && version > ended.rule.version)) ended = c
    } else if (!upcoming || (fromFy ?? 0) < (upcoming.rule.fromFy ?? 0)) {
      upcoming = c
    }
  }
  if (inForce) return { compiled: inForce, period: 'in' }
  if (ended) return { compiled: ended, period: 'after' }
  return { compiled: upcoming!, period: 'before' }
}

// ---- arithmetic and text ---------------------------------------------------------------------------------

/** floor(a × numerator / denominator) for non-negative integers, exact (BigInt only past 2^53). */
export function mulDivFloor(a: number, numerator: number, denominator: number): number {
  const product = a * numerator
  if (!Number.isSafeInteger(product)) return Number((BigInt(a) * BigInt(numerator)) / BigInt(denominator))
  let q = Math.floor(product / denominator)
  while (q * denominator > product) q--
  while ((q + 1) * denominator <= product) q++
  return q
}

/** 1,234,567円 (written by hand: Intl formatting is too slow for the hot loop). */
export function formatYen(n: number): string {
  const s = String(n)
  const head = s.length % 3 || 3
  let out = s.slice(0, head)
  for (let i = head; i < s.length; i += 3) out += `,${s.slice(i, i + 3)}`
  return `${out}円`
}

// ---- the engine ------------------------------------------------------------------------------------------

interface RowState {
  result: FundingResult
  compiled: CompiledRule | null
  prepared: Prepared
  fyIndex: number
  /** Text after the amount sentence (exclusions), kept to rebuild the reason when a cap changes the amount. */
  tail: string
}

export function evaluateFunding(input: FundingInput): FundingEvaluation {
  const fiscalYears = [...new Set(input.fiscalYears)].sort((a, b) => a - b)
  const fyIndex = new Map(fiscalYears.map((fy, i) => [fy, i]))
  const fyStarts = fiscalYears.map((fy) => fiscalYearRange(fy).start)
  const fyEnds = fiscalYears.map((fy) => fiscalYearRange(fy).end)

  // Measures in the order they are declared; versions grouped under each.
  const measureIds: string[] = []
  const measureIndexOf = new Map<string, number>()
  const versions: CompiledRule[][] = []
  for (const rule of input.rules) {
    let m = measureIndexOf.get(rule.id)
    if (m === undefined) {
      m = measureIds.length
      measureIds.push(rule.id)
      measureIndexOf.set(rule.id, m)
      versions.push([])
    }
    versions[m]!.push(compileRule(rule, m))
  }
  for (const list of versions) {
    for (const c of list) {
      c.yields = c.rule.yieldsTo.flatMap((y) => {
        const target = measureIndexOf.get(y.measure)
        return target === undefined ? [] : [{ measureIndex: target, reason: y.reason, source: y.source }]
      })
    }
  }
  // Measures another measure yields to are judged first.
  const evaluationOrder = orderByYields(versions)
  const applicable: Applicable[][] = fiscalYears.map((fy) => versions.map((list) => chooseVersion(list, fy)))
  const personMeasures = measureIds.filter((_, m) => versions[m]!.some((c) => c.countsPersons))

  const employers: string[] = []
  const employerIndexOf = new Map<string, number>()
  const prepared = input.placements.map((placement, order) => {
    let employerIndex = employerIndexOf.get(placement.employer)
    if (employerIndex === undefined) {
      employerIndex = employers.length
      employers.push(placement.employer)
      employerIndexOf.set(placement.employer, employerIndex)
    }
    return prepare(placement, order, employerIndex, fyIndex)
  })

  const rows: RowState[] = []
  // Eligible rows of measures with caps per body, by employer × year, for the second pass.
  const capped = new Map<number, RowState[]>()
  const nFy = fiscalYears.length
  const nMeasures = measureIds.length
  const judged: Array<RowState | null> = new Array(nMeasures).fill(null)

  for (const p of prepared) {
    for (let f = 0; f < nFy; f++) {
      const startText = p.placement.start
      const endText = p.placement.end
      if (startText > fyEnds[f]! || (endText !== null && endText < fyStarts[f]!)) continue
      const fy = fiscalYears[f]!
      const throughout = startText <= fyStarts[f]! && (endText === null || endText >= fyEnds[f]!)
      judged.fill(null)
      let any = false
      for (const m of evaluationOrder) {
        const app = applicable[f]![m]!
        if ((app.compiled.kindMask & p.kindBit) === 0) continue
        const row = judge(app, p, f, fy, throughout, judged)
        judged[m] = row
        any = true
        const caps = app.compiled.rule.caps
        if (row.result.status === 'eligible' && (caps.personsPerBody !== null || caps.eligibleCost?.per === 'body')) {
          const key = (p.employerIndex * nFy + f) * nMeasures + m
          const list = capped.get(key)
          if (list) list.push(row)
          else capped.set(key, [row])
        }
      }
      if (!any) {
        rows.push({
          result: {
            placementId: p.placement.id,
            fy,
            measure: null,
            scheme: null,
            status: 'not_eligible',
            eligibleCost: 0,
            amount: 0,
            proposedAmount: null,
            reason: 'この種類の配置に適用される財政措置のルールがありません',
            source: null,
          },
          compiled: null,
          prepared: p,
          fyIndex: f,
          tail: '',
        })
        continue
      }
      for (let m = 0; m < nMeasures; m++) {
        const row = judged[m]
        if (row) rows.push(row)
      }
    }
  }

  for (const list of capped.values()) applyBodyCaps(list, input.selections, fiscalYears)

  return { results: rows.map((r) => r.result), totals: totalsOf(rows, employers, fiscalYears, personMeasures) }
}

function orderByYields(versions: CompiledRule[][]): number[] {
  const order: number[] = []
  const state = new Array<number>(versions.length).fill(0)
  const visit = (m: number) => {
    if (state[m] !== 0) return // 1 = in progress (a cycle: the schema refuses those), 2 = done
    state[m] = 1
    for (const c of versions[m]!) for (const y of c.yields) visit(y.measureIndex)
    state[m] = 2
    order.push(m)
  }
  for (let m = 0; m < versions.length; m++) visit(m)
  return order
}

function prepare(
  placement: FundingPlacement,
  order: number,
  employerIndex: number,
  fyIndex: Map<number, number>,
): Prepared {
  const claimant = claimantKindOf(placement.employer)
  const costs: Array<number[] | null> = new Array(fyIndex.size).fill(null)
  for (const line of placement.costs) {
    const f = fyIndex.get(line.fy)
    if (f === undefined || line.amount === 0) continue
    const slots = costs[f] ?? (costs[f] = new Array<number>(SLOTS).fill(0))
    const slot = (ITEM_INDEX.get(line.item) ?? COST_ITEMS.length - 1) * 2 + (line.inProgramme ? 1 : 0)
    slots[slot] = slots[slot]! + line.amount
  }
  return {
    placement,
    order,
    employerIndex,
    claimant,
    claimantBit: 1 << CLAIMANT_INDEX.get(claimant)!,
    kindBit: 1 << (KIND_INDEX.get(placement.kind) ?? 31),
    employmentIndex: EMPLOYMENT_INDEX.get(placement.employment) ?? 0,
    startMonth: monthIndexOfIsoDate(placement.start),
    endMonth: placement.end === null ? Infinity : monthIndexOfIsoDate(placement.end),
    costs,
  }
}

function notEligible(
  app: Applicable,
  p: Prepared,
  f: number,
  fy: number,
  reason: string,
  source: string,
  eligibleCost = 0,
): RowState {
  const rule = app.compiled.rule
  return {
    result: {
      placementId: p.placement.id,
      fy,
      measure: rule.id,
      scheme: rule.scheme,
      status: 'not_eligible',
      eligibleCost,
      amount: 0,
      proposedAmount: null,
      reason,
      source,
    },
    compiled: app.compiled,
    prepared: p,
    fyIndex: f,
    tail: '',
  }
}

function judge(
  app: Applicable,
  p: Prepared,
  f: number,
  fy: number,
  throughout: boolean,
  judged: Array<RowState | null>,
): RowState {
  const c = app.compiled
  const rule = c.rule
  const placement = p.placement

  for (const y of c.yields) {
    if (judged[y.measureIndex]?.result.status === 'eligible') return notEligible(app, p, f, fy, y.reason, y.source)
  }
  if ((c.claimantMask & p.claimantBit) === 0) {
    return notEligible(
      app,
      p,
      f,
      fy,
      `対象団体は${c.claimantText}です（雇用する団体は${CLAIMANT_KIND_LABELS[p.claimant]}）`,
      rule.source,
    )
  }
  if ((c.employmentMask & (1 << p.employmentIndex)) === 0) {
    return notEligible(
      app,
      p,
      f,
      fy,
      `対象となる任用形態は${c.employmentText}です（この配置は${FUNDING_EMPLOYMENT_FORM_LABELS[placement.employment]}）`,
      rule.source,
    )
  }
  for (const condition of c.conditions) {
    if (!conditionMet(condition.code, placement)) return notEligible(app, p, f, fy, condition.reason, condition.source)
  }
  if (app.period === 'before' && rule.startsAtFromFy) return notEligible(app, p, f, fy, c.beforeText, rule.source)

  // Cost items: covered, excluded (named in the reason), or needing confirmation.
  const slots = p.costs[f]
  const table = c.items[p.employmentIndex]!
  let covered = 0
  let uncertain = 0
  let excludedText = ''
  let uncertainText = ''
  let uncertainSource: string | null = null
  if (slots) {
    for (let s = 0; s < SLOTS; s++) {
      const amount = slots[s]!
      if (amount === 0) continue
      const entry = table[s]!
      if (entry.treatment === TREATMENT_COVERED) {
        covered += amount
        continue
      }
      const label = `${COST_ITEM_LABELS[COST_ITEMS[s >> 1]!]}${s >> 1 === TRAINING ? ((s & 1) === 1 ? '（プログラム内）' : '（プログラム外）') : ''} ${formatYen(amount)}${entry.suffix}`
      if (entry.treatment === TREATMENT_EXCLUDED) {
        excludedText += excludedText === '' ? label : `、${label}`
      } else {
        uncertain += amount
        uncertainText += uncertainText === '' ? label : `、${label}`
        uncertainSource ??= entry.source
      }
    }
  }
  const cap = rule.caps.eligibleCost
  let capText = ''
  if (cap && cap.per === 'placement' && covered > cap.amount) {
    capText = `。対象経費の上限 ${formatYen(cap.amount)} を適用（入力 ${formatYen(covered)}、${cap.source}）`
    covered = cap.amount
  }
  const tail = (excludedText === '' ? '' : `。対象外: ${excludedText}`) + capText

  // What the measure gives, before any open point.
  let amount: number
  let amountText: string
  let confirmations = ''
  let confirmSource: string | null = null
  const addConfirmation = (text: string, source: string) => {
    confirmations += confirmations === '' ? text : `／${text}`
    confirmSource ??= source
  }
  if (c.isRate) {
    amount = mulDivFloor(covered, c.numerator, c.denominator)
    amountText = `対象経費 ${formatYen(covered)} × ${c.rateText} = ${formatYen(amount)}`
  } else if (throughout) {
    amount = c.unitAmount
    amountText = `単価 ${formatYen(c.unitAmount)} × 1人 = ${formatYen(amount)}（年度を通じて在職）${covered > 0 ? `。人件費の実額 ${formatYen(covered)} は算定に用いません` : ''}`
  } else {
    const months = monthsActiveBetween(p.startMonth, p.endMonth, fy)
    amount = mulDivFloor(c.unitAmount, months, 12)
    amountText = `月割りなら単価 ${formatYen(c.unitAmount)} × ${months}/12 = ${formatYen(amount)}`
    addConfirmation(
      `年度の途中の在職（${months}か月）: 普通交付税の人数の数え方（基準日・月割り）は資料に記載がないため、人数に数えていません（${rule.source}）`,
      rule.source,
    )
  }

  if (app.period === 'before') addConfirmation(c.beforeText, rule.source)
  if (app.period === 'after') addConfirmation(c.afterText, rule.source)
  for (const open of c.openPoints) if (open.matches(p)) addConfirmation(open.text, open.source)
  let proposed = amount
  if (uncertain > 0) {
    addConfirmation(`対象経費か確認が必要: ${uncertainText}`, uncertainSource ?? rule.source)
    if (c.isRate) {
      const withUncertain =
        cap && cap.per === 'placement' ? Math.min(covered + uncertain, cap.amount) : covered + uncertain
      proposed = mulDivFloor(withUncertain, c.numerator, c.denominator)
    }
  }

  const result: FundingResult = {
    placementId: placement.id,
    fy,
    measure: rule.id,
    scheme: rule.scheme,
    status: 'eligible',
    eligibleCost: covered,
    amount,
    proposedAmount: null,
    reason: '',
    source: rule.source,
  }
  if (confirmations !== '') {
    result.status = 'needs_confirmation'
    result.amount = 0
    result.proposedAmount = proposed
    result.source = confirmSource ?? rule.source
    const figure =
      c.isRate && covered === 0 && uncertain === 0
        ? 'この年度の対象経費は入力されていません'
        : proposed === amount
          ? `確認できれば ${formatYen(proposed)}（${amountText}）`
          : `確認できれば ${formatYen(proposed)}（要確認の経費を除くと ${amountText}）`
    result.reason = `要確認: ${confirmations}。${figure}${tail}`
  } else if (c.isRate && covered === 0 && excludedText === '') {
    result.reason = 'この措置の対象ですが、この年度の対象経費が入力されていません'
  } else {
    result.reason = amountText + tail
  }
  return { result, compiled: c, prepared: p, fyIndex: f, tail }
}

/** Caps per body and fiscal year, over the eligible rows of one measure: persons first, then the cost cap. */
function applyBodyCaps(list: RowState[], selections: FundingSelections | undefined, fiscalYears: number[]) {
  const c = list[0]!.compiled!
  const caps = c.rule.caps
  const employer = list[0]!.prepared.placement.employer
  const fy = fiscalYears[list[0]!.fyIndex]!
  let counted = list
  if (caps.personsPerBody && list.length > caps.personsPerBody.max) {
    const max = caps.personsPerBody.max
    const chosen = selections?.[selectionKey(employer, fy)] ?? []
    const byId = new Map(list.map((row) => [row.prepared.placement.id, row]))
    const picked: RowState[] = []
    const pickedBy = new Map<RowState, 'selection' | 'cost'>()
    for (const id of chosen) {
      const row = byId.get(id)
      if (row && !pickedBy.has(row) && picked.length < max) {
        picked.push(row)
        pickedBy.set(row, 'selection')
      }
    }
    const byCost = [...list].sort(
      (a, b) => b.result.eligibleCost - a.result.eligibleCost || a.prepared.order - b.prepared.order,
    )
    for (const row of byCost) {
      if (picked.length >= max) break
      if (!pickedBy.has(row)) {
        picked.push(row)
        pickedBy.set(row, 'cost')
      }
    }
    const names = picked.map((row) => row.prepared.placement.id).join('、')
    const how = chosen.length > 0 ? '選択された配置を優先し、残りは対象経費の大きい順' : '対象経費の大きい順'
    for (const row of list) {
      if (pickedBy.has(row)) {
        row.result.reason += `。1団体${max}名分の上限の内で計上（${how}、${caps.personsPerBody.source}）`
      } else {
        row.result.status = 'not_eligible'
        row.result.amount = 0
        row.result.source = caps.personsPerBody.source
        row.result.reason = `1団体${max}名分が措置の上限のため計上していません（計上した配置: ${names}。${how}で選んでいます。計上する配置は選び直せます）`
      }
    }
    counted = picked
  }
  const cap = caps.eligibleCost
  if (cap && cap.per === 'body') {
    const total = counted.reduce((sum, row) => sum + row.result.eligibleCost, 0)
    if (total <= cap.amount) return
    let remaining = cap.amount
    const byCost = [...counted].sort(
      (a, b) => b.result.eligibleCost - a.result.eligibleCost || a.prepared.order - b.prepared.order,
    )
    for (const row of byCost) {
      const entered = row.result.eligibleCost
      const allocated = Math.min(entered, remaining)
      remaining -= allocated
      if (allocated === 0) {
        row.result.status = 'not_eligible'
        row.result.eligibleCost = 0
        row.result.amount = 0
        row.result.source = cap.source
        row.result.reason = `団体の対象経費の上限 ${formatYen(cap.amount)} に達したため計上していません（この配置の対象経費 ${formatYen(entered)}、同じ団体・年度の合計 ${formatYen(total)}）`
        continue
      }
      if (allocated === entered) continue
      const amount = mulDivFloor(allocated, c.numerator, c.denominator)
      row.result.eligibleCost = allocated
      row.result.amount = amount
      row.result.reason = `対象経費 ${formatYen(allocated)} × ${c.rateText} = ${formatYen(amount)}（団体の対象経費の上限 ${formatYen(cap.amount)} のうち、この配置に割り当てた額。入力 ${formatYen(entered)}、同じ団体・年度の合計 ${formatYen(total)}、${cap.source}）${row.tail}`
    }
  }
}

function totalsOf(
  rows: RowState[],
  employers: string[],
  fiscalYears: number[],
  personMeasures: string[],
): FundingTotal[] {
  const nFy = fiscalYears.length
  const byKey = new Map<number, FundingTotal>()
  for (const row of rows) {
    const key = row.prepared.employerIndex * nFy + row.fyIndex
    let total = byKey.get(key)
    if (!total) {
      const persons: Record<string, number> = {}
      for (const id of personMeasures) persons[id] = 0
      total = {
        employer: employers[row.prepared.employerIndex]!,
        fy: fiscalYears[row.fyIndex]!,
        futsu: 0,
        tokubetsu: 0,
        pending: 0,
        persons,
      }
      byKey.set(key, total)
    }
    const r = row.result
    if (r.status === 'needs_confirmation') total.pending++
    else if (r.status === 'eligible') {
      if (r.scheme === 'futsu') total.futsu += r.amount
      else total.tokubetsu += r.amount
      if (row.compiled?.countsPersons) total.persons[r.measure!] = (total.persons[r.measure!] ?? 0) + 1
    }
  }
  return [...byKey.values()].sort((a, b) => (a.employer < b.employer ? -1 : a.employer > b.employer ? 1 : a.fy - b.fy))
}
