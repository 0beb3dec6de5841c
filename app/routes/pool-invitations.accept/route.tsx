import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SubmitButton } from '~/components/forms'
import { acceptPoolInvitation, declinePoolInvitation, getPoolInvitationPage } from '~/models/pool-invitation.server'
import { getUser, requireUser } from '~/utils/auth.server'
import { redirectWithToast } from '~/utils/toast.server'
import { formText, readFormData } from '~/utils/params'
import { formatDateTime } from '~/utils/dates'
import { pageTitle } from '~/utils/page-title'

const returnPath = (token: string) => `/pool-invitations/accept?${new URLSearchParams({ token })}`

// Opening the link changes nothing (mail scanners open links): accepting and declining are POSTs.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const user = await getUser(request, context)
  const page = await getPoolInvitationPage(context, user, token)
  const back = encodeURIComponent(returnPath(token))
  return {
    token,
    page,
    loginUrl: `/login?redirectTo=${back}`,
    signupUrl: `/signup?redirectTo=${back}`,
    profileUrl: `/profile/basics?redirectTo=${back}`,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request)
  const token = formText(formData, 'token')
  if (formData.get('intent') === 'decline') {
    const outcome = await declinePoolInvitation(context, await getUser(request, context), token)
    if (outcome.status !== 'declined')
      return data({ error: outcome.status === 'invalid' ? outcome.message : '辞退できませんでした。' }, { status: 400 })
    return redirectWithToast(context, '/', {
      type: 'info',
      message: `${outcome.poolLabel}への登録依頼を辞退しました。`,
    })
  }
  const user = await requireUser(request, context)
  const outcome = await acceptPoolInvitation(context, user, token)
  if (outcome.status === 'accepted') {
    return redirectWithToast(context, '/applications', {
      type: 'success',
      message: `${outcome.poolLabel}への登録依頼を承諾しました。`,
    })
  }
  if (outcome.status === 'no-profile')
    throw redirect(`/profile/basics?redirectTo=${encodeURIComponent(returnPath(token))}`)
  return data({ error: outcome.status === 'declined' ? '' : outcome.message }, { status: 400 })
}

export default function PoolInvitationRoute() {
  const { token, page, loginUrl, signupUrl, profileUrl } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (page.status === 'invalid') {
    return (
      <div className="page">
        <h1>人材プールへの登録のお願い</h1>
        <p className="notice notice--error" role="alert">
          {page.message}
        </p>
        <p>依頼を送った担当者に、依頼の再送をお願いしてください。</p>
      </div>
    )
  }
  return (
    <div className="page">
      <h1>人材プールへの登録のお願い</h1>
      <p>
        {page.personName ? `${page.personName} 様、` : ''}
        {page.orgLabel}から、{page.poolLabel}への登録のお願いが届いています。
      </p>
      <dl className="definition-list">
        <dt>依頼元</dt>
        <dd>{page.orgLabel}</dd>
        <dt>依頼した担当者</dt>
        <dd>{page.inviter}</dd>
        <dt>依頼の送信先</dt>
        <dd>{page.sentTo}</dd>
        <dt>有効期限</dt>
        <dd>{formatDateTime(page.expiresAt)}</dd>
      </dl>
      <h2>承諾すると共有される情報</h2>
      <p>
        あなたのプロフィール（氏名・連絡先・スキル・資格・職務経歴・働き方の希望）が、{page.orgLabel}
        の担当者に表示されるようになります。
        それ以外の都道府県への公開範囲は変わりません（プロフィールの「公開範囲」の設定に従います）。承諾した後も「応募状況」から辞退できます。
      </p>
      {page.national ? (
        <p>
          国の外部人材リストで「登録」となった人は、本人が国のリストへの掲載に同意している場合に限り、すべての都道府県の担当者に表示されます（現在の設定:
          {page.nationalListConsent ? '同意している' : '同意していない'}
          ）。同意はプロフィールの「公開範囲」でいつでも変更できます。
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="notice notice--error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {page.viewer === 'anonymous' ? (
        <>
          <h2>続けるには</h2>
          <p>
            承諾するには、デジタル人材としてログインしてください。アカウントがない方は新規登録できます（登録後、このページに戻ります）。
          </p>
          <p>
            <Link to={loginUrl} className="button">
              ログインして続ける
            </Link>{' '}
            <Link to={signupUrl}>新規登録する</Link>
          </p>
        </>
      ) : page.viewer === 'not-professional' ? (
        <p className="notice notice--warning">
          職員のアカウントでログインしています。承諾するには、ログアウトしてからデジタル人材のアカウントでこのリンクを開いてください。
        </p>
      ) : page.viewer === 'no-profile' ? (
        <>
          <h2>プロフィールの作成</h2>
          <p>承諾する前に、プロフィールの基本情報を登録してください。保存すると、このページに戻ります。</p>
          <p>
            <Link to={profileUrl} className="button">
              プロフィールの基本情報を登録する
            </Link>
          </p>
        </>
      ) : page.viewer === 'already-member' ? (
        <p className="notice notice--warning" role="alert">
          {page.refusal}
        </p>
      ) : null}
      <Form method="post" className="form-stack">
        <input type="hidden" name="token" value={token} />
        <div className="button-row">
          {page.viewer === 'ready' ? (
            <SubmitButton name="intent" value="accept" pendingText="処理中…">
              承諾して登録する
            </SubmitButton>
          ) : null}{' '}
          <SubmitButton name="intent" value="decline" className="button button--secondary" pendingText="処理中…">
            辞退する
          </SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('人材プールへの登録のお願い') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
