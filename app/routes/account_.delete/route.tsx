// /account/delete (退会). The folder is account_.delete, not account.delete: the trailing underscore keeps
// it out of the /account page's layout (that page renders no <Outlet />).
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CheckboxField, Field, FormErrors, SubmitButton, useSchemaForm } from '~/components/forms'
import { deleteMyAccount } from '~/models/profile-data.server'
import { getMyProfile } from '~/models/profile.server'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithRole } from '~/utils/auth.server'
import { DeleteAccountSchema } from '~/utils/profile-validation'
import { blankSessionCookie } from '~/utils/session.server'
import { redirectWithToast } from '~/utils/toast.server'
import { readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: profileStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const { profile, skills, qualifications, experiences } = await getMyProfile(context, user)
  return {
    email: user.email,
    hasProfile: profile !== null,
    counts: { skills: skills.length, qualifications: qualifications.length, experiences: experiences.length },
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, context, ['professional'])
  const submission = parseWithZod(await readFormData(request), { schema: DeleteAccountSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  const outcome = await deleteMyAccount(context, user, submission.value.password)
  if (outcome.status === 'wrong-password') {
    return data(
      {
        result: submission.reply({
          fieldErrors: { password: ['パスワードが正しくありません'] },
          hideFields: ['password'],
        }),
      },
      { status: 400 },
    )
  }
  return redirectWithToast(
    context,
    '/',
    { type: 'success', message: 'アカウントを削除しました。ご利用ありがとうございました。' },
    { headers: { 'Set-Cookie': blankSessionCookie(context.services.auth) } },
  )
}

export default function DeleteAccountRoute() {
  const { email, hasProfile, counts } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(DeleteAccountSchema, { id: 'delete-account', lastResult: actionData?.result })
  return (
    <div className="page">
      <h1>アカウントの削除（退会）</h1>
      <p className="notice notice--warning">
        この操作は取り消せません。必要なデータは、先に<Link to="/profile">プロフィール</Link>
        からダウンロードしてください。
      </p>
      <h2>削除されるもの</h2>
      <ul>
        <li>
          プロフィール{hasProfile ? '' : '（まだ作成されていません）'}:
          氏名・ふりがな・連絡先・生年・自己紹介・働き方の希望・公開範囲と同意
        </li>
        <li>
          スキルの自己評価（{counts.skills}件）、資格（{counts.qualifications}件）、職歴（{counts.experiences}件）
        </li>
        <li>都道府県の検索結果からも、すぐに削除されます。</li>
        <li>ログイン中のすべての端末からログアウトします。</li>
      </ul>
      <h2>匿名化して残すもの</h2>
      <ul>
        <li>
          アカウントの記録は、メールアドレス（{email}
          ）と氏名を消したうえで「退会済みユーザー」として残ります。過去の操作の記録（監査ログ）のつながりを保つためです。再びログインすることはできません。
        </li>
        <li>退会したという事実だけを監査ログに記録します（氏名・メールアドレスは記録しません）。</li>
      </ul>
      <Form method="post" className="form-stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={actionData?.result?.error?.['']} />
        <Field
          label="パスワード"
          description="本人確認のため、現在のパスワードを入力してください。"
          field={fields.password}
          type="password"
          autoComplete="current-password"
        />
        <CheckboxField label="上の内容を確認し、アカウントを削除することに同意します" field={fields.confirm} />
        <div>
          <SubmitButton className="button button--danger" pendingText="削除中…">
            アカウントを削除する
          </SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('アカウントの削除') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
