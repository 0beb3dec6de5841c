// The skill-standard catalogue: reading any published or archived version, and the ministry's draft
// lifecycle (create → edit with optimistic locking → publish, or discard). Every change is audited; publishing
// feeds the search index through the outbox.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import { cacheOwnerOf, type DbExecutor } from '../../db/client'
import { listAllNeedIds } from '../../db/queries/needs'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import {
  archiveVersion,
  clearVersionContent,
  deleteVersion,
  findVersionByNo,
  findVersionByStatus,
  insertDraftVersion,
  listVersions,
  nextVersionNo,
  publishVersion,
  readVersionContent,
  touchVersion,
  updateAreaRevision,
  updateQualificationRevision,
  updateRoleRevision,
  updateSkillRevision,
  writeVersionContent,
} from '../../db/queries/skill-standard'
import {
  type AreaContent,
  type CatalogueContent,
  catalogueSearchIds,
  CatalogueContentSchema,
  type QualificationContent,
  type RoleContent,
  type SkillContent,
} from '../../db/skill-standard-content'
import type { SkillStandardStatus } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { diffCatalogues, type ItemKind } from '../utils/skill-standard-diff'
import { actorFrom, type AuditEntity, recordAudit } from './audit.server'

/** The audit log's entity for a draft item of each kind. */
const AUDIT_ENTITY_OF_KIND = {
  areas: 'skill_standard_area',
  skills: 'skill_standard_skill',
  roles: 'skill_standard_role',
  qualifications: 'skill_standard_qualification',
} as const satisfies Record<ItemKind, AuditEntity>

export const KIND_LABELS: Record<ItemKind, string> = {
  areas: '分野',
  skills: 'スキル',
  roles: '人材像',
  qualifications: '資格',
}

export function versionLabel(versionNo: number): string {
  return `第${versionNo}版`
}

function notFound(message: string): never {
  throw new Response(message, { status: 404 })
}

type VersionContent = Awaited<ReturnType<typeof readVersionContent>>

// Per database handle (tests open many databases in one process), then per version id.
const contentCache = new WeakMap<object, Map<string, Promise<VersionContent>>>()
/** Versions are few (a handful a year); the bound only keeps a pathological history from growing memory. */
const MAX_CACHED_VERSIONS = 16

/**
 * A version's content. Published and archived versions never change (edits go to a draft, and publishing
 * turns the draft into the next version), so each is read from the database once and then shared, frozen,
 * by every request: the catalogue is the largest read of the public pages (five queries, every skill's
 * text). Drafts, and reads inside a transaction, always go to the database.
 */
export function readPublicVersionContent(
  db: DbExecutor,
  version: { id: string; status: SkillStandardStatus },
): Promise<VersionContent> {
  if (version.status === 'draft' || db.isTransaction) return readVersionContent(db, version.id)
  const owner = cacheOwnerOf(db)
  let versions = contentCache.get(owner)
  if (!versions) contentCache.set(owner, (versions = new Map()))
  const cached = versions.get(version.id)
  if (cached) return cached
  const loading = readVersionContent(db, version.id).then(deepFreeze)
  loading.catch(() => versions.delete(version.id))
  if (versions.size >= MAX_CACHED_VERSIONS) versions.delete(versions.keys().next().value!)
  versions.set(version.id, loading)
  return loading
}

type VersionRow = NonNullable<Awaited<ReturnType<typeof findVersionByStatus>>>

// Which version is current changes only when a draft is published. Nearly every page asks, so the answer is
// kept per database handle for CURRENT_VERSION_TTL_MS and dropped at once when this process publishes; another
// app instance on the same server database sees a publish within that time.
const CURRENT_VERSION_TTL_MS = 5_000
const currentVersionCache = new WeakMap<object, { at: number; version: Promise<VersionRow | undefined> }>()

/** The current published version (undefined before the first publish). */
export function findCurrentVersion(db: DbExecutor): Promise<VersionRow | undefined> {
  if (db.isTransaction) return findVersionByStatus(db, 'published')
  const owner = cacheOwnerOf(db)
  let cached = currentVersionCache.get(owner)
  if (!cached || Date.now() - cached.at > CURRENT_VERSION_TTL_MS) {
    const version = findVersionByStatus(db, 'published').then((row) => row && Object.freeze(row))
    version.catch(() => currentVersionCache.delete(owner))
    currentVersionCache.set(owner, (cached = { at: Date.now(), version }))
  }
  return cached.version
}

/** The current published version and its (shared, frozen) content; null before the first publish. */
export async function readCurrentCatalogue(db: DbExecutor) {
  const version = await findCurrentVersion(db)
  return version ? { version, content: await readPublicVersionContent(db, version) } : null
}

/** The current version's skills that are not retired, in catalogue order (for pickers and filters). */
export async function listCurrentSkillOptions(db: DbExecutor): Promise<Array<{ value: string; label: string }>> {
  const current = await readCurrentCatalogue(db)
  return (current?.content.skills ?? []).filter((s) => !s.retired).map((s) => ({ value: s.id, label: s.name }))
}

/** The current version's roles (人材像) a pool member can aim at: not retired, not internal, in catalogue order. */
export async function listCurrentPoolRoleOptions(db: DbExecutor): Promise<Array<{ value: string; label: string }>> {
  const current = await readCurrentCatalogue(db)
  return (current?.content.roles ?? [])
    .filter((r) => !r.retired && !r.internal)
    .map((r) => ({ value: r.id, label: r.name }))
}

/** Shared content must not be changed by one request under another: a write throws instead. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/** The current published version, or a given published/archived one (drafts are never public). */
export async function requirePublicVersion(context: AppLoadContext, versionNo?: number) {
  const { db } = context.services.database
  const version = versionNo === undefined ? await findCurrentVersion(db) : await findVersionByNo(db, versionNo)
  if (!version || version.status === 'draft')
    notFound(
      versionNo === undefined
        ? 'スキル標準はまだ公開されていません。'
        : `スキル標準の${versionLabel(versionNo)}はありません。`,
    )
  return { version, content: await readPublicVersionContent(db, version) }
}

export async function listPublicVersions(context: AppLoadContext) {
  return (await listVersions(context.services.database.db)).filter((v) => v.status !== 'draft')
}

export async function compareVersions(context: AppLoadContext, fromNo: number, toNo: number) {
  const [from, to] = await Promise.all([requirePublicVersion(context, fromNo), requirePublicVersion(context, toNo)])
  return { from: from.version, to: to.version, changes: diffCatalogues(from.content, to.content) }
}

// ---- the ministry's draft -------------------------------------------------------------------------

export async function getDraftWorkspace(context: AppLoadContext) {
  const { db } = context.services.database
  const [draft, published] = await Promise.all([findVersionByStatus(db, 'draft'), findVersionByStatus(db, 'published')])
  if (!draft) return { draft: null, published, content: null, changes: [] }
  const content = await readVersionContent(db, draft.id)
  const base = published ? await readVersionContent(db, published.id) : null
  return { draft, published, content, changes: base ? diffCatalogues(base, content) : [] }
}

/** One draft item for the editor, with its lock version; `new` gives an empty item. */
export async function getDraftItemForEdit(context: AppLoadContext, kind: ItemKind, id: string) {
  const { draft, content } = await getDraftWorkspace(context)
  if (!draft || !content) return { status: 'no-draft' as const }
  const item = id === 'new' ? null : ((content[kind] as Array<{ id: string }>).find((i) => i.id === id) ?? null)
  if (id !== 'new' && !item) notFound(`下書きに「${id}」はありません。`)
  return {
    status: 'ok' as const,
    versionLabel: versionLabel(draft.version_no),
    item: item as ItemOf<typeof kind> | null,
    lockVersion: item ? content.locks[kind][id]! : null,
    areas: content.areas.map((a) => ({ value: a.id, label: a.name })),
    skills: content.skills.map((s) => ({ id: s.id, name: s.name, areaId: s.areaId, retired: s.retired })),
  }
}

export type DraftResult = { status: 'ok'; versionNo: number } | { status: 'exists'; versionNo: number }

/** Starts a draft as a copy of the current published version. */
/** A new draft's title: the published title with its edition note (「（初版）」「（第2版）」) renumbered. */
export function draftTitle(publishedTitle: string | undefined, versionNo: number): string {
  const base = (publishedTitle ?? '自治体DX推進のための外部人材スキル標準').replace(/（(初版|第[0-9０-９]+版)）$/, '')
  return `${base}（第${versionNo}版）`
}

export async function createDraft(context: AppLoadContext, user: SessionUser): Promise<DraftResult> {
  const { db } = context.services.database
  return db.transaction().execute(async (trx): Promise<DraftResult> => {
    const existing = await findVersionByStatus(trx, 'draft')
    if (existing) return { status: 'exists', versionNo: existing.version_no }
    const published = await findVersionByStatus(trx, 'published')
    const id = crypto.randomUUID()
    const versionNo = await nextVersionNo(trx)
    await insertDraftVersion(trx, {
      id,
      versionNo,
      title: draftTitle(published?.title, versionNo),
      basedOnVersionId: published?.id ?? null,
      createdBy: user.id,
    })
    if (published) {
      const { locks: _locks, ...content } = await readVersionContent(trx, published.id)
      await writeVersionContent(trx, id, content)
    }
    await recordAudit(trx, actorFrom(context, user), {
      action: 'create',
      entity: 'skill_standard_version',
      entityId: id,
      summary: `スキル標準の${versionLabel(versionNo)}（下書き）を作成しました`,
    })
    return { status: 'ok', versionNo }
  })
}

export async function discardDraft(context: AppLoadContext, user: SessionUser): Promise<boolean> {
  const { db } = context.services.database
  return db.transaction().execute(async (trx) => {
    const draft = await findVersionByStatus(trx, 'draft')
    if (!draft) return false
    await deleteVersion(trx, draft.id)
    await recordAudit(trx, actorFrom(context, user), {
      action: 'delete',
      entity: 'skill_standard_version',
      entityId: draft.id,
      summary: `スキル標準の${versionLabel(draft.version_no)}（下書き）を破棄しました`,
    })
    return true
  })
}

export type SaveResult =
  | { status: 'ok' }
  | { status: 'no-draft' }
  | { status: 'conflict' }
  | { status: 'not-found' }
  | { status: 'field-error'; field: string; message: string }

type ItemOf<K extends ItemKind> = K extends 'skills'
  ? SkillContent
  : K extends 'roles'
    ? RoleContent
    : K extends 'areas'
      ? AreaContent
      : QualificationContent

export const CONFLICT_MESSAGE =
  'ほかの人がこの項目を先に更新しました。最新の内容を読み込み直してから、もう一度編集してください（入力内容は下に残っています）。'

/**
 * Creates (lockVersion null) or updates one item of the draft. An update carries the lock version the
 * editor loaded; if someone saved in between, nothing is overwritten and the caller gets a conflict.
 */
export async function saveDraftItem<K extends ItemKind>(
  context: AppLoadContext,
  user: SessionUser,
  kind: K,
  item: ItemOf<K>,
  lockVersion: number | null,
): Promise<SaveResult> {
  const { db } = context.services.database
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const draft = await findVersionByStatus(trx, 'draft')
    if (!draft) return { status: 'no-draft' }
    const current = await readVersionContent(trx, draft.id)
    const before = (current[kind] as Array<{ id: string }>).find((existing) => existing.id === item.id) ?? null
    const next: CatalogueContent = {
      areas: current.areas,
      skills: current.skills,
      roles: current.roles,
      qualifications: current.qualifications,
    }
    ;(next[kind] as Array<{ id: string }>) = before
      ? (current[kind] as Array<{ id: string }>).map((existing) => (existing.id === item.id ? item : existing))
      : [...(current[kind] as Array<{ id: string }>), item]
    // The whole draft must stay consistent (areas exist, required skills exist, no duplicates).
    const check = CatalogueContentSchema.safeParse(next)
    if (!check.success) {
      const issue = check.error.issues[0]!
      return { status: 'field-error', field: String(issue.path.at(-1) ?? 'id'), message: issue.message }
    }
    if (lockVersion === null) {
      if (before) return { status: 'field-error', field: 'id', message: `ID「${item.id}」はすでに使われています` }
      await writeVersionContent(trx, draft.id, { areas: [], skills: [], roles: [], qualifications: [], [kind]: [item] })
    } else {
      if (!before) return { status: 'not-found' }
      const updated =
        kind === 'skills'
          ? await updateSkillRevision(trx, draft.id, item as SkillContent, lockVersion)
          : kind === 'roles'
            ? await updateRoleRevision(trx, draft.id, item as RoleContent, lockVersion)
            : kind === 'areas'
              ? await updateAreaRevision(trx, draft.id, item as AreaContent, lockVersion)
              : await updateQualificationRevision(trx, draft.id, item as QualificationContent, lockVersion)
      if (!updated) return { status: 'conflict' }
    }
    await touchVersion(trx, draft.id)
    const verb =
      lockVersion === null
        ? '追加'
        : (item as { retired: boolean }).retired && !(before as { retired?: boolean } | null)?.retired
          ? '廃止'
          : '更新'
    await recordAudit(trx, actorFrom(context, user), {
      action: lockVersion === null ? 'create' : 'update',
      entity: AUDIT_ENTITY_OF_KIND[kind],
      entityId: item.id,
      summary: `${versionLabel(draft.version_no)}（下書き）の${KIND_LABELS[kind]}「${item.name}」を${verb}しました`,
      before: before as Record<string, unknown> | null,
      after: item as unknown as Record<string, unknown>,
    })
    return { status: 'ok' }
  })
}

export type ImportResult = { status: 'ok'; counts: Record<ItemKind, number> } | { status: 'no-draft' }

/** Replaces the draft's content with an already validated document (import). */
export async function replaceDraftContent(
  context: AppLoadContext,
  user: SessionUser,
  content: CatalogueContent,
  sourceLabel: string,
): Promise<ImportResult> {
  const { db } = context.services.database
  return db.transaction().execute(async (trx): Promise<ImportResult> => {
    const draft = await findVersionByStatus(trx, 'draft')
    if (!draft) return { status: 'no-draft' }
    await clearVersionContent(trx, draft.id)
    await writeVersionContent(trx, draft.id, content)
    await touchVersion(trx, draft.id)
    const counts = {
      areas: content.areas.length,
      skills: content.skills.length,
      roles: content.roles.length,
      qualifications: content.qualifications.length,
    }
    await recordAudit(trx, actorFrom(context, user), {
      action: 'import',
      entity: 'skill_standard_version',
      entityId: draft.id,
      summary: `${versionLabel(draft.version_no)}（下書き）に${sourceLabel}を取り込みました（スキル${counts.skills}件、人材像${counts.roles}件）`,
      after: counts,
    })
    return { status: 'ok', counts }
  })
}

export type PublishResult =
  | { status: 'ok'; versionNo: number }
  | { status: 'no-draft' }
  | { status: 'conflict' }
  | { status: 'field-error'; field: string; message: string }

/**
 * Publishes the draft: it becomes the one current version, the previous one is archived (kept, read-only).
 * The draft's lock version must match what the publisher reviewed.
 */
export async function publishDraft(
  context: AppLoadContext,
  user: SessionUser,
  { title, changeNote, lockVersion }: { title: string; changeNote: string; lockVersion: number },
): Promise<PublishResult> {
  const { db } = context.services.database
  const result = await db.transaction().execute(async (trx): Promise<PublishResult> => {
    const draft = await findVersionByStatus(trx, 'draft')
    if (!draft) return { status: 'no-draft' }
    if (draft.lock_version !== lockVersion) return { status: 'conflict' }
    const { locks: _locks, ...content } = await readVersionContent(trx, draft.id)
    const check = CatalogueContentSchema.safeParse(content)
    if (!check.success)
      return {
        status: 'field-error',
        field: 'changeNote',
        message: `下書きに不整合があります: ${check.error.issues[0]?.message}`,
      }
    const published = await findVersionByStatus(trx, 'published')
    const previous = published ? await readVersionContent(trx, published.id) : null
    if (published) await archiveVersion(trx, published.id)
    await publishVersion(trx, draft.id, { title, changeNote, publishedBy: user.id })
    // Everything in either version: new and changed items are rebuilt, removed ones leave the index.
    await enqueueSearchSync(trx, 'skill_catalogue', [
      ...new Set([...catalogueSearchIds(content), ...(previous ? catalogueSearchIds(previous) : [])]),
    ])
    // Published needs carry the catalogue's skill and role names in their search documents.
    await enqueueSearchSync(trx, 'need', await listAllNeedIds(trx))
    await recordAudit(trx, actorFrom(context, user), {
      action: 'publish',
      entity: 'skill_standard_version',
      entityId: draft.id,
      summary: `スキル標準の${versionLabel(draft.version_no)}を公開しました`,
      after: { title, change_note: changeNote, changes: previous ? diffCatalogues(previous, content).length : null },
    })
    return { status: 'ok', versionNo: draft.version_no }
  })
  if (result.status === 'ok') {
    currentVersionCache.delete(cacheOwnerOf(db))
    context.services.worker?.wake()
  }
  return result
}
