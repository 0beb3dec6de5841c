import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import {
  EssentialBadge,
  LevelBadge,
  PastVersionNotice,
  RetiredBadge,
  SITE_TITLE,
  SkillsBreadcrumbs,
  withVersion,
} from '~/components/skill-catalogue'
import { getRolePage } from '~/models/skill-catalogue.server'
import skillsStylesHref from '~/styles/skills.css'
import { requireCatalogueIdParam } from '~/utils/params'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: skillsStylesHref }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return getRolePage(context, requireCatalogueIdParam(params, 'roleId'), new URL(request.url).searchParams)
}

export default function RoleRoute() {
  const { view, missingFrom, role, retiredIn, requirements } = useLoaderData<typeof loader>()
  const v = view.versionParam
  return (
    <div className="page skills-page">
      <SkillsBreadcrumbs
        versionParam={v}
        trail={[{ label: '人材像', to: withVersion('/skills', v, 'roles-heading') }, { label: role.name }]}
      />
      <h1>
        {role.name} {role.internal ? <span className="badge skills-badge--internal">内部人材</span> : null}{' '}
        {role.retired ? <RetiredBadge /> : null}
      </h1>
      {role.retired ? (
        <p className="notice notice--error" role="note">
          <strong>この人材像は{retiredIn ? `第${retiredIn}版` : view.shown.label}で廃止されました。</strong>
        </p>
      ) : null}
      {missingFrom ? (
        <p className="notice notice--warning" role="note">
          {missingFrom.label}にはこの人材像がありません。この人材像が載っている最新の版（{view.shown.label}
          ）の内容を表示しています。
        </p>
      ) : (
        <PastVersionNotice view={view} path={`/skills/roles/${role.id}`} />
      )}
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
        <dd>
          {view.shown.label}（{view.isPast ? '過去の版' : '現行版'}）
        </dd>
      </dl>

      <section aria-labelledby="requirements-heading">
        <h2 id="requirements-heading">必要なスキル</h2>
        <p>
          「必須」はこの人材像に欠かせないスキル、「任意」はあると望ましいスキルです。レベルは必要な最低レベルです（
          <Link to={withVersion('/skills', v, 'levels-heading')}>レベルの見方</Link>）。
        </p>
        <table className="data-table skills-requirements">
          <caption className="visually-hidden">{role.name}に必要なスキル</caption>
          <thead>
            <tr>
              <th scope="col">スキル</th>
              <th scope="col">必要なレベル（以上）</th>
              <th scope="col">区分</th>
            </tr>
          </thead>
          <tbody>
            {requirements.map((r) => (
              <tr key={r.skillId}>
                <td>
                  <Link to={withVersion(`/skills/${r.skillId}`, v)}>{r.skillName}</Link>{' '}
                  {r.skillRetired ? <RetiredBadge /> : null}
                  <div className="skills-requirements__area">{r.areaName}</div>
                </td>
                <td>
                  <LevelBadge level={r.minLevel} label={r.levelLabel} />
                  <div className="skills-requirements__descriptor">{r.levelDescriptor}</div>
                </td>
                <td>
                  <EssentialBadge essential={r.essential} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.role.name ?? '人材像'}${data?.view.isPast ? `（${data.view.shown.label}）` : ''} | スキル標準 | ${SITE_TITLE}`,
  },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
