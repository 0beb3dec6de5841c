import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import {
  CatalogueItemHeader,
  catalogueTitle,
  InternalBadge,
  RequirementsTable,
  RetiredBadge,
  shownVersionLabel,
  withVersion,
} from '~/components/skill-catalogue'
import { getRolePage } from '~/models/skill-catalogue.server'
import skillsStylesHref from '~/styles/skills.css'
import { parseVersionParam, requireCatalogueIdParam } from '~/utils/params'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: skillsStylesHref }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return getRolePage(
    context,
    requireCatalogueIdParam(params, 'roleId'),
    parseVersionParam(new URL(request.url).searchParams),
  )
}

export default function RoleRoute() {
  const { view, missingFrom, role, retiredIn, requirements } = useLoaderData<typeof loader>()
  const v = view.versionParam
  return (
    <div className="page skills-page">
      <CatalogueItemHeader
        view={view}
        trail={[{ label: '人材像', to: withVersion('/skills', v, 'roles-heading') }, { label: role.name }]}
        name={role.name}
        badges={
          <>
            {role.internal ? <InternalBadge /> : null} {role.retired ? <RetiredBadge /> : null}
          </>
        }
        item="この人材像"
        path={`/skills/roles/${role.id}`}
        retired={role.retired}
        retiredIn={retiredIn}
        missingFrom={missingFrom}
      />
      <section aria-labelledby="duties-heading">
        <h2 id="duties-heading">役割（職務）</h2>
        <blockquote className="skills-quote">
          <p>{role.duties}</p>
        </blockquote>
        {role.description ? <p>{role.description}</p> : null}
      </section>
      <dl className="definition-list">
        {role.displayGroup ? (
          <>
            <dt>資料上の区分</dt>
            <dd>{role.displayGroup}</dd>
          </>
        ) : null}
        <dt>出典</dt>
        <dd>{role.source || '—'}</dd>
        {role.ipaRole || role.itssLevel ? (
          <>
            <dt>IPA・ITSSとの対応</dt>
            <dd>
              {role.ipaRole ? `デジタルスキル標準「${role.ipaRole}」` : ''}
              {role.ipaRole && role.itssLevel ? '、' : ''}
              {role.itssLevel ? `ITSSレベル${role.itssLevel}相当` : ''}
            </dd>
          </>
        ) : null}
        <dt>検索語</dt>
        <dd>{role.synonyms.length > 0 ? role.synonyms.join('、') : '—'}</dd>
        <dt>掲載の版</dt>
        <dd>{shownVersionLabel(view)}</dd>
      </dl>

      <section aria-labelledby="requirements-heading">
        <h2 id="requirements-heading">必要なスキル</h2>
        <p>
          「必須」はこの人材像に欠かせないスキル、「任意」はあると望ましいスキルです。レベルは必要な最低レベルです（
          <Link to={withVersion('/skills', v, 'levels-heading')}>レベルの見方</Link>）。
        </p>
        <RequirementsTable
          caption={`${role.name}に必要なスキル`}
          itemHeader="スキル"
          rows={requirements.map((r) => ({
            key: r.skillId,
            item: (
              <>
                <Link to={withVersion(`/skills/${r.skillId}`, v)}>{r.skillName}</Link>{' '}
                {r.skillRetired ? <RetiredBadge /> : null}
                <div className="skills-requirements__area">{r.areaName}</div>
              </>
            ),
            level: r.minLevel,
            levelLabel: r.levelLabel,
            levelNote: <div className="skills-requirements__descriptor">{r.levelDescriptor}</div>,
            essential: r.essential,
          }))}
        />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: catalogueTitle(data?.role.name ?? '人材像', data?.view) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
