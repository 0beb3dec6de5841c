// Field schemas the form modules share (GUIDE rule 6): the hidden lock version, required and optional text,
// a checkbox. Messages in Japanese, naming the field.
import { z } from 'zod'

/** The hidden lock version of a form: empty (nothing saved yet) or the version the page was loaded with. */
export const lockVersion = z
  .number({ message: 'フォームの状態が正しくありません。ページを再読み込みしてください' })
  .int()
  .min(0)
  .optional()
  .transform((value) => value ?? null)

export const requiredText = (label: string, max: number) =>
  z
    .string({ message: `${label}を入力してください` })
    .trim()
    .min(1, { message: `${label}を入力してください` })
    .max(max, { message: `${label}は${max}文字以内で入力してください` })

export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}は${max}文字以内で入力してください` })
    .optional()
    .transform((value) => value ?? '')

export const checkbox = z
  .boolean()
  .optional()
  .transform((value) => value ?? false)
