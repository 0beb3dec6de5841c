import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { TokenConfirmPage } from '~/components/token-confirm-page'
import { confirmEmailChange } from '~/models/account.server'
import { TOKEN_MESSAGES } from '~/models/tokens.server'
import { redirectWithToast } from '~/utils/toast.server'
import { formText, readFormData } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get('token') ?? '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = formText(await readFormData(request), 'token')
  const outcome = await confirmEmailChange(context, token)
  if (outcome.status === 'email-taken') {
    return data({ error: 'このメールアドレスは、すでに別のアカウントで使われています。' }, { status: 409 })
  }
  if (outcome.status !== 'ok') return data({ error: TOKEN_MESSAGES[outcome.status] }, { status: 400 })
  return redirectWithToast(context, '/account', { type: 'success', message: 'メールアドレスを変更しました。' })
}

export default function ConfirmEmailRoute() {
  const { token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <TokenConfirmPage
      title="新しいメールアドレスの確認"
      description="下のボタンを押すと、アカウントのメールアドレスがこのアドレスに変わります。"
      buttonLabel="メールアドレスを変更する"
      token={token}
      error={
        actionData?.error ?? (token ? null : 'このリンクは無効です。メールに記載されたリンクをそのまま開いてください。')
      }
    />
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('メールアドレスの変更') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
