import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SubmitButton, useSchemaForm } from '~/components/forms'
import { TOKEN_MESSAGES } from '~/models/tokens.server'
import { acceptInvitation, getInvitation } from '~/models/users.server'
import { AcceptInvitationSchema } from '~/utils/account-validation'
import { redirectWithToast } from '~/utils/toast.server'
import { readFormData } from '~/utils/params'
import { NewPasswordFields } from '~/components/password-fields'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const invitation = token ? await getInvitation(context, token) : { status: 'unknown' as const }
  return {
    token,
    invitation: invitation.status === 'valid' ? invitation : null,
    error: invitation.status === 'valid' ? null : TOKEN_MESSAGES[invitation.status],
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: AcceptInvitationSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password', 'confirmPassword'] }) }, { status: 400 })
  }
  const invitation = await getInvitation(context, submission.value.token)
  const outcome = await acceptInvitation(context, submission.value)
  if (outcome.status !== 'ok') {
    const message =
      outcome.status === 'email-taken'
        ? 'このメールアドレスのアカウントはすでに存在します。ログインしてください。'
        : outcome.status === 'has-profile'
          ? 'このメールアドレスには、デジタル人材のプロフィールが登録されたアカウントがあるため、招待を受諾できません。招待した管理者に連絡してください。'
          : TOKEN_MESSAGES[outcome.status]
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ['password', 'confirmPassword'] }) },
      { status: 400 },
    )
  }
  const email = invitation.status === 'valid' ? invitation.email : ''
  return redirectWithToast(context, `/login?${new URLSearchParams({ email })}`, {
    type: 'success',
    message: 'アカウントを作成しました。設定したパスワードでログインしてください。',
  })
}

export default function AcceptInvitationRoute() {
  const { token, invitation, error } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(AcceptInvitationSchema, {
    id: 'accept-invitation',
    lastResult: actionData?.result,
  })
  if (!invitation) {
    return (
      <div className="page">
        <h1>招待の受諾</h1>
        <p className="notice notice--error" role="alert">
          {error}
        </p>
        <p>招待した管理者に、招待の再送を依頼してください。</p>
        <p>
          <Link to="/login">ログイン画面へ</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="page">
      <h1>アカウントの作成</h1>
      <dl className="definition-list">
        <dt>招待した人</dt>
        <dd>{invitation.inviter}</dd>
        <dt>所属</dt>
        <dd>{invitation.scopeLabel}</dd>
        <dt>役割</dt>
        <dd>{invitation.roleLabel}</dd>
        <dt>メールアドレス</dt>
        <dd>{invitation.email}</dd>
      </dl>
      <Form method="post" className="form-stack" {...getFormProps(form)} style={{ marginTop: '1.5rem' }}>
        <FormErrors id={form.errorId} errors={actionData?.result?.error?.['']} />
        <input type="hidden" name="token" value={token} />
        <Field label="氏名" field={fields.displayName} autoComplete="name" />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
        <div>
          <SubmitButton pendingText="作成中…">アカウントを作成する</SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('招待の受諾') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
