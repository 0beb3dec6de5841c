import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors, SubmitButton, TextareaField } from '~/components/forms'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { expressInterest, getOpenCallPage } from '~/models/open-call.server'
import { getUser, requireUser } from '~/utils/auth.server'
import { InterestSchema } from '~/utils/need-validation'
import { redirectWithToast } from '~/utils/toast.server'
import { JobDescription, jobDescriptionLinks } from '../needs.$id/job-description'
import { readFormData, requireUuidParam } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export const links = jobDescriptionLinks

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await getUser(request, context)
  return getOpenCallPage(context, user, requireUuidParam(params, 'id'))
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const id = requireUuidParam(params, 'id')
  const submission = parseWithZod(await readFormData(request), { schema: InterestSchema })
  if (submission.status !== 'success')
    return data({ errors: Object.values(submission.error ?? {}).flat() }, { status: 400 })
  const result = await expressInterest(context, user, id, submission.value.message)
  if (result.status === 'no-profile') {
    return redirectWithToast(context, `/profile/basics?${new URLSearchParams({ redirectTo: `/open-calls/${id}` })}`, {
      type: 'info',
      message: '関心を表明する前に、プロフィールの基本情報を登録してください。',
    })
  }
  if (result.status === 'refused') return data({ errors: [result.message] }, { status: 409 })
  return redirectWithToast(context, '/applications', {
    type: 'success',
    message: `関心を表明しました。${result.prefectureName}の人材プールへの応募として届きます。`,
  })
}

export default function OpenCallRoute() {
  const { need, interest } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <BackLink to="/open-calls" label="公募中のニーズに戻る" />
      <h1>{need.title}</h1>
      <p>
        <StatusBadge tone={STATUS_TONES.interest.open} label="募集中" />{' '}
        {interest.state === 'interested' ? (
          <>
            <StatusBadge tone="done" label="関心表明済み" />{' '}
          </>
        ) : null}
        <strong>{need.prefectureName}</strong>の公募
        {need.applicationDeadline ? `（応募締切 ${need.applicationDeadline}）` : ''}
      </p>
      <JobDescription need={need} showWarning={false} />
      <section aria-labelledby="interest-heading" className="status-panel">
        <h2 id="interest-heading">この仕事に関心がある方へ</h2>
        <FormErrors errors={actionData?.errors} />
        {interest.state === 'anonymous' ? (
          <p>
            関心を表明するには、
            <Link to={`/login?${new URLSearchParams({ redirectTo: `/open-calls/${need.id}` })}`}>ログイン</Link>するか、
            <Link to="/signup">デジタル人材として新規登録</Link>してください。
          </p>
        ) : interest.state === 'not-professional' ? (
          <p>関心の表明は、デジタル人材として登録した方が行えます。</p>
        ) : interest.state === 'no-profile' ? (
          <p>
            関心を表明する前に、
            <Link to={`/profile/basics?${new URLSearchParams({ redirectTo: `/open-calls/${need.id}` })}`}>
              プロフィールの基本情報
            </Link>
            を登録してください。
          </p>
        ) : interest.state === 'interested' ? (
          <p>
            関心を表明済みです。状況は<Link to="/applications">応募</Link>のページで確認できます。
          </p>
        ) : (
          <Form method="post" className="form-stack">
            <p>
              関心を表明すると、{need.prefectureName}の人材プールへの応募として届き、あなたのプロフィールを
              {need.prefectureName}の担当者が見られるようになります。
            </p>
            <TextareaField
              label="メッセージ（任意・1000文字まで）"
              id="interest-message"
              name="message"
              rows={4}
              maxLength={1000}
            />
            <div>
              <SubmitButton pendingText="送信中…">関心を表明する</SubmitButton>
            </div>
          </Form>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.need.title ?? '公募', '公募中のニーズ') },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
