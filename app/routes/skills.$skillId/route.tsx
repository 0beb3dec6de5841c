import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import {
  CatalogueItemHeader,
  catalogueTitle,
  InternalBadge,
  LevelBadge,
  RequirementsTable,
  RetiredBadge,
  shownVersionLabel,
  withVersion,
} from '~/components/skill-catalogue'
import { getSkillPage } from '~/models/skill-catalogue.server'
import skillsStylesHref from '~/styles/skills.css'
import { parseVersionParam, requireCatalogueIdParam } from '~/utils/params'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: skillsStylesHref }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return getSkillPage(
    context,
    requireCatalogueIdParam(params, 'skillId'),
    parseVersionParam(new URL(request.url).searchParams),
  )
}

export default function SkillRoute() {
  const { view, missingFrom, skill, retiredIn, requiredBy } = useLoaderData<typeof loader>()
  const v = view.versionParam
  return (
    <div className="page skills-page">
      <CatalogueItemHeader
        view={view}
        trail={[
          ...(skill.area ? [{ label: skill.area.name, to: withVersion('/skills', v, `area-${skill.area.id}`) }] : []),
          { label: skill.name },
        ]}
        name={skill.name}
        badges={skill.retired ? <RetiredBadge /> : null}
        item="このスキル"
        path={`/skills/${skill.id}`}
        retired={skill.retired}
        retiredIn={retiredIn}
        retiredNote="新しく人材像やニーズに求めることはできません。登録済みのプロフィール等では、記録として表示されます。"
        missingFrom={missingFrom}
      />
      {skill.description ? <p className="lead">{skill.description}</p> : null}
      <dl className="definition-list">
        <dt>分野</dt>
        <dd>
          {skill.area ? <Link to={withVersion('/skills', v, `area-${skill.area.id}`)}>{skill.area.name}</Link> : '—'}
        </dd>
        <dt>検索語</dt>
        <dd>{skill.synonyms.length > 0 ? skill.synonyms.join('、') : '—'}</dd>
        {skill.ipaSkill ? (
          <>
            <dt>IPAデジタルスキル標準との対応</dt>
            <dd>{skill.ipaSkill}</dd>
          </>
        ) : null}
        <dt>出典</dt>
        <dd>{skill.source || '—'}</dd>
        <dt>掲載の版</dt>
        <dd>{shownVersionLabel(view)}</dd>
      </dl>

      <section aria-labelledby="levels-heading">
        <h2 id="levels-heading">レベルごとの説明</h2>
        <table className="data-table skills-level-table">
          <caption className="visually-hidden">{skill.name}のレベル1〜4の説明</caption>
          <thead>
            <tr>
              <th scope="col">レベル</th>
              <th scope="col">できること</th>
            </tr>
          </thead>
          <tbody>
            {skill.levels.map((level) => (
              <tr key={level.level}>
                <th scope="row">
                  <LevelBadge level={level.level} label={level.label} />
                </th>
                <td>{level.descriptor}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="field-description">
          レベルの考え方は<Link to={withVersion('/skills', v, 'levels-heading')}>スキル標準のページ</Link>
          で説明しています。
        </p>
      </section>

      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">このスキルを必要とする人材像</h2>
        {requiredBy.length === 0 ? (
          <p>この版では、このスキルを必要とする人材像はありません。</p>
        ) : (
          <RequirementsTable
            itemHeader="人材像"
            rows={requiredBy.map((r) => ({
              key: r.roleId,
              item: (
                <>
                  <Link to={withVersion(`/skills/roles/${r.roleId}`, v)}>{r.roleName}</Link>{' '}
                  {r.internal ? <InternalBadge /> : null} {r.retired ? <RetiredBadge /> : null}
                </>
              ),
              level: r.minLevel,
              levelLabel: r.levelLabel,
              essential: r.essential,
            }))}
          />
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: catalogueTitle(data?.skill.name ?? 'スキル', data?.view) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
