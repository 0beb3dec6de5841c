import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { pastVersionSuffix, PastVersionNotice, RetiredBadge, withVersion } from '~/components/skill-catalogue'
import { pageTitle } from '~/utils/page-title'
import { getCataloguePage, parseCatalogueQuery } from '~/models/skill-catalogue.server'
import skillsStylesHref from '~/styles/skills.css'
import { CatalogueSearch } from './catalogue-search'
import { LevelScale } from './level-scale'
import { RoleList } from './role-list'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: skillsStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = await getCataloguePage(context, parseCatalogueQuery(new URL(request.url).searchParams))
  const status = page.search?.status === 'invalid' ? 400 : page.search?.status === 'search-unavailable' ? 503 : 200
  return data(page, { status })
}

export default function SkillCatalogueRoute() {
  const { view, levelScale, levelScaleNote, roles, areas, counts, search } = useLoaderData<typeof loader>()
  const v = view.versionParam
  return (
    <div className="page skills-page">
      <h1>スキル標準</h1>
      <p className="lead">
        自治体DXを支えるデジタル人材に求められる役割（人材像）と、そのために必要なスキル・レベルをまとめたものです。総務省「自治体DX推進のための外部人材スキル標準」と関係資料に基づき、版を重ねて更新します。
      </p>
      <PastVersionNotice view={view} path="/skills" />
      <dl className="definition-list skills-version-meta">
        <dt>表示中の版</dt>
        <dd>
          {view.shown.label}
          {view.isPast ? '（過去の版）' : '（現行版）'} {view.shown.title}
        </dd>
        <dt>公開日</dt>
        <dd>
          {view.shown.publishedAt ? <time dateTime={view.shown.publishedAt}>{view.shown.publishedOn}</time> : '—'}
        </dd>
        <dt>収録数</dt>
        <dd>
          人材像 {counts.roles}、スキル {counts.skills}、資格 {counts.qualifications}
        </dd>
      </dl>
      <ul className="skills-links">
        <li>
          <Link to={withVersion('/skills/qualifications', v)}>資格の一覧</Link>
        </li>
        <li>
          <Link to="/skills/versions">改訂の履歴と版の比較</Link>
        </li>
      </ul>

      {view.isPast ? (
        <p className="field-description">検索は現行版が対象です。過去の版は下の一覧からご覧ください。</p>
      ) : (
        <CatalogueSearch search={search} />
      )}

      <LevelScale levels={levelScale} note={levelScaleNote} />
      <RoleList roles={roles} versionParam={v} />

      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading">分野とスキル</h2>
        <p>
          スキルは分野ごとにまとめています。スキル名を選ぶと、レベルごとの説明と、そのスキルを必要とする人材像を表示します。
        </p>
        {areas.map((area) => (
          <section
            key={area.id}
            id={`area-${area.id}`}
            className="skills-area"
            aria-labelledby={`area-${area.id}-heading`}
          >
            <h3 id={`area-${area.id}-heading`}>
              {area.name} {area.retired ? <RetiredBadge /> : null}
            </h3>
            {area.description ? <p className="skills-area__description">{area.description}</p> : null}
            <ul className="skills-area__skills">
              {area.skills.map((skill) => (
                <li key={skill.id}>
                  <Link to={withVersion(`/skills/${skill.id}`, v)}>{skill.name}</Link>{' '}
                  {skill.retired ? <RetiredBadge /> : null}
                  {skill.description ? (
                    <span className="skills-area__skill-description">{skill.description}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(`スキル標準${pastVersionSuffix(data?.view)}`) },
  {
    name: 'description',
    content: '自治体DXを支えるデジタル人材の人材像・スキル・レベル（スキル標準）を公開しています。',
  },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
