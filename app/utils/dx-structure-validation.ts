// Form schemas for 推進体制 ①〜④: a prefecture's report of one requirement, and the ministry's answer to a
// report. Shared by the browser (conform's constraints) and the server; messages in Japanese, at the field.
import { z } from 'zod'
import { isIsoDate, tokyoIsoDate } from './dates'
import { optionalText, plainString, uuidField } from './field-schemas'

/** The earliest 時点 a report may give: the programme's first year (令和4年度). */
export const DX_STRUCTURE_EARLIEST_AS_OF = '2022-04-01'

const FORM_STATE_MESSAGE = 'フォームの状態が正しくありません。ページを再読み込みしてください'

export const DxStructureReportSchema = z.object({
  intent: z.literal('report', { message: FORM_STATE_MESSAGE }),
  requirement: z
    .number({ message: FORM_STATE_MESSAGE })
    .int({ message: FORM_STATE_MESSAGE })
    .min(1, { message: FORM_STATE_MESSAGE })
    .max(4, { message: FORM_STATE_MESSAGE }),
  met: z
    .enum(['yes', 'no'], { message: '要件を満たしているかどうかを選んでください' })
    .transform((value) => value === 'yes'),
  asOf: plainString({ message: '時点を入力してください' }, '時点')
    .refine(isIsoDate, { message: '時点を正しい日付で入力してください（例: 2026-03-31）' })
    .refine((value) => value >= DX_STRUCTURE_EARLIEST_AS_OF, {
      message: '時点は2022年4月1日以降の日付にしてください',
    })
    // Compared when the form is checked (the browser's and the server's today, both in Japan time).
    .refine((value) => value <= tokyoIsoDate(), { message: '時点に未来の日付は指定できません' }),
  note: optionalText('補足', 1000),
})
export type DxStructureReportInput = z.infer<typeof DxStructureReportSchema>

export const DxStructureReviewSchema = z
  .object({
    intent: z.enum(['confirm', 'return'], { message: '「確認する」か「差し戻す」を選んでください' }),
    reportId: uuidField(FORM_STATE_MESSAGE),
    note: optionalText('コメント', 1000),
  })
  .superRefine((value, ctx) => {
    if (value.intent === 'return' && value.note === '')
      ctx.addIssue({ code: 'custom', path: ['note'], message: '差し戻す理由をコメントに入力してください' })
  })
export type DxStructureReviewInput = z.infer<typeof DxStructureReviewSchema>
