import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/forms'
import { NominationForm } from '~/components/nomination-form'
import { getNominationPage, nominate } from '~/models/appointment.server'
import needsStylesHref from '~/styles/needs.css'
import profileStylesHref from '~/styles/profile.css'
import { NominationSchema } from '~/utils/appointment-validation'
import { requireUserWithPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { isUuid, readFormData } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: profileStylesHref },
  { rel: 'stylesheet', href: needsStylesHref },
]

/** The pool member to nominate, from `?member=`; anything but an id is a stale or tampered link. */
function memberIdOf(request: Request): string {
  const id = new URL(request.url).searchParams.get('member') ?? ''
  if (!isUuid(id)) throw new Response('推薦する人を人材プールから選んでください。', { status: 400 })
  return id.toLowerCase()
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'nominate:appointment:own-prefecture')
  return getNominationPage(context, user, memberIdOf(request))
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'nominate:appointment:own-prefecture')
  const memberId = memberIdOf(request)
  const submission = parseWithZod(await readFormData(request), { schema: NominationSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), errors: [] as string[] }, { status: 400 })
  const result = await nominate(context, user, memberId, submission.value)
  if (result.status === 'invalid')
    return data(
      { result: submission.reply({ fieldErrors: result.fieldErrors }), errors: [] as string[] },
      { status: 400 },
    )
  if (result.status === 'refused') return data({ result: submission.reply(), errors: result.messages }, { status: 409 })
  return redirectWithToast(context, `/appointments/${result.id}`, {
    type: 'success',
    message: 'アクセラレータに推薦しました。総務省の審査の結果はこのページとメールでお知らせします。',
  })
}

export default function NewNominationRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <BackLink to={`/pools/${page.member.id}`} label="人材プールの記録に戻る" />
      <h1>アクセラレータに推薦する</h1>
      <p>
        {page.member.name}
        {page.member.kana ? `（${page.member.kana}）` : ''}さんを、自治体DXアクセラレータとして総務省に推薦します。
        総務省が「一定の経験・資格」（資料002:405）を審査して任命します。
      </p>
      <FormErrors errors={[...page.problems, ...(actionData?.errors ?? [])]} />
      {page.openCaseId ? (
        <p className="notice">
          この人にはすでに審査中または任命中の推薦があります。
          <Link to={`/appointments/${page.openCaseId}`}>その推薦を見る</Link>
        </p>
      ) : page.problems.length === 0 ? (
        <NominationForm {...page} lockVersion={null} lastResult={actionData?.result} submitLabel="推薦する" />
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('アクセラレータに推薦する', 'アクセラレータの任命') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
