import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, RowAction, SubmitButton, useSchemaForm } from '~/components/forms'
import {
  changePassword,
  listMySessions,
  logoutEverywhere,
  requestEmailChange,
  revokeMySession,
} from '~/models/account.server'
import { describeScope } from '~/models/users.server'
import { ChangeEmailSchema, ChangePasswordSchema } from '~/utils/account-validation'
import { requireSession } from '~/utils/auth.server'
import { ROLE_LABELS } from '~/utils/permissions'
import { blankSessionCookie } from '~/utils/session.server'
import { redirectWithToast } from '~/utils/toast.server'
import { formText, readFormData } from '~/utils/params'
import { formatShortDateTime } from '~/utils/dates'
import { NewPasswordFields } from '~/components/password-fields'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSession(request, context)
  return {
    user: {
      displayName: user.display_name,
      email: user.email,
      roleLabel: ROLE_LABELS[user.role],
      scopeLabel: await describeScope(context, user),
    },
    sessions: await listMySessions(context, user, sessionId),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSession(request, context)
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  if (intent === 'change-password') {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
    if (submission.status !== 'success') {
      return data(
        { intent, result: submission.reply({ hideFields: ['currentPassword', 'password', 'confirmPassword'] }) },
        { status: 400 },
      )
    }
    const outcome = await changePassword(context, user, sessionId, submission.value)
    if (outcome.status === 'wrong-password') {
      return data(
        {
          intent,
          result: submission.reply({
            fieldErrors: { currentPassword: ['現在のパスワードが正しくありません'] },
            hideFields: ['currentPassword', 'password', 'confirmPassword'],
          }),
        },
        { status: 400 },
      )
    }
    return redirectWithToast(context, '/account', {
      type: 'success',
      message: 'パスワードを変更しました。他の端末のセッションは終了しました。',
    })
  }
  if (intent === 'change-email') {
    const submission = parseWithZod(formData, { schema: ChangeEmailSchema })
    if (submission.status !== 'success') {
      return data({ intent, result: submission.reply({ hideFields: ['currentPassword'] }) }, { status: 400 })
    }
    const outcome = await requestEmailChange(context, user, submission.value)
    if (outcome.status !== 'ok') {
      const fieldErrors: Record<string, string[]> =
        outcome.status === 'wrong-password'
          ? { currentPassword: ['現在のパスワードが正しくありません'] }
          : { email: ['このメールアドレスは、すでに別のアカウントで使われています'] }
      return data(
        { intent, result: submission.reply({ fieldErrors, hideFields: ['currentPassword'] }) },
        { status: 400 },
      )
    }
    return redirectWithToast(context, '/account', {
      type: 'info',
      message: `${submission.value.email} に確認メールを送信しました。メールのリンクを開くと変更が完了します。`,
    })
  }
  if (intent === 'revoke-session') {
    await revokeMySession(context, user, formText(formData, 'session'))
    return redirectWithToast(context, '/account', { type: 'success', message: 'セッションを終了しました。' })
  }
  if (intent === 'logout-everywhere') {
    await logoutEverywhere(context, user)
    return redirect('/login', { headers: { 'Set-Cookie': blankSessionCookie(context.services.auth) } })
  }
  throw new Response('不明な操作です。', { status: 400 })
}

function PasswordForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null | undefined }) {
  const [form, fields] = useSchemaForm(ChangePasswordSchema, { id: 'change-password', lastResult })
  return (
    <Form method="post" className="form-stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={lastResult?.error?.['']} />
      <input type="hidden" name="intent" value="change-password" />
      <Field label="現在のパスワード" field={fields.currentPassword} type="password" autoComplete="current-password" />
      <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} label="新しいパスワード" />
      <div>
        <SubmitButton>パスワードを変更する</SubmitButton>
      </div>
    </Form>
  )
}

function EmailForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null | undefined }) {
  const [form, fields] = useSchemaForm(ChangeEmailSchema, { id: 'change-email', lastResult })
  return (
    <Form method="post" className="form-stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="change-email" />
      <Field label="新しいメールアドレス" field={fields.email} type="email" autoComplete="email" />
      <Field label="現在のパスワード" field={fields.currentPassword} type="password" autoComplete="current-password" />
      <div>
        <SubmitButton>確認メールを送る</SubmitButton>
      </div>
    </Form>
  )
}

export default function AccountRoute() {
  const { user, sessions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <h1>アカウント</h1>
      <dl className="definition-list">
        <dt>氏名</dt>
        <dd>{user.displayName}</dd>
        <dt>メールアドレス</dt>
        <dd>{user.email}</dd>
        <dt>役割</dt>
        <dd>{user.roleLabel}</dd>
        {user.scopeLabel ? (
          <>
            <dt>所属</dt>
            <dd>{user.scopeLabel}</dd>
          </>
        ) : null}
      </dl>

      <h2>パスワードの変更</h2>
      <PasswordForm lastResult={actionData?.intent === 'change-password' ? actionData.result : undefined} />

      <h2>メールアドレスの変更</h2>
      <p>新しいアドレスに届く確認メールのリンクを開くと変更されます。</p>
      <EmailForm lastResult={actionData?.intent === 'change-email' ? actionData.result : undefined} />

      <h2 id="sessions-heading">ログイン中の端末</h2>
      <table className="data-table" aria-labelledby="sessions-heading">
        <thead>
          <tr>
            <th scope="col">ログイン日時</th>
            <th scope="col">有効期限</th>
            <th scope="col">IPアドレス</th>
            <th scope="col">ブラウザー</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>{formatShortDateTime(session.createdAt)}</td>
              <td>{formatShortDateTime(session.expiresAt)}</td>
              <td>{session.ip ?? '—'}</td>
              <td>{session.userAgent ?? '—'}</td>
              <td>
                {session.current ? (
                  <span className="badge">この端末</span>
                ) : (
                  <RowAction intent="revoke-session" values={{ session: session.id }} label="終了する" />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" style={{ marginTop: '1.5rem' }}>
        <button type="submit" name="intent" value="logout-everywhere" className="button button--secondary">
          すべての端末からログアウトする
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('アカウント') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
