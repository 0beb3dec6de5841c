import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, SelectField, SubmitButton } from '~/components/forms'
import { HistoryTable } from '~/components/history-table'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import {
  activatePlacement,
  endPlacement,
  getPlacementPage,
  PLACEMENT_CONFLICT_MESSAGE,
} from '~/models/placement.server'
import needsStylesHref from '~/styles/needs.css'
import placementsStylesHref from '~/styles/placements.css'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { formatDate } from '~/utils/dates'
import { PLACEMENT_END_REASON_OPTIONS } from '~/utils/labels'
import { pageTitle } from '~/utils/page-title'
import { readFormData, requireUuidParam } from '~/utils/params'
import { PLACEMENT_READ_PERMISSIONS, PLACEMENT_UPDATE_PERMISSIONS } from '~/utils/permissions'
import { PlacementActivateSchema, PlacementEndSchema } from '~/utils/placement-validation'
import { redirectWithToast } from '~/utils/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: needsStylesHref },
  { rel: 'stylesheet', href: placementsStylesHref },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, PLACEMENT_READ_PERMISSIONS)
  return getPlacementPage(context, user, requireUuidParam(params, 'id'))
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

const yen = (amount: number) => `${amount.toLocaleString('ja-JP')}円`

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
      {canActivate ? (
        <section aria-labelledby="activate-heading" className="status-panel placement-actions">
          <h2 id="activate-heading">配置を開始する</h2>
          {activationProblems.length > 0 ? (
            <p className="notice" role="status">
              開始するには「編集する」から次の項目を入力してください: {activationProblems.join('／')}
            </p>
          ) : (
            <Form method="post" className="form-stack">
              <input type="hidden" name="lockVersion" value={p.lockVersion} />
              <Field
                label="メモ（任意・経過に残ります）"
                id="activate-note"
                name="note"
                maxLength={1000}
                errors={fieldErrors.note}
              />
              <div>
                <SubmitButton name="intent" value="activate" pendingText="開始中…">
                  {`${p.startOn ? formatDate(p.startOn) : ''}から配置を開始する`}
                </SubmitButton>
              </div>
            </Form>
          )}
        </section>
      ) : null}

      <h2>配置の内容</h2>
      <dl className="job-description">
        <div>
          <dt>氏名</dt>
          <dd>
            {p.personName}
            {p.personKana ? `（${p.personKana}）` : ''}
            {p.poolMemberHref ? (
              <>
                {' '}
                <Link to={p.poolMemberHref}>人材プールの記録</Link>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>職名</dt>
          <dd>{p.jobTitle || '（未記入）'}</dd>
        </div>
        <div>
          <dt>雇用する団体</dt>
          <dd>{p.employerName}</dd>
        </div>
        <div>
          <dt>種別</dt>
          <dd>{p.kindLabel}</dd>
        </div>
        <div>
          <dt>任用・契約の形態</dt>
          <dd>{p.employmentLabel}</dd>
        </div>
        {p.flags.map((flag) => (
          <div key={flag.label}>
            <dt>{flag.label}</dt>
            <dd>{flag.value}</dd>
          </div>
        ))}
        <div>
          <dt>期間</dt>
          <dd>
            {p.startOn ? formatDate(p.startOn) : '開始日未定'}〜{p.endOn ? formatDate(p.endOn) : ''}
            {p.status === 'ended' ? `（終了: ${p.endReasonLabel}）` : ''}
          </dd>
        </div>
        <div>
          <dt>{p.kind === 'cio_adviser' ? '勤務の日数' : '支援する市区町村'}</dt>
          <dd>
            {p.municipalities.length === 0 ? (
              '（未記入）'
            ) : (
              <ul>
                {p.municipalities.map((m) => (
                  <li key={m.code}>
                    {m.name} 週{m.daysPerWeek}日{m.weekdays ? `（${m.weekdays}）` : ''}
                  </li>
                ))}
              </ul>
            )}
            {p.municipalities.length > 1 ? <p>合計 週{p.daysTotal}日</p> : null}
            {p.daysWarning ? <p className="notice notice--warning">{p.daysWarning}</p> : null}
          </dd>
        </div>
        {p.needHref ? (
          <div>
            <dt>もとのニーズ</dt>
            <dd>
              <Link to={p.needHref}>ニーズを見る</Link>
            </dd>
          </div>
        ) : null}
        {employerRecord?.note ? (
          <div>
            <dt>メモ</dt>
            <dd className="pre-line">{employerRecord.note}</dd>
          </div>
        ) : null}
        {employerRecord?.endNote ? (
          <div>
            <dt>終了の補足</dt>
            <dd className="pre-line">{employerRecord.endNote}</dd>
          </div>
        ) : null}
      </dl>

      {employerRecord ? (
        <section aria-labelledby="costs-heading">
          <h2 id="costs-heading">経費（年度ごと）</h2>
          {employerRecord.costs.years.length === 0 ? (
            <p>まだ経費は入力されていません。</p>
          ) : (
            <table className="data-table cost-table">
              <caption className="visually-hidden">年度ごとの経費</caption>
              <thead>
                <tr>
                  <th scope="col">費目</th>
                  {employerRecord.costs.years.map((y) => (
                    <th scope="col" key={y.fy}>
                      {y.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {employerRecord.costs.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    {row.amounts.map((amount, index) => (
                      <td key={index}>{amount === null ? '—' : yen(amount)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">合計</th>
                  {employerRecord.costs.totals.map((total, index) => (
                    <td key={index}>
                      <strong>{yen(total)}</strong>
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          )}
          {employerRecord.costYears.length > 0 ? (
            <ul className="button-row placement-actions" aria-label="経費を入力する年度">
              {employerRecord.costYears.map((y) => (
                <li key={y.fy}>
                  <Link to={`/placements/${p.id}/costs?fy=${y.fy}`}>{y.label}の経費を入力する</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {canEnd ? (
        <section aria-labelledby="end-heading" className="status-panel placement-actions">
          <h2 id="end-heading">配置を終了する</h2>
          <p>任期満了・辞職・異動などで配置が終わったときに記録します。終了した配置は経過とともに残ります。</p>
          <Form method="post" className="form-stack">
            <input type="hidden" name="lockVersion" value={p.lockVersion} />
            <Field
              label="終了日"
              id="end-on"
              name="endOn"
              type="date"
              max={today}
              required
              defaultValue={p.endOn && p.endOn <= today ? p.endOn : ''}
              errors={fieldErrors.endOn}
            />
            <SelectField
              label="終了の理由"
              id="end-reason"
              name="endReason"
              required
              defaultValue=""
              options={PLACEMENT_END_REASON_OPTIONS}
              placeholder="選択してください"
              errors={fieldErrors.endReason}
            />
            <Field label="補足（任意）" id="end-note" name="endNote" maxLength={1000} errors={fieldErrors.endNote} />
            <div>
              <SubmitButton name="intent" value="end" className="button button--danger" pendingText="記録中…">
                配置を終了する
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}

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
