// Pieces shared by the public skill-standard pages (/skills/*). Everything they show arrives as loader data.
import { Link } from '@remix-run/react'

export interface VersionViewData {
  shown: { no: number; label: string; title: string; publishedOn: string | null; publishedAt: string | null }
  current: { no: number; label: string } | null
  isPast: boolean
  versionParam: number | null
}

/** A path with the `?version=` the page is showing (none for the current version), and an optional #hash. */
export function withVersion(path: string, versionParam: number | null, hash?: string): string {
  return `${path}${versionParam === null ? '' : `?version=${versionParam}`}${hash ? `#${hash}` : ''}`
}

/** The prominent 「過去の版」 notice of every catalogue page showing an archived version. */
export function PastVersionNotice({ view, path }: { view: VersionViewData; path: string }) {
  if (!view.isPast) return null
  return (
    <div className="notice notice--warning skills-version-notice" role="note">
      <p>
        <strong>これは過去の版です（現行は{view.current?.label ?? '未公開'}）。</strong>
        {view.shown.label}
        {view.shown.publishedOn ? `（${view.shown.publishedOn}公開）` : ''}
        の内容を表示しています。内容は変更できません。
      </p>
      {view.current ? (
        <p>
          <Link to={path}>現行の{view.current.label}を表示する</Link>
        </p>
      ) : null}
    </div>
  )
}

/** The breadcrumb trail under スキル標準, keeping the version shown. */
export function SkillsBreadcrumbs({
  versionParam,
  trail,
}: {
  versionParam: number | null
  trail: Array<{ label: string; to?: string }>
}) {
  return (
    <nav className="breadcrumbs" aria-label="パンくずリスト">
      <ol>
        <li>
          <Link to={withVersion('/skills', versionParam)}>スキル標準</Link>
        </li>
        {trail.map((item, index) => (
          <li key={index} aria-current={item.to ? undefined : 'page'}>
            {item.to ? <Link to={item.to}>{item.label}</Link> : item.label}
          </li>
        ))}
      </ol>
    </nav>
  )
}

/** 「Lv3 主導」 as one badge; the label is spelled out for screen readers too. */
export function LevelBadge({ level, label }: { level: number; label: string }) {
  return (
    <span className="skills-level" data-level={level}>
      <span aria-hidden="true">Lv{level}</span>
      <span className="visually-hidden">レベル{level}</span> {label}
    </span>
  )
}

/** 必須 / 任意 for a role's required skill. */
export function EssentialBadge({ essential }: { essential: boolean }) {
  return essential ? <span className="badge skills-badge--essential">必須</span> : <span className="badge">任意</span>
}

export function RetiredBadge() {
  return <span className="badge skills-badge--retired">廃止</span>
}

/** The page title suffix every catalogue page uses. */
export const SITE_TITLE = '自治体DXアクセラレータ500 プラットフォーム'
