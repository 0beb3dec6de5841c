// The forms on a shortlist entry's page, as one schema discriminated on the hidden `intent` (status change,
// interview date and place), and the model call each one makes. Every outcome comes back in one shape for the
// route: done (with the toast) or refused (with the form's or a field's message and the status code).
import type { AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import {
  changeShortlistStatus,
  scheduleShortlistInterview,
  SHORTLIST_CONFLICT_MESSAGE,
} from '~/models/shortlist.server'
import type { SessionUser } from '~/utils/auth.server'
import { toDateTimeLocalValue } from '~/utils/dates'
import { plainString } from '~/utils/field-schemas'
import { SHORTLIST_STATUS_VALUES } from '~/utils/labels'

const lockVersion = z.coerce
  .number({ message: 'フォームの状態が正しくありません。画面を読み込み直してください。' })
  .int({ message: 'フォームの状態が正しくありません。画面を読み込み直してください。' })
  .min(0, { message: 'フォームの状態が正しくありません。画面を読み込み直してください。' })

const StatusSchema = z.object({
  intent: z.literal('status'),
  to: z.enum(SHORTLIST_STATUS_VALUES, { message: '変更後の状態を選択してください' }),
  note: plainString(undefined, 'メモ').trim().max(1000, { message: 'メモは1000文字以内にしてください' }).default(''),
  lockVersion,
})

const LOCAL_DATE_TIME = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}$/

const InterviewSchema = z.object({
  intent: z.literal('interview'),
  // Japan time from a datetime-local input; a date the calendar does not have (2月30日) is refused, not rolled over.
  interviewAt: plainString({ message: '面談日時を入力してください' }, '面談日時')
    .refine((value) => LOCAL_DATE_TIME.test(value), { message: '面談日時を「年-月-日 時:分」で入力してください' })
    .transform((value) => ({ value, date: new Date(`${value}:00+09:00`) }))
    .refine(
      ({ value, date }) =>
        !Number.isNaN(date.getTime()) &&
        toDateTimeLocalValue(date) === value &&
        Number(value.slice(0, 4)) >= 2000 &&
        Number(value.slice(0, 4)) <= 2100,
      { message: '面談日時が正しくありません。カレンダーにある日時を入力してください' },
    )
    .transform(({ date }) => date),
  place: plainString(undefined, '場所')
    .trim()
    .max(200, { message: '場所・方法は200文字以内にしてください' })
    .default(''),
  lockVersion,
})

export const EntryActionSchema = z.discriminatedUnion('intent', [StatusSchema, InterviewSchema], {
  error: '操作を読み取れませんでした。画面を読み込み直してください。',
})

export type EntryAction = z.infer<typeof EntryActionSchema>

export type EntryActionOutcome =
  { status: 'done'; message: string } | { status: 'refused'; code: 400 | 409; formErrors: string[] }

/** Runs one form's change through the model; not found and not yours are thrown 404s from the model. */
export async function performEntryAction(
  context: AppLoadContext,
  user: SessionUser,
  needId: string,
  entryId: string,
  action: EntryAction,
): Promise<EntryActionOutcome> {
  if (action.intent === 'interview') {
    const outcome = await scheduleShortlistInterview(context, user, needId, entryId, action)
    if (outcome.status === 'conflict') return { status: 'refused', code: 409, formErrors: [SHORTLIST_CONFLICT_MESSAGE] }
    if (outcome.status === 'refused') return { status: 'refused', code: 400, formErrors: [outcome.message] }
    return {
      status: 'done',
      message: `面談の日程を${outcome.changed ? '変更' : '保存'}し、本人にメールで知らせました。`,
    }
  }
  const outcome = await changeShortlistStatus(context, user, needId, entryId, action)
  if (outcome.status === 'conflict') return { status: 'refused', code: 409, formErrors: [SHORTLIST_CONFLICT_MESSAGE] }
  if (outcome.status === 'refused') return { status: 'refused', code: 400, formErrors: [outcome.message] }
  const extra =
    action.to === 'contacted'
      ? '本人にお声がけのメールを送りました。'
      : action.to === 'offered'
        ? 'ニーズを「充足」にしました。'
        : ''
  return { status: 'done', message: `候補者を「${outcome.label}」にしました。${extra}` }
}
