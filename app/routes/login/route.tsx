import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SubmitButton, useSchemaForm } from '~/components/forms'
import { resendVerificationEmail } from '~/models/account.server'
import { LoginSchema } from '~/utils/account-validation'
import { login, LOGIN_MESSAGES, requireAnonymous } from '~/utils/auth.server'
import { safeRedirect } from '~/utils/redirect'
import { toastHeader } from '~/utils/toast.server'
import { formText, readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context)
  return {}
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context)
  const formData = await readFormData(request)
  if (formData.get('intent') === 'resend-verification') {
    const email = formText(formData, 'email')
    if (email) await resendVerificationEmail(context, email)
    return data({ result: null, resent: true, unverifiedEmail: null })
  }
  const submission = parseWithZod(formData, { schema: LoginSchema })
  if (submission.status !== 'success') {
    return data(
      { result: submission.reply({ hideFields: ['password'] }), resent: false, unverifiedEmail: null },
      { status: 400 },
    )
  }
  const result = await login(context, { ...submission.value, userAgent: request.headers.get('User-Agent') })
  if (result.status !== 'ok') {
    return data(
      {
        result: submission.reply({ formErrors: [LOGIN_MESSAGES[result.status]], hideFields: ['password'] }),
        resent: false,
        unverifiedEmail: result.status === 'unverified' ? submission.value.email : null,
      },
      result.status === 'throttled'
        ? { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } }
        : { status: 400 },
    )
  }
  const headers = new Headers({ 'Set-Cookie': result.cookie })
  headers.append('Set-Cookie', await toastHeader(context, { type: 'success', message: 'ログインしました。' }))
  return redirect(safeRedirect(submission.value.redirectTo, '/'), { headers })
}

export default function LoginRoute() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useSchemaForm(LoginSchema, {
    id: 'login',
    lastResult: actionData?.result,
    defaultValue: { email: searchParams.get('email') ?? '' },
  })
  return (
    <div className="page">
      <h1>ログイン</h1>
      {actionData?.resent ? (
        <p className="notice notice--success" role="status">
          受け付けました。アカウントが確認待ちの場合は、確認メールをお送りします（短い時間に何度も依頼された場合は、1時間ほど送信を控えます）。
        </p>
      ) : null}
      <Form method="post" className="form-stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={actionData?.result?.error?.['']} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <Field label="メールアドレス" field={fields.email} type="email" autoComplete="email" />
        <Field label="パスワード" field={fields.password} type="password" autoComplete="current-password" />
        <div>
          <SubmitButton pendingText="確認中…">ログイン</SubmitButton>
        </div>
      </Form>
      {actionData?.unverifiedEmail ? (
        <Form method="post" className="form-stack">
          <input type="hidden" name="intent" value="resend-verification" />
          <input type="hidden" name="email" value={actionData.unverifiedEmail} />
          <button type="submit" className="button button--secondary">
            確認メールを再送する
          </button>
        </Form>
      ) : null}
      <p>
        <Link to="/forgot-password">パスワードをお忘れの方</Link>
      </p>
      <p>
        デジタル人材の方は <Link to="/signup">新規登録</Link>{' '}
        できます。自治体・省庁の職員の方は、管理者からの招待メールでアカウントを作成してください。
      </p>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('ログイン') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
