import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { DxStructureTable } from '~/components/dx-structure-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/forms'
import { getDxStructurePage, reportDxStructure, reviewDxStructure } from '~/models/dx-structure.server'
import dashboardStylesHref from '~/styles/dashboard.css'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { DxStructureReportSchema, DxStructureReviewSchema } from '~/utils/dx-structure-validation'
import { pageTitle } from '~/utils/page-title'
import { readFormData } from '~/utils/params'
import { type Permission, userHasPermission } from '~/utils/permissions'
import { redirectWithToast } from '~/utils/toast.server'
import { RequirementSection } from './report-form'
import { PendingReports } from './review-list'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStylesHref }]

/** Prefecture staff report; the ministry confirms. Anyone else is refused (403). */
const READERS = ['report:dx-structure:own-prefecture', 'confirm:dx-structure:any'] as const satisfies readonly [
  Permission,
  ...Permission[],
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, READERS)
  return getDxStructurePage(context, user)
}

const forbidden = () => new Response('この操作を行う権限がありません。', { status: 403 })

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, READERS)
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  if (intent === 'report') {
    if (!userHasPermission(user, 'report:dx-structure:own-prefecture')) throw forbidden()
    const submission = parseWithZod(formData, { schema: DxStructureReportSchema })
    const form = `report-${String(formData.get('requirement') ?? '')}`
    if (submission.status !== 'success') return data({ form, result: submission.reply() }, { status: 400 })
    const { label } = await reportDxStructure(context, user, submission.value)
    return redirectWithToast(context, '/dx-structure', { type: 'success', message: `${label}を報告しました。` })
  }
  if (intent === 'confirm' || intent === 'return') {
    if (!userHasPermission(user, 'confirm:dx-structure:any')) throw forbidden()
    const submission = parseWithZod(formData, { schema: DxStructureReviewSchema })
    const form = `review-${String(formData.get('reportId') ?? '')}`
    if (submission.status !== 'success') return data({ form, result: submission.reply() }, { status: 400 })
    const result = await reviewDxStructure(context, user, submission.value)
    if (result.status === 'stale')
      return data({ form, result: submission.reply({ formErrors: [result.message] }) }, { status: 409 })
    return redirectWithToast(context, '/dx-structure', { type: 'success', message: result.message })
  }
  return data({ form: '', result: null, errors: ['操作を選んでください。'] }, { status: 400 })
}

export default function DxStructureRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData && 'errors' in actionData ? actionData.errors : undefined
  if (page.kind === 'national') {
    return (
      <div className="page dashboard">
        <h1>推進体制（①〜④）の確認</h1>
        <p>
          都道府県が報告した推進体制の4要件を確認します。確認した報告は全国の集計に「確認済み」として数え、差し戻した報告は都道府県に理由とともに返します。
        </p>
        <FormErrors errors={errors} />
        <PendingReports reports={page.pending} actionData={actionData} />
        <section aria-labelledby="national-heading">
          <h2 id="national-heading">都道府県別の状況</h2>
          <DxStructureTable data={page.overview} caption="都道府県別の推進体制（確認済み・確認待ちの最新の報告）" />
        </section>
        <p>
          <Link to="/dashboard">アクセラレータ500名への進捗（ダッシュボード）へ</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="page dashboard">
      <h1>{page.prefecture?.name}の推進体制（①〜④）</h1>
      <p>
        市町村支援の推進体制の4要件について、満たしているかどうかと、その時点を報告します。総務省が確認すると「確認済み」になります。差し戻されたときは、コメントを確認して報告し直してください。
      </p>
      <FormErrors errors={errors} />
      {page.requirements.map((r) => (
        <RequirementSection key={r.requirement} item={r} today={page.prefecture?.today ?? ''} actionData={actionData} />
      ))}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('推進体制（①〜④）') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
