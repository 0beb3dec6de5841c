import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { listPartnerCompanies } from '~/models/partner-company.server'
import { requireUserWithPermission } from '~/utils/auth.server'
import { pageTitle } from '~/utils/page-title'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'read:partner:any')
  return listPartnerCompanies(context, user)
}

export default function PartnersRoute() {
  const { companies, canEdit } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>パートナー企業</h1>
      <p>
        人材プールの候補となる人材を推薦する企業の全国リストです（総務省・デジタル庁が管理し、各都道府県が閲覧できます）。
      </p>
      {canEdit ? (
        <p>
          <Link to="/partners/new" className="button">
            企業を登録する
          </Link>
        </p>
      ) : null}
      {companies.length === 0 ? (
        <p>登録されている企業はまだありません。</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">パートナー企業の一覧</caption>
          <thead>
            <tr>
              <th scope="col">企業名</th>
              <th scope="col">法人番号</th>
              <th scope="col">担当者</th>
              <th scope="col">連絡先</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {companies.map((c) => (
              <tr key={c.id}>
                <td>
                  {canEdit ? <Link to={`/partners/${c.id}`}>{c.name}</Link> : c.name}
                  {c.name_kana ? <div className="kana">{c.name_kana}</div> : null}
                  {c.website ? (
                    <div>
                      <a href={c.website} rel="noopener noreferrer">
                        ウェブサイト
                      </a>
                    </div>
                  ) : null}
                </td>
                <td>{c.corporate_number ?? '—'}</td>
                <td>{c.contact_name || '—'}</td>
                <td>
                  {c.contact_email || '—'}
                  {c.contact_phone ? <div>{c.contact_phone}</div> : null}
                </td>
                <td>{c.active ? '有効' : <span className="badge">休止</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: pageTitle('パートナー企業') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
