import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { BackLink } from '~/components/breadcrumbs'
import { LockVersionInput } from '~/components/choice-group'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SubmitButton, useSchemaForm } from '~/components/forms'
import { getPlacementCostsPage, PLACEMENT_CONFLICT_MESSAGE, savePlacementCosts } from '~/models/placement.server'
import needsStylesHref from '~/styles/needs.css'
import profileStylesHref from '~/styles/profile.css'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { fiscalYearLabel, tokyoFiscalYear } from '~/utils/dates'
import { pageTitle } from '~/utils/page-title'
import { readFormData, requireUuidParam } from '~/utils/params'
import { PLACEMENT_UPDATE_PERMISSIONS } from '~/utils/permissions'
import { COST_LINES, PlacementCostsSchema } from '~/utils/placement-validation'
import { redirectWithToast } from '~/utils/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: profileStylesHref },
  { rel: 'stylesheet', href: needsStylesHref },
]

const FiscalYearSchema = z.coerce.number().int().min(2000).max(2100)

/** `?fy=2026`: the fiscal year to edit (this one when absent); anything else is a 400. */
function fiscalYearParam(request: Request): number {
  const raw = new URL(request.url).searchParams.get('fy')?.trim()
  if (!raw) return tokyoFiscalYear()
  const parsed = FiscalYearSchema.safeParse(raw)
  if (!parsed.success)
    throw new Response('年度（fy）は西暦の年で指定してください（例: ?fy=2026 は令和8年度）。', {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  return parsed.data
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_UPDATE_PERMISSIONS)
  return getPlacementCostsPage(context, user, requireUuidParam(params, 'id'), fiscalYearParam(request))
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_UPDATE_PERMISSIONS)
  const id = requireUuidParam(params, 'id')
  const submission = parseWithZod(await readFormData(request), { schema: PlacementCostsSchema })
  if (submission.status !== 'success')
    return data(
      { result: submission.reply(), lockVersion: null },
      { status: submission.status === 'error' ? 400 : 200 },
    )
  const result = await savePlacementCosts(context, user, id, submission.value)
  if (result.status === 'conflict') {
    const current = await getPlacementCostsPage(context, user, id, submission.value.fiscalYear)
    return data(
      { result: submission.reply({ formErrors: [PLACEMENT_CONFLICT_MESSAGE] }), lockVersion: current.lockVersion },
      { status: 409 },
    )
  }
  return redirectWithToast(context, `/placements/${id}`, {
    type: 'success',
    message: `${result.label}の経費を保存しました。`,
  })
}

export default function PlacementCostsRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(PlacementCostsSchema, {
    id: `placement-costs-${page.fiscalYear}`,
    defaultValue: page.defaults,
    lastResult: actionData?.result,
  })
  return (
    <div className="page">
      <BackLink to={`/placements/${page.id}`} label="配置に戻る" />
      <h1>
        {page.fiscalYearLabel}の経費：{page.personName}
      </h1>
      <p>
        配置の期間: {page.period}。金額は年度の合計を円で入れます（例: 1,200,000）。使わない費目は空欄のままにします。
      </p>
      <nav aria-label="年度の切り替え" className="button-row">
        <Link to={`?fy=${page.fiscalYear - 1}`}>← {fiscalYearLabel(page.fiscalYear - 1)}</Link>
        <Link to={`?fy=${page.fiscalYear + 1}`}>{fiscalYearLabel(page.fiscalYear + 1)} →</Link>
      </nav>
      <Form method="post" className="form-stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={actionData?.result?.error?.['']} />
        <LockVersionInput loaded={page.lockVersion} afterConflict={actionData?.lockVersion} />
        <input type="hidden" name="fiscalYear" value={page.fiscalYear} />
        <FormErrors errors={fields.fiscalYear.errors} />
        {COST_LINES.map((line) => (
          <Field
            key={line.key}
            label={`${line.label}（円）`}
            description={
              line.key === 'trainingProgramme'
                ? 'DX推進リーダー育成プログラムとして実施する研修の委託費・負担金'
                : line.key === 'recruitment'
                  ? '求人広告・選考などの募集に要した経費'
                  : undefined
            }
            field={fields[line.key]}
            inputMode="numeric"
            autoComplete="off"
          />
        ))}
        <div>
          <SubmitButton pendingText="保存中…">{page.fiscalYearLabel}の経費を保存する</SubmitButton>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(`${data?.fiscalYearLabel ?? ''}の経費`, '配置') },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
