// The roles (人材像) of the catalogue: external roles, those sharing a display group nested under it, and the
// internal role (DX推進リーダー) apart, marked 内部人材.
import { Link } from '@remix-run/react'
import { InternalBadge, RetiredBadge, withVersion } from '~/components/skill-catalogue'

type RoleCard = {
  id: string
  name: string
  duties: string
  internal: boolean
  retired: boolean
  essentialCount: number
  optionalCount: number
}

function RoleItem({ role, versionParam }: { role: RoleCard; versionParam: number | null }) {
  return (
    <li className="skills-role">
      <Link to={withVersion(`/skills/roles/${role.id}`, versionParam)} className="skills-role__name">
        {role.name}
      </Link>{' '}
      {role.internal ? <InternalBadge /> : null} {role.retired ? <RetiredBadge /> : null}
      <p className="skills-role__duties">{role.duties}</p>
      <p className="skills-role__count">
        必要なスキル: 必須 {role.essentialCount}・任意 {role.optionalCount}
      </p>
    </li>
  )
}

export function RoleList({
  roles,
  versionParam,
}: {
  roles: { external: Array<{ group: string | null; roles: RoleCard[] }>; internal: RoleCard[] }
  versionParam: number | null
}) {
  return (
    <section aria-labelledby="roles-heading">
      <h2 id="roles-heading">人材像</h2>
      <p>人材プールで自治体を支援する外部人材の人材像です。自治体は必要な人材像だけを選んで求めることができます。</p>
      <ul className="skills-roles">
        {roles.external.map((entry) =>
          entry.group && entry.roles.length > 1 ? (
            <li key={entry.group} className="skills-role-group">
              <span className="skills-role-group__name">{entry.group}</span>
              <ul className="skills-roles skills-roles--nested">
                {entry.roles.map((role) => (
                  <RoleItem key={role.id} role={role} versionParam={versionParam} />
                ))}
              </ul>
            </li>
          ) : (
            entry.roles.map((role) => <RoleItem key={role.id} role={role} versionParam={versionParam} />)
          ),
        )}
      </ul>
      {roles.internal.length > 0 ? (
        <>
          <h3>内部人材</h3>
          <p>自治体の職員から指定・育成する人材です（外部人材プールの人材像ではありません）。</p>
          <ul className="skills-roles">
            {roles.internal.map((role) => (
              <RoleItem key={role.id} role={role} versionParam={versionParam} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
