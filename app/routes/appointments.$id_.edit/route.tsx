import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/forms'
import { NominationForm } from '~/components/nomination-form'
import { APPOINTMENT_CONFLICT_MESSAGE, getNominationEditPage, updateNomination } from '~/models/appointment.server'
import needsStylesHref from '~/styles/needs.css'
import profileStylesHref from '~/styles/profile.css'
import { NominationSchema } from '~/utils/appointment-validation'
import { requireUserWithPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { readFormData, requireUuidParam } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: profileStylesHref },
  { rel: 'stylesheet', href: needsStylesHref },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'nominate:appointment:own-prefecture')
  return getNominationEditPage(context, user, requireUuidParam(params, 'id'))
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'nominate:appointment:own-prefecture')
  const id = requireUuidParam(params, 'id')
  const submission = parseWithZod(await readFormData(request), { schema: NominationSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), errors: [] as string[] }, { status: 400 })
  const result = await updateNomination(context, user, id, submission.value)
  if (result.status === 'invalid')
    return data(
      { result: submission.reply({ fieldErrors: result.fieldErrors }), errors: [] as string[] },
      { status: 400 },
    )
  if (result.status === 'refused') return data({ result: submission.reply(), errors: result.messages }, { status: 409 })
  if (result.status === 'conflict')
    return data({ result: submission.reply(), errors: [APPOINTMENT_CONFLICT_MESSAGE] }, { status: 409 })
  return redirectWithToast(context, `/appointments/${id}`, { type: 'success', message: '推薦を保存しました。' })
}

export default function EditNominationRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const resubmit = page.status === 'returned'
  return (
    <div className="page">
      <BackLink to={`/appointments/${page.id}`} label="推薦に戻る" />
      <h1>{resubmit ? '推薦を再提出する' : '推薦を変更する'}</h1>
      <p>
        {page.member.name}さんの推薦（{page.statusLabel}）。
        {resubmit ? '総務省のコメントに沿って内容を補い、再提出してください。' : ''}
      </p>
      {page.reviewComment ? (
        <div className="notice">
          <p>総務省のコメント:</p>
          <p className="pre-line">{page.reviewComment}</p>
        </div>
      ) : null}
      <FormErrors errors={[...page.problems, ...(actionData?.errors ?? [])]} />
      {page.problems.length === 0 ? (
        <NominationForm
          {...page}
          defaultValue={page.defaults}
          lockVersion={page.lockVersion}
          lastResult={actionData?.result}
          submitLabel={resubmit ? '再提出する' : '保存する'}
        />
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('推薦を変更する', 'アクセラレータの任命') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
