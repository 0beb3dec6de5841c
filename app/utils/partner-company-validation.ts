// The partner-company form (client-safe). 法人番号 is validated with its check digit.
import { z } from 'zod'
import { plainString } from './field-schemas'

/** 法人番号: the first digit is 9 − (Σ digit × weight mod 9), weights 1,2,1,2… from the right of the other 12. */
export function isValidCorporateNumber(value: string): boolean {
  if (!/^[0-9]{13}$/.test(value)) return false
  const body = value.slice(1)
  let sum = 0
  for (let n = 1; n <= 12; n++) sum += Number(body[12 - n]) * (n % 2 === 1 ? 1 : 2)
  return Number(value[0]) === 9 - (sum % 9)
}

const optional = (max: number, message: string) => plainString().trim().max(max, { message }).default('')

export const PartnerCompanySchema = z.object({
  lockVersion: plainString()
    .optional()
    .transform((value) => (value ? Number(value) : null)),
  name: plainString({ message: '企業名を入力してください' })
    .trim()
    .min(1, { message: '企業名を入力してください' })
    .max(200, { message: '企業名は200文字以内にしてください' }),
  nameKana: optional(200, '200文字以内にしてください'),
  corporateNumber: plainString()
    .trim()
    .optional()
    .transform((value) => (value ? value.normalize('NFKC').replace(/[-\s]/g, '') : null))
    .refine((value) => value === null || isValidCorporateNumber(value), {
      message: '法人番号（13桁）が正しくありません。国税庁の法人番号公表サイトで確認してください',
    }),
  contactName: optional(100, '100文字以内にしてください'),
  contactEmail: plainString()
    .trim()
    .max(254)
    .optional()
    .refine((value) => !value || z.email().safeParse(value).success, {
      message: 'メールアドレスの形式が正しくありません',
    })
    .transform((value) => value ?? ''),
  contactPhone: optional(30, '30文字以内にしてください'),
  website: plainString()
    .trim()
    .max(500)
    .optional()
    .refine((value) => !value || /^https?:\/\/\S+$/.test(value), {
      message: 'URL は http:// または https:// で始めてください',
    })
    .transform((value) => value ?? ''),
  note: optional(2000, '2000文字以内にしてください'),
  active: plainString()
    .optional()
    .transform((value) => value === 'on'),
})
export type PartnerCompanyInput = z.infer<typeof PartnerCompanySchema>
