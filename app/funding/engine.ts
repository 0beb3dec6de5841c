// The funding engine: pure functions over rule data (rules.ts). Everything comes in as arguments — rules,
// placements, fiscal years, the user's choices — and nothing is read from outside (no clock, no I/O), so the
// same input always gives the same answer. Each placement gets, for each fiscal year it is active in, one row
// per measure for its kind: 対象 / 対象外 / 要確認, always with the reason and the source line. Amounts are
// integer yen: 措置額 = floor(covered cost × rate), computed exactly.
//
// Speed (target: 10,000 placements × 5 years ≤ 100 ms on 2 cores, tests/bench/funding.ts): rules are compiled
// once into lookup tables per employment form and item, each placement's dates and costs are read once, the
// hot loop does no parsing and no regular expressions, and it writes no text: a row's reason is written when it
// is read (see FundingRow), since most of 100,000 reasons are never shown.
import { fiscalYearLabel, fiscalYearRange, fiscalYearShortLabel, monthsActiveBetween } from './fiscal-year'
import { CLAIMANT_KIND_LABELS, COST_ITEM_LABELS, FUNDING_EMPLOYMENT_FORM_LABELS } from './labels'
import {
  CLAIMANT_KINDS,
  type ClaimantKind,
  claimantKindOf,
  type ConditionKind,
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
  /** Written when first read (then kept); JSON carries it. Copy a row with fundingRowWith, not a spread. */
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
const CLAIMANT_INDEX = new Map<ClaimantKind, number>(CLAIMANT_KINDS.map((kind, i) => [kind, i]))
const TRAINING = COST_ITEMS.indexOf('training')
/** The item's name as a reason shows it, per slot (training says whether it is in the programme). */
const SLOT_LABELS = Array.from({ length: SLOTS }, (_, slot) => {
  const item = slot >> 1
  const label = COST_ITEM_LABELS[COST_ITEMS[item]!]
  return item === TRAINING ? `${label}（${(slot & 1) === 1 ? 'プログラム内' : 'プログラム外'}）` : label
})

/** Placement facts as bits, so conditions and open points are two integer comparisons. */
const FLAG_FIXED_TERM = 1
const FLAG_APPOINTED = 2
const FLAG_MAIN_DUTY = 4
const FLAG_DESIGNATED = 8
const FLAG_PLAN_DRAFTING = 16
const CONDITION_BITS: Record<ConditionKind, { mask: number; wanted: number }> = {
  appointed_accelerator: { mask: FLAG_APPOINTED, wanted: FLAG_APPOINTED },
  main_duty_municipal_support: { mask: FLAG_MAIN_DUTY, wanted: FLAG_MAIN_DUTY },
  designated_dx_leader: { mask: FLAG_DESIGNATED, wanted: FLAG_DESIGNATED },
  not_plan_drafting_only: { mask: FLAG_PLAN_DRAFTING, wanted: 0 },
}
const MATCH_FLAGS = [
  ['fixedTerm', FLAG_FIXED_TERM],
  ['appointedAccelerator', FLAG_APPOINTED],
  ['mainDutyMunicipalSupport', FLAG_MAIN_DUTY],
  ['designatedDxLeader', FLAG_DESIGNATED],
  ['planDraftingOnly', FLAG_PLAN_DRAFTING],
] as const

interface ItemEntry {
  treatment: number
  silent: boolean
  source: string | null
  /** `（note、002:433）` — ready to append after the item amounts. */
  suffix: string
}

const NOT_COVERED: ItemEntry = {
  treatment: TREATMENT_EXCLUDED,
  silent: false,
  source: null,
  suffix: '（この措置の対象経費ではありません）',
}

/** A PlacementMatch as masks: claimant and employment bits (-1 = any), then flag bits and their values. */
interface CompiledMatch {
  claimants: number
  employment: number
  flagMask: number
  flagValues: number
}

interface CompiledRule {
  rule: FundingRule
  kindMask: number
  claimantMask: number
  employmentMask: number
  conditions: Array<{ mask: number; wanted: number; reason: string; source: string }>
  openPoints: Array<{ match: CompiledMatch; text: string; source: string }>
  /** items[employmentIndex][slot] */
  items: ItemEntry[][]
  isRate: boolean
  numerator: number
  denominator: number
  unitAmount: number
  rateText: string
  /** Not-eligible reasons, precomputed per claimant kind and per employment form. */
  claimantReasons: string[]
  employmentReasons: string[]
  yields: Array<{ measureIndex: number; reason: string; source: string }>
  beforeText: string
  afterText: string
  countsPersons: boolean
  /** Has a cap per body (persons or cost), applied in a second pass over the eligible rows. */
  bodyCapped: boolean
}

function bitsOf<T>(values: readonly T[], index: Map<T, number>): number {
  let mask = 0
  for (const value of values) mask |= 1 << (index.get(value) ?? 30)
  return mask
}

function compileMatch(match: PlacementMatch): CompiledMatch {
  let flagMask = 0
  let flagValues = 0
  for (const [key, bit] of MATCH_FLAGS) {
    const wanted = match[key]
    if (wanted === undefined) continue
    flagMask |= bit
    if (wanted) flagValues |= bit
  }
  return {
    claimants: match.claimants ? bitsOf(match.claimants, CLAIMANT_INDEX) : -1,
    employment: match.employment ? bitsOf(match.employment, EMPLOYMENT_INDEX) : -1,
    flagMask,
    flagValues,
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

function compileItems(rule: FundingRule): ItemEntry[][] {
  return FUNDING_EMPLOYMENT_FORMS.map((form) =>
    Array.from({ length: SLOTS }, (_, slot) => {
      const item = COST_ITEMS[slot >> 1]!
      const inProgramme = (slot & 1) === 1
      const match = rule.items.find(
        (entry) =>
          entry.items.includes(item) &&
          (entry.employment === undefined || entry.employment.includes(form)) &&
          (entry.inProgramme === undefined || entry.inProgramme === inProgramme),
      )
      if (!match) return NOT_COVERED
      return {
        treatment:
          match.treatment === 'covered'
            ? TREATMENT_COVERED
            : match.treatment === 'excluded'
              ? TREATMENT_EXCLUDED
              : TREATMENT_CONFIRM,
        silent: match.silent === true,
        source: match.source ?? null,
        suffix: `（${match.note}${match.source ? `、${match.source}` : ''}）`,
      }
    }),
  )
}

function compileRule(rule: FundingRule): CompiledRule {
  const method = rule.method
  const first = rule.fromFy
  const last = rule.toFy
  const claimantText = rule.claimants.map((c) => CLAIMANT_KIND_LABELS[c]).join('・')
  const employmentText = rule.employment.map((e) => FUNDING_EMPLOYMENT_FORM_LABELS[e]).join('・')
  return {
    rule,
    kindMask: bitsOf(rule.placementKinds, KIND_INDEX),
    claimantMask: bitsOf(rule.claimants, CLAIMANT_INDEX),
    employmentMask: bitsOf(rule.employment, EMPLOYMENT_INDEX),
    conditions: rule.conditions.map((c) => ({ ...CONDITION_BITS[c.requires], reason: c.reason, source: c.source })),
    openPoints: rule.openPoints.map((o) => ({
      match: compileMatch(o.when),
      text: `${o.reason}（${o.source}）`,
      source: o.source,
    })),
    items: compileItems(rule),
    isRate: method.type === 'rate',
    numerator: method.type === 'rate' ? method.numerator : 0,
    denominator: method.type === 'rate' ? method.denominator : 1,
    unitAmount: method.type === 'per_person' ? method.amount : 0,
    rateText: method.type === 'rate' ? rateTextOf(method.numerator, method.denominator) : '',
    claimantReasons: CLAIMANT_KINDS.map(
      (kind) => `対象団体は${claimantText}です（雇用する団体は${CLAIMANT_KIND_LABELS[kind]}）`,
    ),
    employmentReasons: FUNDING_EMPLOYMENT_FORMS.map(
      (form) => `対象となる任用形態は${employmentText}です（この配置は${FUNDING_EMPLOYMENT_FORM_LABELS[form]}）`,
    ),
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
    bodyCapped: rule.caps.personsPerBody !== null || rule.caps.eligibleCost?.per === 'body',
  }
}

/** For one fiscal year, the version of a measure that applies and whether the year is inside its period. */
interface Applicable {
  compiled: CompiledRule
  period: 'in' | 'before' | 'after'
  /** The fiscal year and its index in the run. */
  fy: number
  f: number
}

function chooseVersion(versions: CompiledRule[], fy: number, f: number): Applicable {
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
  if (inForce) return { compiled: inForce, period: 'in', fy, f }
  if (ended) return { compiled: ended, period: 'after', fy, f }
  return { compiled: upcoming!, period: 'before', fy, f }
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

/** '0' … '999' and '000' … '999': the leading and following digit groups, so formatting is table lookups. */
const LEADING_GROUPS = Array.from({ length: 1000 }, (_, n) => String(n))
const DIGIT_GROUPS = LEADING_GROUPS.map((text) => text.padStart(3, '0'))

/** 1,234,567円 (by hand, from the tables: Intl formatting is too slow for the hot loop). */
export function formatYen(n: number): string {
  if (n < 1000) return `${LEADING_GROUPS[n]}円`
  const low = n % 1000
  const thousands = (n - low) / 1000
  if (n < 1_000_000) return `${LEADING_GROUPS[thousands]},${DIGIT_GROUPS[low]}円`
  const middle = thousands % 1000
  const millions = (thousands - middle) / 1000
  if (millions < 1000) return `${LEADING_GROUPS[millions]},${DIGIT_GROUPS[middle]},${DIGIT_GROUPS[low]}円`
  let rest = millions
  let text = `,${DIGIT_GROUPS[middle]},${DIGIT_GROUPS[low]}円`
  while (rest >= 1000) {
    const group = rest % 1000
    text = `,${DIGIT_GROUPS[group]}${text}`
    rest = (rest - group) / 1000
  }
  return `${LEADING_GROUPS[rest]}${text}`
}

/** An ISO date (YYYY-MM-DD, as the input schema guarantees) as the number YYYYMMDD: compared without strings. */
function dayNumberOf(iso: string): number {
  let n = 0
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7) n = n * 10 + iso.charCodeAt(i) - 48
  return n
}

/** year × 12 + month - 1, as monthIndexOfIsoDate gives it for the same date. */
function monthOfDayNumber(day: number): number {
  return Math.floor(day / 10000) * 12 + (Math.floor(day / 100) % 100) - 1
}

function joinSlash(text: string, more: string): string {
  return text === '' ? more : `${text}／${more}`
}

// ---- the engine ------------------------------------------------------------------------------------------

/**
 * What a row needs, after its run, to write its reason: the run's cost lines (for each placement-year cell,
 * placement order × fiscal years + year index, its slots with a non-zero sum in slot order, at start[cell] …
 * start[cell + 1] - 1) and the measure versions that applied.
 */
interface RunFacts {
  start: Int32Array
  slots: Uint8Array
  amounts: Float64Array
  /** Per cell: 1 when the placement is in post for the whole fiscal year. */
  throughout: Uint8Array
  nFy: number
  fyIndex: Map<number, number>
  measureIndexOf: Map<string, number>
  /** applicable[fyIndex][measureIndex] */
  applicable: Applicable[][]
}

/** One placement read once: its facts as bits and numbers. Its costs live in the run's cost cells. */
interface Prepared {
  placement: FundingPlacement
  order: number
  employerIndex: number
  claimantIndex: number
  claimantBit: number
  kindBit: number
  employmentIndex: number
  flags: number
  /** The dates as YYYYMMDD numbers (end: Infinity when open), and their months (year × 12 + month - 1). */
  startDay: number
  endDay: number
  startMonth: number
  endMonth: number
  facts: RunFacts
}

/**
 * A result row. Its reason is written when it is first read, from the facts the engine judged it on (the
 * measure's version for the year, the placement's facts and the run's cost cells, all fixed when the run
 * ends): writing 100,000 Japanese sentences nobody reads was most of the engine's time and memory. Rows whose
 * reason is a fixed sentence carry it from the start. JSON (loaders, the CLI) gets the reason through toJSON;
 * a spread does not (the reason is not an own property): copy a row with fundingRowWith.
 */
class FundingRow implements FundingResult {
  placementId: string
  fy: number
  measure: string | null
  scheme: FundingScheme | null
  status: FundingStatus
  eligibleCost = 0
  amount = 0
  proposedAmount: number | null = null
  source: string | null
  /** The reason, or (until it is read) the placement it is to be written for. */
  #why: string | Prepared

  constructor(
    placementId: string,
    fy: number,
    rule: FundingRule | null,
    status: FundingStatus,
    source: string | null,
    why: string | Prepared,
  ) {
    this.placementId = placementId
    this.fy = fy
    this.measure = rule === null ? null : rule.id
    this.scheme = rule === null ? null : rule.scheme
    this.status = status
    this.source = source
    this.#why = why
  }

  get reason(): string {
    const why = this.#why
    if (typeof why === 'string') return why
    const facts = why.facts
    const app = facts.applicable[facts.fyIndex.get(this.fy)!]![facts.measureIndexOf.get(this.measure!)!]!
    const text = judgeCosts(app, why, null, WRITE_REASON)
    this.#why = text
    return text
  }

  set reason(text: string) {
    this.#why = text
  }

  /** The row as JSON shows it: the fields in their documented order, then any fields added by fundingRowWith. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      placementId: this.placementId,
      fy: this.fy,
      measure: this.measure,
      scheme: this.scheme,
      status: this.status,
      eligibleCost: this.eligibleCost,
      amount: this.amount,
      proposedAmount: this.proposedAmount,
      reason: this.reason,
      source: this.source,
    }
    for (const [key, value] of Object.entries(this)) if (!(key in json)) json[key] = value
    return json
  }

  /** A copy with the same fields and the same reason, still written only when read. */
  copy(): FundingRow {
    const copy = new FundingRow(this.placementId, this.fy, null, this.status, this.source, this.#why)
    copy.measure = this.measure
    copy.scheme = this.scheme
    copy.eligibleCost = this.eligibleCost
    copy.amount = this.amount
    copy.proposedAmount = this.proposedAmount
    return copy
  }
}

/**
 * A copy of a result row with fields changed or added (a `reason` in `extra` replaces the reason). Use this,
 * not a spread: a row's reason is written when read, so a spread would leave it out.
 */
export function fundingRowWith<T extends object>(row: FundingResult, extra: T): FundingResult & T {
  const copy: FundingResult = row instanceof FundingRow ? row.copy() : { ...row }
  return Object.assign(copy, extra)
}

/** Everything one run shares, so the per-row code takes one argument for it. */
interface Run {
  fiscalYears: number[]
  /** Each fiscal year's first and last day as YYYYMMDD numbers. */
  fyStarts: number[]
  fyEnds: number[]
  /** The index of fiscal year firstFy + i in fiscalYears, or -1. */
  fyOffsets: Int32Array
  firstFy: number
  /** applicable[fyIndex][measureIndex] */
  applicable: Applicable[][]
  evaluationOrder: number[]
  nMeasures: number
  facts: RunFacts
  /** Next free entry in facts.slots / facts.amounts. */
  cellEnd: number
  /** One placement's costs by year and slot while it is being prepared; zero between placements. */
  dense: Float64Array
  touched: Uint8Array
  /** The rows of the placement-year being judged, by measure. */
  judged: Array<FundingRow | null>
  results: FundingRow[]
  /** Per row: its employer × year group (sized for every measure in every year). */
  rowGroup: Int32Array
  /** Eligible rows of measures with caps per body, by employer × year × measure, for the second pass. */
  capped: Map<number, CappedRow[]>
}

export function evaluateFunding(input: FundingInput): FundingEvaluation {
  const fiscalYears = [...new Set(input.fiscalYears)].sort((a, b) => a - b)
  const nFy = fiscalYears.length
  const fyIndex = new Map(fiscalYears.map((fy, i) => [fy, i]))
  const fyStarts = fiscalYears.map((fy) => dayNumberOf(fiscalYearRange(fy).start))
  const fyEnds = fiscalYears.map((fy) => dayNumberOf(fiscalYearRange(fy).end))
  const firstFy = nFy === 0 ? 0 : fiscalYears[0]!
  const fyOffsets = new Int32Array(nFy === 0 ? 0 : fiscalYears[nFy - 1]! - firstFy + 1).fill(-1)
  for (let f = 0; f < nFy; f++) fyOffsets[fiscalYears[f]! - firstFy] = f

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
    versions[m]!.push(compileRule(rule))
  }
  for (const list of versions) {
    for (const c of list) {
      c.yields = c.rule.yieldsTo.flatMap((y) => {
        const target = measureIndexOf.get(y.measure)
        return target === undefined ? [] : [{ measureIndex: target, reason: y.reason, source: y.source }]
      })
    }
  }
  const nMeasures = measureIds.length
  // Measures another measure yields to are judged first.
  const evaluationOrder = orderByYields(versions)
  const applicable: Applicable[][] = fiscalYears.map((fy, f) => versions.map((list) => chooseVersion(list, fy, f)))
  const personMeasures = measureIds.filter((_, m) => versions[m]!.some((c) => c.countsPersons))

  let lines = 0
  for (const placement of input.placements) lines += placement.costs.length
  const nCells = input.placements.length * nFy
  const results: FundingRow[] = []
  const run: Run = {
    fiscalYears,
    fyStarts,
    fyEnds,
    fyOffsets,
    firstFy,
    applicable,
    evaluationOrder,
    nMeasures,
    facts: {
      start: new Int32Array(nCells + 1),
      slots: new Uint8Array(lines),
      amounts: new Float64Array(lines),
      throughout: new Uint8Array(nCells),
      nFy,
      fyIndex,
      measureIndexOf,
      applicable,
    },
    cellEnd: 0,
    dense: new Float64Array(nFy * SLOTS),
    touched: new Uint8Array(nFy),
    judged: new Array<FundingRow | null>(nMeasures).fill(null),
    results,
    rowGroup: new Int32Array(nCells * Math.max(1, nMeasures)),
    capped: new Map(),
  }
  const employers: string[] = []
  const claimantOfEmployer: number[] = []
  const employerIndexOf = new Map<string, number>()
  const prepared = input.placements.map((placement, order) => {
    let employerIndex = employerIndexOf.get(placement.employer)
    if (employerIndex === undefined) {
      employerIndex = employers.length
      employers.push(placement.employer)
      claimantOfEmployer.push(CLAIMANT_INDEX.get(claimantKindOf(placement.employer))!)
      employerIndexOf.set(placement.employer, employerIndex)
    }
    return prepare(placement, order, employerIndex, claimantOfEmployer[employerIndex]!, run)
  })

  // One call per placement: a small function V8 optimises on its own, rather than one long loop it can only
  // optimise while running.
  for (const p of prepared) evaluatePlacement(run, p)
  for (const list of run.capped.values()) applyBodyCaps(list, input.selections)

  const countsPersons = applicable.map((list) => list.map((app) => app.compiled.countsPersons))
  return {
    results,
    totals: totalsOf(results, run.rowGroup, countsPersons, measureIndexOf, employers, fiscalYears, personMeasures),
  }
}

function evaluatePlacement(run: Run, p: Prepared) {
  const { startDay, endDay } = p
  const { fiscalYears, applicable, evaluationOrder, judged, results, rowGroup, nMeasures } = run
  const nFy = fiscalYears.length
  for (let f = 0; f < nFy; f++) {
    if (startDay > run.fyEnds[f]! || endDay < run.fyStarts[f]!) continue
    const fy = fiscalYears[f]!
    const group = p.employerIndex * nFy + f
    for (let m = 0; m < nMeasures; m++) judged[m] = null
    let any = false
    for (let i = 0; i < evaluationOrder.length; i++) {
      const m = evaluationOrder[i]!
      const app = applicable[f]![m]!
      if ((app.compiled.kindMask & p.kindBit) === 0) continue
      const result = judge(app, p, judged)
      judged[m] = result
      any = true
      if (app.compiled.bodyCapped && result.status === 'eligible') {
        const key = group * nMeasures + m
        const row: CappedRow = { result, app, prepared: p }
        const list = run.capped.get(key)
        if (list) list.push(row)
        else run.capped.set(key, [row])
      }
    }
    if (!any) {
      rowGroup[results.length] = group
      results.push(new FundingRow(p.placement.id, fy, null, 'not_eligible', null, NO_RULE))
      continue
    }
    for (let m = 0; m < nMeasures; m++) {
      const result = judged[m]
      if (!result) continue
      rowGroup[results.length] = group
      results.push(result)
    }
  }
}

const NO_RULE = 'この種類の配置に適用される財政措置のルールがありません'

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
  claimantIndex: number,
  run: Run,
): Prepared {
  const { facts, dense, touched, fyOffsets, firstFy } = run
  const nFy = facts.nFy
  for (const line of placement.costs) {
    const offset = line.fy - firstFy
    const f = offset >= 0 && offset < fyOffsets.length ? fyOffsets[offset]! : -1
    if (f < 0 || line.amount === 0) continue
    const slot = (ITEM_INDEX.get(line.item) ?? COST_ITEMS.length - 1) * 2 + (line.inProgramme ? 1 : 0)
    dense[f * SLOTS + slot] = dense[f * SLOTS + slot]! + line.amount
    touched[f] = 1
  }
  const startDay = dayNumberOf(placement.start)
  const endDay = placement.end === null ? Infinity : dayNumberOf(placement.end)
  // The cost cells of this placement, in year and slot order; the dense table is left zeroed.
  let end = run.cellEnd
  for (let f = 0; f < nFy; f++) {
    const cell = order * nFy + f
    facts.start[cell] = end
    facts.throughout[cell] = startDay <= run.fyStarts[f]! && endDay >= run.fyEnds[f]! ? 1 : 0
    if (touched[f] === 0) continue
    touched[f] = 0
    for (let s = 0; s < SLOTS; s++) {
      const amount = dense[f * SLOTS + s]!
      if (amount === 0) continue
      dense[f * SLOTS + s] = 0
      facts.slots[end] = s
      facts.amounts[end] = amount
      end++
    }
  }
  facts.start[(order + 1) * nFy] = end
  run.cellEnd = end
  return {
    placement,
    order,
    employerIndex,
    claimantIndex,
    claimantBit: 1 << claimantIndex,
    kindBit: 1 << (KIND_INDEX.get(placement.kind) ?? 30),
    employmentIndex: EMPLOYMENT_INDEX.get(placement.employment) ?? 0,
    flags:
      (placement.fixedTerm ? FLAG_FIXED_TERM : 0) |
      (placement.appointedAccelerator ? FLAG_APPOINTED : 0) |
      (placement.mainDutyMunicipalSupport ? FLAG_MAIN_DUTY : 0) |
      (placement.designatedDxLeader ? FLAG_DESIGNATED : 0) |
      (placement.planDraftingOnly ? FLAG_PLAN_DRAFTING : 0),
    startDay,
    endDay,
    startMonth: monthOfDayNumber(startDay),
    endMonth: endDay === Infinity ? Infinity : monthOfDayNumber(endDay),
    facts,
  }
}

/** A row whose reason is a fixed sentence. */
function fixedRow(p: Prepared, app: Applicable, reason: string, source: string): FundingRow {
  return new FundingRow(p.placement.id, app.fy, app.compiled.rule, 'not_eligible', source, reason)
}

function judge(app: Applicable, p: Prepared, judged: Array<FundingRow | null>): FundingRow {
  const c = app.compiled
  const rule = c.rule

  for (const y of c.yields) {
    if (judged[y.measureIndex]?.status === 'eligible') return fixedRow(p, app, y.reason, y.source)
  }
  if ((c.claimantMask & p.claimantBit) === 0) return fixedRow(p, app, c.claimantReasons[p.claimantIndex]!, rule.source)
  if ((c.employmentMask & (1 << p.employmentIndex)) === 0)
    return fixedRow(p, app, c.employmentReasons[p.employmentIndex]!, rule.source)
  for (const condition of c.conditions) {
    if ((p.flags & condition.mask) !== condition.wanted) return fixedRow(p, app, condition.reason, condition.source)
  }
  if (app.period === 'before' && rule.startsAtFromFy) return fixedRow(p, app, c.beforeText, rule.source)

  const result = new FundingRow(p.placement.id, app.fy, rule, 'eligible', rule.source, p)
  judgeCosts(app, p, result, WRITE_ROW)
  return result
}

/** What judgeCosts gives: the row's figures, its reason, or the reason's tail (exclusions and caps). */
const WRITE_ROW = 0
const WRITE_REASON = 1
const WRITE_TAIL = 2

/**
 * Judges a placement-year that meets a measure's conditions on its costs: covered, excluded (named in the
 * reason) or needing confirmation, the caps, the open points that apply, the amount. The same walk writes the
 * row's figures (WRITE_ROW: no text, the engine's hot path) or, when the reason is read, its text
 * (WRITE_REASON; WRITE_TAIL for the part after the amount sentence), so the two can never disagree.
 */
function judgeCosts(app: Applicable, p: Prepared, result: FundingRow | null, write: number): string {
  const c = app.compiled
  const rule = c.rule
  const fy = app.fy
  const text = write !== WRITE_ROW
  const facts = p.facts
  const cell = p.order * facts.nFy + app.f
  const throughout = facts.throughout[cell] === 1

  let covered = 0
  let uncertain = 0
  let excludedText = ''
  let uncertainText = ''
  let uncertainSource: string | null = null
  const table = c.items[p.employmentIndex]!
  for (let i = facts.start[cell]!, end = facts.start[cell + 1]!; i < end; i++) {
    const s = facts.slots[i]!
    const amount = facts.amounts[i]!
    const entry = table[s]!
    if (entry.treatment === TREATMENT_COVERED) {
      covered += amount
    } else if (entry.treatment === TREATMENT_CONFIRM) {
      uncertain += amount
      uncertainSource ??= entry.source
      if (text) {
        const label = `${SLOT_LABELS[s]} ${formatYen(amount)}${entry.suffix}`
        uncertainText = uncertainText === '' ? label : `${uncertainText}、${label}`
      }
    } else if (text && !entry.silent) {
      const label = `${SLOT_LABELS[s]} ${formatYen(amount)}${entry.suffix}`
      excludedText = excludedText === '' ? label : `${excludedText}、${label}`
    }
  }
  const cap = rule.caps.eligibleCost
  let tail = excludedText === '' ? '' : `。対象外: ${excludedText}`
  if (cap !== null && cap.per === 'placement' && covered > cap.amount) {
    if (text) tail += `。対象経費の上限 ${formatYen(cap.amount)} を適用（入力 ${formatYen(covered)}、${cap.source}）`
    covered = cap.amount
  }
  if (write === WRITE_TAIL) return tail

  // The open points that apply, before any amount is written out.
  let confirming = false
  let confirmations = ''
  let confirmSource: string | null = null
  let months = 12
  if (!c.isRate && !throughout) {
    months = monthsActiveBetween(p.startMonth, p.endMonth, fy)
    confirming = true
    if (text)
      confirmations = `年度の途中の在職（${months}か月）: 普通交付税の人数の数え方（基準日・月割り）は資料に記載がないため、人数に数えていません（${rule.source}）`
    confirmSource = rule.source
  }
  if (app.period !== 'in') {
    const periodText = app.period === 'before' ? c.beforeText : c.afterText
    confirming ||= periodText !== ''
    if (text) confirmations = joinSlash(confirmations, periodText)
    confirmSource ??= rule.source
  }
  for (const open of c.openPoints) {
    const match = open.match
    if (
      (match.claimants & p.claimantBit) !== 0 &&
      (match.employment & (1 << p.employmentIndex)) !== 0 &&
      (p.flags & match.flagMask) === match.flagValues
    ) {
      confirming = true
      if (text) confirmations = joinSlash(confirmations, open.text)
      confirmSource ??= open.source
    }
  }

  if (c.isRate && covered === 0 && uncertain === 0) {
    if (result !== null) {
      result.eligibleCost = covered
      // Nothing would be counted even if the open points were settled in favour: nothing to confirm.
      if (confirming) result.status = 'not_eligible'
      return ''
    }
    if (confirming)
      return `この年度の対象経費が入力されていないため、計上するものはありません（経費がある場合は要確認: ${confirmations}）${tail}`
    return tail === ''
      ? 'この措置の対象ですが、この年度の対象経費が入力されていません'
      : `対象経費 0円 × ${c.rateText} = 0円${tail}`
  }

  // What the measure gives.
  let amount: number
  let amountText = ''
  if (c.isRate) {
    amount = mulDivFloor(covered, c.numerator, c.denominator)
    if (text) amountText = `対象経費 ${formatYen(covered)} × ${c.rateText} = ${formatYen(amount)}`
  } else if (throughout) {
    amount = c.unitAmount
    if (text)
      amountText = `単価 ${formatYen(c.unitAmount)} × 1人 = ${formatYen(amount)}（年度を通じて在職）${covered > 0 ? `。人件費の実額 ${formatYen(covered)} は算定に用いません` : ''}`
  } else {
    amount = mulDivFloor(c.unitAmount, months, 12)
    if (text) amountText = `月割りなら単価 ${formatYen(c.unitAmount)} × ${months}/12 = ${formatYen(amount)}`
  }
  let proposed = amount
  if (uncertain > 0) {
    confirming = true
    if (text) confirmations = joinSlash(confirmations, `対象経費か確認が必要: ${uncertainText}`)
    confirmSource ??= uncertainSource ?? rule.source
    if (c.isRate) {
      const withUncertain =
        cap !== null && cap.per === 'placement' ? Math.min(covered + uncertain, cap.amount) : covered + uncertain
      proposed = mulDivFloor(withUncertain, c.numerator, c.denominator)
    }
  }

  if (result !== null) {
    result.eligibleCost = covered
    if (confirming) {
      result.status = 'needs_confirmation'
      result.proposedAmount = proposed
      result.source = confirmSource ?? rule.source
    } else {
      result.amount = amount
    }
    return ''
  }
  if (confirming) {
    const figure =
      proposed === amount
        ? `確認できれば ${formatYen(proposed)}（${amountText}）`
        : `確認できれば ${formatYen(proposed)}（要確認の経費を除くと ${amountText}）`
    return `要確認: ${confirmations}。${figure}${tail}`
  }
  return amountText + tail
}

interface CappedRow {
  result: FundingRow
  app: Applicable
  prepared: Prepared
}

/** Caps per body and fiscal year, over the eligible rows of one measure: persons first, then the cost cap. */
function applyBodyCaps(list: CappedRow[], selections: FundingSelections | undefined) {
  const c = list[0]!.app.compiled
  const caps = c.rule.caps
  const employer = list[0]!.prepared.placement.employer
  const fy = list[0]!.app.fy
  const byCost = (a: CappedRow, b: CappedRow) =>
    b.result.eligibleCost - a.result.eligibleCost || a.prepared.order - b.prepared.order
  let counted = list
  if (caps.personsPerBody && list.length > caps.personsPerBody.max) {
    const max = caps.personsPerBody.max
    const chosen = selections?.[selectionKey(employer, fy)] ?? []
    const byId = new Map(list.map((r) => [r.prepared.placement.id, r]))
    const picked = new Set<CappedRow>()
    for (const id of chosen) {
      const r = byId.get(id)
      if (r && picked.size < max) picked.add(r)
    }
    const selected = picked.size > 0
    for (const r of [...list].sort(byCost)) {
      if (picked.size >= max) break
      picked.add(r)
    }
    const names = [...picked].map((r) => r.prepared.placement.id).join('、')
    const how = selected ? '選択された配置を優先し、残りは対象経費の大きい順' : '対象経費の大きい順'
    for (const r of list) {
      if (picked.has(r)) {
        r.result.reason += `。1団体${max}名分の上限の内で計上（${how}、${caps.personsPerBody.source}）`
      } else {
        r.result.status = 'not_eligible'
        r.result.amount = 0
        r.result.source = caps.personsPerBody.source
        r.result.reason = `1団体${max}名分が措置の上限のため計上していません（計上した配置: ${names}。${how}で選んでいます。計上する配置は選び直せます）`
      }
    }
    counted = [...picked]
  }
  const cap = caps.eligibleCost
  if (cap === null || cap.per !== 'body') return
  const total = counted.reduce((sum, r) => sum + r.result.eligibleCost, 0)
  if (total <= cap.amount) return
  let remaining = cap.amount
  for (const r of [...counted].sort(byCost)) {
    const entered = r.result.eligibleCost
    const allocated = Math.min(entered, remaining)
    remaining -= allocated
    if (allocated === entered) continue
    r.result.eligibleCost = allocated
    if (allocated === 0) {
      r.result.status = 'not_eligible'
      r.result.amount = 0
      r.result.source = cap.source
      r.result.reason = `団体の対象経費の上限 ${formatYen(cap.amount)} に達したため計上していません（この配置の対象経費 ${formatYen(entered)}、同じ団体・年度の合計 ${formatYen(total)}）`
      continue
    }
    const amount = mulDivFloor(allocated, c.numerator, c.denominator)
    const tail = judgeCosts(r.app, r.prepared, null, WRITE_TAIL)
    r.result.amount = amount
    r.result.reason = `対象経費 ${formatYen(allocated)} × ${c.rateText} = ${formatYen(amount)}（団体の対象経費の上限 ${formatYen(cap.amount)} のうち、この配置に割り当てた額。入力 ${formatYen(entered)}、同じ団体・年度の合計 ${formatYen(total)}、${cap.source}）${tail}`
  }
}

function totalsOf(
  results: FundingRow[],
  rowGroup: Int32Array,
  countsPersons: boolean[][],
  measureIndexOf: Map<string, number>,
  employers: string[],
  fiscalYears: number[],
  personMeasures: string[],
): FundingTotal[] {
  const nFy = fiscalYears.length
  const byGroup: Array<FundingTotal | undefined> = new Array(employers.length * nFy).fill(undefined)
  for (let i = 0; i < results.length; i++) {
    const group = rowGroup[i]!
    let total = byGroup[group]
    if (!total) {
      const persons: Record<string, number> = {}
      for (const id of personMeasures) persons[id] = 0
      total = {
        employer: employers[Math.floor(group / nFy)]!,
        fy: fiscalYears[group % nFy]!,
        futsu: 0,
        tokubetsu: 0,
        pending: 0,
        persons,
      }
      byGroup[group] = total
    }
    const r = results[i]!
    if (r.status === 'needs_confirmation') total.pending++
    else if (r.status === 'eligible') {
      if (r.scheme === 'futsu') total.futsu += r.amount
      else total.tokubetsu += r.amount
      if (countsPersons[group % nFy]![measureIndexOf.get(r.measure!)!])
        total.persons[r.measure!] = (total.persons[r.measure!] ?? 0) + 1
    }
  }
  return byGroup
    .filter((total) => total !== undefined)
    .sort((a, b) => (a.employer < b.employer ? -1 : a.employer > b.employer ? 1 : a.fy - b.fy))
}
