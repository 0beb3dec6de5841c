// Form schemas for a professional's profile (プロフィール), shared by the browser (conform's constraints)
// and the server (the real check). One schema per section form; messages in Japanese, next to the field.
// Postgres constraints on the profile tables stay the final guard.
import { z } from 'zod'
import type { ProfileVisibility } from '../../db/schema'
import { EmailSchema } from './account-validation'
import { tokyoYear } from './dates'
import { checkbox, lockVersion, optionalText, plainString, PREFECTURE_CODE, requiredText } from './field-schemas'
import {
  EMPLOYMENT_FORM_LABELS,
  EMPLOYMENT_FORM_OPTIONS,
  PAY_UNIT_OPTIONS,
  PROFILE_VISIBILITY_LABELS,
  valuesOf,
} from './labels'

export { EMPLOYMENT_FORM_OPTIONS, PAY_UNIT_OPTIONS }

/** 公開範囲 with what each means, in the order the consent form offers them. */
export const VISIBILITY_OPTIONS = (
  [
    ['none', 'どの都道府県の担当者にも表示されません。'],
    ['selected', '選んだ都道府県の担当者だけが、プロフィールを閲覧・検索できます。'],
    ['all', '47都道府県すべての担当者が閲覧・検索できます。'],
  ] as const satisfies ReadonlyArray<readonly [ProfileVisibility, string]>
).map(([value, description]) => ({ value, label: PROFILE_VISIBILITY_LABELS[value], description }))

export const INTRODUCTION_MAX_LENGTH = 2000
export const BIRTH_YEAR_RANGE = { min: 1930, max: 2015 } as const
export const QUALIFICATION_YEAR_MIN = 1970

// Hiragana, the prolonged sound mark and spaces (ゔ and small kana included; katakana and kanji are not).
const HIRAGANA = /^[\u3041-\u3096\u309D\u309E\u30FC\s\u3000]+$/
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

const kana = (label: string) =>
  requiredText(label, 50).regex(HIRAGANA, { message: `${label}はひらがなで入力してください（例: やまだ）` })

const yearsOf = (label: string) =>
  z
    .number({ message: `${label}を半角数字で入力してください（ない場合は0）` })
    .int({ message: `${label}は整数で入力してください` })
    .min(0, { message: `${label}は0以上で入力してください` })
    .max(60, { message: `${label}は60年以内で入力してください` })

const prefectureCodes = z
  .array(plainString().regex(PREFECTURE_CODE, { message: '都道府県を一覧から選択してください' }))
  .optional()
  .transform((codes) => [...new Set(codes ?? [])].sort())

/**
 * Comma- or 読点-separated words (e.g. "日本語、英語") → a list without blanks and duplicates. The checks run
 * inside the transform rather than in a `.pipe`: conform reads a piped schema's inner array as required and
 * the browser then refused an empty optional field with its own (English) message.
 */
const wordList = plainString()
  .optional()
  .transform((value, context) => {
    const words = [
      ...new Set(
        (value ?? '')
          .split(/[,、，\n]/)
          .map((word) => word.trim())
          .filter(Boolean),
      ),
    ]
    if (words.some((word) => word.length > 30))
      context.addIssue({ code: 'custom', message: '言語は1つ30文字以内で入力してください' })
    if (words.length > 10) context.addIssue({ code: 'custom', message: '言語は10個まで入力できます' })
    return words
  })

// ---- 基本情報 ---------------------------------------------------------------------------------------------

export const BasicsSchema = z.object({
  lockVersion,
  familyName: requiredText('姓', 50),
  givenName: requiredText('名', 50),
  familyNameKana: kana('せい（ふりがな）'),
  givenNameKana: kana('めい（ふりがな）'),
  contactEmail: EmailSchema,
  phone: plainString()
    .trim()
    .regex(/^\+?[0-9]{1,4}(-?[0-9]{1,4}){1,4}$/, {
      message: '電話番号は半角数字とハイフンで入力してください（例: 03-1234-5678）',
    })
    .refine((value) => value.replace(/\D/g, '').length >= 10 && value.replace(/\D/g, '').length <= 15, {
      message: '電話番号の桁数が正しくありません（例: 090-1234-5678）',
    })
    .optional()
    .transform((value) => value ?? null),
  residencePrefectureCode: plainString({ message: '居住都道府県を選択してください' }).regex(PREFECTURE_CODE, {
    message: '居住都道府県を選択してください',
  }),
  birthYear: z
    .number({ message: '生年は西暦4桁の半角数字で入力してください（例: 1985）' })
    .int({ message: '生年は西暦4桁の半角数字で入力してください（例: 1985）' })
    .min(BIRTH_YEAR_RANGE.min, {
      message: `生年は${BIRTH_YEAR_RANGE.min}〜${BIRTH_YEAR_RANGE.max}年の範囲で入力してください`,
    })
    .max(BIRTH_YEAR_RANGE.max, {
      message: `生年は${BIRTH_YEAR_RANGE.min}〜${BIRTH_YEAR_RANGE.max}年の範囲で入力してください`,
    })
    .optional()
    .transform((value) => value ?? null),
  introduction: optionalText('自己紹介', INTRODUCTION_MAX_LENGTH),
  yearsPrivateIt: yearsOf('民間企業でのIT関連の経験年数'),
  yearsPublicSector: yearsOf('公共部門での経験年数'),
  languages: wordList,
})
export type BasicsInput = z.infer<typeof BasicsSchema>

// ---- 働き方の希望 ------------------------------------------------------------------------------------------

export const AvailabilitySchema = z
  .object({
    lockVersion,
    employmentForms: z
      .array(z.enum(valuesOf(EMPLOYMENT_FORM_LABELS), { message: '勤務形態を一覧から選択してください' }), {
        message: '希望する勤務形態を1つ以上選択してください',
      })
      .min(1, { message: '希望する勤務形態を1つ以上選択してください' }),
    daysPerWeek: z
      .number({ message: '週の勤務可能日数を半角数字で入力してください（例: 2.5）' })
      .min(0.5, { message: '週の勤務可能日数は0.5〜5日の範囲で入力してください' })
      .max(5, { message: '週の勤務可能日数は0.5〜5日の範囲で入力してください' })
      .refine((value) => Number.isInteger(value * 2), {
        message: '週の勤務可能日数は0.5日単位で入力してください（例: 2.5）',
      }),
    availableFrom: plainString()
      .regex(DATE, { message: '勤務開始可能日を正しい日付で入力してください' })
      .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), {
        message: '勤務開始可能日を正しい日付で入力してください',
      })
      .optional()
      .transform((value) => value ?? null),
    workArea: z.enum(['all', 'selected'], { message: '勤務できる地域を選択してください' }),
    workPrefectureCodes: prefectureCodes,
    remoteOk: checkbox,
    onsiteDaysPerMonth: z
      .number({ message: '月あたりの現地勤務日数を半角数字で入力してください' })
      .int({ message: '月あたりの現地勤務日数は整数で入力してください' })
      .min(0, { message: '月あたりの現地勤務日数は0〜31日の範囲で入力してください' })
      .max(31, { message: '月あたりの現地勤務日数は0〜31日の範囲で入力してください' })
      .optional()
      .transform((value) => value ?? null),
    payMinYen: payYen('希望報酬の下限'),
    payMaxYen: payYen('希望報酬の上限'),
    payUnit: z
      .enum(['hour', 'day', 'month', 'year'], { message: '報酬の単位を選択してください' })
      .optional()
      .transform((value) => value ?? null),
  })
  .superRefine((value, ctx) => {
    if (value.workArea === 'selected' && value.workPrefectureCodes.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['workPrefectureCodes'],
        message: '勤務できる都道府県を1つ以上選択してください',
      })
    }
    if ((value.payMinYen !== null || value.payMaxYen !== null) && value.payUnit === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['payUnit'],
        message: '希望報酬を入力した場合は、単位（時給・日額・月額・年額）を選択してください',
      })
    }
    if (value.payMinYen !== null && value.payMaxYen !== null && value.payMinYen > value.payMaxYen) {
      ctx.addIssue({ code: 'custom', path: ['payMaxYen'], message: '希望報酬の上限は下限以上の金額にしてください' })
    }
  })
export type AvailabilityInput = z.infer<typeof AvailabilitySchema>

function payYen(label: string) {
  return z
    .number({ message: `${label}は円単位の半角数字で入力してください（例: 5000）` })
    .int({ message: `${label}は円単位の整数で入力してください` })
    .min(0, { message: `${label}は0円以上で入力してください` })
    .max(100_000_000, { message: `${label}が大きすぎます` })
    .optional()
    .transform((value) => value ?? null)
}

// ---- 公開範囲と同意 ---------------------------------------------------------------------------------------

export const ConsentSchema = z
  .object({
    lockVersion,
    visibility: z.enum(valuesOf(PROFILE_VISIBILITY_LABELS), { message: '公開範囲を選択してください' }),
    visiblePrefectureCodes: prefectureCodes,
    nationalListConsent: checkbox,
    publicDirectoryConsent: checkbox,
    fittingNeedsDigest: checkbox,
  })
  .superRefine((value, ctx) => {
    if (value.visibility === 'selected' && value.visiblePrefectureCodes.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['visiblePrefectureCodes'],
        message: '公開する都道府県を1つ以上選択してください',
      })
    }
  })
export type ConsentInput = z.infer<typeof ConsentSchema>

// ---- スキル（自己評価） --------------------------------------------------------------------------------------

export const SkillsSchema = z.object({
  lockVersion,
  skills: z
    .array(
      z.object({
        skillId: plainString().min(1),
        level: z
          .number({ message: 'レベルを一覧から選択してください' })
          .int()
          .min(1, { message: 'レベルは1〜4から選択してください' })
          .max(4, { message: 'レベルは1〜4から選択してください' })
          .optional()
          .transform((value) => value ?? null),
      }),
    )
    .optional()
    .transform((skills) => skills ?? []),
})
export type SkillsInput = z.infer<typeof SkillsSchema>

// ---- 資格 ---------------------------------------------------------------------------------------------------

export function qualificationsSchema(currentYear = tokyoYear()) {
  return z.object({
    lockVersion,
    qualifications: z
      .array(
        z
          .object({
            qualificationId: plainString().min(1),
            held: checkbox,
            acquiredYear: z
              .number({ message: '取得年は西暦4桁の半角数字で入力してください' })
              .int({ message: '取得年は西暦4桁の半角数字で入力してください' })
              .min(QUALIFICATION_YEAR_MIN, {
                message: `取得年は${QUALIFICATION_YEAR_MIN}〜${currentYear}年の範囲で入力してください`,
              })
              .max(currentYear, {
                message: `取得年は${QUALIFICATION_YEAR_MIN}〜${currentYear}年の範囲で入力してください`,
              })
              .optional()
              .transform((value) => value ?? null),
          })
          .superRefine((value, ctx) => {
            if (!value.held && value.acquiredYear !== null) {
              ctx.addIssue({
                code: 'custom',
                path: ['held'],
                message: '取得年を入力した資格は「保有している」にチェックしてください',
              })
            }
          }),
      )
      .optional()
      .transform((items) => items ?? []),
  })
}
export const QualificationsSchema = qualificationsSchema()
export type QualificationsInput = z.infer<typeof QualificationsSchema>

// ---- 職歴 ---------------------------------------------------------------------------------------------------

export const ExperienceSchema = z
  .object({
    lockVersion,
    /** Empty for a new entry. */
    id: z
      .uuid({ message: '職歴の指定が正しくありません' })
      .optional()
      .transform((value) => value ?? null),
    organization: requiredText('所属先（組織名）', 100),
    title: optionalText('役職・担当', 100),
    startMonth: plainString({ message: '開始年月を入力してください' }).regex(MONTH, {
      message: '開始年月を「2020-04」の形で入力してください',
    }),
    endMonth: plainString()
      .regex(MONTH, { message: '終了年月を「2023-03」の形で入力してください' })
      .optional()
      .transform((value) => value ?? null),
    description: optionalText('業務内容', INTRODUCTION_MAX_LENGTH),
    skillIds: z
      .array(plainString().min(1))
      .optional()
      .transform((ids) => [...new Set(ids ?? [])]),
  })
  .superRefine((value, ctx) => {
    // 'YYYY-MM' strings compare in calendar order.
    if (value.endMonth !== null && value.endMonth < value.startMonth) {
      ctx.addIssue({
        code: 'custom',
        path: ['endMonth'],
        message: '終了年月は開始年月と同じか、それより後にしてください',
      })
    }
  })
export type ExperienceInput = z.infer<typeof ExperienceSchema>

export const DeleteExperienceSchema = z.object({
  lockVersion,
  id: z.uuid({ message: '職歴の指定が正しくありません' }),
})

// ---- 退会 ---------------------------------------------------------------------------------------------------

export const DeleteAccountSchema = z.object({
  password: plainString({ message: 'パスワードを入力してください' }).min(1, {
    message: 'パスワードを入力してください',
  }),
  confirm: z.literal(true, { message: '削除される内容を確認し、チェックを入れてください' }),
})
