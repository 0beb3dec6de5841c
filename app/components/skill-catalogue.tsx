// Pieces shared by the public skill-standard pages (/skills/*). Everything they show arrives as loader data.
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { pageTitle } from '~/utils/page-title'
import { Breadcrumbs, type Crumb } from './breadcrumbs'

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

/**
 * The top of the page of one catalogue item (a skill, a role): breadcrumbs, its name with its badges, a notice
 * when it is retired, and what the page says about the version it shows.
 */
export function CatalogueItemHeader({
  view,
  trail,
  name,
  badges,
  item,
  path,
  retired,
  retiredIn,
  retiredNote,
  missingFrom,
}: {
  view: VersionViewData
  trail: Array<{ label: string; to?: string }>
  name: string
  badges: ReactNode
  /** 「このスキル」, 「この人材像」 */
  item: string
  path: string
  retired: boolean
  retiredIn: number | null
  retiredNote?: ReactNode
  missingFrom: { label: string } | null
}) {
  return (
    <>
      <SkillsBreadcrumbs versionParam={view.versionParam} trail={trail} />
      <h1>
        {name} {badges}
      </h1>
      {retired ? (
        <RetiredNotice view={view} retiredIn={retiredIn} item={item}>
          {retiredNote}
        </RetiredNotice>
      ) : null}
      <ItemVersionNotice view={view} missingFrom={missingFrom} item={item} path={path} />
    </>
  )
}

/**
 * What a page of one catalogue item says about the version it shows: the item is missing from the version
 * asked for (the latest version that has it is shown instead), or the version shown is a past one.
 */
function ItemVersionNotice({
  view,
  missingFrom,
  item,
  path,
}: {
  view: VersionViewData
  missingFrom: { label: string } | null
  /** 「このスキル」, 「この人材像」 */
  item: string
  path: string
}) {
  if (!missingFrom) return <PastVersionNotice view={view} path={path} />
  return (
    <p className="notice notice--warning" role="note">
      {missingFrom.label}には{item}がありません。{item}が載っている最新の版（{view.shown.label}
      ）の内容を表示しています。
    </p>
  )
}

/** The notice of an item retired in the version shown (or earlier), with what that means for it. */
function RetiredNotice({
  view,
  retiredIn,
  item,
  children,
}: {
  view: VersionViewData
  retiredIn: number | null
  item: string
  children?: ReactNode
}) {
  return (
    <div className="notice notice--error skills-retired-notice" role="note">
      <p>
        <strong>
          {item}は{retiredIn ? `第${retiredIn}版` : view.shown.label}で廃止されました。
        </strong>
        {children}
      </p>
    </div>
  )
}

/** 「第2版（現行版）」: the version shown and whether it is the current one. */
export function shownVersionLabel(view: VersionViewData): string {
  return `${view.shown.label}（${view.isPast ? '過去の版' : '現行版'}）`
}

/** 「（第1版）」 after a name when the page shows a past version. */
export function pastVersionSuffix(view: VersionViewData | undefined): string {
  return view?.isPast ? `（${view.shown.label}）` : ''
}

/** The page title of a catalogue page: its name, the version when it is a past one, then スキル標準. */
export function catalogueTitle(name: string, view?: VersionViewData): string {
  return pageTitle(`${name}${pastVersionSuffix(view)}`, 'スキル標準')
}

/** The breadcrumb trail under スキル標準, keeping the version shown. */
export function SkillsBreadcrumbs({ versionParam, trail }: { versionParam: number | null; trail: Crumb[] }) {
  return <Breadcrumbs trail={[{ label: 'スキル標準', to: withVersion('/skills', versionParam) }, ...trail]} />
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

/**
 * Skills a role requires, read from either side: the skills on a role's page, the roles on a skill's page.
 * One row per requirement: the other item, the minimum level and 必須 / 任意.
 */
export function RequirementsTable({
  caption,
  itemHeader,
  rows,
}: {
  caption?: string
  /** 「スキル」 or 「人材像」 */
  itemHeader: string
  rows: Array<{
    key: string
    item: ReactNode
    level: number
    levelLabel: string
    levelNote?: ReactNode
    essential: boolean
  }>
}) {
  return (
    <table className="data-table skills-requirements">
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">{itemHeader}</th>
          <th scope="col">必要なレベル（以上）</th>
          <th scope="col">区分</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>{row.item}</td>
            <td>
              <LevelBadge level={row.level} label={row.levelLabel} />
              {row.levelNote}
            </td>
            <td>
              <EssentialBadge essential={row.essential} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** 必須 / 任意 for a role's required skill. */
export function EssentialBadge({ essential }: { essential: boolean }) {
  return essential ? <span className="badge skills-badge--essential">必須</span> : <span className="badge">任意</span>
}

export function RetiredBadge() {
  return <span className="badge skills-badge--retired">廃止</span>
}

/** A role for the municipality's own staff (DX推進リーダー等), outside the talent pool. */
export function InternalBadge() {
  return <span className="badge skills-badge--internal">内部人材</span>
}
