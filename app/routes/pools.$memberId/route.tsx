import { getAppointmentsOfMember } from '~/models/appointment.server'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { HistoryTable } from '~/components/history-table'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { FormErrors, RowAction } from '~/components/forms'
import { StaffProfileView, staffProfileLinks } from '~/components/staff-profile-view'
import { requirePoolManager } from '~/models/pool-scope.server'
import { requirePoolMember } from '~/models/pool.server'
import { requireUser, requireUserWithPermission } from '~/utils/auth.server'
import { readFormData, requireUuidParam } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'
import { errorsOf } from './action-errors'
import { InvitationSection, TargetRolesSection } from './invitation-and-roles'
import { MemberActionSchema, performMemberAction } from './member-action.server'
import { MemberDetails } from './member-details'
import { StatusForm } from './status-form'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => staffProfileLinks

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:pool:own-prefecture')
  const member = await requirePoolMember(context, user, requireUuidParam(params, 'memberId'))
  const accelerator = member.nationalList
    ? null
    : await getAppointmentsOfMember(context, user, {
        id: member.id,
        prefectureCode: member.poolCode,
        status: member.status,
      })
  return { ...member, accelerator }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // Prefecture staff run their prefecture's pool; ministry staff the national list (国の外部人材リスト).
  const user = await requireUser(request, context)
  requirePoolManager(user)
  const formData = await readFormData(request)
  const memberId = requireUuidParam(params, 'memberId')
  const submission = parseWithZod(formData, { schema: MemberActionSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const outcome = await performMemberAction(context, user, memberId, submission.value)
  if (outcome.status === 'done') {
    return redirectWithToast(context, outcome.location ?? `/pools/${memberId}`, {
      type: 'success',
      message: outcome.message,
    })
  }
  const { code, ...errors } = outcome
  return data({ result: submission.reply(errors) }, { status: code })
}

export default function PoolMemberRoute() {
  const member = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const mergeErrors = errorsOf(actionData, 'merge')
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          member.nationalList
            ? { label: '国の外部人材リスト', to: '/pools?pool=national' }
            : { label: '人材プール', to: '/pools' },
          { label: member.name },
        ]}
      />
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
      {member.accelerator && (member.accelerator.canNominate || member.accelerator.cases.length > 0) ? (
        <section aria-labelledby="accelerator-heading">
          <h2 id="accelerator-heading">自治体DXアクセラレータ</h2>
          {member.accelerator.cases.length > 0 ? (
            <ul>
              {member.accelerator.cases.map((c) => (
                <li key={c.id}>
                  <Link to={`/appointments/${c.id}`}>
                    {c.statusLabel}（{c.roleName}）
                  </Link>
                  {c.number ? `　${c.number}` : ''}
                  {c.appointedOn ? `　${c.appointedOn}任命` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          {member.accelerator.canNominate ? (
            <p>
              <Link to={`/appointments/new?member=${member.id}`} className="button button--secondary">
                アクセラレータに推薦する
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
      {member.profile ? (
        <>
          <StaffProfileView profile={member.profile} />
          <section aria-labelledby="fitting-needs-heading">
            <h2 id="fitting-needs-heading">この方に合うニーズ</h2>
            {member.placedFullTime ? (
              <p className="notice" role="note">
                この方は常勤のニーズに内定しているため、ほかのニーズの候補には表示されません。
              </p>
            ) : member.fittingNeeds.length === 0 ? (
              <p>公開中のニーズのうち、この方の希望（任用形態・日数・勤務地・着任時期）に合うものはありません。</p>
            ) : (
              <ol>
                {member.fittingNeeds.map((need) => (
                  <li key={need.id}>
                    <Link to={`/needs/${need.id}/candidates`}>{need.title}</Link>（{need.prefectureName}）— 適合度{' '}
                    {need.explanation.score}・{need.explanation.summary}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      ) : member.registered ? (
        <section aria-labelledby="profile-heading">
          <h2 id="profile-heading">プロフィール</h2>
          <p className="notice" role="note">
            この方はプロフィールを共有していません。本人の公開設定により、スキル・職歴・働き方の希望などは表示されません。
          </p>
        </section>
      ) : null}
      <InvitationSection member={member} actionData={actionData} />
      <TargetRolesSection member={member} actionData={actionData} />
      {member.nextStatuses.length > 0 ? <StatusForm member={member} actionData={actionData} /> : null}
      {member.possibleDuplicates.length > 0 ? (
        <section aria-labelledby="duplicates-heading" className="notice notice--warning">
          <h2 id="duplicates-heading">重複の可能性</h2>
          <p>
            メールアドレス、または氏名と生年が同じ人がプールにいます。同じ人であれば統合してください（本人登録のある方を残し、経過と研修の記録を移します）。
          </p>
          <FormErrors errors={[...(mergeErrors.form ?? []), ...(mergeErrors.fields.otherId ?? [])]} />
          <ul>
            {member.possibleDuplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/pools/${d.id}`}>{d.name}</Link>{' '}
                <StatusBadge tone={STATUS_TONES.pool[d.status]} label={d.statusLabel} />
                {member.canUpdate ? (
                  <RowAction
                    intent="merge"
                    values={{ otherId: d.id }}
                    label="この人と統合する"
                    ariaLabel={`${d.name} と統合する`}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <MemberDetails member={member} actionData={actionData} />
      <HistoryTable rows={member.history} headingId="history-heading" />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('人材プール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
