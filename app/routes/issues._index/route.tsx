import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { PREFECTURE_CODE } from '~/utils/field-schemas'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pagination, ResultRange } from '~/components/pagination'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { FilterSelect } from '~/components/forms'
import { getIssueList } from '~/models/issue.server'
import { requireUser } from '~/utils/auth.server'
import { ISSUE_STATUS_LABELS, NEED_STATUS_LABELS } from '~/utils/labels'
import { userHasPermission } from '~/utils/permissions'
import { formatShortDate } from '~/utils/dates'
import { pageTitle } from '~/utils/page-title'
import { parsePage } from '~/utils/pagination'

// Unknown values are ignored (a stale bookmark still opens the list), never a 500.
const FilterSchema = z.object({
  status: z.enum(['submitted', 'reviewing', 'in_need', 'closed', 'withdrawn']).optional().catch(undefined),
  municipality: z
    .string()
    .regex(/^[0-9]{6}$/)
    .optional()
    .catch(undefined),
  pref: z.string().regex(PREFECTURE_CODE).optional().catch(undefined),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  if (
    !userHasPermission(user, 'read:issue:own-municipality') &&
    !userHasPermission(user, 'read:issue:own-prefecture')
  ) {
    throw new Response('このページを表示する権限がありません。', { status: 403 })
  }
  const params = new URL(request.url).searchParams
  const filter = FilterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== '')))
  return getIssueList(context, user, {
    status: filter.status,
    municipalityCode: filter.municipality,
    prefectureCode: filter.pref,
    page: parsePage(params),
  })
}

export default function IssuesRoute() {
  const { scope, canCreate, canGroup, municipalities, prefectures, issues, paged } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  return (
    <div className="page">
      <h1>
        {scope === 'municipality' ? '自団体の課題' : scope === 'prefecture' ? '管内市区町村の課題' : '全国の課題'}
      </h1>
      <p>
        {scope === 'municipality'
          ? 'デジタル化で困っていること（課題）を都道府県に伝えます。都道府県が課題を整理し、外部人材の募集（ニーズ）にまとめます。'
          : scope === 'prefecture'
            ? '市区町村から寄せられた課題です。ヒアリングの結果を代わりに登録することもできます。いくつかの課題を選んで、1つのニーズ（ジョブディスクリプション）にまとめられます。'
            : '各都道府県に寄せられた課題を閲覧しています（閲覧のみ）。'}
      </p>
      {canCreate ? (
        <p>
          <Link to="/issues/new" className="button">
            {scope === 'prefecture' ? '課題を代わりに登録する' : '課題を登録する'}
          </Link>
        </p>
      ) : null}
      <Form method="get" className="search-form" aria-label="課題の絞り込み">
        <div className="search-form__row">
          <FilterSelect
            name="status"
            label="状態"
            defaultValue={searchParams.get('status') ?? ''}
            options={Object.entries(ISSUE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
          {prefectures.length > 0 ? (
            <FilterSelect
              name="pref"
              label="都道府県"
              defaultValue={searchParams.get('pref') ?? ''}
              options={prefectures.map((p) => ({ value: p.code, label: p.name }))}
            />
          ) : null}
          {municipalities.length > 0 ? (
            <FilterSelect
              name="municipality"
              label="市区町村"
              defaultValue={searchParams.get('municipality') ?? ''}
              options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
            />
          ) : null}
          <button type="submit" className="button button--secondary">
            絞り込む
          </button>
        </div>
      </Form>
      <ResultRange paged={paged} />
      {issues.length === 0 ? (
        ['status', 'pref', 'municipality'].some((key) => searchParams.get(key)) ? (
          <EmptyState message="条件に合う課題はありません。条件を外すと、ほかの課題が表示されます。">
            <Link to="/issues">すべての課題を表示する</Link>
          </EmptyState>
        ) : canCreate ? (
          <EmptyState
            message={
              scope === 'prefecture'
                ? '管内の市区町村から、まだ課題は届いていません。ヒアリングの結果を、市区町村に代わって登録できます。'
                : 'まだ課題を登録していません。デジタル化で困っていることを登録すると、都道府県が外部人材の募集につなげます。'
            }
          >
            <Link to="/issues/new" className="button">
              {scope === 'prefecture' ? '課題を代わりに登録する' : '課題を登録する'}
            </Link>
          </EmptyState>
        ) : (
          <EmptyState message="まだ課題はありません。市区町村が課題を登録すると、ここに表示されます。" />
        )
      ) : (
        <Form method="get" action="/needs/new">
          <table className="data-table">
            <caption className="visually-hidden">課題の一覧</caption>
            <thead>
              <tr>
                {canGroup ? <th scope="col">選択</th> : null}
                <th scope="col">件名</th>
                <th scope="col">市区町村</th>
                <th scope="col">緊急度</th>
                <th scope="col">状態</th>
                <th scope="col">ニーズ</th>
                <th scope="col">登録日</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((issue) => (
                <tr key={issue.id}>
                  {canGroup ? (
                    <td>
                      <input
                        type="checkbox"
                        name="issue"
                        value={issue.id}
                        aria-label={`「${issue.title}」を選ぶ`}
                        disabled={issue.status === 'withdrawn' || issue.status === 'closed'}
                      />
                    </td>
                  ) : null}
                  <td>
                    <Link to={`/issues/${issue.id}`}>{issue.title}</Link>
                    {issue.enteredByPrefecture ? <div className="field-description">県が代理で登録</div> : null}
                  </td>
                  <td>{issue.municipalityName}</td>
                  <td>{issue.urgencyLabel}</td>
                  <td>
                    <StatusBadge tone={STATUS_TONES.issue[issue.status]} label={issue.statusLabel} />
                  </td>
                  <td>
                    {issue.needs.length === 0
                      ? '—'
                      : issue.needs.map((n) => (
                          <div key={n.id}>
                            {scope === 'municipality' ? n.title : <Link to={`/needs/${n.id}`}>{n.title}</Link>}{' '}
                            <StatusBadge tone={STATUS_TONES.need[n.status]} label={NEED_STATUS_LABELS[n.status]} />
                          </div>
                        ))}
                  </td>
                  <td>{formatShortDate(issue.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canGroup ? (
            <p>
              <button type="submit" className="button">
                選んだ課題からニーズを作る
              </button>
            </p>
          ) : null}
        </Form>
      )}
      <Pagination paged={paged} />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('課題') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
