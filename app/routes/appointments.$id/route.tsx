import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { BackLink } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FormErrors } from '~/components/forms'
import { HistoryTable } from '~/components/history-table'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import {
  APPOINTMENT_CONFLICT_MESSAGE,
  appoint,
  closeAppointment,
  getAppointmentPage,
  replyToNomination,
  withdrawNomination,
} from '~/models/appointment.server'
import needsStylesHref from '~/styles/needs.css'
import placementsStylesHref from '~/styles/placements.css'
import {
  AppointmentEndSchema,
  AppointmentRevokeSchema,
  AppointmentWithdrawSchema,
  AppointSchema,
  ReviewReplySchema,
} from '~/utils/appointment-validation'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { readFormData, requireUuidParam } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'
import { EvidenceSection } from './evidence'
import { EndPanel, ReviewPanel, WithdrawPanel } from './panels'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: needsStylesHref },
  { rel: 'stylesheet', href: placementsStylesHref },
]

const READERS = ['read:appointment:own-prefecture', 'read:appointment:any'] as const
const ACTORS = ['nominate:appointment:own-prefecture', 'decide:appointment:any'] as const

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, READERS)
  return getAppointmentPage(context, user, requireUuidParam(params, 'id'))
}

/** Every failure answers in one shape: messages for the page, and messages at the fields of the form sent. */
function failure(status: number, errors: string[], fieldErrors: Record<string, string[] | null> = {}) {
  return data({ errors, fieldErrors }, { status })
}

const MESSAGES = {
  withdraw: '推薦を取り下げました。',
  return: '推薦を差し戻しました。都道府県に審査のコメントを送りました。',
  decline: '推薦を見送りました。都道府県に審査のコメントを送りました。',
  appoint: 'アクセラレータに任命しました。',
  end: '任命を終了しました。',
  revoke: '任命を取り消しました。',
} as const
type Intent = keyof typeof MESSAGES

/** The form's values checked by one intent's schema: the value, or the messages at their fields. */
function parse<Schema extends z.ZodType>(form: FormData, schema: Schema) {
  const submission = parseWithZod(form, { schema })
  if (submission.status === 'success') return { value: submission.value as z.output<Schema> }
  const { lockVersion: lockErrors, ...fieldErrors } = submission.error ?? {}
  return { failure: failure(400, lockErrors ?? [], fieldErrors) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, ACTORS)
  const id = requireUuidParam(params, 'id')
  const form = await readFormData(request)
  const intent = String(form.get('intent') ?? '')
  if (!Object.hasOwn(MESSAGES, intent)) return failure(400, ['操作を選んでください。'])
  const step = async () => {
    switch (intent as Intent) {
      case 'withdraw': {
        const parsed = parse(form, AppointmentWithdrawSchema)
        return parsed.failure ?? withdrawNomination(context, user, id, parsed.value)
      }
      case 'return':
      case 'decline': {
        const parsed = parse(form, ReviewReplySchema)
        return parsed.failure ?? replyToNomination(context, user, id, intent as 'return' | 'decline', parsed.value)
      }
      case 'appoint': {
        const parsed = parse(form, AppointSchema)
        return parsed.failure ?? appoint(context, user, id, parsed.value)
      }
      case 'end': {
        const parsed = parse(form, AppointmentEndSchema)
        return parsed.failure ?? closeAppointment(context, user, id, { kind: 'end', ...parsed.value })
      }
      case 'revoke': {
        const parsed = parse(form, AppointmentRevokeSchema)
        return parsed.failure ?? closeAppointment(context, user, id, { kind: 'revoke', ...parsed.value })
      }
    }
  }
  const result = await step()
  if (result instanceof Response || !('status' in result) || typeof result.status !== 'string') return result
  if (result.status === 'invalid') return failure(400, [], result.fieldErrors)
  if (result.status === 'refused') return failure(400, result.messages)
  if (result.status === 'conflict') return failure(409, [APPOINTMENT_CONFLICT_MESSAGE])
  const number = 'number' in result && result.number ? `（${result.number}）` : ''
  return redirectWithToast(context, `/appointments/${id}`, {
    type: 'success',
    message: MESSAGES[intent as Intent].replace('任命しました。', `任命しました${number}。`),
  })
}

export default function AppointmentRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const fieldErrors = actionData && 'fieldErrors' in actionData ? actionData.fieldErrors : {}
  const a = page.appointment
  return (
    <div className="page">
      <BackLink to="/appointments" label="推薦・任命の一覧に戻る" />
      <h1>{a.personName}</h1>
      <p>
        <StatusBadge tone={STATUS_TONES.appointment[a.status]} label={a.statusLabel} /> {a.prefectureName}・{a.roleName}
        {a.number ? `・${a.number}` : ''}
      </p>
      <FormErrors errors={actionData && 'errors' in actionData ? actionData.errors : undefined} />
      <div className="button-row placement-actions">
        {page.canEditNomination ? (
          <Link to={`/appointments/${a.id}/edit`} className="button">
            {a.status === 'returned' ? '補って再提出する' : '推薦を変更する'}
          </Link>
        ) : null}
        {page.hasNotice ? (
          <Link to={`/appointments/${a.id}/notice`} className="button button--secondary">
            任命通知を表示・印刷する
          </Link>
        ) : null}
      </div>
      {a.reviewComment ? (
        <div className="notice">
          <p>総務省のコメント:</p>
          <p className="pre-line">{a.reviewComment}</p>
        </div>
      ) : null}

      <h2>任命</h2>
      <dl className="definition-list">
        <div>
          <dt>任命番号</dt>
          <dd>{a.number ?? '（任命されると付きます）'}</dd>
        </div>
        <div>
          <dt>任命日</dt>
          <dd>{a.appointedOn ?? '―'}</dd>
        </div>
        <div>
          <dt>任期</dt>
          <dd>{a.termEndOn ? `${a.termEndOn}まで` : a.appointedOn ? '定めなし' : '―'}</dd>
        </div>
        {a.endedOn ? (
          <div>
            <dt>終了</dt>
            <dd>
              {a.endedOn}（{a.endReason}）{a.endNote ? `：${a.endNote}` : ''}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>推薦した都道府県</dt>
          <dd>
            {a.prefectureName}
            {a.poolMemberId ? (
              <>
                {' '}
                <Link to={`/pools/${a.poolMemberId}`}>人材プールの記録</Link>
              </>
            ) : null}
          </dd>
        </div>
      </dl>

      <EvidenceSection appointment={a} />

      {page.canReview ? (
        <ReviewPanel appointment={a} checklist={page.checklist} today={page.today} errors={fieldErrors} />
      ) : page.checklist.some((c) => c.checked) ? (
        <section aria-labelledby="checklist-heading">
          <h2 id="checklist-heading">審査の確認項目</h2>
          <ul>
            {page.checklist.map((c) => (
              <li key={c.item}>
                {c.checked ? '✓ ' : '― '}
                {c.label}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {page.canEnd ? (
        <EndPanel appointment={a} options={page.endReasonOptions} today={page.today} errors={fieldErrors} />
      ) : null}
      {page.canWithdraw ? <WithdrawPanel appointment={a} errors={fieldErrors} /> : null}
      <section aria-labelledby="appointment-history-heading">
        <HistoryTable rows={page.history} headingId="appointment-history-heading" />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.appointment.personName ?? '推薦・任命', 'アクセラレータの任命') },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
