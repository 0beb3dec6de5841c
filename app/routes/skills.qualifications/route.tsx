import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import {
  catalogueTitle,
  PastVersionNotice,
  RetiredBadge,
  shownVersionLabel,
  SkillsBreadcrumbs,
} from '~/components/skill-catalogue'
import { getQualificationsPage } from '~/models/skill-catalogue.server'
import { parseVersionParam } from '~/utils/params'
import skillsStylesHref from '~/styles/skills.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: skillsStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  return getQualificationsPage(context, parseVersionParam(new URL(request.url).searchParams))
}

export default function QualificationsRoute() {
  const { view, groups } = useLoaderData<typeof loader>()
  return (
    <div className="page skills-page">
      <SkillsBreadcrumbs versionParam={view.versionParam} trail={[{ label: '資格' }]} />
      <h1>資格</h1>
      <PastVersionNotice view={view} path="/skills/qualifications" />
      <p className="lead">
        人材の経験を確かめる手がかりとなる資格です。DX推進リーダーの指定では「情報処理技術者試験等の資格」を参考にするとされています（002:466-468）。
      </p>
      <p>
        {shownVersionLabel(view)}に掲載。ITSSレベルは、IPAのITスキル標準（ITSS）で各試験が対応するレベル（1〜7）です。
      </p>
      {groups.map((group, index) => (
        <section key={group.category} aria-labelledby={`category-${index}`}>
          <h2 id={`category-${index}`}>{group.category}</h2>
          <div className="skills-table-wrapper">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">名称</th>
                  <th scope="col">実施・認定団体</th>
                  <th scope="col">ITSSレベル</th>
                  <th scope="col">説明</th>
                  <th scope="col">検索語</th>
                </tr>
              </thead>
              <tbody>
                {group.qualifications.map((q) => (
                  <tr key={q.id} id={`qualification-${q.id}`}>
                    <th scope="row" className="skills-table__name">
                      {q.name} {q.retired ? <RetiredBadge /> : null}
                    </th>
                    <td>{q.issuer || '—'}</td>
                    <td>{q.itssLevel ? `レベル${q.itssLevel}` : '—'}</td>
                    <td>{q.description || '—'}</td>
                    <td>{q.synonyms.length > 0 ? q.synonyms.join('、') : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: catalogueTitle('資格', data?.view) }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
