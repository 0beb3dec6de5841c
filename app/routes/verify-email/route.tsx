import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TokenConfirmPage } from '~/components/token-confirm-page'
import { verifyEmail } from '~/models/account.server'
import { TOKEN_MESSAGES } from '~/models/tokens.server'
import { safeRedirect } from '~/utils/redirect'
import { redirectWithToast } from '~/utils/toast.server'
import { formText, readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get('token') ?? '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = formText(await readFormData(request), 'token')
  const outcome = await verifyEmail(context, token)
  if (outcome.status !== 'ok') return data({ error: TOKEN_MESSAGES[outcome.status] }, { status: 400 })
  const redirectTo = safeRedirect(outcome.redirectTo, '')
  return redirectWithToast(context, redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : '/login', {
    type: 'success',
    message: 'メールアドレスを確認しました。ログインしてください。',
  })
}

export default function VerifyEmailRoute() {
  const { token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <TokenConfirmPage
      title="メールアドレスの確認"
      description="下のボタンを押すと、メールアドレスの確認が完了します。"
      buttonLabel="メールアドレスを確認する"
      token={token}
      error={
        actionData?.error ?? (token ? null : 'このリンクは無効です。メールに記載されたリンクをそのまま開いてください。')
      }
    />
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('メールアドレスの確認') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
