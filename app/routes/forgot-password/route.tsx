import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, SubmitButton, useSchemaForm } from '~/components/forms'
import { requestPasswordReset } from '~/models/account.server'
import { ForgotPasswordSchema } from '~/utils/account-validation'
import { readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

// One answer whatever happened: no account, a mail sent, or the per-address / per-IP mail limit reached.
export const FORGOT_PASSWORD_SENT =
  '受け付けました。入力されたメールアドレスにアカウントがある場合は、再設定用のリンク（1時間有効）をお送りします。届かない場合は、迷惑メールフォルダーを確認し、1時間ほど待ってから、もう一度お試しください。'

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: ForgotPasswordSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), sent: false }, { status: 400 })
  await requestPasswordReset(context, submission.value.email)
  return data({ result: null, sent: true })
}

export default function ForgotPasswordRoute() {
  const actionData = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(ForgotPasswordSchema, { id: 'forgot-password', lastResult: actionData?.result })
  return (
    <div className="page">
      <h1>パスワードの再設定</h1>
      {actionData?.sent ? (
        <p className="notice notice--success" role="status">
          {FORGOT_PASSWORD_SENT}
        </p>
      ) : (
        <Form method="post" className="form-stack" {...getFormProps(form)}>
          <p>登録したメールアドレスを入力してください。再設定用のリンクをお送りします。</p>
          <Field label="メールアドレス" field={fields.email} type="email" autoComplete="email" />
          <div>
            <SubmitButton>再設定用のリンクを送る</SubmitButton>
          </div>
        </Form>
      )}
      <p>
        <Link to="/login">ログイン画面へ戻る</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('パスワードの再設定') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
