// The funding rule model (地方財政措置): a measure is data — who may claim, for which placements, which cost
// items, the method, caps, the fiscal years it is in force, and the source line it comes from — so ministry
// staff can add a measure, or record an extension as a new version, without a code change. The engine
// (engine.ts) is pure code over these rules. Rules stored as JSON are checked with FundingRuleSetSchema.
// Pure and client-safe.
import { z } from 'zod'

export const FUNDING_SCHEMES = ['futsu', 'tokubetsu'] as const
/** 普通交付税 (futsu) / 特別交付税 (tokubetsu). */
export type FundingScheme = (typeof FUNDING_SCHEMES)[number]

/** The kind of body that employs the person and claims the measure, read from its 6-digit code. */
export const CLAIMANT_KINDS = ['prefecture', 'municipality'] as const
export type ClaimantKind = (typeof CLAIMANT_KINDS)[number]

/** 市町村支援のデジタル人材 / CIO補佐官等. */
export const PLACEMENT_KINDS = ['municipal_support', 'cio_adviser'] as const
export type PlacementKind = (typeof PLACEMENT_KINDS)[number]

/** 常勤（任期付を含む）/ 非常勤 / 特別職非常勤 / 業務委託 (domain README §5; 副業 is not a funded form). */
export const FUNDING_EMPLOYMENT_FORMS = ['full_time', 'part_time', 'special_part_time', 'contract'] as const
export type FundingEmploymentForm = (typeof FUNDING_EMPLOYMENT_FORMS)[number]

/** 給与 / 報酬 / 委託料 / 交通費 / 通信運搬費 / 募集経費 / 研修費 / 市町村負担金 / その他. */
export const COST_ITEMS = [
  'salary',
  'remuneration',
  'commission',
  'travel',
  'communication',
  'recruitment',
  'training',
  'municipal_contribution',
  'other',
] as const
export type CostItem = (typeof COST_ITEMS)[number]

/** 対象 / 対象外 / 要確認: the engine never guesses silently. */
export const FUNDING_STATUSES = ['eligible', 'not_eligible', 'needs_confirmation'] as const
export type FundingStatus = (typeof FUNDING_STATUSES)[number]

/** What a placement must be for the measure to apply at all; unmet → not eligible. */
export const CONDITION_KINDS = [
  'appointed_accelerator',
  'main_duty_municipal_support',
  'designated_dx_leader',
  'not_plan_drafting_only',
] as const
export type ConditionKind = (typeof CONDITION_KINDS)[number]

export const ITEM_TREATMENTS = ['covered', 'excluded', 'needs_confirmation'] as const
export type ItemTreatment = (typeof ITEM_TREATMENTS)[number]

/** A citation into the source files: `002:398-405`, `002:283-285, 344`, `000:822; 002:403`. */
export type Citation = string
const CITATION = /^\d{3}:\d+(?:-\d+)?(?:[,;] ?(?:\d{3}:)?\d+(?:-\d+)?)*$/

export interface RuleCondition {
  requires: ConditionKind
  /** Why a placement that does not meet it is not eligible (Japanese, shown to the user). */
  reason: string
  source: Citation
}

/** Placement facts an open point or an item rule can match; every field given must match. */
export interface PlacementMatch {
  claimants?: ClaimantKind[]
  employment?: FundingEmploymentForm[]
  fixedTerm?: boolean
  appointedAccelerator?: boolean
  mainDutyMunicipalSupport?: boolean
  designatedDxLeader?: boolean
  planDraftingOnly?: boolean
}

/**
 * A case the sources leave open: a placement that matches gets 要確認 with this reason and 0 counted (the
 * amount it would get is shown), until ministry staff settle it in a new version of the rule.
 */
export interface OpenPoint {
  when: PlacementMatch
  reason: string
  source: Citation
}

/**
 * How the measure treats a cost item, optionally only under some employment forms or only for training in or
 * outside the programme. The first matching entry wins; an item no entry matches is not covered.
 */
export interface ItemRule {
  items: CostItem[]
  employment?: FundingEmploymentForm[]
  /** Only lines with this 育成プログラム flag (training lines); absent = every line. */
  inProgramme?: boolean
  treatment: ItemTreatment
  /** Shown when the item is excluded or needs confirmation (Japanese). */
  note: string
  source?: Citation
  /**
   * An excluded item that belongs to another measure (salary under a training measure): not named in this
   * measure's reason, where it would only be noise.
   */
  silent?: boolean
}

/** 措置率 as an exact fraction (0.7 = 7/10), or a unit amount per person (普通交付税の単価). */
export type RuleMethod =
  { type: 'rate'; numerator: number; denominator: number } | { type: 'per_person'; amount: number }

export interface RuleCaps {
  /** 対象経費の上限額 in yen, per body (団体) per fiscal year or per placement per fiscal year. */
  eligibleCost: { amount: number; per: 'body' | 'placement'; source: Citation } | null
  /** 対象上限の人数 per body per fiscal year. */
  personsPerBody: { max: number; source: Citation } | null
}

/** Another measure that takes precedence: when it is eligible for the same placement and year, this one is not. */
export interface YieldRule {
  measure: string
  reason: string
  source: Citation
}

export interface FundingRule {
  /** The measure's id (A1, B2 …); versions of one measure share it. */
  id: string
  /** A new version (e.g. an extended toFy) is a new row with a higher number; the highest in force wins. */
  version: number
  name: string
  scheme: FundingScheme
  claimants: ClaimantKind[]
  placementKinds: PlacementKind[]
  employment: FundingEmploymentForm[]
  conditions: RuleCondition[]
  openPoints: OpenPoint[]
  items: ItemRule[]
  method: RuleMethod
  caps: RuleCaps
  /** First and last fiscal year (Western start year) in force; null = not stated / open. */
  fromFy: number | null
  toFy: number | null
  /**
   * True when the measure itself began in fromFy (「令和7年度から」): earlier years are plainly not eligible.
   * False: earlier years had other terms or are not stated, so they need confirmation.
   */
  startsAtFromFy: boolean
  /** Added to the reason for a year before fromFy / after toFy (what is known about those years). */
  periodNotes: { before?: string; after?: string }
  yieldsTo: YieldRule[]
  source: Citation
  /** One or two sentences in Japanese for the rule list. */
  summary: string
}

// ---- schema (rules stored as JSON are validated before the engine sees them) ------------------------------

const text = z.string().trim().min(1, { message: '入力してください' })
const citation = z.string().regex(CITATION, { message: '出典は「002:398-405」の形で入力してください' })
const fiscalYear = z.int().min(1989).max(2200)
const yen = z.int().min(0).max(1_000_000_000_000)
const nonEmpty = <T extends z.ZodType>(schema: T) => z.array(schema).min(1, { message: '1つ以上選んでください' })

const PlacementMatchSchema = z
  .object({
    claimants: nonEmpty(z.enum(CLAIMANT_KINDS)).optional(),
    employment: nonEmpty(z.enum(FUNDING_EMPLOYMENT_FORMS)).optional(),
    fixedTerm: z.boolean().optional(),
    appointedAccelerator: z.boolean().optional(),
    mainDutyMunicipalSupport: z.boolean().optional(),
    designatedDxLeader: z.boolean().optional(),
    planDraftingOnly: z.boolean().optional(),
  })
  .strict()
  .refine((match) => Object.keys(match).length > 0, { message: '条件を1つ以上指定してください' })

export const FundingRuleSchema = z
  .object({
    // The same pattern as the table's check (funding_rule_measure_format): an id is stored as its measure.
    id: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, { message: 'IDは英大文字で始まる10文字以内（英大文字と数字）です' }),
    version: z.int().min(1),
    name: text,
    scheme: z.enum(FUNDING_SCHEMES),
    claimants: nonEmpty(z.enum(CLAIMANT_KINDS)),
    placementKinds: nonEmpty(z.enum(PLACEMENT_KINDS)),
    employment: nonEmpty(z.enum(FUNDING_EMPLOYMENT_FORMS)),
    conditions: z.array(z.object({ requires: z.enum(CONDITION_KINDS), reason: text, source: citation }).strict()),
    openPoints: z.array(z.object({ when: PlacementMatchSchema, reason: text, source: citation }).strict()),
    items: z.array(
      z
        .object({
          items: nonEmpty(z.enum(COST_ITEMS)),
          employment: nonEmpty(z.enum(FUNDING_EMPLOYMENT_FORMS)).optional(),
          inProgramme: z.boolean().optional(),
          treatment: z.enum(ITEM_TREATMENTS),
          note: text,
          source: citation.optional(),
          silent: z.boolean().optional(),
        })
        .strict()
        .refine((entry) => !entry.silent || entry.treatment === 'excluded', {
          message: '表示しない指定は対象外の経費にだけ使えます',
          path: ['silent'],
        }),
    ),
    method: z.discriminatedUnion('type', [
      z
        .object({
          type: z.literal('rate'),
          numerator: z.int().min(0).max(10_000),
          denominator: z.int().min(1).max(10_000),
        })
        .strict()
        .refine((rate) => rate.numerator <= rate.denominator, { message: '措置率は1以下です' }),
      z.object({ type: z.literal('per_person'), amount: yen }).strict(),
    ]),
    caps: z
      .object({
        eligibleCost: z
          .object({ amount: yen, per: z.enum(['body', 'placement']), source: citation })
          .strict()
          .nullable(),
        personsPerBody: z
          .object({ max: z.int().min(1), source: citation })
          .strict()
          .nullable(),
      })
      .strict(),
    fromFy: fiscalYear.nullable(),
    toFy: fiscalYear.nullable(),
    startsAtFromFy: z.boolean(),
    periodNotes: z.object({ before: text.optional(), after: text.optional() }).strict(),
    yieldsTo: z.array(z.object({ measure: z.string().min(1), reason: text, source: citation }).strict()),
    source: citation,
    summary: text,
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.fromFy !== null && rule.toFy !== null && rule.fromFy > rule.toFy)
      ctx.addIssue({ code: 'custom', path: ['toFy'], message: '終了年度が開始年度より前です' })
    if (rule.startsAtFromFy && rule.fromFy === null)
      ctx.addIssue({ code: 'custom', path: ['startsAtFromFy'], message: '開始年度がない措置には指定できません' })
    if (rule.yieldsTo.some((y) => y.measure === rule.id))
      ctx.addIssue({ code: 'custom', path: ['yieldsTo'], message: '自分自身を優先先にはできません' })
  }) satisfies z.ZodType<FundingRule>

/** A whole rule set: unique id+version, and every yieldsTo naming a measure of the set, without cycles. */
export const FundingRuleSetSchema = z.array(FundingRuleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>()
  const ids = new Set(rules.map((rule) => rule.id))
  const yields = new Map<string, Set<string>>()
  rules.forEach((rule, index) => {
    const key = `${rule.id}@${rule.version}`
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: [index, 'version'],
        message: `${rule.id} の版 ${rule.version} が重複しています`,
      })
    seen.add(key)
    for (const y of rule.yieldsTo) {
      if (!ids.has(y.measure))
        ctx.addIssue({ code: 'custom', path: [index, 'yieldsTo'], message: `${y.measure} という措置はありません` })
      const set = yields.get(rule.id) ?? new Set<string>()
      set.add(y.measure)
      yields.set(rule.id, set)
    }
  })
  // A cycle would leave no measure to judge first.
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (id: string): boolean => {
    if (state.get(id) === 'done') return false
    if (state.get(id) === 'visiting') return true
    state.set(id, 'visiting')
    for (const next of yields.get(id) ?? []) if (visit(next)) return true
    state.set(id, 'done')
    return false
  }
  for (const id of ids) {
    if (visit(id)) {
      ctx.addIssue({ code: 'custom', path: [], message: `優先関係（yieldsTo）が循環しています: ${id}` })
      break
    }
  }
})

/** 全国地方公共団体コード: a prefecture's code is its two digits followed by 000 and the check digit. */
export function claimantKindOf(employerCode: string): ClaimantKind {
  return employerCode.slice(2, 5) === '000' ? 'prefecture' : 'municipality'
}
