import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { BackLink } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { FormErrors, SubmitButton } from '~/components/forms'
import { changeIssueStatus, getIssuePage } from '~/models/issue.server'
import { requireUser } from '~/utils/auth.server'
import { NEED_STATUS_LABELS } from '~/utils/labels'
import { redirectWithToast } from '~/utils/toast.server'
import { readFormData, requireUuidParam } from '~/utils/params'
import { formatShortDateTime } from '~/utils/dates'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  return getIssuePage(context, user, requireUuidParam(params, 'id'))
}

const StatusSchema = z.object({ to: z.enum(['submitted', 'reviewing', 'in_need', 'closed', 'withdrawn']) })

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const parsed = StatusSchema.safeParse(Object.fromEntries(await readFormData(request)))
  if (!parsed.success) return data({ errors: ['変更後の状態を選んでください。'] }, { status: 400 })
  const id = requireUuidParam(params, 'id')
  const result = await changeIssueStatus(context, user, id, parsed.data.to)
  if (result.status === 'refused') return data({ errors: [result.message] }, { status: 409 })
  return redirectWithToast(context, `/issues/${id}`, {
    type: 'success',
    message: `課題を「${result.label}」にしました。`,
  })
}

export default function IssueRoute() {
  const { issue, canEdit, statusActions, showPrefectureNote } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <BackLink to="/issues" label="課題の一覧に戻る" />
      <h1>{issue.title}</h1>
      <p>
        <StatusBadge tone={STATUS_TONES.issue[issue.status]} label={issue.statusLabel} /> {issue.municipality_name}
        ・緊急度 {issue.urgencyLabel}
        {issue.entered_by_prefecture ? '・県がヒアリングに基づき代理で登録' : ''}
      </p>
      <FormErrors errors={actionData?.errors} />
      <dl className="definition-list">
        <div>
          <dt>現状（困っていること）</dt>
          <dd className="pre-line">{issue.current_situation}</dd>
        </div>
        <div>
          <dt>実現したいこと</dt>
          <dd className="pre-line">{issue.desired_outcome}</dd>
        </div>
        <div>
          <dt>関係する分野</dt>
          <dd>{issue.topics.length === 0 ? '指定なし' : issue.topics.map((t) => t.name).join('、')}</dd>
        </div>
        <div>
          <dt>情報担当の体制</dt>
          <dd>
            {issue.itStaffingLabel}
            {issue.size_note ? `（${issue.size_note}）` : ''}
          </dd>
        </div>
        <div>
          <dt>連絡先</dt>
          <dd>
            {issue.contact_department ? `${issue.contact_department} ` : ''}
            {issue.contact_name}／{issue.contact_email}
            {issue.contact_phone ? `／${issue.contact_phone}` : ''}
          </dd>
        </div>
        {showPrefectureNote && issue.prefecture_note ? (
          <div>
            <dt>県のメモ</dt>
            <dd className="pre-line">{issue.prefecture_note}</dd>
          </div>
        ) : null}
        <div>
          <dt>ニーズへの反映</dt>
          <dd>
            {issue.needs.length === 0
              ? 'まだニーズにまとめられていません。'
              : issue.needs.map((n) => (
                  <div key={n.id}>
                    {showPrefectureNote ? <Link to={`/needs/${n.id}`}>{n.title}</Link> : n.title}（
                    {NEED_STATUS_LABELS[n.status]}）
                  </div>
                ))}
          </dd>
        </div>
        <div>
          <dt>登録・更新</dt>
          <dd>
            {formatShortDateTime(issue.created_at)} 登録／{formatShortDateTime(issue.updated_at)} 更新
          </dd>
        </div>
      </dl>
      {canEdit ? (
        <p>
          <Link to={`/issues/${issue.id}/edit`} className="button button--secondary">
            内容を編集する
          </Link>
        </p>
      ) : null}
      {statusActions.length > 0 ? (
        <section aria-labelledby="issue-status-heading">
          <h2 id="issue-status-heading">状態の変更</h2>
          <div className="button-row">
            {statusActions.map((a) => (
              <Form method="post" key={a.to} className="inline-form">
                <input type="hidden" name="to" value={a.to} />
                <SubmitButton
                  className={a.to === 'withdrawn' ? 'button button--danger' : 'button button--secondary'}
                  pendingText="変更中…"
                >
                  {a.label}
                </SubmitButton>
              </Form>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.issue.title ?? '課題', '課題') },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
