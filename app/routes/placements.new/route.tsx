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
import { createPlacement, getNewPlacementPage } from '~/models/placement.server'
import needsStylesHref from '~/styles/needs.css'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { readFormData } from '~/utils/params'
import { PLACEMENT_UPDATE_PERMISSIONS } from '~/utils/permissions'
import { PlacementSchema } from '~/utils/placement-validation'
import { redirectWithToast } from '~/utils/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: profileStylesHref },
  { rel: 'stylesheet', href: needsStylesHref },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_UPDATE_PERMISSIONS)
  return getNewPlacementPage(context, user)
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_UPDATE_PERMISSIONS)
  const submission = parseWithZod(await readFormData(request), { schema: PlacementSchema })
  // Also the list buttons (市区町村を追加 / 外す) without JavaScript: conform's intent, replied as is.
  if (submission.status !== 'success')
    return data({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 })
  const result = await createPlacement(context, user, submission.value)
  if (result.status === 'invalid')
    return data({ result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 })
  return redirectWithToast(context, `/placements/${result.id}`, {
    type: 'success',
    message: '配置を下書きで記録しました。内容を確かめて「配置を開始する」を押してください。',
  })
}

export default function NewPlacementRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <BackLink to="/placements" label="配置の一覧に戻る" />
      <h1>配置を記録する</h1>
      <p>
        {page.employerName}が
        {page.kind === 'cio_adviser' ? '任用・委託するCIO補佐官等' : '管内の市町村を支援するために採用・委託する人'}
        を記録します。下書きで保存し、開始日を入れて「配置を開始する」と配置中になります。
      </p>
      <PlacementForm
        kind={page.kind}
        employerName={page.employerName}
        municipalities={page.municipalities}
        poolMembers={page.poolMembers}
        defaultValue={page.defaults}
        lockVersion={null}
        afterConflict={null}
        lastResult={actionData?.result}
        submitLabel="下書きを保存する"
      />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('配置を記録する', '配置') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
