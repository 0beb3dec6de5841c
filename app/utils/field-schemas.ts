// Field schemas the form modules share (GUIDE rule 6): the hidden lock version, required and optional text,
// a checkbox, an id, a prefecture. Messages in Japanese, naming the field.
import { z } from 'zod'
import { isIsoDate } from './dates'
import { hasControlCharacters, isUuid } from './params'
import './zod-locale'

const controlCharacterMessage = (label?: string) =>
  `${label ? `${label}に` : ''}使用できない制御文字が含まれています。文字を入力し直してください`

/**
 * Every text field starts here: a string without C0 control characters (tab and line breaks allowed).
 * Postgres refuses NUL in text (a 500 if it got that far) and the others are invisible to the person who
 * pasted them, so a field message says what to fix.
 */
export const plainString = (params?: Parameters<typeof z.string>[0], label?: string) =>
  z.string(params).refine((value) => !hasControlCharacters(value), { message: controlCharacterMessage(label) })

/** An id sent back by a form (a hidden field, a select): anything but a uuid is a tampered or stale form. */
export const uuidField = (message: string) => z.string({ message }).refine(isUuid, { message })

/** The hidden lock version of a form: empty (nothing saved yet) or the version the page was loaded with. */
export const lockVersion = z
  .number({ message: 'フォームの状態が正しくありません。ページを再読み込みしてください' })
  .int()
  .min(0)
  .optional()
  .transform((value) => value ?? null)

/** The hidden lock version of a form that changes a saved row: always the version the page was loaded with. */
export const requiredLockVersion = z
  .number({ message: 'フォームの状態が正しくありません。ページを再読み込みしてください' })
  .int()
  .min(0)

/** A calendar day typed as YYYY-MM-DD (a date input sends that), checked to exist. */
export const dateField = (label: string) =>
  plainString({ message: `${label}を入力してください` }, label).refine(isIsoDate, {
    message: `${label}を正しい日付で入力してください（例: 2027-04-01）`,
  })

/** The same, optional: empty is null. */
export const optionalDateField = (label: string) =>
  dateField(label)
    .optional()
    .transform((value) => value ?? null)

export const requiredText = (label: string, max: number) =>
  plainString({ message: `${label}を入力してください` }, label)
    .trim()
    .min(1, { message: `${label}を入力してください` })
    .max(max, { message: `${label}は${max}文字以内で入力してください` })

export const optionalText = (label: string, max: number) =>
  plainString(undefined, label)
    .trim()
    .max(max, { message: `${label}は${max}文字以内で入力してください` })
    .optional()
    .transform((value) => value ?? '')

export const checkbox = z
  .boolean()
  .optional()
  .transform((value) => value ?? false)

/** A prefecture's code (JIS X 0401): 01–47. */
export const PREFECTURE_CODE = /^(0[1-9]|[1-3][0-9]|4[0-7])$/

/** The prefecture of a search filter in the query string: none (absent or empty) or a code; else the message. */
export const prefectureFilter = (message: string) =>
  z
    .string()
    .regex(PREFECTURE_CODE, { message })
    .optional()
    .or(z.literal('').transform(() => undefined))
