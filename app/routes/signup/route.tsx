import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxField, Field, SubmitButton, useSchemaForm } from '~/components/forms'
import { signUpProfessional } from '~/models/account.server'
import { PASSWORD_MIN_LENGTH, SignupSchema } from '~/utils/account-validation'
import { requireAnonymous } from '~/utils/auth.server'
import { safeRedirect } from '~/utils/redirect'
import { readFormData } from '~/utils/params'
import { NewPasswordFields } from '~/components/password-fields'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context)
  return { passwordMinLength: PASSWORD_MIN_LENGTH }
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context)
  const submission = parseWithZod(await readFormData(request), { schema: SignupSchema })
  if (submission.status !== 'success') {
    return data(
      { result: submission.reply({ hideFields: ['password', 'confirmPassword'] }), sentTo: null },
      { status: 400 },
    )
  }
  // Taken or not, over the mail limits or not, the answer is the same (no account enumeration); an
  // existing owner is told by mail.
  const redirectTo = safeRedirect(submission.value.redirectTo, '')
  await signUpProfessional(context, { ...submission.value, redirectTo: redirectTo || undefined })
  return data({ result: null, sentTo: submission.value.email })
}

export default function SignupRoute() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useSchemaForm(SignupSchema, { id: 'signup', lastResult: actionData?.result })
  if (actionData?.sentTo) {
    return (
      <div className="page">
        <h1>確認メールを送信しました</h1>
        <p className="notice notice--success" role="status">
          受け付けました。{actionData.sentTo}{' '}
          宛に確認メールをお送りします。メールのリンクを開いて登録を完了してください（24時間有効）。
        </p>
        <p>
          メールが届かない場合は、迷惑メールフォルダーを確認し、1時間ほど待ってから<Link to="/login">ログイン画面</Link>
          で確認メールを再送してください。
        </p>
      </div>
    )
  }
  return (
    <div className="page">
      <h1>デジタル人材の新規登録</h1>
      <p>登録後、スキル標準に沿ったプロフィールを作成し、都道府県の人材プールに応募できます。</p>
      <Form method="post" className="form-stack" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <Field label="氏名" field={fields.displayName} autoComplete="name" />
        <Field label="メールアドレス" field={fields.email} type="email" autoComplete="email" />
        <NewPasswordFields
          password={fields.password}
          confirmPassword={fields.confirmPassword}
          description={`${PASSWORD_MIN_LENGTH}文字以上。長めの文や、複数の単語の組み合わせがおすすめです。`}
        />
        <CheckboxField
          label="利用規約と個人情報の取扱い（プロフィールは本人が公開を許可した範囲でのみ都道府県に表示されます）に同意します"
          field={fields.agree}
        />
        <div>
          <SubmitButton pendingText="登録中…">登録する</SubmitButton>
        </div>
      </Form>
      <p>
        すでにアカウントをお持ちの方は <Link to="/login">ログイン</Link>
      </p>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('新規登録') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
