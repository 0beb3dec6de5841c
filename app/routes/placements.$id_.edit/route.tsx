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
import { PlacementForm } from '~/components/placement-form'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { getPlacementEditPage, PLACEMENT_CONFLICT_MESSAGE, savePlacement } from '~/models/placement.server'
import needsStylesHref from '~/styles/needs.css'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { readFormData, requireUuidParam } from '~/utils/params'
import { PLACEMENT_UPDATE_PERMISSIONS } from '~/utils/permissions'
import { PlacementSchema } from '~/utils/placement-validation'
import { redirectWithToast } from '~/utils/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: profileStylesHref },
  { rel: 'stylesheet', href: needsStylesHref },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_UPDATE_PERMISSIONS)
  return getPlacementEditPage(context, user, requireUuidParam(params, 'id'))
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_UPDATE_PERMISSIONS)
  const id = requireUuidParam(params, 'id')
  const submission = parseWithZod(await readFormData(request), { schema: PlacementSchema })
  // Also the list buttons (市区町村を追加 / 外す) without JavaScript: conform's intent, replied as is.
  if (submission.status !== 'success')
    return data(
      { result: submission.reply(), lockVersion: null },
      { status: submission.status === 'error' ? 400 : 200 },
    )
  const result = await savePlacement(context, user, id, submission.value)
  if (result.status === 'invalid')
    return data({ result: submission.reply({ fieldErrors: result.fieldErrors }), lockVersion: null }, { status: 400 })
  if (result.status === 'conflict') {
    // The form keeps what was typed; the current version lets a second save knowingly overwrite.
    const current = await getPlacementEditPage(context, user, id)
    return data(
      { result: submission.reply({ formErrors: [PLACEMENT_CONFLICT_MESSAGE] }), lockVersion: current.lockVersion },
      { status: 409 },
    )
  }
  return redirectWithToast(context, `/placements/${id}`, {
    type: result.warning ? 'info' : 'success',
    message: result.warning ? `保存しました。${result.warning}` : '配置を保存しました。',
  })
}

export default function EditPlacementRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <BackLink to={`/placements/${page.id}`} label="配置に戻る" />
      <h1>配置を編集する：{page.personName}</h1>
      <p>
        状態: <StatusBadge tone={STATUS_TONES.placement[page.status]} label={page.statusLabel} />（{page.kindLabel}）
      </p>
      <PlacementForm
        kind={page.kind}
        employerName={page.employerName}
        municipalities={page.municipalities}
        poolMembers={page.poolMembers}
        defaultValue={page.defaults}
        lockVersion={page.lockVersion}
        afterConflict={actionData?.lockVersion}
        lastResult={actionData?.result}
        submitLabel="保存する"
      />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('配置を編集', '配置') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
