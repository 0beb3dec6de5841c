import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { ErrorList, FormErrors, SubmitButton } from '~/components/forms'
import { sendPoolInvitation } from '~/models/pool-invitation.server'
import { requirePoolManager } from '~/models/pool-scope.server'
import {
  addTrainingRecord,
  changePoolStatus,
  mergePoolMembers,
  requirePoolMember,
  updateInterview,
  updateTargetRoles,
} from '~/models/pool.server'
import { InvitationSection, TargetRolesSection } from './invitation-and-roles'
import { MemberDetails } from './member-details'
import { requireUser, requireUserWithPermission } from '~/utils/auth.server'
import { redirectWithToast } from '~/utils/toast.server'
import { formText, isUuid, readFormData, requireUuidParam } from '~/utils/params'
import { plainString } from '~/utils/field-schemas'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:pool:own-prefecture')
  return requirePoolMember(context, user, requireUuidParam(params, 'memberId'))
}

const StatusSchema = z.object({
  to: z.enum(['applied', 'screening', 'interview', 'training', 'registered', 'declined', 'withdrawn'], {
    message: '変更後の状態を選択してください',
  }),
  note: plainString().trim().max(2000, { message: 'メモは2000文字以内にしてください' }).default(''),
  lockVersion: z.coerce.number().int(),
})

const InterviewSchema = z.object({
  interviewAt: plainString()
    .optional()
    .transform((value) => (value ? new Date(`${value}:00+09:00`) : null))
    .refine((value) => value === null || !Number.isNaN(value.getTime()), {
      message: '面接日時の形式が正しくありません',
    }),
  interviewPlace: plainString().trim().max(200, { message: '場所は200文字以内にしてください' }).default(''),
  notes: plainString().trim().max(4000, { message: 'メモは4000文字以内にしてください' }).default(''),
  lockVersion: z.coerce.number().int(),
})

const TrainingSchema = z.object({
  title: plainString({ message: '研修名を入力してください' })
    .trim()
    .min(1, { message: '研修名を入力してください' })
    .max(200),
  provider: plainString().trim().max(200).default(''),
  completedOn: plainString()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^\d{4}-\d{2}-\d{2}$/.test(value), {
      message: '修了日の形式が正しくありません',
    }),
  note: plainString().trim().max(2000).default(''),
})

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {}
  for (const issue of error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message)
  return fieldErrors
}

const RolesSchema = z.object({
  roleIds: z
    .array(
      plainString().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: '人材像はスキル標準の一覧から選択してください' }),
    )
    .max(10),
  lockVersion: z.coerce.number().int(),
})

export async function action({ request, context, params }: ActionFunctionArgs) {
  // Prefecture staff run their prefecture's pool; ministry staff the national list (国の外部人材リスト).
  const user = await requireUser(request, context)
  requirePoolManager(user)
  const formData = await readFormData(request)
  const memberId = requireUuidParam(params, 'memberId')
  const intent = formData.get('intent')
  if (intent === 'invite') {
    const outcome = await sendPoolInvitation(context, user, memberId)
    if (outcome.status === 'refused')
      return data(
        { intent, fieldErrors: {} as Record<string, string[]>, formErrors: [outcome.message] },
        { status: 400 },
      )
    return redirectWithToast(context, `/pools/${memberId}`, {
      type: 'success',
      message: `${outcome.sentTo} に登録依頼のメールを送信しました。`,
    })
  }
  if (intent === 'roles') {
    const parsed = RolesSchema.safeParse({
      roleIds: formData.getAll('roleIds').map(String),
      lockVersion: formData.get('lockVersion'),
    })
    if (!parsed.success)
      return data(
        {
          intent,
          fieldErrors: { roleIds: [parsed.error.issues[0]?.message ?? '入力内容を確認してください'] },
          formErrors: [] as string[],
        },
        { status: 400 },
      )
    const outcome = await updateTargetRoles(context, user, memberId, parsed.data)
    if (outcome.status === 'field-error')
      return data({ intent, fieldErrors: { roleIds: [outcome.message] }, formErrors: [] as string[] }, { status: 400 })
    if (outcome.status === 'conflict') {
      return data(
        {
          intent,
          fieldErrors: {} as Record<string, string[]>,
          formErrors: ['ほかの人が先に更新しました。画面を読み込み直してください。'],
        },
        { status: 409 },
      )
    }
    return redirectWithToast(context, `/pools/${memberId}`, { type: 'success', message: '人材像を保存しました。' })
  }
  if (intent === 'interview') {
    const parsed = InterviewSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success)
      return data({ intent, fieldErrors: fieldErrorsOf(parsed.error), formErrors: [] as string[] }, { status: 400 })
    const outcome = await updateInterview(context, user, memberId, parsed.data)
    if (outcome.status === 'conflict') {
      return data(
        { intent, fieldErrors: {}, formErrors: ['ほかの人が先に更新しました。画面を読み込み直してください。'] },
        { status: 409 },
      )
    }
    return redirectWithToast(context, `/pools/${memberId}`, {
      type: 'success',
      message: '面接の予定・メモを保存しました。',
    })
  }
  if (intent === 'merge') {
    const otherId = formText(formData, 'otherId')
    if (!isUuid(otherId))
      return data(
        { intent, fieldErrors: {} as Record<string, string[]>, formErrors: ['統合する相手を候補から選んでください。'] },
        { status: 400 },
      )
    const outcome = await mergePoolMembers(context, user, memberId, otherId)
    if (outcome.status === 'refused')
      return data(
        { intent, fieldErrors: {} as Record<string, string[]>, formErrors: [outcome.message] },
        { status: 400 },
      )
    return redirectWithToast(context, `/pools/${outcome.keptId}`, {
      type: 'success',
      message: '重複していた人材を統合しました。',
    })
  }
  if (intent === 'training') {
    const parsed = TrainingSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success)
      return data({ intent, fieldErrors: fieldErrorsOf(parsed.error), formErrors: [] as string[] }, { status: 400 })
    await addTrainingRecord(context, user, memberId, parsed.data)
    return redirectWithToast(context, `/pools/${memberId}`, { type: 'success', message: '研修の記録を追加しました。' })
  }
  const parsed = StatusSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success) {
    return data(
      {
        intent: 'status',
        fieldErrors: { to: [parsed.error.issues[0]?.message ?? '入力内容を確認してください'] },
        formErrors: [] as string[],
      },
      { status: 400 },
    )
  }
  const outcome = await changePoolStatus(context, user, memberId, parsed.data)
  if (outcome.status === 'ok') {
    return redirectWithToast(context, `/pools/${memberId}`, { type: 'success', message: '状態を変更しました。' })
  }
  const message =
    outcome.status === 'conflict' ? 'ほかの人が先に状態を変更しました。画面を読み込み直してください。' : outcome.message
  return data(
    { intent: 'status', fieldErrors: {} as Record<string, string[]>, formErrors: [message] },
    { status: outcome.status === 'conflict' ? 409 : 400 },
  )
}

const dateTime = (iso: string) =>
  new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(
    new Date(iso),
  )

export default function PoolMemberRoute() {
  const member = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label="パンくずリスト">
        <ol>
          <li>
            <Link to={member.nationalList ? '/pools?pool=national' : '/pools'}>
              {member.nationalList ? '国の外部人材リスト' : '人材プール'}
            </Link>
          </li>
          <li aria-current="page">{member.name}</li>
        </ol>
      </nav>
      <h1>
        {member.name} <StatusBadge tone={STATUS_TONES.pool[member.status]} label={member.statusLabel} />
      </h1>
      <dl className="definition-list">
        <dt>ふりがな</dt>
        <dd>{member.kana || '—'}</dd>
        <dt>連絡先</dt>
        <dd>{member.email ?? '—'}</dd>
        <dt>応募時のメッセージ</dt>
        <dd>{member.message || '—'}</dd>
        <dt>本人のプロフィール</dt>
        <dd>
          {!member.registered
            ? 'なし（担当者が登録した情報のみ）'
            : member.profileShared
              ? 'あり（本人が登録・公開に同意）'
              : '非公開（本人の公開設定により、連絡先などは表示されません。氏名・状態・履歴はこのプールの記録です）'}
        </dd>
      </dl>
      <InvitationSection member={member} actionData={actionData} />
      <TargetRolesSection member={member} actionData={actionData} />
      {member.nextStatuses.length > 0 ? (
        <>
          <h2>状態の変更</h2>
          {/* Keyed on the lock version: after a change the form starts afresh (first next status, empty note). */}
          <Form method="post" className="form-stack" key={`status-${member.lockVersion}`}>
            <FormErrors errors={actionData?.intent === 'status' ? actionData.formErrors : undefined} />
            <input type="hidden" name="lockVersion" value={member.lockVersion} />
            <div className="field">
              <label htmlFor="to">変更後の状態</label>
              <select
                id="to"
                name="to"
                aria-invalid={actionData?.fieldErrors.to ? true : undefined}
                aria-describedby={actionData?.fieldErrors.to ? 'to-error' : undefined}
              >
                {member.nextStatuses.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
              <ErrorList id="to-error" errors={actionData?.fieldErrors.to} />
            </div>
            <div className="field">
              <label htmlFor="note">メモ（面接日程、見送りの理由など）</label>
              <textarea id="note" name="note" rows={3} />
            </div>
            <div>
              <SubmitButton>状態を変更する</SubmitButton>
            </div>
          </Form>
        </>
      ) : null}
      {member.possibleDuplicates.length > 0 ? (
        <section aria-labelledby="duplicates-heading" className="notice notice--warning">
          <h2 id="duplicates-heading">重複の可能性</h2>
          <p>
            メールアドレス、または氏名と生年が同じ人がプールにいます。同じ人であれば統合してください（本人登録のある方を残し、経過と研修の記録を移します）。
          </p>
          <FormErrors errors={actionData?.intent === 'merge' ? actionData.formErrors : undefined} />
          <ul>
            {member.possibleDuplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/pools/${d.id}`}>{d.name}</Link>{' '}
                <StatusBadge tone={STATUS_TONES.pool[d.status]} label={d.statusLabel} />
                {member.canUpdate ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="merge" />
                    <input type="hidden" name="otherId" value={d.id} />{' '}
                    <button type="submit" className="link-button" aria-label={`${d.name} と統合する`}>
                      この人と統合する
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <MemberDetails member={member} actionData={actionData} />
      <h2 id="history-heading">経過</h2>
      <table className="data-table" aria-labelledby="history-heading">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">変更</th>
            <th scope="col">担当</th>
            <th scope="col">メモ</th>
          </tr>
        </thead>
        <tbody>
          {member.history.map((e) => (
            <tr key={e.id}>
              <td>{dateTime(e.at)}</td>
              <td>{e.from ? `${e.from} → ${e.to}` : e.to}</td>
              <td>{e.actor}</td>
              <td>{e.note || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: '人材プール | 自治体DXアクセラレータ500 プラットフォーム' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
