import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { HistoryTable } from '~/components/history-table'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { MatchReasons } from '~/components/match-reasons'
import { StaffProfileView, staffProfileLinks } from '~/components/staff-profile-view'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { getShortlistEntryPage } from '~/models/shortlist.server'
import matchStylesHref from '~/styles/match.css'
import needsStylesHref from '~/styles/needs.css'
import { requireUserWithPermission } from '~/utils/auth.server'
import { formatDateTime } from '~/utils/dates'
import { readFormData, requireUuidParam } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'
import { EntryActionSchema, performEntryAction } from './entry-action.server'
import { InterviewForm } from './interview-form'
import { ShortlistStatusForm } from './status-form'

export const links: LinksFunction = () => [
  ...staffProfileLinks,
  { rel: 'stylesheet', href: needsStylesHref },
  { rel: 'stylesheet', href: matchStylesHref },
]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:need:own-prefecture')
  return getShortlistEntryPage(context, user, requireUuidParam(params, 'id'), requireUuidParam(params, 'entryId'))
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'update:need:own-prefecture')
  const needId = requireUuidParam(params, 'id')
  const entryId = requireUuidParam(params, 'entryId')
  const submission = parseWithZod(await readFormData(request), { schema: EntryActionSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const outcome = await performEntryAction(context, user, needId, entryId, submission.value)
  if (outcome.status === 'done')
    return redirectWithToast(context, `/needs/${needId}/shortlist/${entryId}`, {
      type: 'success',
      message: outcome.message,
    })
  return data({ result: submission.reply({ formErrors: outcome.formErrors }) }, { status: outcome.code })
}

export default function ShortlistEntryRoute() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { need, entry, profile, explanation } = page
  const name = profile?.name ?? '非公開の候補者'
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label="パンくずリスト">
        <ol>
          <li>
            <Link to="/needs">ニーズ</Link>
          </li>
          <li>
            <Link to={`/needs/${need.id}`}>{need.title}</Link>
          </li>
          <li aria-current="page">{name}</li>
        </ol>
      </nav>
      <h1>
        {name} <StatusBadge tone={STATUS_TONES.shortlist[entry.status]} label={entry.statusLabel} />
      </h1>
      <dl className="definition-list">
        <dt>ニーズ</dt>
        <dd>
          <Link to={`/needs/${need.id}`}>{need.title}</Link>（{need.prefectureName}・{need.statusLabel}）
        </dd>
        <dt>本人の回答</dt>
        <dd>
          {entry.accepted
            ? '「話を聞く（応募する）」と回答（人材プールへの応募として届いています）'
            : entry.status === 'shortlisted'
              ? 'まだ声をかけていません'
              : entry.status === 'contacted'
                ? '回答待ち'
                : '—'}
        </dd>
        <dt>面談</dt>
        <dd>
          {entry.interviewAt
            ? `${formatDateTime(entry.interviewAt)}${entry.interviewPlace ? `（${entry.interviewPlace}）` : ''}`
            : '未定'}
        </dd>
        <dt>次にすること</dt>
        <dd>{entry.nextStep}</dd>
        {page.poolMember ? (
          <>
            <dt>人材プール</dt>
            <dd>
              <Link to={`/pools/${page.poolMember.id}`}>人材プールの記録を開く</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {page.moves.length > 0 ? <ShortlistStatusForm entry={entry} moves={page.moves} actionData={actionData} /> : null}
      {page.canSchedule ? <InterviewForm entry={entry} actionData={actionData} /> : null}
      <section aria-labelledby="shortlist-reasons-heading">
        <h2 id="shortlist-reasons-heading">このニーズに合う理由</h2>
        {explanation ? (
          <>
            <p>
              適合度 {explanation.score}（100点満点）・{explanation.summary}
            </p>
            <MatchReasons explanation={explanation} />
          </>
        ) : (
          <p>本人がプロフィールを共有していないため、表示できません。</p>
        )}
      </section>
      {profile ? (
        <StaffProfileView profile={profile} />
      ) : (
        <section aria-labelledby="profile-heading">
          <h2 id="profile-heading">プロフィール</h2>
          <p className="notice" role="note">
            この方はプロフィールを共有していません。本人の公開設定により、氏名・スキル・職歴・働き方の希望などは表示されません。状態と経過はこのニーズの記録です。
          </p>
        </section>
      )}
      <HistoryTable rows={page.history} headingId="shortlist-history-heading" />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.profile?.name ?? '候補者'} | ${data?.need.title ?? 'ニーズ'} | 自治体DXアクセラレータ500 プラットフォーム`,
  },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
