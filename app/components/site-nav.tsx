// The global menu, grouped by what each role does (デジタル庁デザインシステムのヘッダー: a few entries, grouped
// menus, the current page marked). Groups are disclosure widgets (<details>): keyboard and screen-reader
// friendly without script; the group holding the current page is marked too.
import { Link, NavLink, useLocation } from '@remix-run/react'

export interface NavUser {
  canReadPools: boolean
  canReadPartners: boolean
  canReadIssues: boolean
  canReadNeeds: boolean
  canReadPlacements: boolean
  nationalListLink: { to: string; label: string } | null
  canEditSkillStandard: boolean
  isProfessional: boolean
  canManageUsers: boolean
  canReadAudit: boolean
  canReadMail: boolean
  canManageSearch: boolean
  canEditFundingRules: boolean
  canReadAppointments: boolean
  canReadDashboard: boolean
  canReportDxStructure: boolean
  canPublishNotices: boolean
}

interface NavItem {
  to: string
  label: string
}
interface NavGroup {
  label: string
  items: NavItem[]
}

export function navGroupsFor(user: NavUser | null | undefined): NavGroup[] {
  const groups: NavGroup[] = []
  const keep = (items: Array<NavItem | false | null | undefined>) =>
    items.filter((item): item is NavItem => Boolean(item))
  if (user?.isProfessional)
    groups.push({
      label: 'わたしの活動',
      items: [
        { to: '/profile', label: 'プロフィール' },
        { to: '/applications', label: '応募' },
      ],
    })
  const support = keep([
    user?.canReadIssues && { to: '/issues', label: '課題' },
    user?.canReadNeeds && { to: '/needs', label: 'ニーズ' },
    user?.canReadPlacements && { to: '/placements', label: '配置' },
    user?.canReadPlacements && { to: '/funding', label: '財政措置' },
  ])
  if (support.length > 0) groups.push({ label: '市町村支援', items: support })
  const programme = keep([
    user?.canReadDashboard && { to: '/dashboard', label: '500名への進捗' },
    user?.canReadAppointments && { to: '/appointments', label: '推薦・任命' },
    user?.canReportDxStructure && { to: '/dx-structure', label: '推進体制' },
    user?.canPublishNotices && { to: '/admin/accelerator-notices', label: 'アクセラレータへのお知らせ' },
  ])
  if (programme.length > 0) groups.push({ label: 'アクセラレータ', items: programme })
  const people = keep([
    user?.canReadPools && { to: '/pools', label: '人材プール' },
    user?.nationalListLink ?? null,
    user?.canReadPartners && { to: '/partners', label: 'パートナー企業' },
  ])
  if (people.length > 0) groups.push({ label: '人材', items: people })
  groups.push({
    label: 'さがす',
    items: keep([
      { to: '/programme', label: 'アクセラレータ500について' },
      { to: '/open-calls', label: '公募中のニーズ' },
      { to: '/skills', label: 'スキル標準' },
      user?.canEditSkillStandard && { to: '/admin/skill-standard', label: 'スキル標準の編集' },
      { to: '/local-governments', label: '自治体をさがす' },
    ]),
  })
  const admin = keep([
    user?.canManageUsers && { to: '/admin/users', label: 'ユーザー管理' },
    user?.canReadAudit && { to: '/admin/audit', label: '監査ログ' },
    user?.canReadMail && { to: '/admin/mail', label: '送信メール' },
    user?.canManageSearch && { to: '/admin/search', label: '検索インデックス' },
    user?.canEditFundingRules && { to: '/admin/funding-rules', label: '財政措置のルール' },
  ])
  if (admin.length > 0) groups.push({ label: '管理', items: admin })
  return groups
}

const isCurrent = (pathname: string, to: string) => {
  const path = to.split('?')[0]!
  return pathname === path || pathname.startsWith(`${path}/`)
}

export function SiteNav({ user }: { user: NavUser | null | undefined }) {
  const { pathname } = useLocation()
  const groups = navGroupsFor(user)
  return (
    <nav className="site-nav" aria-label="メインメニュー">
      <ul className="site-nav__groups">
        <li>
          <NavLink to="/" end className="site-nav__home">
            ホーム
          </NavLink>
        </li>
        {groups.map((group) => {
          const current = group.items.some((item) => isCurrent(pathname, item.to))
          return (
            <li key={group.label}>
              {/* key on pathname: a navigation closes the menu it came from. */}
              <details className="site-nav__group" key={pathname}>
                <summary className={current ? 'site-nav__summary site-nav__summary--current' : 'site-nav__summary'}>
                  {group.label}
                  {current ? <span className="visually-hidden">（表示中）</span> : null}
                </summary>
                <ul className="site-nav__menu">
                  {group.items.map((item) => (
                    <li key={item.to}>
                      {item.to.includes('?') ? (
                        <Link to={item.to} aria-current={isCurrent(pathname, item.to) ? 'page' : undefined}>
                          {item.label}
                        </Link>
                      ) : (
                        <NavLink to={item.to}>{item.label}</NavLink>
                      )}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
