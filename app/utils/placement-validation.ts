// Form schemas for placements (配置): the placement itself, one fiscal year's cost lines, and starting and ending
// it. Shared by the browser (conform's constraints) and the server (the real check); messages in Japanese, at the
// field. What needs the database (the municipalities of the employer's prefecture, the pool member) is checked by
// the model; Postgres constraints stay the final guard.
import { z } from 'zod'
import type { CostItem } from '../../db/schema'
import {
  checkbox,
  dateField,
  lockVersion,
  optionalDateField,
  optionalText,
  plainString,
  PREFECTURE_CODE,
  requiredLockVersion,
  uuidField,
} from './field-schemas'
import {
  COST_ITEM_LABELS,
  PLACEMENT_EMPLOYMENT_LABELS,
  PLACEMENT_END_REASON_LABELS,
  PLACEMENT_KIND_LABELS,
  PLACEMENT_STATUS_LABELS,
  valuesOf,
} from './labels'

/** Above this many days a week over all the municipalities served, one person is probably stretched: a warning. */
export const PLACEMENT_DAYS_WARNING = 5
/** A week has seven days: more for one municipality is refused (the database refuses it too). */
export const PLACEMENT_MAX_DAYS = 7
/** The amounts a cost line may hold (the database's check: 0 – 100億円). */
export const MAX_COST_YEN = 10_000_000_000

const MUNICIPALITY_CODE = /^[0-9]{6}$/
// Hiragana, katakana, the prolonged sound mark and spaces.
const KANA = /^[\u3041-\u3096\u309D\u309E\u30A1-\u30FA\u30FC\s\u3000]+$/

// ---- 配置 --------------------------------------------------------------------------------------------------

/** One municipality served, with the days a week (0.5 steps) and, in the body's words, which weekdays. */
export const PlacementMunicipalitySchema = z.object({
  code: plainString({ message: '市区町村を選択してください' }).regex(MUNICIPALITY_CODE, {
    message: '市区町村を一覧から選択してください',
  }),
  daysPerWeek: z
    .number({ message: '週の日数を半角数字で入力してください（例: 1、0.5）' })
    .gt(0, { message: '週の日数は0より大きい数にしてください（0.5日単位）' })
    .max(PLACEMENT_MAX_DAYS, { message: '週の日数は7日以内にしてください' })
    .refine((value) => Number.isInteger(value * 2), { message: '週の日数は0.5日単位で入力してください（例: 1.5）' }),
  weekdays: optionalText('曜日', 50),
})

export const PlacementSchema = z
  .object({
    lockVersion,
    /** A registered member of the prefecture's pool (prefecture staff only); the name comes from it when left blank. */
    poolMemberId: uuidField('人材プールの登録者を一覧から選択してください')
      .optional()
      .transform((value) => value ?? null),
    personName: optionalText('氏名', 100),
    personKana: optionalText('ふりがな', 100).refine((value) => value === '' || KANA.test(value), {
      message: 'ふりがなはひらがなかカタカナで入力してください（例: やまだ たろう）',
    }),
    jobTitle: optionalText('職名', 100),
    employment: z.enum(valuesOf(PLACEMENT_EMPLOYMENT_LABELS), { message: '任用・契約の形態を選択してください' }),
    fixedTerm: checkbox,
    mainDutyMunicipalSupport: checkbox,
    appointedAccelerator: checkbox,
    designatedDxLeader: checkbox,
    planDraftingOnly: checkbox,
    startOn: optionalDateField('開始日'),
    endOn: optionalDateField('終了日（予定）'),
    municipalities: z
      .array(PlacementMunicipalitySchema)
      .optional()
      .transform((rows) => rows ?? []),
    note: optionalText('メモ', 2000),
  })
  .superRefine((value, ctx) => {
    if (!value.personName && !value.poolMemberId)
      ctx.addIssue({
        code: 'custom',
        path: ['personName'],
        message: '氏名を入力してください（人材プールの登録者を選ぶ場合は空欄でかまいません）',
      })
    if (value.startOn && value.endOn && value.endOn < value.startOn)
      ctx.addIssue({ code: 'custom', path: ['endOn'], message: '終了日（予定）は開始日以降の日付にしてください' })
    // 業務委託 is a contract, not an appointment: there is no term of office to fix.
    if (value.fixedTerm && value.employment === 'contract')
      ctx.addIssue({ code: 'custom', path: ['fixedTerm'], message: '業務委託では「任期付」は選べません' })
    if (value.municipalities.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['municipalities'],
        message: '支援する市区町村と週の日数を1つ以上入力してください',
      })
    const seen = new Set<string>()
    value.municipalities.forEach((row, index) => {
      if (seen.has(row.code))
        ctx.addIssue({
          code: 'custom',
          path: ['municipalities', index, 'code'],
          message: '同じ市区町村が2回選ばれています',
        })
      seen.add(row.code)
    })
  })
export type PlacementInput = z.infer<typeof PlacementSchema>

/** The warning for a total above five days a week (kept, not refused: one person may serve several bodies a day). */
export function placementDaysWarning(total: number): string | null {
  return total > PLACEMENT_DAYS_WARNING
    ? `市区町村ごとの日数の合計が週${total}日で、週5日を超えています。1人で担える日数か確認してください。`
    : null
}

// ---- 経費（年度ごと） ------------------------------------------------------------------------------------------

/**
 * The cost lines of one fiscal year as the form has them: one per item, and training twice — inside the DX推進
 * リーダー育成プログラム (counted by C1, 002:452-474) or not.
 */
export const COST_LINES = [
  { key: 'salary', item: 'salary', inProgramme: false, label: COST_ITEM_LABELS.salary },
  { key: 'remuneration', item: 'remuneration', inProgramme: false, label: COST_ITEM_LABELS.remuneration },
  { key: 'commission', item: 'commission', inProgramme: false, label: COST_ITEM_LABELS.commission },
  { key: 'travel', item: 'travel', inProgramme: false, label: COST_ITEM_LABELS.travel },
  { key: 'communication', item: 'communication', inProgramme: false, label: COST_ITEM_LABELS.communication },
  { key: 'recruitment', item: 'recruitment', inProgramme: false, label: COST_ITEM_LABELS.recruitment },
  { key: 'trainingProgramme', item: 'training', inProgramme: true, label: '研修費（DX推進リーダー育成プログラム）' },
  { key: 'trainingOther', item: 'training', inProgramme: false, label: '研修費（上記以外）' },
  {
    key: 'municipalContribution',
    item: 'municipal_contribution',
    inProgramme: false,
    label: COST_ITEM_LABELS.municipal_contribution,
  },
  { key: 'other', item: 'other', inProgramme: false, label: COST_ITEM_LABELS.other },
] as const satisfies ReadonlyArray<{ key: string; item: CostItem; inProgramme: boolean; label: string }>
export type CostLineKey = (typeof COST_LINES)[number]['key']

/** The form key of a stored line. */
export function costLineKey(item: CostItem, inProgramme: boolean): CostLineKey {
  return COST_LINES.find((line) => line.item === item && line.inProgramme === inProgramme)?.key ?? 'other'
}

export type YenParse =
  { ok: true; value: number } | { ok: false; reason: 'format' | 'negative' | 'decimal' | 'too_large' }

// Digits, with or without thousands separators in the right places (1,200,000), never mixed up (1,20,0).
const YEN_TEXT = /^(\d{1,3}(,\d{3})+|\d+)$/

/**
 * An amount of yen as officials type it: 1200000, 1,200,000, full-width digits, a trailing 円. Refused: a minus
 * (or the ▲ of Japanese accounts), decimals, separators in the wrong places and anything else.
 */
export function parseYen(raw: string): YenParse {
  const text = raw
    .normalize('NFKC')
    .trim()
    .replace(/\s*円$/, '')
  if (/^[-−▲△]/.test(text)) return { ok: false, reason: 'negative' }
  if (/^[\d,]*\.\d*$/.test(text) && /\d/.test(text)) return { ok: false, reason: 'decimal' }
  if (!YEN_TEXT.test(text)) return { ok: false, reason: 'format' }
  const value = Number(text.replaceAll(',', ''))
  if (value > MAX_COST_YEN) return { ok: false, reason: 'too_large' }
  return { ok: true, value }
}

const YEN_MESSAGES: Record<Exclude<YenParse, { ok: true }>['reason'], (label: string) => string> = {
  format: (label) => `${label}は円単位の数字で入力してください（例: 1200000 または 1,200,000）`,
  negative: (label) => `${label}にマイナスの金額は入力できません`,
  decimal: (label) => `${label}は1円単位の整数で入力してください（小数は使えません）`,
  too_large: (label) => `${label}が大きすぎます（100億円以下で入力してください）`,
}

/** An amount of yen, or null when left blank (no line for that item). */
const yenField = (label: string) =>
  plainString(undefined, label)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return null
      const parsed = parseYen(value)
      if (parsed.ok) return parsed.value
      ctx.addIssue({ code: 'custom', message: YEN_MESSAGES[parsed.reason](label) })
      return z.NEVER
    })

const costShape = Object.fromEntries(COST_LINES.map((line) => [line.key, yenField(line.label)])) as Record<
  CostLineKey,
  ReturnType<typeof yenField>
>

export const PlacementCostsSchema = z.object({
  lockVersion: requiredLockVersion,
  fiscalYear: z
    .number({ message: '年度が正しくありません。ページを開き直してください' })
    .int({ message: '年度が正しくありません。ページを開き直してください' })
    .min(2000, { message: '年度が正しくありません。ページを開き直してください' })
    .max(2100, { message: '年度が正しくありません。ページを開き直してください' }),
  ...costShape,
})
export type PlacementCostsInput = z.infer<typeof PlacementCostsSchema>

/** The lines a save writes (blank fields write none). */
export function costLinesOf(
  input: PlacementCostsInput,
): Array<{ item: CostItem; inProgramme: boolean; amount: number }> {
  return COST_LINES.flatMap((line) => {
    const amount = input[line.key]
    return amount === null ? [] : [{ item: line.item, inProgramme: line.inProgramme, amount }]
  })
}

// ---- 状態 ---------------------------------------------------------------------------------------------------

export const PlacementActivateSchema = z.object({
  lockVersion: requiredLockVersion,
  note: optionalText('メモ', 1000),
})

export const PlacementEndSchema = z.object({
  lockVersion: requiredLockVersion,
  endOn: dateField('終了日'),
  endReason: z.enum(valuesOf(PLACEMENT_END_REASON_LABELS), { message: '終了の理由を選択してください' }),
  endNote: optionalText('終了の補足', 1000),
})
export type PlacementEndInput = z.infer<typeof PlacementEndSchema>

// ---- 一覧の絞り込み ------------------------------------------------------------------------------------------

// Unknown values are ignored (a stale bookmark still opens the list), never a 500.
const PlacementFilterSchema = z.object({
  status: z.enum(valuesOf(PLACEMENT_STATUS_LABELS)).optional().catch(undefined),
  kind: z.enum(valuesOf(PLACEMENT_KIND_LABELS)).optional().catch(undefined),
  fy: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  pref: z.string().regex(PREFECTURE_CODE).optional().catch(undefined),
})

/** The list's filters from its query string (the list and its CSV read the same ones). */
export function placementFilterOf(searchParams: URLSearchParams) {
  const filter = PlacementFilterSchema.parse(
    Object.fromEntries([...searchParams.entries()].filter(([, value]) => value !== '')),
  )
  return { status: filter.status, kind: filter.kind, fiscalYear: filter.fy, prefectureCode: filter.pref }
}
