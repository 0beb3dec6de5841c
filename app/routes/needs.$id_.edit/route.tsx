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
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { getNeedEditPage, NEED_CONFLICT_MESSAGE, saveNeed } from '~/models/need.server'
import needsStylesHref from '~/styles/needs.css'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithPermission } from '~/utils/auth.server'
import { NeedSchema } from '~/utils/need-validation'
import { redirectWithToast } from '~/utils/toast.server'
import { NeedForm } from './need-form'
import { readFormData, requireUuidParam } from '~/utils/params'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: profileStylesHref },
  { rel: 'stylesheet', href: needsStylesHref },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:need:own-prefecture')
  const id = requireUuidParam(params, 'id')
  return { id, ...(await getNeedEditPage(context, user, id)) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:need:own-prefecture')
  const id = requireUuidParam(params, 'id')
  const submission = parseWithZod(await readFormData(request), { schema: NeedSchema })
  // Also the list buttons (市区町村を追加 / 外す) without JavaScript: conform's intent, replied as is.
  if (submission.status !== 'success')
    return data(
      { result: submission.reply(), lockVersion: null },
      { status: submission.status === 'error' ? 400 : 200 },
    )
  const result = await saveNeed(context, user, id, submission.value)
  if (result.status === 'invalid') {
    const { '': formErrors, ...fieldErrors } = result.fieldErrors
    return data({ result: submission.reply({ formErrors, fieldErrors }), lockVersion: null }, { status: 400 })
  }
  if (result.status === 'conflict') {
    const current = await getNeedEditPage(context, user, id)
    return data(
      { result: submission.reply({ formErrors: [NEED_CONFLICT_MESSAGE] }), lockVersion: current.lockVersion },
      { status: 409 },
    )
  }
  return redirectWithToast(context, `/needs/${id}`, {
    type: result.warning ? 'info' : 'success',
    message: result.warning ? `保存しました。${result.warning}` : 'ジョブディスクリプションを保存しました。',
  })
}

export default function EditNeedRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <BackLink to={`/needs/${page.id}`} label="ニーズに戻る" />
      <h1>ジョブディスクリプションを編集する</h1>
      <p>
        状態: <StatusBadge tone={STATUS_TONES.need[page.status]} label={page.statusLabel} />
        {page.status !== 'draft' ? '（公開中の内容を変えると、公募ページと検索にすぐ反映されます）' : ''}
      </p>
      <NeedForm
        catalogue={page.catalogue}
        municipalities={page.municipalities}
        defaultValue={page.defaults}
        lockVersion={page.lockVersion}
        afterConflict={actionData?.lockVersion}
        lastResult={actionData?.result}
      />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('ジョブディスクリプションを編集') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
