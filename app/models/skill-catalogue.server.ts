// The public skill-standard catalogue (/skills): anyone, signed in or not, browses the published version or
// an archived one, read-only, and searches the current one. Reading and diffing versions come from
// skill-standard.server.ts; this module shapes them for the pages (labels, groups, formatted dates), so the
// components receive plain data and no server module reaches the browser.
import type { AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import { type CatalogueItemKind, listItemVersions } from '../../db/queries/skill-catalogue'
import type { CatalogueContent, RoleContent, SkillContent } from '../../db/skill-standard-content'
import type { SkillCatalogueType } from '../../search/documents/skill-catalogue'
import { searchSkillCatalogue } from '../../search/queries/skill-catalogue'
import type { ItemDiff, ItemKind } from '../utils/skill-standard-diff'
import { formatWareki } from '../utils/dates'
import { SKILL_LEVEL_LABELS } from '../utils/labels'
import { parseVersionParam } from '../utils/params'
import { synonymMapOf } from './search-synonyms.server'
import {
  compareVersions,
  findCurrentVersion,
  KIND_LABELS,
  listPublicVersions,
  requirePublicVersion,
  versionLabel,
} from './skill-standard.server'

// ---- labels and the level scale ---------------------------------------------------------------------

type Level = 1 | 2 | 3 | 4

/** The level scale as the catalogue page explains it (the sources define no levels). */
export const LEVEL_SCALE: Array<{ level: Level; label: string; description: string }> = [
  {
    level: 1,
    label: SKILL_LEVEL_LABELS[1],
    description: '用語・制度・基本的な考え方を理解しており、説明を受けながら業務に参加できる。',
  },
  { level: 2, label: SKILL_LEVEL_LABELS[2], description: '自ら担当して実務を行い、標準的な課題を解決できる。' },
  {
    level: 3,
    label: SKILL_LEVEL_LABELS[3],
    description: '取組を計画・主導し、行政職員や事業者を巻き込んで成果を出せる。',
  },
  {
    level: 4,
    label: SKILL_LEVEL_LABELS[4],
    description: '複数の自治体や組織全体に助言・指導でき、方針づくりと人材育成を担える。',
  },
]

export const LEVEL_SCALE_NOTE =
  '出典資料（総務省「自治体DX推進のための外部人材スキル標準」とその関連資料）はレベルを定めていないため、このプラットフォームでは上の4段階を用いています。'

export const TYPE_LABELS: Record<SkillCatalogueType, string> = {
  skill: 'スキル',
  role: '人材像',
  qualification: '資格',
}

export const CHANGE_LABELS: Record<ItemDiff['change'], string> = {
  added: '追加',
  removed: '削除',
  retired: '廃止',
  restored: '復活',
  changed: '変更',
}

function levelLabel(level: number): string {
  return SKILL_LEVEL_LABELS[level as Level] ?? ''
}

// ---- versions -----------------------------------------------------------------------------------------

type VersionRow = Awaited<ReturnType<typeof listPublicVersions>>[number]

export interface VersionSummary {
  no: number
  label: string
  title: string
  changeNote: string
  /** 令和8年11月23日 (Asia/Tokyo); null if never published. */
  publishedOn: string | null
  /** ISO 8601, for <time dateTime>. */
  publishedAt: string | null
  current: boolean
  statusLabel: string
}

function summarize(version: VersionRow): VersionSummary {
  const publishedAt = version.published_at ? new Date(version.published_at) : null
  return {
    no: version.version_no,
    label: versionLabel(version.version_no),
    title: version.title,
    changeNote: version.change_note,
    publishedOn: publishedAt ? formatWareki(publishedAt) : null,
    publishedAt: publishedAt ? publishedAt.toISOString() : null,
    current: version.status === 'published',
    statusLabel: version.status === 'published' ? '現行版' : '過去の版',
  }
}

export interface VersionView {
  shown: VersionSummary
  /** The current published version (null only if none is published, which requirePublicVersion rules out). */
  current: VersionSummary | null
  /** True when an archived version is shown: the page says so and links keep `?version=`. */
  isPast: boolean
  /** The `version` every link on the page must carry (null for the current version). */
  versionParam: number | null
}

async function loadVersion(context: AppLoadContext, versionNo?: number) {
  // Without ?version= the version shown is the current one: one lookup, not two.
  const [{ version, content }, current] = await Promise.all([
    requirePublicVersion(context, versionNo),
    versionNo === undefined ? null : findCurrentVersion(context.services.database.db),
  ])
  const shown = summarize(version)
  const view: VersionView = {
    shown,
    current: versionNo === undefined ? shown : current ? summarize(current) : null,
    isPast: !shown.current,
    versionParam: shown.current ? null : shown.no,
  }
  return { view, content }
}

// ---- the catalogue page -----------------------------------------------------------------------------

export interface RoleCard {
  id: string
  name: string
  duties: string
  internal: boolean
  retired: boolean
  essentialCount: number
  optionalCount: number
}

const roleCard = (role: RoleContent): RoleCard => ({
  id: role.id,
  name: role.name,
  duties: role.duties,
  internal: role.internal,
  retired: role.retired,
  essentialCount: role.requirements.filter((r) => r.essential).length,
  optionalCount: role.requirements.filter((r) => !r.essential).length,
})

/**
 * External roles in display order, the ones sharing a display group (エンジニア・サービスデザイナー) under
 * that group's name; internal roles (DX推進リーダー) apart.
 */
function groupRoles(roles: RoleContent[]) {
  const external: Array<{ group: string | null; roles: RoleCard[] }> = []
  for (const role of roles.filter((r) => !r.internal)) {
    const last = external.at(-1)
    if (role.displayGroup && last?.group === role.displayGroup) last.roles.push(roleCard(role))
    else external.push({ group: role.displayGroup, roles: [roleCard(role)] })
  }
  return { external, internal: roles.filter((r) => r.internal).map(roleCard) }
}

export const CatalogueQuerySchema = z.object({
  q: z.string().trim().max(100, { message: '検索語は100文字以内で入力してください' }).default(''),
})

export interface CatalogueSearchHit {
  type: SkillCatalogueType
  typeLabel: string
  id: string
  name: string
  /** The page of the item. */
  href: string
  summary: string
  retired: boolean
}

export type CatalogueSearchOutcome =
  | { status: 'ok'; query: string; hits: CatalogueSearchHit[] }
  | { status: 'search-unavailable' }
  | { status: 'invalid'; message: string }

function itemHref(type: SkillCatalogueType | 'area', id: string, versionParam: number | null): string {
  const suffix = versionParam === null ? '' : `?version=${versionParam}`
  if (type === 'skill') return `/skills/${id}${suffix}`
  if (type === 'role') return `/skills/roles/${id}${suffix}`
  if (type === 'qualification') return `/skills/qualifications${suffix}#qualification-${id}`
  return `/skills${suffix}#area-${id}`
}

/** Search hits, shown from Postgres (the index only gives ids; one missing from the content is skipped). */
function hitsFrom(ids: string[], content: CatalogueContent): CatalogueSearchHit[] {
  const hits: CatalogueSearchHit[] = []
  for (const searchId of ids) {
    const [type, id] = searchId.split(':') as [SkillCatalogueType, string]
    const item =
      type === 'skill'
        ? content.skills.find((s) => s.id === id)
        : type === 'role'
          ? content.roles.find((r) => r.id === id)
          : content.qualifications.find((q) => q.id === id)
    if (!item) continue
    const summary = type === 'role' ? (item as RoleContent).duties || item.description : item.description
    hits.push({
      type,
      typeLabel: TYPE_LABELS[type],
      id,
      name: item.name,
      href: itemHref(type, id, null),
      summary,
      retired: item.retired,
    })
  }
  return hits
}

/** What the catalogue page was asked: a version (none = the current one) and a search, already parsed. */
export interface CatalogueQuery {
  versionNo: number | undefined
  /** The search words, or the Japanese message of why they were refused. */
  search: { q: string } | { invalid: string }
}

/** Parses the catalogue page's query string (a malformed version is a 400, a bad search a message). */
export function parseCatalogueQuery(searchParams: URLSearchParams): CatalogueQuery {
  const parsed = CatalogueQuerySchema.safeParse({ q: searchParams.get('q') ?? undefined })
  return {
    versionNo: parseVersionParam(searchParams),
    search: parsed.success
      ? { q: parsed.data.q }
      : { invalid: parsed.error.issues[0]?.message ?? '検索語を確認してください' },
  }
}

export async function getCataloguePage(context: AppLoadContext, query: CatalogueQuery) {
  const { view, content } = await loadVersion(context, query.versionNo)
  const areas = content.areas.map((area) => ({
    id: area.id,
    name: area.name,
    description: area.description,
    retired: area.retired,
    skills: content.skills
      .filter((s) => s.areaId === area.id)
      .map((s) => ({ id: s.id, name: s.name, description: s.description, retired: s.retired })),
  }))

  let search: CatalogueSearchOutcome | null = null
  if ('invalid' in query.search) {
    search = { status: 'invalid', message: query.search.invalid }
  } else if (query.search.q !== '' && !view.isPast) {
    // The index holds the current version only; past versions are browsed, not searched.
    try {
      const found = await searchSkillCatalogue(context.services.search, {
        q: query.search.q,
        synonyms: synonymMapOf(content),
        limit: 30,
      })
      search = { status: 'ok', query: query.search.q, hits: hitsFrom(found.ids, content) }
    } catch (error) {
      // Search is an index over Postgres, not the truth: when it is down the page says so and still shows the catalogue.
      console.error('[search] スキル標準の検索に失敗しました:', error instanceof Error ? error.message : error)
      search = { status: 'search-unavailable' }
    }
  }

  return {
    view,
    levelScale: LEVEL_SCALE,
    levelScaleNote: LEVEL_SCALE_NOTE,
    roles: groupRoles(content.roles),
    areas,
    counts: {
      skills: content.skills.length,
      roles: content.roles.length,
      qualifications: content.qualifications.length,
    },
    search,
  }
}

// ---- one item, in the version shown or the newest one that has it ------------------------------------

const KIND_NAMES: Record<CatalogueItemKind, string> = { skill: 'スキル', role: '人材像', qualification: '資格' }

/**
 * The version to show an item in: the one asked for (or the current one) when it has the item; otherwise the
 * newest published/archived version that has it (stable ids: a profile may link to a removed skill).
 * Unknown ids are a 404 with a Japanese message.
 */
async function loadVersionWithItem(
  context: AppLoadContext,
  kind: CatalogueItemKind,
  id: string,
  versionNo: number | undefined,
) {
  const has = (content: CatalogueContent) =>
    kind === 'skill'
      ? content.skills.some((s) => s.id === id)
      : kind === 'role'
        ? content.roles.some((r) => r.id === id)
        : content.qualifications.some((q) => q.id === id)
  const history = /^[a-z0-9][a-z0-9-]{1,62}$/.test(id)
    ? await listItemVersions(context.services.database.db, kind, id)
    : []
  if (history.length === 0)
    throw new Response(
      `${KIND_NAMES[kind]}「${id}」は見つかりません。URLを確認するか、スキル標準の一覧からお探しください。`,
      { status: 404 },
    )

  const asked = await loadVersion(context, versionNo)
  if (has(asked.content)) return { ...asked, history, missingFrom: null }
  const newest = history.at(-1)!.version_no
  const fallback = await loadVersion(context, newest)
  return { ...fallback, history, missingFrom: asked.view.shown }
}

/** The version in which the item became retired (and stayed so up to `upTo`), or null. */
function retiredSince(history: Array<{ version_no: number; retired: boolean }>, upTo: number): number | null {
  let since: number | null = null
  for (const entry of history) {
    if (entry.version_no > upTo) break
    since = entry.retired ? (since ?? entry.version_no) : null
  }
  return since
}

function levelRows(skill: SkillContent) {
  return skill.levels.map((descriptor, index) => ({ level: index + 1, label: levelLabel(index + 1), descriptor }))
}

export async function getSkillPage(context: AppLoadContext, skillId: string, versionNo: number | undefined) {
  const { view, content, history, missingFrom } = await loadVersionWithItem(context, 'skill', skillId, versionNo)
  const skill = content.skills.find((s) => s.id === skillId)!
  const area = content.areas.find((a) => a.id === skill.areaId)
  const requiredBy = content.roles.flatMap((role) => {
    const requirement = role.requirements.find((r) => r.skillId === skill.id)
    return requirement
      ? [
          {
            roleId: role.id,
            roleName: role.name,
            internal: role.internal,
            retired: role.retired,
            minLevel: requirement.minLevel,
            levelLabel: levelLabel(requirement.minLevel),
            essential: requirement.essential,
          },
        ]
      : []
  })
  return {
    view,
    missingFrom,
    skill: {
      id: skill.id,
      name: skill.name,
      description: skill.description,
      area: area ? { id: area.id, name: area.name } : null,
      levels: levelRows(skill),
      synonyms: skill.synonyms,
      source: skill.source,
      ipaSkill: skill.ipaSkill,
      retired: skill.retired,
    },
    retiredIn: skill.retired ? retiredSince(history, view.shown.no) : null,
    requiredBy,
  }
}

export async function getRolePage(context: AppLoadContext, roleId: string, versionNo: number | undefined) {
  const { view, content, history, missingFrom } = await loadVersionWithItem(context, 'role', roleId, versionNo)
  const role = content.roles.find((r) => r.id === roleId)!
  const areaNames = new Map(content.areas.map((a) => [a.id, a.name]))
  const requirements = role.requirements.flatMap((requirement) => {
    const skill = content.skills.find((s) => s.id === requirement.skillId)
    if (!skill) return []
    return [
      {
        skillId: skill.id,
        skillName: skill.name,
        areaName: areaNames.get(skill.areaId) ?? '',
        skillRetired: skill.retired,
        minLevel: requirement.minLevel,
        levelLabel: levelLabel(requirement.minLevel),
        /** What the minimum level means for this skill. */
        levelDescriptor: skill.levels[requirement.minLevel - 1] ?? '',
        essential: requirement.essential,
      },
    ]
  })
  return {
    view,
    missingFrom,
    role: {
      id: role.id,
      name: role.name,
      displayGroup: role.displayGroup,
      duties: role.duties,
      description: role.description,
      source: role.source,
      internal: role.internal,
      synonyms: role.synonyms,
      ipaRole: role.ipaRole,
      itssLevel: role.itssLevel,
      retired: role.retired,
    },
    retiredIn: role.retired ? retiredSince(history, view.shown.no) : null,
    requirements,
  }
}

// ---- qualifications, history, diff ------------------------------------------------------------------

export async function getQualificationsPage(context: AppLoadContext, versionNo: number | undefined) {
  const { view, content } = await loadVersion(context, versionNo)
  const groups: Array<{
    category: string
    qualifications: Array<{
      id: string
      name: string
      issuer: string
      itssLevel: number | null
      description: string
      synonyms: string[]
      retired: boolean
    }>
  }> = []
  for (const q of content.qualifications) {
    let group = groups.find((g) => g.category === q.category)
    if (!group) groups.push((group = { category: q.category, qualifications: [] }))
    group.qualifications.push({
      id: q.id,
      name: q.name,
      issuer: q.issuer,
      itssLevel: q.itssLevel,
      description: q.description,
      synonyms: q.synonyms,
      retired: q.retired,
    })
  }
  return { view, groups }
}

export async function getVersionHistory(context: AppLoadContext) {
  const versions = (await listPublicVersions(context)).map(summarize)
  return {
    versions,
    // The comparison form starts at "the previous version → the current one".
    defaultFrom: versions[1]?.no ?? versions[0]?.no ?? null,
    defaultTo: versions[0]?.no ?? null,
  }
}

const versionField = (message: string) =>
  z
    .string({ message })
    .trim()
    .min(1, { message })
    .regex(/^[0-9]{1,6}$/, { message: '版は1以上の整数で指定してください' })
    .transform(Number)
    .refine((n) => n >= 1, { message: '版は1以上の整数で指定してください' })

export const DiffParamsSchema = z
  .object({ from: versionField('比較元の版を選んでください'), to: versionField('比較先の版を選んでください') })
  .refine((p) => p.from !== p.to, { message: '異なる二つの版を選んでください', path: ['to'] })

export type VersionDiffPage =
  | { status: 'invalid'; fieldErrors: Record<string, string>; history: Awaited<ReturnType<typeof getVersionHistory>> }
  | {
      status: 'ok'
      history: Awaited<ReturnType<typeof getVersionHistory>>
      from: VersionSummary
      to: VersionSummary
      total: number
      counts: Array<{ change: ItemDiff['change']; label: string; count: number }>
      groups: Array<{
        kind: ItemKind
        kindLabel: string
        items: Array<{
          id: string
          name: string
          change: ItemDiff['change']
          changeLabel: string
          href: string
          fields: Array<{ label: string; before: string; after: string }>
        }>
      }>
    }

export type VersionDiffQuery = { from: number; to: number } | { fieldErrors: Record<string, string> }

/** `?from=N&to=M`, parsed: two different version numbers, or the Japanese message per field. */
export function parseVersionDiffQuery(searchParams: URLSearchParams): VersionDiffQuery {
  const parsed = DiffParamsSchema.safeParse({
    from: searchParams.get('from') ?? undefined,
    to: searchParams.get('to') ?? undefined,
  })
  if (parsed.success) return parsed.data
  const fieldErrors: Record<string, string> = {}
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'to')] ??= issue.message
  return { fieldErrors }
}

/** Malformed or equal versions → 'invalid' (the route answers 400); unknown ones → 404. */
export async function getVersionDiff(context: AppLoadContext, query: VersionDiffQuery): Promise<VersionDiffPage> {
  const history = await getVersionHistory(context)
  if ('fieldErrors' in query) return { status: 'invalid', fieldErrors: query.fieldErrors, history }
  const { from, to, changes } = await compareVersions(context, query.from, query.to)
  const target = (diff: ItemDiff) => (diff.change === 'removed' ? from.version_no : to.version_no)
  const currentNo = history.defaultTo
  const hrefOf = (diff: ItemDiff) => {
    const versionNo = target(diff)
    const versionParam = versionNo === currentNo ? null : versionNo
    const type = diff.kind === 'areas' ? 'area' : (diff.kind.replace(/s$/, '') as SkillCatalogueType)
    return itemHref(type, diff.id, versionParam)
  }
  const kinds: ItemKind[] = ['roles', 'skills', 'areas', 'qualifications']
  const changeOrder: Array<ItemDiff['change']> = ['added', 'removed', 'retired', 'restored', 'changed']
  return {
    status: 'ok',
    history,
    from: summarize(from),
    to: summarize(to),
    total: changes.length,
    counts: changeOrder.map((change) => ({
      change,
      label: CHANGE_LABELS[change],
      count: changes.filter((c) => c.change === change).length,
    })),
    groups: kinds
      .map((kind) => ({
        kind,
        kindLabel: KIND_LABELS[kind],
        items: changes
          .filter((c) => c.kind === kind)
          .sort((a, b) => changeOrder.indexOf(a.change) - changeOrder.indexOf(b.change))
          .map((c) => ({
            id: c.id,
            name: c.name,
            change: c.change,
            changeLabel: CHANGE_LABELS[c.change],
            href: hrefOf(c),
            fields: c.fields.map((f) => ({ label: f.label, before: f.before, after: f.after })),
          })),
      }))
      .filter((group) => group.items.length > 0),
  }
}
