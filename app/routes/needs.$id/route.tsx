import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { BackLink } from '~/components/breadcrumbs'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { Field, FormErrors, RowAction, SelectField, SubmitButton } from '~/components/forms'
import { changeNeedStatus, getNeedPage, linkIssue, NEED_CONFLICT_MESSAGE } from '~/models/need.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { NeedStatusChangeSchema } from '~/utils/need-validation'
import { redirectWithToast } from '~/utils/toast.server'
import { JobDescription, jobDescriptionLinks } from './job-description'
import { readFormData, requireUuidParam } from '~/utils/params'
import { uuidField } from '~/utils/field-schemas'
import { formatShortDateTime } from '~/utils/dates'
import { pageTitle } from '~/utils/page-title'

export const links = jobDescriptionLinks

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:need:own-prefecture')
  return getNeedPage(context, user, requireUuidParam(params, 'id'))
}

const IssueLinkSchema = z.object({ issueId: uuidField('課題を選んでください。') })

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:need:own-prefecture')
  const id = requireUuidParam(params, 'id')
  const form = await readFormData(request)
  const intent = form.get('intent')
  if (intent === 'link-issue' || intent === 'unlink-issue') {
    const parsed = IssueLinkSchema.safeParse({ issueId: form.get('issueId') ?? '' })
    if (!parsed.success) return data({ errors: parsed.error.issues.map((i) => i.message) }, { status: 400 })
    const result = await linkIssue(context, user, id, parsed.data.issueId, intent === 'link-issue')
    if (result.status === 'refused') return data({ errors: [result.message] }, { status: 409 })
    return redirectWithToast(context, `/needs/${id}`, {
      type: 'success',
      message: intent === 'link-issue' ? '課題を加えました。' : '課題を外しました。',
    })
  }
  const parsed = NeedStatusChangeSchema.safeParse({
    to: form.get('to'),
    lockVersion: Number(form.get('lockVersion')),
    note: form.get('note') ?? undefined,
  })
  if (!parsed.success) return data({ errors: parsed.error.issues.map((i) => i.message) }, { status: 400 })
  const result = await changeNeedStatus(context, user, id, parsed.data)
  if (result.status === 'conflict') return data({ errors: [NEED_CONFLICT_MESSAGE] }, { status: 409 })
  if (result.status === 'refused') return data({ errors: result.messages }, { status: 400 })
  return redirectWithToast(context, `/needs/${id}`, {
    type: 'success',
    message: `ニーズを「${result.label}」にしました。`,
  })
}

export default function NeedRoute() {
  const {
    need,
    canEdit,
    canMatch,
    editable,
    transitions,
    publishProblems,
    issues,
    candidateIssues,
    events,
    interests,
    shortlist,
    offer,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <BackLink to="/needs" label="ニーズの一覧に戻る" />
      <h1>{need.title}</h1>
      <p>
        <StatusBadge tone={STATUS_TONES.need[need.status]} label={need.statusLabel} /> {need.prefectureName}
        {need.status === 'published'
          ? need.openCall
            ? '・公募ページに掲載中'
            : '・公募ページには掲載しない（県内のマッチングのみ）'
          : ''}
      </p>
      {offer ? (
        <p className="notice notice--success" role="status">
          内定：
          <Link to={`/needs/${need.id}/shortlist/${offer.entryId}`}>
            {offer.name ?? '非公開（本人の公開設定により）'}
          </Link>
          （このニーズを充足する人）
        </p>
      ) : null}
      <FormErrors errors={actionData?.errors} />
      <div className="button-row">
        {editable ? (
          <Link to={`/needs/${need.id}/edit`} className="button">
            ジョブディスクリプションを編集する
          </Link>
        ) : null}
        {canMatch ? (
          <Link to={`/needs/${need.id}/candidates`} className="button">
            候補者を探す
          </Link>
        ) : null}
        <Link to={`/needs/${need.id}/print`} className="button button--secondary">
          印刷用の表示（A4）
        </Link>
        {need.status === 'published' && need.openCall ? (
          <Link to={`/open-calls/${need.id}`}>公募ページで見る</Link>
        ) : null}
      </div>
      {publishProblems.length > 0 && canEdit ? (
        <div className="notice" role="status">
          <p>公開するには、次の項目を書いてください。</p>
          <ul>
            {publishProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {transitions.length > 0 ? (
        <section aria-labelledby="need-status-heading" className="status-panel">
          <h2 id="need-status-heading">状態の変更</h2>
          <Form method="post" className="form-stack">
            <input type="hidden" name="lockVersion" value={need.lockVersion} />
            <Field label="メモ（任意・経過に残ります）" id="need-status-note" name="note" maxLength={1000} />
            <div className="button-row">
              {transitions.map((t) => (
                <SubmitButton
                  key={t.to}
                  name="to"
                  value={t.to}
                  className={
                    t.to === 'withdrawn'
                      ? 'button button--danger'
                      : t.to === 'published'
                        ? 'button'
                        : 'button button--secondary'
                  }
                  pendingText="変更中…"
                >
                  {t.label}
                </SubmitButton>
              ))}
            </div>
          </Form>
        </section>
      ) : null}
      <h2>ジョブディスクリプション</h2>
      <JobDescription need={need} />
      <section aria-labelledby="need-issues-heading">
        <h2 id="need-issues-heading">もとになった市区町村の課題</h2>
        {issues.length === 0 ? <p>課題は紐づいていません。</p> : null}
        <ul>
          {issues.map((i) => (
            <li key={i.id}>
              <Link to={`/issues/${i.id}`}>
                {i.municipalityName}：{i.title}
              </Link>{' '}
              <StatusBadge tone={STATUS_TONES.issue[i.status]} label={i.statusLabel} />
              {editable ? <RowAction intent="unlink-issue" values={{ issueId: i.id }} label="外す" /> : null}
            </li>
          ))}
        </ul>
        {candidateIssues.length > 0 ? (
          <Form method="post" className="search-form">
            <input type="hidden" name="intent" value="link-issue" />
            <div className="search-form__row">
              <SelectField
                label="課題を加える"
                id="issueId"
                name="issueId"
                defaultValue=""
                options={candidateIssues.map((i) => ({ value: i.id, label: i.label }))}
                placeholder="選択してください"
              />
              <SubmitButton className="button button--secondary" pendingText="追加中…">
                加える
              </SubmitButton>
            </div>
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="need-shortlist-heading">
        <h2 id="need-shortlist-heading">ショートリスト（{shortlist.length}人）</h2>
        {shortlist.length === 0 ? (
          <p>まだいません。{canMatch ? '「候補者を探す」の一覧から「候補に加える」と、ここに並びます。' : ''}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">候補者</th>
                <th scope="col">状態</th>
                <th scope="col">次にすること</th>
                <th scope="col">面談</th>
              </tr>
            </thead>
            <tbody>
              {shortlist.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/needs/${need.id}/shortlist/${e.id}`}>{e.name ?? '非公開'}</Link>
                  </td>
                  <td>
                    <StatusBadge tone={STATUS_TONES.shortlist[e.status]} label={e.statusLabel} />
                  </td>
                  <td>{e.nextStep}</td>
                  <td>
                    {e.interviewAt
                      ? `${formatShortDateTime(e.interviewAt)}${e.interviewPlace ? `（${e.interviewPlace}）` : ''}`
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="need-interests-heading">
        <h2 id="need-interests-heading">関心を表明した人（{interests.length}人）</h2>
        {interests.length === 0 ? (
          <p>まだいません。公開すると、公募ページから関心を表明でき、人材プールへの応募として届きます。</p>
        ) : (
          <ul>
            {interests.map((i) => (
              <li key={i.poolMemberId}>
                <Link to={`/pools/${i.poolMemberId}`}>{i.name ?? '本人の公開設定により非公開'}</Link>（
                {formatShortDateTime(i.createdAt)}）{i.message ? `：${i.message}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="need-history-heading">
        <h2 id="need-history-heading">状態の経過</h2>
        <ol className="history-list">
          {events.map((e) => (
            <li key={e.id}>
              {formatShortDateTime(e.occurredAt)} {e.fromLabel ? `${e.fromLabel} → ` : ''}
              {e.toLabel}（{e.actorLabel}）{e.note ? `：${e.note}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.need.title ?? 'ニーズ', 'ニーズ') },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
