// The forms on a pool member's page, as one schema discriminated on the hidden `intent`, and the model call
// each one makes. Every outcome comes back in one shape for the route: done (with the toast and where to go)
// or refused (with the form's or a field's message and the status code).
import type { AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import { sendPoolInvitation } from '~/models/pool-invitation.server'
import {
  addTrainingRecord,
  changePoolStatus,
  mergePoolMembers,
  updateInterview,
  updateTargetRoles,
} from '~/models/pool.server'
import type { SessionUser } from '~/utils/auth.server'
import { plainString, uuidField } from '~/utils/field-schemas'
import { POOL_STATUS_VALUES } from '~/utils/labels'

const lockVersion = z.coerce
  .number({ message: 'フォームの状態が正しくありません。画面を読み込み直してください。' })
  .int()

const RolesSchema = z.object({
  intent: z.literal('roles'),
  roleIds: z
    .array(plainString())
    .max(10, { message: '人材像は10件まで選択できます' })
    .refine((ids) => ids.every((id) => /^[a-z0-9][a-z0-9-]{1,62}$/.test(id)), {
      message: '人材像はスキル標準の一覧から選択してください',
    }),
  lockVersion,
})

const InterviewSchema = z.object({
  intent: z.literal('interview'),
  interviewAt: plainString()
    .optional()
    .transform((value) => (value ? new Date(`${value}:00+09:00`) : null))
    .refine((value) => value === null || !Number.isNaN(value.getTime()), {
      message: '面接日時の形式が正しくありません',
    }),
  interviewPlace: plainString().trim().max(200, { message: '場所は200文字以内にしてください' }).default(''),
  notes: plainString().trim().max(4000, { message: 'メモは4000文字以内にしてください' }).default(''),
  lockVersion,
})

const TrainingSchema = z.object({
  intent: z.literal('training'),
  title: plainString({ message: '研修名を入力してください' })
    .trim()
    .min(1, { message: '研修名を入力してください' })
    .max(200, { message: '研修名は200文字以内にしてください' }),
  provider: plainString().trim().max(200, { message: '実施機関は200文字以内にしてください' }).default(''),
  completedOn: plainString()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^\d{4}-\d{2}-\d{2}$/.test(value), {
      message: '修了日の形式が正しくありません',
    }),
  note: plainString().trim().max(2000, { message: '備考は2000文字以内にしてください' }).default(''),
})

const StatusSchema = z.object({
  // The page's main form: a post without an intent is a status change.
  intent: z.literal('status').optional().default('status'),
  to: z.enum(POOL_STATUS_VALUES, { message: '変更後の状態を選択してください' }),
  note: plainString().trim().max(2000, { message: 'メモは2000文字以内にしてください' }).default(''),
  lockVersion,
})

export const MemberActionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('invite') }),
    RolesSchema,
    InterviewSchema,
    z.object({ intent: z.literal('merge'), otherId: uuidField('統合する相手を候補から選んでください。') }),
    TrainingSchema,
    StatusSchema,
  ],
  { error: '操作を読み取れませんでした。画面を読み込み直してください。' },
)

export type MemberAction = z.infer<typeof MemberActionSchema>

export type MemberActionOutcome =
  | { status: 'done'; message: string; location?: string }
  | {
      status: 'refused'
      code: 400 | 409
      formErrors?: string[]
      fieldErrors?: Record<string, string[]>
    }

const STALE = 'ほかの人が先に更新しました。画面を読み込み直してください。'

/** Runs one form's change through its model; not found and not yours are thrown 404s from the models. */
export async function performMemberAction(
  context: AppLoadContext,
  user: SessionUser,
  memberId: string,
  action: MemberAction,
): Promise<MemberActionOutcome> {
  switch (action.intent) {
    case 'invite': {
      const outcome = await sendPoolInvitation(context, user, memberId)
      if (outcome.status === 'refused') return { status: 'refused', code: 400, formErrors: [outcome.message] }
      return { status: 'done', message: `${outcome.sentTo} に登録依頼のメールを送信しました。` }
    }
    case 'roles': {
      const outcome = await updateTargetRoles(context, user, memberId, action)
      if (outcome.status === 'field-error')
        return { status: 'refused', code: 400, fieldErrors: { roleIds: [outcome.message] } }
      if (outcome.status === 'conflict') return { status: 'refused', code: 409, formErrors: [STALE] }
      return { status: 'done', message: '人材像を保存しました。' }
    }
    case 'interview': {
      const outcome = await updateInterview(context, user, memberId, action)
      if (outcome.status === 'conflict') return { status: 'refused', code: 409, formErrors: [STALE] }
      return { status: 'done', message: '面接の予定・メモを保存しました。' }
    }
    case 'merge': {
      const outcome = await mergePoolMembers(context, user, memberId, action.otherId)
      if (outcome.status === 'refused') return { status: 'refused', code: 400, formErrors: [outcome.message] }
      return { status: 'done', message: '重複していた人材を統合しました。', location: `/pools/${outcome.keptId}` }
    }
    case 'training': {
      await addTrainingRecord(context, user, memberId, action)
      return { status: 'done', message: '研修の記録を追加しました。' }
    }
    case 'status': {
      const outcome = await changePoolStatus(context, user, memberId, action)
      if (outcome.status === 'ok') return { status: 'done', message: '状態を変更しました。' }
      if (outcome.status === 'conflict')
        return {
          status: 'refused',
          code: 409,
          formErrors: ['ほかの人が先に状態を変更しました。画面を読み込み直してください。'],
        }
      return { status: 'refused', code: 400, formErrors: [outcome.message] }
    }
  }
}
