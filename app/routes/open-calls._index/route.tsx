import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Field, FilterSelect } from '~/components/forms'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { getOpenCallsPage } from '~/models/open-call.server'
import { prefectureFilter } from '~/utils/field-schemas'
import type { loader as rootLoader } from '~/root'
import needsStylesHref from '~/styles/needs.css'
import { pageTitle } from '~/utils/page-title'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: needsStylesHref }]

// Public: anyone may browse the open calls; only 公開 needs a prefecture chose to publish are here.
export async function loader({ request, context }: LoaderFunctionArgs) {
  // A malformed query string still shows the first page of everything, and says what was wrong.
  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  const page = await getOpenCallsPage(context, parsed.success ? parsed.data : QuerySchema.parse({}))
  const invalid = parsed.success ? null : (parsed.error.issues[0]?.message ?? '検索条件が正しくありません')
  return { ...page, notice: page.notice ?? invalid }
}

const QuerySchema = z.object({
  q: z.string().trim().max(100, { message: '検索語は100文字以内にしてください' }).optional().default(''),
  pref: prefectureFilter('都道府県を一覧から選択してください'),
  role: z
    .string()
    .max(100, { message: '人材像を一覧から選択してください' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  topic: z
    .string()
    .max(100, { message: '分野・業務を一覧から選択してください' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  remote: z
    .string()
    .optional()
    .transform((value) => value === '1' || value === 'on'),
  page: z.coerce
    .number({ message: 'ページ番号が正しくありません' })
    .int({ message: 'ページ番号が正しくありません' })
    .min(1, { message: 'ページ番号が正しくありません' })
    .max(250, { message: '250ページより先は表示できません。条件を絞り込んでください' })
    .optional()
    .default(1),
})

export default function OpenCallsRoute() {
  const { query, notice, total, pageCount, prefectures, roles, topics, needs } = useLoaderData<typeof loader>()
  const viewer = useRouteLoaderData<typeof rootLoader>('root')?.user
  const pageUrl = (page: number) => {
    const params = new URLSearchParams()
    if (query.q) params.set('q', query.q)
    if (query.pref) params.set('pref', query.pref)
    if (query.role) params.set('role', query.role)
    if (query.topic) params.set('topic', query.topic)
    if (query.remote) params.set('remote', '1')
    if (page > 1) params.set('page', String(page))
    const text = params.toString()
    return text ? `/open-calls?${text}` : '/open-calls'
  }
  return (
    <div className="page">
      <h1>公募中のニーズ</h1>
      <p>
        都道府県が市区町村の支援のために募集している外部デジタル人材の仕事です。関心を表明すると、その都道府県の人材プールへの応募として届きます。
      </p>
      {viewer?.isProfessional ? (
        <p>
          <Link to="/open-calls/for-me">あなたのプロフィールに合う公募を見る</Link>
        </p>
      ) : null}
      <Form method="get" className="search-form" role="search" aria-label="公募の検索">
        <div className="search-form__row">
          <Field
            label="キーワード"
            id="q"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder="例: 標準化、BPR、研修"
          />
          <FilterSelect
            name="pref"
            label="都道府県"
            defaultValue={query.pref}
            options={prefectures.map((p) => ({ value: p.code, label: p.name }))}
          />
          <FilterSelect
            name="role"
            label="人材像"
            defaultValue={query.role}
            options={roles.map((r) => ({ value: r.id, label: r.name }))}
          />
          <div className="field">
            <label htmlFor="topic">分野・業務</label>
            <select id="topic" name="topic" defaultValue={query.topic}>
              <option value="">すべて</option>
              {topics.map((area) => (
                <optgroup key={area.name} label={area.name}>
                  {area.skills.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <label className="field--checkbox">
            <input type="checkbox" name="remote" value="1" defaultChecked={query.remote} /> リモート勤務あり
          </label>
          <button type="submit" className="button">
            検索
          </button>
        </div>
      </Form>
      {notice ? (
        <p className="notice notice--error" role="alert">
          {notice}
        </p>
      ) : null}
      <p className="result-summary" role="status">
        {total}件
      </p>
      {needs.length === 0 ? (
        query.q || query.pref || query.role || query.topic || query.remote ? (
          <EmptyState message="条件に合う公募はありません。キーワードを短くするか、条件を外してお試しください。">
            <Link to="/open-calls">すべての公募を表示する</Link>
          </EmptyState>
        ) : viewer && !viewer.isProfessional ? (
          <EmptyState message="いま公募中のニーズはありません。都道府県がニーズを公開し、公募ページへの掲載を選ぶと、ここに表示されます。" />
        ) : (
          <EmptyState message="いま公募中のニーズはありません。プロフィールを登録しておくと、都道府県の人材プールに応募でき、新しい公募にもすぐ関心を表明できます。">
            <Link to={viewer ? '/profile' : '/signup'} className="button">
              {viewer ? 'プロフィールを登録する' : 'デジタル人材として登録する'}
            </Link>
          </EmptyState>
        )
      ) : (
        <ul className="open-call-list">
          {needs.map((n) => (
            <li key={n.id} className="open-call-card">
              <h2>
                <Link to={`/open-calls/${n.id}`}>{n.title}</Link>
              </h2>
              <p>
                <StatusBadge tone={STATUS_TONES.interest.open} label="募集中" /> <strong>{n.prefectureName}</strong>
                {n.roleName ? `／${n.roleName}` : ''}
                {n.employmentFormLabel ? `／${n.employmentFormLabel}` : ''}
              </p>
              <p>
                {n.municipalities}
                {n.remoteDaysPerWeek ? `／リモート 週${n.remoteDaysPerWeek}日まで` : ''}
              </p>
              {n.tasks.length > 0 ? <p className="field-description">業務: {n.tasks.join('、')}</p> : null}
              <p className="field-description">
                開始 {n.startOn ?? '未定'}
                {n.applicationDeadline ? `／応募締切 ${n.applicationDeadline}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label="ページ">
          {query.page > 1 ? <Link to={pageUrl(query.page - 1)}>前へ</Link> : null}
          <span>
            {query.page} / {pageCount}
          </span>
          {query.page < pageCount ? <Link to={pageUrl(query.page + 1)}>次へ</Link> : null}
        </nav>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('公募中のニーズ') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
