// Forms for the ministry's 交付税 rule pages. A change to a rule is a new version of it (ADR 006), made one of
// two ways: the simple form for the usual change (years, rate or unit amount, caps, summary), turned into a
// whole rule on top of the version it was loaded with; or the JSON editor for anything structural. Either way
// the result is checked with FundingRuleSchema here, so every message reaches the user in Japanese at the field
// it concerns, before the model checks it again against the whole rule set. Pure and client-safe.
import { z } from 'zod'
import { fiscalYearLabel } from '../funding/fiscal-year'
import { type FundingRule, FundingRuleSchema, type RuleMethod } from '../funding/rules'
import { optionalText, plainString, requiredText } from './field-schemas'
import { parseYen } from './placement-validation'

/**
 * A measure's id as stored: the table's check (`funding_rule_measure_format`) is narrower than the rule schema's,
 * so this is the one both the URL and the new-measure form accept.
 */
export const MEASURE_ID = /^[A-Z][A-Z0-9]{0,9}$/

export const RULE_JSON_MAX_CHARS = 100_000
const FORM_STATE_MESSAGE = 'フォームの状態が正しくありません。ページを再読み込みしてください'

// ---- 措置率 ------------------------------------------------------------------------------------------------

export type RateParse =
  { ok: true; numerator: number; denominator: number } | { ok: false; reason: 'format' | 'too_large' | 'too_precise' }

const DECIMAL = /^(\d*)(?:\.(\d*))?$/
const FRACTION = /^(\d{1,6})\/(\d{1,6})$/
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

function reduced(numerator: number, denominator: number): RateParse {
  const divisor = gcd(numerator, denominator) || 1
  const [n, d] = [numerator / divisor, denominator / divisor]
  // The rule schema stores the fraction with terms up to 10,000.
  return d > 10_000 ? { ok: false, reason: 'too_precise' } : { ok: true, numerator: n, denominator: d }
}

/**
 * 措置率 as officials write it: a decimal (0.7, ０．７, .75) of at most four places, or a fraction (2/3) for a rate
 * no short decimal states. Stored as an exact fraction (0.7 → 7/10), so no floating point reaches the engine.
 */
export function parseRate(raw: string): RateParse {
  const text = raw.normalize('NFKC').replace(/\s+/g, '')
  const fraction = FRACTION.exec(text)
  if (fraction) {
    const [n, d] = [Number(fraction[1]), Number(fraction[2])]
    if (d === 0) return { ok: false, reason: 'format' }
    if (n > d) return { ok: false, reason: 'too_large' }
    return reduced(n, d)
  }
  const decimal = DECIMAL.exec(text)
  if (!decimal || !/\d/.test(text)) return { ok: false, reason: 'format' }
  const whole = (decimal[1] ?? '').replace(/^0+/, '')
  const places = (decimal[2] ?? '').replace(/0+$/, '')
  if (whole.length > 1 || Number(whole) > 1 || (whole === '1' && places !== ''))
    return { ok: false, reason: 'too_large' }
  if (places.length > 4) return { ok: false, reason: 'too_precise' }
  return reduced(Number(`${whole}${places}` || '0'), 10 ** places.length)
}

const RATE_MESSAGES: Record<Exclude<RateParse, { ok: true }>['reason'], string> = {
  format: '措置率は0から1までの小数で入力してください（例: 0.7）',
  too_large: '措置率は1以下にしてください（例: 0.7）',
  too_precise: '措置率は小数第4位までで入力してください（割り切れない率は 2/3 のように分数で入力できます）',
}

/** 7/10 → '0.7'; a rate with no decimal of at most four places stays a fraction ('2/3'), as the form accepts it. */
export function rateDecimalText(numerator: number, denominator: number): string {
  for (let places = 0; places <= 4; places++) {
    const scale = 10 ** places
    if ((numerator * scale) % denominator !== 0) continue
    const digits = String((numerator * scale) / denominator).padStart(places + 1, '0')
    return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`
  }
  return `${numerator}/${denominator}`
}

// ---- field schemas ----------------------------------------------------------------------------------------

const baseVersion = z
  .number({ message: FORM_STATE_MESSAGE })
  .int({ message: FORM_STATE_MESSAGE })
  .min(1, { message: FORM_STATE_MESSAGE })

const fiscalYearChoice = (label: string) => {
  const message = `${label}は一覧から選んでください`
  return z
    .number({ message })
    .int({ message })
    .min(1989, { message })
    .max(2200, { message })
    .optional()
    .transform((value) => value ?? null)
}

/** Yen as officials type them (7800000, 7,800,000, ７８０００００円), or null when left blank. */
const optionalYen = (label: string, example: string) =>
  plainString(undefined, label)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return null
      const parsed = parseYen(value)
      if (parsed.ok) return parsed.value
      ctx.addIssue({
        code: 'custom',
        message:
          parsed.reason === 'too_large'
            ? `${label}が大きすぎます（100億円以下で入力してください）`
            : parsed.reason === 'negative'
              ? `${label}にマイナスの金額は入力できません`
              : `${label}は1円単位の数字で入力してください（例: ${example}）`,
      })
      return z.NEVER
    })

const rateField = plainString(undefined, '措置率')
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return null
    const parsed = parseRate(value)
    if (parsed.ok) return { numerator: parsed.numerator, denominator: parsed.denominator }
    ctx.addIssue({ code: 'custom', message: RATE_MESSAGES[parsed.reason] })
    return z.NEVER
  })

const changeNote = requiredText('変更理由', 500)

const ruleJson = plainString({ message: 'ルールのJSONを入力してください' }, 'ルールのJSON')
  .min(1, { message: 'ルールのJSONを入力してください' })
  .max(RULE_JSON_MAX_CHARS, {
    message: `ルールのJSONは${RULE_JSON_MAX_CHARS.toLocaleString('ja-JP')}文字以内にしてください`,
  })
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text)
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: jsonSyntaxMessage(text, error) })
      return z.NEVER
    }
  })

/** Where JSON.parse stopped, as line and column (its own message is English). */
function jsonSyntaxMessage(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  const at = /position (\d+)/.exec(message)
  const position = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : null
  const hint = '（かっこ { } [ ]、カンマ、二重引用符 " を確認してください）'
  if (position === null) return `JSONとして読み取れません${hint}`
  const before = text.slice(0, position).split('\n')
  return `JSONとして読み取れません: ${before.length}行目の${before.at(-1)!.length + 1}文字目あたり${hint}`
}

// ---- the simple form --------------------------------------------------------------------------------------

export const SimpleRuleFormSchema = z
  .object({
    /** The version the page was loaded with; another save since then is a conflict. */
    baseVersion,
    /** The loaded version's method, so the browser knows which of 措置率 / 単価 is required. */
    methodType: z.enum(['rate', 'per_person'], { message: FORM_STATE_MESSAGE }),
    fromFy: fiscalYearChoice('開始年度'),
    toFy: fiscalYearChoice('終了年度'),
    rate: rateField,
    unitAmount: optionalYen('単価', '7800000'),
    personsCap: z
      .number({ message: '人数の上限は1以上の整数で入力してください' })
      .int({ message: '人数の上限は1以上の整数で入力してください' })
      .min(1, { message: '人数の上限は1以上の整数で入力してください' })
      .max(10_000, { message: '人数の上限は10000人以下にしてください' })
      .optional()
      .transform((value) => value ?? null),
    personsCapSource: optionalText('人数の上限の出典', 100),
    eligibleCostCap: optionalYen('対象経費の上限額', '1000000'),
    eligibleCostCapPer: z
      .enum(['body', 'placement'], { message: '上限額の単位を選んでください' })
      .optional()
      .transform((value) => value ?? 'body'),
    eligibleCostCapSource: optionalText('対象経費の上限額の出典', 100),
    periodNoteBefore: optionalText('開始年度より前の年度の注記', 1000),
    periodNoteAfter: optionalText('終了年度より後の年度の注記', 1000),
    summary: requiredText('概要', 1000),
    changeNote,
  })
  .superRefine((value, ctx) => {
    if (value.fromFy !== null && value.toFy !== null && value.toFy < value.fromFy)
      ctx.addIssue({
        code: 'custom',
        path: ['toFy'],
        message: '終了年度は開始年度と同じか、それより後の年度にしてください',
      })
    if (value.methodType === 'rate' && value.rate === null)
      ctx.addIssue({ code: 'custom', path: ['rate'], message: '措置率を入力してください（例: 0.7）' })
    if (value.methodType === 'per_person' && value.unitAmount === null)
      ctx.addIssue({ code: 'custom', path: ['unitAmount'], message: '単価を入力してください（例: 7800000）' })
    if (value.personsCap !== null && value.personsCapSource === '')
      ctx.addIssue({
        code: 'custom',
        path: ['personsCapSource'],
        message: '人数の上限の出典を入力してください（例: 002:450）',
      })
    if (value.eligibleCostCap !== null && value.eligibleCostCapSource === '')
      ctx.addIssue({
        code: 'custom',
        path: ['eligibleCostCapSource'],
        message: '対象経費の上限額の出典を入力してください（例: 002:443）',
      })
  })
export type SimpleRuleFormInput = z.infer<typeof SimpleRuleFormSchema>

/** The simple form's fields for a version, as the form shows them (strings; blank = none). */
export function simpleFormDefaults(rule: FundingRule) {
  const { personsPerBody, eligibleCost } = rule.caps
  return {
    methodType: rule.method.type,
    fromFy: rule.fromFy === null ? '' : String(rule.fromFy),
    toFy: rule.toFy === null ? '' : String(rule.toFy),
    rate: rule.method.type === 'rate' ? rateDecimalText(rule.method.numerator, rule.method.denominator) : '',
    unitAmount: rule.method.type === 'per_person' ? String(rule.method.amount) : '',
    personsCap: personsPerBody ? String(personsPerBody.max) : '',
    personsCapSource: personsPerBody?.source ?? '',
    eligibleCostCap: eligibleCost ? String(eligibleCost.amount) : '',
    eligibleCostCapPer: eligibleCost?.per ?? 'body',
    eligibleCostCapSource: eligibleCost?.source ?? '',
    periodNoteBefore: rule.periodNotes.before ?? '',
    periodNoteAfter: rule.periodNotes.after ?? '',
    summary: rule.summary,
    changeNote: '',
  }
}

/** The fiscal years the year selects offer: 令和元年度 to 令和22年度, widened to take in the rule's own. */
export function fiscalYearOptions(rule: FundingRule): Array<{ value: string; label: string }> {
  const years = [2019, 2040, rule.fromFy, rule.toFy].filter((fy): fy is number => fy !== null)
  const options: Array<{ value: string; label: string }> = []
  for (let fy = Math.min(...years); fy <= Math.max(...years); fy++)
    options.push({ value: String(fy), label: fiscalYearLabel(fy) })
  return options
}

export type RuleBuild =
  | { status: 'ok'; rule: FundingRule }
  | { status: 'invalid'; fieldErrors: Record<string, string[]>; formErrors: string[] }

/** Where a rule-schema issue about a field the simple form edits is shown. */
function simpleFieldOf(path: readonly PropertyKey[], method: RuleMethod['type']): string | null {
  const key = path.map(String).join('.')
  if (key === 'fromFy' || key === 'startsAtFromFy') return 'fromFy'
  if (key === 'toFy') return 'toFy'
  if (key.startsWith('method')) return method === 'rate' ? 'rate' : 'unitAmount'
  if (key === 'caps.personsPerBody.max') return 'personsCap'
  if (key === 'caps.personsPerBody.source') return 'personsCapSource'
  if (key === 'caps.eligibleCost.amount') return 'eligibleCostCap'
  if (key === 'caps.eligibleCost.per') return 'eligibleCostCapPer'
  if (key === 'caps.eligibleCost.source') return 'eligibleCostCapSource'
  if (key === 'periodNotes.before') return 'periodNoteBefore'
  if (key === 'periodNotes.after') return 'periodNoteAfter'
  if (key === 'summary') return 'summary'
  return null
}

/**
 * The next version of a measure from the simple form: the version it was loaded with, with the fields the form
 * edits replaced and everything else (conditions, items, open points, citations) kept as it is. The version number
 * is a proposal; the model assigns the real one.
 */
export function ruleFromSimpleForm(current: FundingRule, input: SimpleRuleFormInput): RuleBuild {
  if (input.methodType !== current.method.type)
    return { status: 'invalid', fieldErrors: {}, formErrors: [FORM_STATE_MESSAGE] }
  let method: RuleMethod
  if (current.method.type === 'rate') {
    if (!input.rate)
      return { status: 'invalid', fieldErrors: { rate: ['措置率を入力してください（例: 0.7）'] }, formErrors: [] }
    method = { type: 'rate', ...input.rate }
  } else {
    if (input.unitAmount === null)
      return {
        status: 'invalid',
        fieldErrors: { unitAmount: ['単価を入力してください（例: 7800000）'] },
        formErrors: [],
      }
    method = { type: 'per_person', amount: input.unitAmount }
  }
  const periodNotes: FundingRule['periodNotes'] = {}
  if (input.periodNoteBefore) periodNotes.before = input.periodNoteBefore
  if (input.periodNoteAfter) periodNotes.after = input.periodNoteAfter
  const rule: FundingRule = {
    ...current,
    version: current.version + 1,
    fromFy: input.fromFy,
    toFy: input.toFy,
    method,
    caps: {
      eligibleCost:
        input.eligibleCostCap === null
          ? null
          : { amount: input.eligibleCostCap, per: input.eligibleCostCapPer, source: input.eligibleCostCapSource },
      personsPerBody: input.personsCap === null ? null : { max: input.personsCap, source: input.personsCapSource },
    },
    periodNotes,
    summary: input.summary,
  }
  const checked = FundingRuleSchema.safeParse(rule)
  if (checked.success) return { status: 'ok', rule: checked.data }
  const fieldErrors: Record<string, string[]> = {}
  const formErrors: string[] = []
  for (const issue of checked.error.issues) {
    const field = simpleFieldOf(issue.path, current.method.type)
    if (field === 'fromFy' && issue.path[0] === 'startsAtFromFy')
      (fieldErrors.fromFy ??= []).push(
        'この措置は開始年度に始まった措置として登録されているため、開始年度は空欄にできません（詳細編集で startsAtFromFy を false にすると空欄にできます）',
      )
    else if (field) (fieldErrors[field] ??= []).push(issue.message)
    else formErrors.push(ruleIssueMessage(issue))
  }
  return { status: 'invalid', fieldErrors, formErrors }
}

// ---- the JSON editor --------------------------------------------------------------------------------------

export const RuleJsonFormSchema = z.object({ baseVersion, ruleJson, changeNote })

export const NewRuleFormSchema = z.object({
  id: plainString({ message: '措置のIDを入力してください（例: X1）' }, '措置のID').trim().regex(MEASURE_ID, {
    message: '措置のIDは英大文字で始まる、英大文字と数字の10文字以内にしてください（例: X1、D2）',
  }),
  ruleJson,
  changeNote,
})

/** What a new measure's editor must not keep from its template. */
export const NEW_RULE_PLACEHOLDER_NAME = '（新しい措置の名称を入力してください）'

/** A version as the editor shows it: everything but the id (the page's) and the version (the server's). */
export function ruleJsonText(rule: FundingRule): string {
  const { id: _id, version: _version, ...content } = rule
  return JSON.stringify(content, null, 2)
}

/**
 * The new-measure template: a copy of a measure (A2, the widest 特別交付税 measure) with the placeholder name, or,
 * with no measure to copy, the rule's fields with nothing filled in.
 */
export function newRuleTemplate(base: FundingRule | undefined): string {
  if (base) return ruleJsonText({ ...base, name: NEW_RULE_PLACEHOLDER_NAME })
  const empty: Omit<FundingRule, 'id' | 'version'> = {
    name: NEW_RULE_PLACEHOLDER_NAME,
    scheme: 'tokubetsu',
    claimants: ['prefecture'],
    placementKinds: ['municipal_support'],
    employment: ['part_time'],
    conditions: [],
    openPoints: [],
    items: [],
    method: { type: 'rate', numerator: 7, denominator: 10 },
    caps: { eligibleCost: null, personsPerBody: null },
    fromFy: null,
    toFy: null,
    startsAtFromFy: false,
    periodNotes: {},
    yieldsTo: [],
    source: '',
    summary: '',
  }
  return JSON.stringify(empty, null, 2)
}

const RULE_FIELD_LABELS: Record<keyof FundingRule, string> = {
  id: '措置のID',
  version: '版',
  name: '名称',
  scheme: '交付税の種類',
  claimants: '請求できる団体',
  placementKinds: '人材の種別',
  employment: '任用・契約の形態',
  conditions: '要件',
  openPoints: '要確認とする場合',
  items: '経費の扱い',
  method: '措置の方法',
  caps: '上限',
  fromFy: '開始年度',
  toFy: '終了年度',
  startsAtFromFy: '開始年度に始まった措置か',
  periodNotes: '期間外の注記',
  yieldsTo: '優先する措置',
  source: '出典',
  summary: '概要',
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/**
 * A rule-schema issue in words: the field's Japanese name, where in the JSON (items › 3番目 › note), the message.
 * Given the JSON it came from, a field left out is named as missing rather than as a value of the wrong type.
 */
export function ruleIssueMessage(issue: z.core.$ZodIssue, root?: unknown): string {
  const message =
    issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)
      ? `次のどれかにしてください: ${issue.options.map(String).join('、')}`
      : issue.code === 'invalid_type' && root !== undefined && valueAt(root, issue.path) === undefined
        ? 'この項目がありません（必須です）'
        : issue.message
  const [head, ...rest] = issue.path
  if (head === undefined) return `ルール全体: ${message}`
  const label = RULE_FIELD_LABELS[head as keyof FundingRule] ?? String(head)
  const where = [String(head), ...rest.map((part) => (typeof part === 'number' ? `${part + 1}番目` : String(part)))]
  return `${label}（${where.join(' › ')}）: ${message}`
}

/**
 * A rule from the editor's JSON: an object, its id (if written) the page's, the version the server's; then the
 * rule schema, each failure in words. On a measure's page the id cannot change (another measure is added from the
 * new-measure page); on that page it comes from the id field.
 */
export function ruleFromJson(
  value: unknown,
  target: { id: string; version: number; page: 'measure' | 'new' },
): { status: 'ok'; rule: FundingRule } | { status: 'invalid'; messages: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { status: 'invalid', messages: ['ルールは { で始まり } で終わるJSONのオブジェクトで入力してください'] }
  const record = value as Record<string, unknown>
  if ('id' in record && record.id !== target.id) {
    const written = JSON.stringify(record.id)?.slice(0, 20) ?? ''
    return {
      status: 'invalid',
      messages: [
        target.page === 'measure'
          ? `措置のID（id）は変更できません（この措置は「${target.id}」です。JSONの id は ${written}）。別の措置は「措置を追加」から登録してください`
          : `JSONの id（${written}）が「措置のID」欄（${target.id}）と違います。IDは「措置のID」欄で指定してください`,
      ],
    }
  }
  if (target.page === 'new' && record.name === NEW_RULE_PLACEHOLDER_NAME)
    return { status: 'invalid', messages: ['名称（name）を新しい措置の名称に書き換えてください'] }
  const candidate = { ...record, id: target.id, version: target.version }
  const parsed = FundingRuleSchema.safeParse(candidate)
  if (parsed.success) return { status: 'ok', rule: parsed.data }
  return { status: 'invalid', messages: parsed.error.issues.map((issue) => ruleIssueMessage(issue, candidate)) }
}
