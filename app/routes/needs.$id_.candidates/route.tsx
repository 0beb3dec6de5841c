import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { z } from 'zod'
import { Breadcrumbs } from '~/components/breadcrumbs'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FormErrors, RowAction, SubmitButton } from '~/components/forms'
import { deleteMatchSearch, getNeedMatches, saveMatchSearch } from '~/models/match.server'
import { addToShortlist } from '~/models/shortlist.server'
import matchStylesHref from '~/styles/match.css'
import { requireUserWithPermission } from '~/utils/auth.server'
import { uuidField } from '~/utils/field-schemas'
import { matchSearchParams, parseMatchQuery } from '~/utils/match-query'
import { pageTitle } from '~/utils/page-title'
import { readFormData, requireUuidParam } from '~/utils/params'
import { redirectWithToast } from '~/utils/toast.server'
import { CandidateCard } from './candidate-card'
import { MatchFacets } from './match-facets'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: matchStylesHref }]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:need:own-prefecture')
  const query = parseMatchQuery(new URL(request.url).searchParams)
  return getNeedMatches(context, user, requireUuidParam(params, 'id'), query)
}

const ActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('save-search'),
    name: z
      .string()
      .trim()
      .min(1, '検索条件の名前を入力してください。')
      .max(60, '検索条件の名前は60文字以内で入力してください。'),
    search: z.string().max(1000).default(''),
  }),
  z.object({ intent: z.literal('delete-search'), searchId: uuidField('削除する検索条件を選んでください。') }),
  z.object({
    intent: z.literal('add-to-shortlist'),
    profileId: uuidField('候補に加える人を一覧から選んでください。'),
    search: z.string().max(1000).default(''),
  }),
])

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:need:own-prefecture')
  const id = requireUuidParam(params, 'id')
  const parsed = ActionSchema.safeParse(Object.fromEntries(await readFormData(request)))
  if (!parsed.success) {
    const name = parsed.error.issues.find((i) => i.path[0] === 'name')?.message
    return data(
      { fieldErrors: name ? { name: [name] } : {}, formErrors: name ? [] : ['送信内容を確認してください。'] },
      { status: 400 },
    )
  }
  if (parsed.data.intent === 'add-to-shortlist') {
    const result = await addToShortlist(context, user, id, parsed.data.profileId)
    if (result.status === 'refused')
      return data({ fieldErrors: {}, formErrors: [], shortlistErrors: [result.message] }, { status: 409 })
    const back = parseMatchQuery(parsed.data.search)
    const search = matchSearchParams(back, back.page).toString()
    return redirectWithToast(context, `/needs/${id}/candidates${search ? `?${search}` : ''}`, {
      type: result.status === 'added' ? 'success' : 'info',
      message:
        result.status === 'added'
          ? '候補に加えました。ニーズのページの「ショートリスト」から声をかけられます。'
          : `この人はすでにこのニーズの候補です（${result.statusLabel}）。`,
    })
  }
  if (parsed.data.intent === 'delete-search') {
    await deleteMatchSearch(context, user, id, parsed.data.searchId)
    return redirectWithToast(context, `/needs/${id}/candidates`, {
      type: 'success',
      message: '検索条件を削除しました。',
    })
  }
  const query = parseMatchQuery(parsed.data.search)
  const result = await saveMatchSearch(context, user, id, { name: parsed.data.name, query })
  if (result.status === 'field-error')
    return data({ fieldErrors: { name: [result.message] }, formErrors: [] }, { status: 400 })
  const search = matchSearchParams(query).toString()
  return redirectWithToast(context, `/needs/${id}/candidates${search ? `?${search}` : ''}`, {
    type: 'success',
    message: `検索条件「${parsed.data.name}」を保存しました。`,
  })
}

export default function NeedCandidatesPage() {
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const location = useLocation()
  const { need, query } = page
  const current = matchSearchParams(query).toString()
  const pageLink = (n: number) => {
    const search = matchSearchParams(query, n).toString()
    return `/needs/${need.id}/candidates${search ? `?${search}` : ''}`
  }
  const firstRank = (page.page - 1) * 20 + 1
  return (
    <div className="page">
      <Breadcrumbs
        trail={[{ label: 'ニーズ', to: '/needs' }, { label: need.title, to: `/needs/${need.id}` }, { label: '候補者' }]}
      />
      <h1>候補者を探す</h1>
      <p className="lead">
        「{need.title}」（{need.prefectureName}）に合う人を、{page.poolLabel}
        に限らず、プロフィールの共有に同意している人すべてから探します。必須スキルをすべて満たす人が先に並び、その中は適合度の高い順です。
      </p>
      <h2 className="visually-hidden">このニーズの条件</h2>
      <ul>
        {need.requirements.map((r) => (
          <li key={r.skillId}>
            {r.essential ? '必須' : '任意'}：{r.name}（レベル{r.minLevel}以上）
          </li>
        ))}
        {need.employmentFormLabel ? <li>任用形態：{need.employmentFormLabel}</li> : null}
        {need.daysPerWeek > 0 ? <li>勤務日数：週{need.daysPerWeek}日</li> : null}
        <li>
          勤務地：{need.prefectureName}
          {need.remote ? '（リモート可）' : ''}
        </li>
        {need.startOn ? <li>開始：{need.startOn}</li> : null}
      </ul>
      {page.searchUnavailable ? (
        <div className="notice notice--warning" role="status">
          検索サーバーに接続できないため、データベースで照合しています。表示に時間がかかることがあり、キーワードでの絞り込みは使えません。
        </div>
      ) : null}
      <div className="match-layout">
        <MatchFacets page={page} />
        <section aria-labelledby="candidates-heading">
          <h2 id="candidates-heading">
            候補者 {page.total}人{page.pageCount > 1 ? `（${page.page} / ${page.pageCount}ページ）` : ''}
          </h2>
          <FormErrors errors={actionData && 'shortlistErrors' in actionData ? actionData.shortlistErrors : undefined} />
          {page.truncated ? (
            <p className="notice">
              候補者が多いため、記録の充実した順に上位 {page.rankedCount}
              人を照合して順位を付けています。条件を絞ると精度が上がります。
            </p>
          ) : null}
          {page.candidates.length === 0 ? (
            <EmptyState message="条件に合う候補者はいません。絞り込みを外すか、ニーズの条件（日数・任用形態・開始日）を見直してください。">
              {current ? <Link to={`/needs/${need.id}/candidates`}>絞り込みを外す</Link> : null}
            </EmptyState>
          ) : (
            <ol className="match-list" start={firstRank}>
              {page.candidates.map((candidate, index) => (
                <CandidateCard
                  key={candidate.id}
                  candidate={candidate}
                  rank={firstRank + index}
                  needId={need.id}
                  search={matchSearchParams(query, page.page).toString()}
                  canShortlist={page.canShortlist}
                />
              ))}
            </ol>
          )}
          {page.pageCount > 1 ? (
            <nav aria-label="ページ" className="pagination">
              {page.page > 1 ? <Link to={pageLink(page.page - 1)}>前の20人</Link> : null}
              {page.page < page.pageCount ? <Link to={pageLink(page.page + 1)}>次の20人</Link> : null}
            </nav>
          ) : null}
          <h2>検索条件の保存</h2>
          {page.savedSearches.length > 0 ? (
            <ul>
              {page.savedSearches.map((saved) => (
                <li key={saved.id}>
                  <Link to={`/needs/${need.id}/candidates${saved.search ? `?${saved.search}` : ''}`}>{saved.name}</Link>{' '}
                  <RowAction
                    intent="delete-search"
                    values={{ searchId: saved.id }}
                    label="削除"
                    ariaLabel={`削除（${saved.name}）`}
                    className="button button--secondary"
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p>
              保存した検索条件はまだありません。今の絞り込みに名前を付けて保存すると、同じニーズを担当する職員と共有できます。
            </p>
          )}
          <Form method="post" className="form-stack" key={location.key}>
            <FormErrors errors={actionData?.formErrors} />
            <input type="hidden" name="intent" value="save-search" />
            <input type="hidden" name="search" value={current} />
            <Field
              label="名前（60文字以内）"
              id="saved-search-name"
              name="name"
              maxLength={60}
              required
              errors={actionData?.fieldErrors.name}
            />
            <SubmitButton>今の条件を保存</SubmitButton>
          </Form>
        </section>
      </div>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle('候補者', data?.need.title ?? 'ニーズ') },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
