// Form schemas for municipal issues (課題) and needs with their job description (ジョブディスクリプション),
// shared by the browser (conform's constraints) and the server (the real check). Messages in Japanese, at
// the field. Checks that need the database (a municipality outside the prefecture, unknown skills) are made
// by the models; Postgres constraints stay the final guard.
import { z } from 'zod'
import { EmailSchema } from './account-validation'
import { isIsoDate } from './dates'
import { checkbox, lockVersion, optionalText, plainString, requiredText } from './field-schemas'
import { EMPLOYER_LABELS, IT_STAFFING_LABELS, URGENCY_LABELS, valuesOf } from './labels'

export {
  EMPLOYER_OPTIONS,
  EMPLOYMENT_FORM_OPTIONS,
  IT_STAFFING_OPTIONS,
  PAY_UNIT_OPTIONS,
  URGENCY_LABELS,
  URGENCY_OPTIONS,
} from './labels'

/** Above this many days a week in total, one person is probably not enough: warned, not refused. */
export const MAX_DAYS_PER_WEEK = 5

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const MUNICIPALITY_CODE = /^[0-9]{6}$/

const optionalDate = (label: string) =>
  plainString()
    .regex(DATE, { message: `${label}を正しい日付で入力してください（例: 2027-04-01）` })
    // A day the calendar has (Date.parse would roll 2027-02-30 over to March and Postgres would refuse it).
    .refine(isIsoDate, { message: `${label}を正しい日付で入力してください` })
    .optional()
    .transform((value) => value ?? null)

const yen = (label: string, max: number) =>
  z
    .number({ message: `${label}は円単位の半角数字で入力してください（例: 5000）` })
    .int({ message: `${label}は円単位の整数で入力してください` })
    .min(0, { message: `${label}は0円以上で入力してください` })
    .max(max, { message: `${label}が大きすぎます` })
    .optional()
    .transform((value) => value ?? null)

const skillIdList = z
  .array(
    plainString().min(1, { message: '一覧から選択してください' }).max(100, { message: '一覧から選択してください' }),
  )
  .optional()
  .transform((ids) => [...new Set(ids ?? [])])

/** Days a week for one body: refused when negative, zero or above 5. */
export const daysPerWeekSchema = z
  .number({ message: '週の日数を半角数字で入力してください（例: 1、0.5）' })
  .gt(0, { message: '週の日数は0より大きい数にしてください（0.5日単位）' })
  .max(MAX_DAYS_PER_WEEK, { message: '1つの団体あたり週5日以内にしてください' })
  .refine((value) => Number.isInteger(value * 2), { message: '週の日数は0.5日単位で入力してください（例: 1.5）' })

// ---- 課題（市町村） -----------------------------------------------------------------------------------------

export const IssueSchema = z.object({
  lockVersion,
  /** Only prefecture staff choose it (entering on a municipality's behalf); municipal staff post for their own body. */
  municipalityCode: plainString()
    .regex(MUNICIPALITY_CODE, { message: '市区町村を一覧から選択してください' })
    .optional()
    .transform((value) => value ?? null),
  title: requiredText('課題の件名', 100),
  currentSituation: requiredText('現状（困っていること）', 4000),
  desiredOutcome: requiredText('実現したいこと', 4000),
  urgency: z.enum(valuesOf(URGENCY_LABELS), { message: '緊急度を選択してください' }),
  topicSkillIds: skillIdList,
  itStaffing: z.enum(valuesOf(IT_STAFFING_LABELS), { message: '情報担当の体制を選択してください' }),
  sizeNote: optionalText('体制の補足', 500),
  contactName: requiredText('担当者名', 100),
  contactDepartment: optionalText('担当部署', 100),
  contactEmail: EmailSchema,
  contactPhone: optionalText('電話番号', 30),
  prefectureNote: optionalText('県のメモ（ヒアリング記録）', 4000),
})
export type IssueInput = z.infer<typeof IssueSchema>

// ---- ニーズとジョブディスクリプション（都道府県） -----------------------------------------------------------

export const NeedMunicipalitySchema = z.object({
  code: plainString({ message: '市区町村を選択してください' }).regex(MUNICIPALITY_CODE, {
    message: '市区町村を一覧から選択してください',
  }),
  daysPerWeek: daysPerWeekSchema,
})

export const NeedSkillSchema = z.object({
  skillId: plainString({ message: 'スキルを一覧から選択してください' }).min(1, {
    message: 'スキルを一覧から選択してください',
  }),
  minLevel: z
    .number({ message: '必要なレベルを選択してください' })
    .int()
    .min(1, { message: 'レベルは1〜4から選択してください' })
    .max(4, { message: 'レベルは1〜4から選択してください' })
    .optional()
    .transform((value) => value ?? null),
  essential: z
    .enum(['essential', 'optional'], { message: '必須か任意かを選択してください' })
    .optional()
    .transform((value) => (value ?? 'essential') === 'essential'),
})

export const NeedSchema = z
  .object({
    lockVersion,
    title: requiredText('件名（募集する業務）', 120),
    background: optionalText('背景と課題', 4000),
    taskSkillIds: skillIdList,
    taskDetails: optionalText('業務内容の詳細', 4000),
    roleId: plainString()
      .max(100, { message: '人材像は一覧から選択してください' })
      .optional()
      .transform((value) => value ?? null),
    employmentForm: z
      .enum(['full_time', 'part_time', 'special_part_time', 'contract', 'side_job'], {
        message: '任用・契約の形態を一覧から選択してください',
      })
      .optional()
      .transform((value) => value ?? null),
    employer: z.enum(valuesOf(EMPLOYER_LABELS), { message: '採用する主体を選択してください' }),
    employerNote: optionalText('採用主体の補足', 500),
    municipalities: z
      .array(NeedMunicipalitySchema)
      .optional()
      .transform((rows) => rows ?? []),
    workPlace: optionalText('勤務場所', 200),
    remoteDaysPerWeek: z
      .number({ message: 'リモート勤務の日数を半角数字で入力してください' })
      .min(0, { message: 'リモート勤務の日数は0〜5日にしてください' })
      .max(5, { message: 'リモート勤務の日数は0〜5日にしてください' })
      .refine((value) => Number.isInteger(value * 2), { message: 'リモート勤務の日数は0.5日単位で入力してください' })
      .optional()
      .transform((value) => value ?? null),
    startOn: optionalDate('開始日'),
    endOn: optionalDate('終了日'),
    payMinYen: yen('報酬の下限', 100_000_000),
    payMaxYen: yen('報酬の上限', 100_000_000),
    payUnit: z
      .enum(['hour', 'day', 'month', 'year'], { message: '報酬の単位を選択してください' })
      .optional()
      .transform((value) => value ?? null),
    budgetYen: yen('予算額', 10_000_000_000),
    // One row per catalogue skill on the form; a row left at 「求めない」 (no level) is not required.
    skills: z
      .array(NeedSkillSchema)
      .optional()
      .transform((rows) =>
        (rows ?? []).filter(
          (row): row is { skillId: string; minLevel: number; essential: boolean } => row.minLevel !== null,
        ),
      ),
    selectionProcess: optionalText('選考の方法', 2000),
    supervisor: optionalText('県の管理体制（担当課・監督者）', 500),
    managementNote: optionalText('管理体制の補足', 2000),
    contact: optionalText('問い合わせ先', 500),
    openCall: checkbox,
    applicationDeadline: optionalDate('応募締切日'),
  })
  .superRefine((value, ctx) => {
    if (value.startOn && value.endOn && value.endOn < value.startOn) {
      ctx.addIssue({ code: 'custom', path: ['endOn'], message: '終了日は開始日以降の日付にしてください' })
    }
    if ((value.payMinYen !== null || value.payMaxYen !== null) && value.payUnit === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['payUnit'],
        message: '報酬を入力した場合は、単位（時給・日額・月額・年額）を選択してください',
      })
    }
    if (value.payMinYen !== null && value.payMaxYen !== null && value.payMinYen > value.payMaxYen) {
      ctx.addIssue({ code: 'custom', path: ['payMaxYen'], message: '報酬の上限は下限以上の金額にしてください' })
    }
    const seen = new Set<string>()
    value.municipalities.forEach((row, index) => {
      if (seen.has(row.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['municipalities', index, 'code'],
          message: '同じ市区町村が2回選ばれています',
        })
      }
      seen.add(row.code)
    })
  })
export type NeedInput = z.infer<typeof NeedSchema>

/** Total days a week over the municipalities served, and whether it deserves the warning. */
export function daysPerWeekTotal(rows: ReadonlyArray<{ daysPerWeek: number | string | null | undefined }>) {
  const total = rows.reduce((sum, row) => {
    const days = Number(row.daysPerWeek)
    return Number.isFinite(days) && days > 0 ? sum + days : sum
  }, 0)
  return { total, overLimit: total > MAX_DAYS_PER_WEEK }
}

export function daysPerWeekWarning(total: number): string | null {
  return total > MAX_DAYS_PER_WEEK
    ? `市区町村ごとの日数の合計が週${total}日で、週5日を超えています。1人で担える日数か、募集人数や日数を確認してください。`
    : null
}

export const NeedStatusChangeSchema = z.object({
  lockVersion: z.number({ message: 'フォームの状態が正しくありません。ページを再読み込みしてください' }).int().min(0),
  to: z.enum(['draft', 'published', 'selecting', 'filled', 'closed', 'withdrawn'], {
    message: '変更後の状態を選択してください',
  }),
  note: optionalText('メモ', 1000),
})

export const InterestSchema = z.object({
  message: optionalText('メッセージ', 1000),
})
