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
import { FundingTable, yen } from '~/components/funding-table'
import { HistoryTable } from '~/components/history-table'
import { PlacementRecord } from './placement-record'
import { ActivatePanel, EndPanel } from './status-panels'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import {
  activatePlacement,
  endPlacement,
  getPlacementPage,
  PLACEMENT_CONFLICT_MESSAGE,
} from '~/models/placement.server'
import { getPlacementFunding } from '~/models/funding.server'
import fundingStylesHref from '~/styles/funding.css'
import needsStylesHref from '~/styles/needs.css'
import placementsStylesHref from '~/styles/placements.css'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { readFormData, requireUuidParam } from '~/utils/params'
import { PLACEMENT_READ_PERMISSIONS, PLACEMENT_UPDATE_PERMISSIONS } from '~/utils/permissions'
import { PlacementActivateSchema, PlacementEndSchema } from '~/utils/placement-validation'
import { redirectWithToast } from '~/utils/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: needsStylesHref },
  { rel: 'stylesheet', href: placementsStylesHref },
  { rel: 'stylesheet', href: fundingStylesHref },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_READ_PERMISSIONS)
  const id = requireUuidParam(params, 'id')
  const page = await getPlacementPage(context, user, id)
  // The 交付税 it falls under: for whoever sees its cost lines (the employer, its prefecture, the ministry).
  return { ...page, funding: page.employerRecord ? await getPlacementFunding(context, user, id) : null }
}

/** Every failure answers in one shape: messages for the page, and messages at the fields of the form sent. */
function failure(status: number, errors: string[], fieldErrors: Record<string, string[]> = {}) {
  return data({ errors, fieldErrors }, { status })
}

/** Zod's messages at their fields (endOn, endReason, endNote, note); a bad lock version at the top. */
function parseFailure(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) {
  const fieldErrors: Record<string, string[]> = {}
  for (const issue of issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message)
  const { lockVersion: lockErrors = [], ...rest } = fieldErrors
  return failure(400, lockErrors, rest)
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_UPDATE_PERMISSIONS)
  const id = requireUuidParam(params, 'id')
  const form = await readFormData(request)
  const intent = form.get('intent')
  const lockVersion = Number(form.get('lockVersion') ?? Number.NaN)
  let result: Awaited<ReturnType<typeof activatePlacement>>
  if (intent === 'activate') {
    const parsed = PlacementActivateSchema.safeParse({ lockVersion, note: form.get('note') ?? undefined })
    if (!parsed.success) return parseFailure(parsed.error.issues)
    result = await activatePlacement(context, user, id, parsed.data)
  } else if (intent === 'end') {
    const parsed = PlacementEndSchema.safeParse({
      lockVersion,
      endOn: form.get('endOn') || undefined,
      endReason: form.get('endReason') || undefined,
      endNote: form.get('endNote') ?? undefined,
    })
    if (!parsed.success) return parseFailure(parsed.error.issues)
    result = await endPlacement(context, user, id, parsed.data)
  } else {
    return failure(400, ['操作を選んでください。'])
  }
  if (result.status === 'invalid') return failure(400, [], result.fieldErrors)
  if (result.status === 'refused') return failure(400, result.messages)
  if (result.status === 'conflict') return failure(409, [PLACEMENT_CONFLICT_MESSAGE])
  return redirectWithToast(context, `/placements/${id}`, {
    type: 'success',
    message: intent === 'activate' ? '配置を開始しました。' : '配置を終了しました。',
  })
}

export default function PlacementRoute() {
  const {
    placement: p,
    employerRecord,
    canEdit,
    canActivate,
    canEnd,
    activationProblems,
    history,
    today,
    funding,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const fieldErrors = actionData?.fieldErrors ?? {}
  return (
    <div className="page">
      <BackLink to="/placements" label="配置の一覧に戻る" />
      <h1>{p.personName}</h1>
      <p>
        <StatusBadge tone={STATUS_TONES.placement[p.status]} label={p.statusLabel} /> {p.employerName}・{p.kindLabel}
      </p>
      <FormErrors errors={actionData?.errors} />
      {canEdit ? (
        <div className="button-row placement-actions">
          <Link to={`/placements/${p.id}/edit`} className="button">
            編集する
          </Link>
        </div>
      ) : null}
      {canActivate ? <ActivatePanel placement={p} problems={activationProblems} errors={fieldErrors} /> : null}
      <PlacementRecord placement={p} employerRecord={employerRecord} />
      {canEnd ? <EndPanel placement={p} today={today} errors={fieldErrors} /> : null}
      {funding ? <FundingSection funding={funding} /> : null}
      <section aria-labelledby="placement-history-heading">
        <HistoryTable rows={history} headingId="placement-history-heading" />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.placement.personName ?? '配置', '配置') },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

function FundingSection({
  funding,
}: {
  funding: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['funding']>
}) {
  return (
    <section aria-labelledby="funding-heading" id="funding">
      <h2 id="funding-heading">財政措置（交付税）</h2>
      {funding.years.length === 0 ? (
        <p>配置の期間と経費が記録されると、年度ごとに対象となる措置と措置額をここに表示します。</p>
      ) : (
        <>
          <ul className="funding-year-summary">
            {funding.years.map((y) => (
              <li key={y.fy}>
                {y.label}: 普通交付税 {yen(y.futsu)}・特別交付税 {yen(y.tokubetsu)}
                {y.pending > 0 ? `・要確認 ${y.pending}件` : ''}
              </li>
            ))}
          </ul>
          <p>
            合計には「対象」の行だけを数えます。「要確認」は資料に定めがない点で、総務省が判断するまで 0
            円として扱います。
          </p>
          <FundingTable rows={funding.rows} caption="年度・措置ごとの判定" />
        </>
      )}
    </section>
  )
}
