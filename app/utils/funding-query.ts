// The funding pages' query string: the fiscal year (the current one, in Tokyo, when absent) and, optionally,
// the body whose rows to show. Malformed values are refused with a Japanese message, never guessed.
import { z } from 'zod'
import { tokyoFiscalYear } from './dates'

const FundingQuerySchema = z.object({
  fy: z
    .string()
    .regex(/^\d{4}$/, { message: '年度の指定が正しくありません' })
    .transform(Number)
    .refine((fy) => fy >= 2000 && fy <= 2100, { message: '年度の指定が正しくありません' })
    .optional(),
  employer: z
    .string()
    .regex(/^\d{6}$/, { message: '団体の指定が正しくありません' })
    .optional(),
})

export function parseFundingQuery(params: URLSearchParams, now = new Date()): { fy: number; employer: string | null } {
  const raw = {
    fy: params.get('fy') || undefined,
    employer: params.get('employer') || undefined,
  }
  const parsed = FundingQuerySchema.safeParse(raw)
  if (!parsed.success) throw new Response(parsed.error.issues[0]!.message, { status: 400 })
  return { fy: parsed.data.fy ?? tokyoFiscalYear(now), employer: parsed.data.employer ?? null }
}

const decisionKeyFields = {
  placementId: z.string().regex(/^[0-9a-f-]{36}$/, { message: '対象の指定が正しくありません' }),
  fy: z
    .string()
    .regex(/^\d{4}$/, { message: '年度の指定が正しくありません' })
    .transform(Number),
  measure: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, { message: '措置の指定が正しくありません' }),
}

/** The ministry's answer to a 要確認 row (or its withdrawal), from the national page's forms. */
export const FundingDecisionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('decide'),
      ...decisionKeyFields,
      decision: z.enum(['eligible', 'not_eligible'], { message: '対象とするか対象外とするかを選んでください' }),
      amount: z
        .string()
        .trim()
        .transform((value) => value.replace(/[,，円]/g, ''))
        .pipe(
          z
            .string()
            .regex(/^\d{1,13}$/, { message: '措置額は0以上の整数（円）で入力してください' })
            .transform(Number),
        ),
      note: z
        .string()
        .trim()
        .min(1, { message: '判断の理由を入力してください' })
        .max(1000, { message: '判断の理由は1000文字以内で入力してください' }),
    }),
    z.object({ intent: z.literal('withdraw'), ...decisionKeyFields }),
  ],
  { message: '操作を選んでください' },
)
