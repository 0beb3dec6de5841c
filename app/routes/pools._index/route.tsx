import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { EmptyState } from '~/components/empty-state'
import { CsvDownloadLink } from '~/components/csv-download-link'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pagination, ResultRange } from '~/components/pagination'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { getPoolOverview } from '~/models/pool.server'
import { RoleCountTable } from './role-count-table'
import { requireUserWithPermission } from '~/utils/auth.server'
import { formatShortDate } from '~/utils/dates'
import { EMPLOYMENT_FORM_OPTIONS, POOL_STATUS_VALUES, SKILL_LEVEL_OPTIONS } from '~/utils/labels'
import { pageTitle } from '~/utils/page-title'
import { parsePage } from '~/utils/pagination'
import { SelectField } from '~/components/forms'

// Unknown values are ignored (a stale bookmark should still open the pool), never a 500.
const FilterSchema = z.object({
  pool: z.literal('national').optional().catch(undefined),
  roleId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
    .optional()
    .catch(undefined),
  status: z.enum(POOL_STATUS_VALUES).optional().catch(undefined),
  skillId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
    .optional()
    .catch(undefined),
  minLevel: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
  employmentForm: z
    .enum(['full_time', 'part_time', 'special_part_time', 'contract', 'side_job'])
    .optional()
    .catch(undefined),
  remoteOk: z.literal('on').optional().catch(undefined),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:pool:own-prefecture')
  const params = new URL(request.url).searchParams
  const filter = FilterSchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== '')))
  const overview = await getPoolOverview(context, user, {
    ...filter,
    national: filter.pool === 'national',
    remoteOk: filter.remoteOk === 'on',
    page: parsePage(params),
  })
  return { ...overview, employmentForms: EMPLOYMENT_FORM_OPTIONS }
}

export default function PoolRoute() {
  const {
    counts,
    members,
    paged,
    national,
    nationalList,
    canManage,
    runsNationalList,
    skills,
    roles,
    roleCounts,
    employmentForms,
    searchUnavailable,
  } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const current = searchParams.get('status') ?? ''
  const currentRole = searchParams.get('roleId') ?? ''
  // Links keep the pool (national list) and the role while the status changes, and the other way round.
  const listUrl = (changes: Record<string, string>) => {
    const params = new URLSearchParams()
    const merged = { pool: nationalList ? 'national' : '', status: current, roleId: currentRole, ...changes }
    for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value)
    const query = params.toString()
    return query ? `/pools?${query}` : '/pools'
  }
  return (
    <div className="page">
      <h1>{nationalList ? '国の外部人材リスト（管理）' : '人材プール'}</h1>
      <p>
        {nationalList
          ? '国が選考した外部人材の状態と研修を管理します。都道府県には、「登録」の状態で本人が国のリストへの掲載に同意している人だけが表示されます。'
          : national
            ? '全国の人材プールを閲覧しています（閲覧のみ）。'
            : '応募者とプール登録者の選考状況を管理します。'}
      </p>
      {runsNationalList && !nationalList ? (
        <p>
          <Link to="/pools?pool=national">国の外部人材リストを管理する</Link>
        </p>
      ) : null}
      {canManage ? (
        <p>
          <Link to="/pools/new" className="button">
            人材を直接登録する
          </Link>{' '}
          <Link to="/pools/import">CSVで取り込む</Link>
          {!nationalList ? (
            <>
              {' '}
              <Link to="/national-list">国の外部人材リストから探す</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <CsvDownloadLink href={nationalList ? '/pools/export.csv?pool=national' : '/pools/export.csv'} />
      <RoleCountTable roleCounts={roleCounts} linkTo={(roleId) => listUrl({ roleId, status: '' })} />
      <nav aria-label="状態で絞り込み">
        <ul className="status-filter">
          <li>
            <Link to={listUrl({ status: '' })} aria-current={current === '' ? 'page' : undefined}>
              すべて（{counts.reduce((n, c) => n + c.count, 0)}）
            </Link>
          </li>
          {counts.map((c) => (
            <li key={c.status}>
              <Link to={listUrl({ status: c.status })} aria-current={current === c.status ? 'page' : undefined}>
                {c.label}（{c.count}）
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="search-form" aria-label="スキル・働き方で絞り込み">
        {current ? <input type="hidden" name="status" value={current} /> : null}
        {nationalList ? <input type="hidden" name="pool" value="national" /> : null}
        <div className="search-form__row">
          <SelectField
            label="人材像"
            id="roleId"
            name="roleId"
            defaultValue={currentRole}
            placeholder="指定なし"
            options={[...roles, { value: 'none', label: '人材像未設定' }]}
          />
          <SelectField
            label="スキル"
            id="skillId"
            name="skillId"
            defaultValue={searchParams.get('skillId') ?? ''}
            placeholder="指定なし"
            options={skills}
          />
          <SelectField
            label="レベル（以上）"
            id="minLevel"
            name="minLevel"
            defaultValue={searchParams.get('minLevel') ?? '1'}
            options={SKILL_LEVEL_OPTIONS.map((o) => ({ value: String(o.level), label: o.label }))}
          />
          <SelectField
            label="雇用形態"
            id="employmentForm"
            name="employmentForm"
            defaultValue={searchParams.get('employmentForm') ?? ''}
            placeholder="指定なし"
            options={employmentForms}
          />
          <label className="field--checkbox">
            <input type="checkbox" name="remoteOk" value="on" defaultChecked={searchParams.get('remoteOk') === 'on'} />{' '}
            リモート可
          </label>
          <button type="submit" className="button button--secondary">
            絞り込む
          </button>
        </div>
      </Form>
      {searchUnavailable ? (
        <p className="notice notice--error" role="alert">
          検索は一時的にご利用いただけないため、スキル・働き方の条件を適用せずに表示しています。
        </p>
      ) : null}
      <ResultRange paged={paged} />
      {members.length === 0 ? (
        ['status', 'roleId', 'skillId', 'employmentForm', 'remoteOk'].some((key) => searchParams.get(key)) ? (
          <EmptyState message="条件に合う人材はいません。状態・人材像・スキル・働き方の条件を外すと、ほかの人材が表示されます。">
            <Link to={nationalList ? '/pools?pool=national' : '/pools'}>すべての人材を表示する</Link>
          </EmptyState>
        ) : canManage ? (
          <EmptyState message="まだ人材がいません。デジタル人材からの応募を待つほか、推薦や紹介を受けた人を直接登録したり、名簿をCSVで取り込んだりできます。">
            <Link to="/pools/new" className="button">
              人材を直接登録する
            </Link>
            <Link to="/pools/import">CSVで取り込む</Link>
          </EmptyState>
        ) : (
          <EmptyState message="まだ人材はいません。都道府県が応募者や登録者を管理すると、ここに表示されます。" />
        )
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">人材プールの一覧</caption>
          <thead>
            <tr>
              <th scope="col">氏名</th>
              <th scope="col">状態</th>
              {national ? <th scope="col">都道府県コード</th> : null}
              <th scope="col">更新日</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/pools/${m.id}`}>{m.name}</Link>
                  {m.kana ? <div className="kana">{m.kana}</div> : null}
                  {m.registered && !m.profileShared ? <div className="kana">本人の公開設定により非公開</div> : null}
                </td>
                <td>
                  <StatusBadge tone={STATUS_TONES.pool[m.status]} label={m.statusLabel} />
                </td>
                {national ? <td>{m.prefectureCode === '00' ? '国のリスト' : m.prefectureCode}</td> : null}
                <td>{formatShortDate(m.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination paged={paged} />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('人材プール') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
