import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { EmptyState } from '~/components/empty-state'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pagination, ResultRange } from '~/components/pagination'
import { FilterSelect } from '~/components/forms'
import { STATUS_TONES, StatusBadge } from '~/components/status-badge'
import { getAppointmentsPage } from '~/models/appointment.server'
import { appointmentFilterOf } from '~/utils/appointment-validation'
import { requireUserWithAnyPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'
import { parsePage } from '~/utils/pagination'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithAnyPermission(request, context, [
    'read:appointment:own-prefecture',
    'read:appointment:any',
  ])
  const params = new URL(request.url).searchParams
  return getAppointmentsPage(context, user, { ...appointmentFilterOf(params), page: parsePage(params) })
}

export default function AppointmentsRoute() {
  const page = useLoaderData<typeof loader>()
  const filtered = Boolean(page.filter.status || page.filter.pref || page.filter.q)
  const waiting = page.statusCounts.find((s) => s.value === 'nominated')?.count ?? 0
  return (
    <div className="page">
      <h1>アクセラレータの推薦・任命</h1>
      <p>
        {page.national
          ? `全国の推薦と任命です。審査を待っている推薦が${waiting}件あります。`
          : '都道府県が人材プールの登録者を推薦し、総務省が審査して任命します。推薦は人材プールの記録の「アクセラレータに推薦する」から始めます。'}{' '}
        任命中は{page.appointedNow}名です（全国の目標は{page.target}名）。
      </p>
      {page.canNominate ? (
        <p>
          <Link to="/pools?status=registered" className="button button--secondary">
            人材プールの登録者から推薦する
          </Link>
        </p>
      ) : null}
      <Form method="get" className="search-form" aria-label="推薦・任命の絞り込み">
        <div className="search-form__row">
          <FilterSelect
            name="status"
            label="状態"
            defaultValue={page.filter.status}
            options={page.statusCounts.map((s) => ({ value: s.value, label: `${s.label}（${s.count}）` }))}
          />
          {page.prefectureOptions.length > 0 ? (
            <FilterSelect
              name="pref"
              label="都道府県"
              defaultValue={page.filter.pref}
              options={page.prefectureOptions}
            />
          ) : null}
          <div className="field">
            <label htmlFor="appointments-q">氏名・ふりがな</label>
            <input id="appointments-q" name="q" type="search" defaultValue={page.filter.q} maxLength={100} />
          </div>
          <button type="submit" className="button button--secondary">
            絞り込む
          </button>
        </div>
      </Form>
      <ResultRange paged={page.paged} />
      {page.rows.length === 0 ? (
        filtered ? (
          <EmptyState message="条件に合う推薦・任命はありません。">
            <Link to="/appointments">すべて表示する</Link>
          </EmptyState>
        ) : (
          <EmptyState message="まだ推薦はありません。" />
        )
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">推薦・任命の一覧</caption>
          <thead>
            <tr>
              <th scope="col">氏名</th>
              <th scope="col">都道府県</th>
              <th scope="col">人材像</th>
              <th scope="col">状態</th>
              <th scope="col">任命番号</th>
              <th scope="col">任命日</th>
              <th scope="col">更新日</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/appointments/${r.id}`}>{r.personName}</Link>
                </td>
                <td>{r.prefectureName}</td>
                <td>{r.roleName}</td>
                <td>
                  <StatusBadge tone={STATUS_TONES.appointment[r.status]} label={r.statusLabel} />
                </td>
                <td>{r.number ?? '―'}</td>
                <td>{r.appointedOn ?? '―'}</td>
                <td>{r.updatedOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination paged={page.paged} />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('アクセラレータの推薦・任命') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
