// On a pool member's page: 「メールで登録を依頼」 with the invitation's status, and the 人材像 (target roles).
import { Form } from '@remix-run/react'
import { ErrorList, FormErrors, SubmitButton } from '~/components/forms'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { formatShortDateTime } from '~/utils/dates'
import { errorsOf, type MemberActionData } from './action-errors'

interface InvitationProps {
  member: {
    registered: boolean
    canUpdate: boolean
    canInvite: boolean
    email: string | null
    invitation: {
      state: keyof typeof STATUS_TONES.poolInvitation
      stateLabel: string
      sentTo: string
      sentAt: string
      expiresAt: string
      answeredAt: string | null
    } | null
  }
  actionData: MemberActionData
}

export function InvitationSection({ member, actionData }: InvitationProps) {
  const { invitation } = member
  if (member.registered && !invitation) return null
  return (
    <section aria-labelledby="invitation-heading">
      <h2 id="invitation-heading">メールで登録を依頼</h2>
      {invitation ? (
        <dl className="definition-list">
          <dt>依頼の状況</dt>
          <dd>
            <StatusBadge tone={STATUS_TONES.poolInvitation[invitation.state]} label={invitation.stateLabel} />
          </dd>
          <dt>送信先</dt>
          <dd>{invitation.sentTo}</dd>
          <dt>送信日時</dt>
          <dd>{formatShortDateTime(invitation.sentAt)}</dd>
          {invitation.answeredAt ? (
            <>
              <dt>回答日時</dt>
              <dd>{formatShortDateTime(invitation.answeredAt)}</dd>
            </>
          ) : (
            <>
              <dt>有効期限</dt>
              <dd>{formatShortDateTime(invitation.expiresAt)}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>
          本人にプラットフォームへの登録を依頼するメールを送れます。本人が承諾すると、本人のプロフィールと紐づき、プロフィールを閲覧できるようになります。
        </p>
      )}
      {member.canUpdate && !member.registered ? (
        member.canInvite ? (
          <Form method="post" className="form-stack">
            <FormErrors errors={errorsOf(actionData, 'invite').form} />
            <input type="hidden" name="intent" value="invite" />
            <p>
              {member.email} に、登録と承諾のためのリンク（14日間有効、1回限り）を送ります。
              {invitation ? '再送すると、前に送ったリンクは使えなくなります。' : ''}
            </p>
            <div>
              <SubmitButton pendingText="送信中…">
                {invitation ? '登録依頼を再送する' : '登録依頼のメールを送る'}
              </SubmitButton>
            </div>
          </Form>
        ) : (
          <p>メールアドレスが登録されていないため、依頼を送れません。</p>
        )
      ) : null}
    </section>
  )
}

interface RolesProps {
  member: {
    canUpdate: boolean
    lockVersion: number
    targetRoles: Array<{ value: string; label: string }>
    roleOptions: Array<{ value: string; label: string }>
  }
  actionData: MemberActionData
}

export function TargetRolesSection({ member, actionData }: RolesProps) {
  const { fields, form } = errorsOf(actionData, 'roles')
  const errors = fields.roleIds
  const selected = new Set(member.targetRoles.map((r) => r.value))
  // A role retired from the catalogue stays visible (and checked) until someone unticks it.
  const options = [
    ...member.roleOptions,
    ...member.targetRoles.filter((r) => !member.roleOptions.some((o) => o.value === r.value)),
  ]
  return (
    <section aria-labelledby="roles-heading">
      <h2 id="roles-heading">人材像</h2>
      {!member.canUpdate ? (
        <p>{member.targetRoles.length > 0 ? member.targetRoles.map((r) => r.label).join('、') : '人材像未設定'}</p>
      ) : (
        <Form method="post" className="form-stack">
          <FormErrors errors={form} />
          <input type="hidden" name="intent" value="roles" />
          <input type="hidden" name="lockVersion" value={member.lockVersion} />
          <fieldset aria-describedby={errors ? 'roleIds-error' : undefined} aria-invalid={errors ? true : undefined}>
            <legend>この人に期待する人材像（スキル標準、複数選択可）</legend>
            {options.map((o) => (
              <label key={o.value} className="field--checkbox">
                <input type="checkbox" name="roleIds" value={o.value} defaultChecked={selected.has(o.value)} />{' '}
                {o.label}
              </label>
            ))}
          </fieldset>
          <ErrorList id="roleIds-error" errors={errors} />
          <div>
            <SubmitButton>人材像を保存する</SubmitButton>
          </div>
        </Form>
      )}
    </section>
  )
}
