import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { SkillStandardStatus } from '../schema'
import type {
  AreaContent,
  CatalogueContent,
  QualificationContent,
  RequirementContent,
  RoleContent,
  SkillContent,
} from '../skill-standard-content'

const versionColumns = [
  'id',
  'version_no',
  'status',
  'title',
  'change_note',
  'based_on_version_id',
  'lock_version',
  'created_by',
  'created_at',
  'published_at',
  'published_by',
] as const

export async function listVersions(db: DbExecutor) {
  return db.selectFrom('skill_standard_version').select(versionColumns).orderBy('version_no', 'desc').execute()
}

export async function findVersionByStatus(db: DbExecutor, status: Extract<SkillStandardStatus, 'draft' | 'published'>) {
  return db.selectFrom('skill_standard_version').select(versionColumns).where('status', '=', status).executeTakeFirst()
}

export async function findVersionByNo(db: DbExecutor, versionNo: number) {
  return db
    .selectFrom('skill_standard_version')
    .select(versionColumns)
    .where('version_no', '=', versionNo)
    .executeTakeFirst()
}

export async function nextVersionNo(db: DbExecutor): Promise<number> {
  const row = await db
    .selectFrom('skill_standard_version')
    .select(sql<number>`coalesce(max(version_no), 0) + 1`.as('next'))
    .executeTakeFirstOrThrow()
  return Number(row.next)
}

export async function insertDraftVersion(
  db: DbExecutor,
  draft: { id: string; versionNo: number; title: string; basedOnVersionId: string | null; createdBy: string },
): Promise<void> {
  await db
    .insertInto('skill_standard_version')
    .values({
      id: draft.id,
      version_no: draft.versionNo,
      status: 'draft',
      title: draft.title,
      based_on_version_id: draft.basedOnVersionId,
      created_by: draft.createdBy,
    })
    .execute()
}

/** Removes a version and (by cascade) its content: only drafts are ever deleted. */
export async function deleteVersion(db: DbExecutor, versionId: string): Promise<void> {
  await db.deleteFrom('skill_standard_version').where('id', '=', versionId).execute()
}

export async function archiveVersion(db: DbExecutor, versionId: string): Promise<void> {
  await db.updateTable('skill_standard_version').set({ status: 'archived' }).where('id', '=', versionId).execute()
}

export async function publishVersion(
  db: DbExecutor,
  versionId: string,
  publication: { title: string; changeNote: string; publishedBy: string },
): Promise<void> {
  await db
    .updateTable('skill_standard_version')
    .set({
      status: 'published',
      title: publication.title,
      change_note: publication.changeNote,
      published_at: new Date(),
      published_by: publication.publishedBy,
    })
    .where('id', '=', versionId)
    .execute()
}

// One mapping from catalogue content to each revision table's columns, shared by whole-version writes and the
// locked single-item updates (a column added to one cannot be forgotten in the other).
function areaColumns(a: AreaContent) {
  return { name: a.name, description: a.description, sort_order: a.sortOrder, retired: a.retired }
}

function skillColumns(s: SkillContent) {
  return {
    area_id: s.areaId,
    name: s.name,
    description: s.description,
    level_descriptors: s.levels,
    synonyms: s.synonyms,
    source: s.source,
    ipa_skill: s.ipaSkill,
    retired: s.retired,
    sort_order: s.sortOrder,
  }
}

function roleColumns(r: RoleContent) {
  return {
    name: r.name,
    display_group: r.displayGroup,
    duties: r.duties,
    description: r.description,
    source: r.source,
    internal: r.internal,
    synonyms: r.synonyms,
    ipa_role: r.ipaRole,
    itss_level: r.itssLevel,
    retired: r.retired,
    sort_order: r.sortOrder,
  }
}

function roleRequirementRows(versionId: string, r: RoleContent) {
  return r.requirements.map((q) => ({
    version_id: versionId,
    role_id: r.id,
    skill_id: q.skillId,
    min_level: q.minLevel,
    essential: q.essential,
  }))
}

function qualificationColumns(q: QualificationContent) {
  return {
    name: q.name,
    category: q.category,
    issuer: q.issuer,
    description: q.description,
    itss_level: q.itssLevel,
    synonyms: q.synonyms,
    retired: q.retired,
    sort_order: q.sortOrder,
  }
}

/** Writes a whole version's content (new ids join the registries). */
export async function writeVersionContent(db: DbExecutor, versionId: string, content: CatalogueContent): Promise<void> {
  const register = async (table: 'skill_area' | 'skill' | 'standard_role' | 'qualification', ids: string[]) => {
    if (ids.length === 0) return
    await db
      .insertInto(table)
      .values(ids.map((id) => ({ id })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
  }
  await register(
    'skill_area',
    content.areas.map((a) => a.id),
  )
  await register(
    'skill',
    content.skills.map((s) => s.id),
  )
  await register(
    'standard_role',
    content.roles.map((r) => r.id),
  )
  await register(
    'qualification',
    content.qualifications.map((q) => q.id),
  )

  if (content.areas.length > 0) {
    await db
      .insertInto('skill_area_revision')
      .values(content.areas.map((a) => ({ version_id: versionId, area_id: a.id, ...areaColumns(a) })))
      .execute()
  }
  if (content.skills.length > 0) {
    await db
      .insertInto('skill_revision')
      .values(content.skills.map((s) => ({ version_id: versionId, skill_id: s.id, ...skillColumns(s) })))
      .execute()
  }
  if (content.roles.length > 0) {
    await db
      .insertInto('role_revision')
      .values(content.roles.map((r) => ({ version_id: versionId, role_id: r.id, ...roleColumns(r) })))
      .execute()
    const requirements = content.roles.flatMap((r) => roleRequirementRows(versionId, r))
    if (requirements.length > 0) await db.insertInto('role_requirement').values(requirements).execute()
  }
  if (content.qualifications.length > 0) {
    await db
      .insertInto('qualification_revision')
      .values(
        content.qualifications.map((q) => ({
          version_id: versionId,
          qualification_id: q.id,
          ...qualificationColumns(q),
        })),
      )
      .execute()
  }
}

/** Replaces a draft's whole content (import). */
export async function clearVersionContent(db: DbExecutor, versionId: string): Promise<void> {
  await db.deleteFrom('role_requirement').where('version_id', '=', versionId).execute()
  await db.deleteFrom('role_revision').where('version_id', '=', versionId).execute()
  await db.deleteFrom('skill_revision').where('version_id', '=', versionId).execute()
  await db.deleteFrom('skill_area_revision').where('version_id', '=', versionId).execute()
  await db.deleteFrom('qualification_revision').where('version_id', '=', versionId).execute()
}

export interface LockVersions {
  areas: Record<string, number>
  skills: Record<string, number>
  roles: Record<string, number>
  qualifications: Record<string, number>
}

/** A version's content as the document shape, in display order, with each item's lock version. */
export async function readVersionContent(
  db: DbExecutor,
  versionId: string,
): Promise<CatalogueContent & { locks: LockVersions }> {
  const [areas, skills, roles, requirements, qualifications] = await Promise.all([
    db
      .selectFrom('skill_area_revision')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy('sort_order')
      .orderBy('area_id')
      .execute(),
    db
      .selectFrom('skill_revision')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy('sort_order')
      .orderBy('skill_id')
      .execute(),
    db
      .selectFrom('role_revision')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy('sort_order')
      .orderBy('role_id')
      .execute(),
    db
      .selectFrom('role_requirement')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy('role_id')
      .orderBy('min_level', 'desc')
      .orderBy('skill_id')
      .execute(),
    db
      .selectFrom('qualification_revision')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy('sort_order')
      .orderBy('qualification_id')
      .execute(),
  ])
  const requirementsOf = (roleId: string): RequirementContent[] =>
    requirements
      .filter((r) => r.role_id === roleId)
      .sort((a, b) => Number(b.essential) - Number(a.essential))
      .map((r) => ({ skillId: r.skill_id, minLevel: r.min_level, essential: r.essential }))
  return {
    areas: areas.map((a): AreaContent => ({
      id: a.area_id,
      name: a.name,
      description: a.description,
      sortOrder: a.sort_order,
      retired: a.retired,
    })),
    skills: skills.map((s): SkillContent => ({
      id: s.skill_id,
      areaId: s.area_id,
      name: s.name,
      description: s.description,
      levels: s.level_descriptors as [string, string, string, string],
      synonyms: s.synonyms,
      source: s.source,
      ipaSkill: s.ipa_skill,
      retired: s.retired,
      sortOrder: s.sort_order,
    })),
    roles: roles.map((r): RoleContent => ({
      id: r.role_id,
      name: r.name,
      displayGroup: r.display_group,
      duties: r.duties,
      description: r.description,
      source: r.source,
      internal: r.internal,
      synonyms: r.synonyms,
      ipaRole: r.ipa_role,
      itssLevel: r.itss_level,
      retired: r.retired,
      sortOrder: r.sort_order,
      requirements: requirementsOf(r.role_id),
    })),
    qualifications: qualifications.map((q): QualificationContent => ({
      id: q.qualification_id,
      name: q.name,
      category: q.category,
      issuer: q.issuer,
      description: q.description,
      itssLevel: q.itss_level,
      synonyms: q.synonyms,
      retired: q.retired,
      sortOrder: q.sort_order,
    })),
    locks: {
      areas: Object.fromEntries(areas.map((a) => [a.area_id, a.lock_version])),
      skills: Object.fromEntries(skills.map((s) => [s.skill_id, s.lock_version])),
      roles: Object.fromEntries(roles.map((r) => [r.role_id, r.lock_version])),
      qualifications: Object.fromEntries(qualifications.map((q) => [q.qualification_id, q.lock_version])),
    },
  }
}

/** Bumps the draft's own lock (any edit) — publish compares it with what the publisher saw. */
export async function touchVersion(db: DbExecutor, versionId: string): Promise<void> {
  await db
    .updateTable('skill_standard_version')
    .set({ lock_version: sql`lock_version + 1` })
    .where('id', '=', versionId)
    .execute()
}

/**
 * The newest non-draft revision of each skill id: how profiles and needs show a skill, even one retired
 * or missing from the current version.
 */
export async function resolveSkills(db: DbExecutor, skillIds: readonly string[]) {
  if (skillIds.length === 0) return []
  return db
    .selectFrom('skill_revision')
    .innerJoin('skill_standard_version', 'skill_standard_version.id', 'skill_revision.version_id')
    .distinctOn('skill_revision.skill_id')
    .select([
      'skill_revision.skill_id',
      'skill_revision.name',
      'skill_revision.retired',
      'skill_standard_version.version_no',
      'skill_standard_version.status',
    ])
    .where('skill_revision.skill_id', 'in', skillIds)
    .where('skill_standard_version.status', '!=', 'draft')
    .orderBy('skill_revision.skill_id')
    .orderBy('skill_standard_version.version_no', 'desc')
    .execute()
}

/**
 * Locked single-item updates of a draft: each succeeds only while the row still has the lock version the
 * editor loaded (optimistic locking), and bumps it. They return false on a conflict (or a missing row).
 */
export async function updateSkillRevision(
  db: DbExecutor,
  versionId: string,
  item: SkillContent,
  lockVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('skill_revision')
    .set({ ...skillColumns(item), lock_version: sql`lock_version + 1` })
    .where('version_id', '=', versionId)
    .where('skill_id', '=', item.id)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function updateRoleRevision(
  db: DbExecutor,
  versionId: string,
  item: RoleContent,
  lockVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('role_revision')
    .set({ ...roleColumns(item), lock_version: sql`lock_version + 1` })
    .where('version_id', '=', versionId)
    .where('role_id', '=', item.id)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  await db.deleteFrom('role_requirement').where('version_id', '=', versionId).where('role_id', '=', item.id).execute()
  if (item.requirements.length > 0) {
    await db.insertInto('role_requirement').values(roleRequirementRows(versionId, item)).execute()
  }
  return true
}

export async function updateAreaRevision(
  db: DbExecutor,
  versionId: string,
  item: AreaContent,
  lockVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('skill_area_revision')
    .set({ ...areaColumns(item), lock_version: sql`lock_version + 1` })
    .where('version_id', '=', versionId)
    .where('area_id', '=', item.id)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function updateQualificationRevision(
  db: DbExecutor,
  versionId: string,
  item: QualificationContent,
  lockVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('qualification_revision')
    .set({ ...qualificationColumns(item), lock_version: sql`lock_version + 1` })
    .where('version_id', '=', versionId)
    .where('qualification_id', '=', item.id)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
