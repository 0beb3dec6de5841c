import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { catalogueTitle, SkillsBreadcrumbs, withVersion } from '~/components/skill-catalogue'
import { getVersionHistory } from '~/models/skill-catalogue.server'
import skillsStylesHref from '~/styles/skills.css'
import { CompareForm } from '~/components/skill-version-compare-form'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: skillsStylesHref }]

export async function loader({ context }: LoaderFunctionArgs) {
  return getVersionHistory(context)
}

export default function VersionsRoute() {
  const history = useLoaderData<typeof loader>()
  return (
    <div className="page skills-page">
      <SkillsBreadcrumbs versionParam={null} trail={[{ label: '改訂の履歴' }]} />
      <h1>スキル標準 改訂の履歴</h1>
      <p className="lead">公開された版の一覧です。過去の版も、そのままの内容でご覧いただけます。</p>
      <div className="skills-table-wrapper">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">版</th>
              <th scope="col">名称</th>
              <th scope="col">公開日</th>
              <th scope="col">改訂の内容</th>
            </tr>
          </thead>
          <tbody>
            {history.versions.map((version) => (
              <tr key={version.no}>
                <th scope="row" className="skills-table__name">
                  <Link to={withVersion('/skills', version.current ? null : version.no)}>{version.label}</Link>{' '}
                  <span className={`badge${version.current ? ' skills-badge--current' : ''}`}>
                    {version.statusLabel}
                  </span>
                </th>
                <td>{version.title}</td>
                <td className="skills-table__date">
                  {version.publishedAt ? <time dateTime={version.publishedAt}>{version.publishedOn}</time> : '—'}
                </td>
                <td>{version.changeNote || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CompareForm
        versions={history.versions}
        defaultFrom={history.defaultFrom}
        defaultTo={history.defaultTo}
        fieldErrors={{}}
      />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: catalogueTitle('改訂の履歴') }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
