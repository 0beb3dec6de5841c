import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors, SubmitButton, useSchemaForm } from '~/components/forms'
import { getPasswordResetTokenStatus, resetPassword } from '~/models/account.server'
import { TOKEN_MESSAGES } from '~/models/tokens.server'
import { ResetPasswordSchema } from '~/utils/account-validation'
import { redirectWithToast } from '~/utils/toast.server'
import { readFormData } from '~/utils/params'
import { NewPasswordFields } from '~/components/password-fields'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const status = await getPasswordResetTokenStatus(context, token)
  return { token, error: status === 'valid' ? null : TOKEN_MESSAGES[status] }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: ResetPasswordSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password', 'confirmPassword'] }) }, { status: 400 })
  }
  const outcome = await resetPassword(context, submission.value.token, submission.value.password)
  if (outcome.status !== 'ok') {
    return data(
      {
        result: submission.reply({
          formErrors: [TOKEN_MESSAGES[outcome.status]],
          hideFields: ['password', 'confirmPassword'],
        }),
      },
      { status: 400 },
    )
  }
  return redirectWithToast(context, '/login', {
    type: 'success',
    message: 'パスワードを再設定しました。新しいパスワードでログインしてください。',
  })
}

export default function ResetPasswordRoute() {
  const { token, error } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(ResetPasswordSchema, { id: 'reset-password', lastResult: actionData?.result })
  return (
    <div className="page">
      <h1>新しいパスワードの設定</h1>
      {error ? (
        <>
          <p className="notice notice--error" role="alert">
            {error}
          </p>
          <p>
            <Link to="/forgot-password">再設定をやり直す</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="form-stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={actionData?.result?.error?.['']} />
          <input type="hidden" name="token" value={token} />
          <NewPasswordFields
            password={fields.password}
            confirmPassword={fields.confirmPassword}
            label="新しいパスワード"
          />
          <div>
            <SubmitButton>パスワードを設定する</SubmitButton>
          </div>
        </Form>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('パスワードの再設定') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
