// Read queries of the public catalogue pages (/skills) that look across versions. Drafts never count.
import type { DbExecutor } from '../client'

export type CatalogueItemKind = 'skill' | 'role' | 'qualification'

/**
 * Every published or archived version that has the item, oldest first, with whether it was retired there:
 * how a page says 「第N版で廃止」 and finds the newest revision of an item missing from the version shown.
 */
export async function listItemVersions(
  db: DbExecutor,
  kind: CatalogueItemKind,
  id: string,
): Promise<Array<{ version_no: number; retired: boolean }>> {
  const base = db
    .selectFrom('skill_standard_version')
    .where('skill_standard_version.status', '!=', 'draft')
    .orderBy('skill_standard_version.version_no')
  if (kind === 'skill') {
    return base
      .innerJoin('skill_revision', 'skill_revision.version_id', 'skill_standard_version.id')
      .select(['skill_standard_version.version_no', 'skill_revision.retired'])
      .where('skill_revision.skill_id', '=', id)
      .execute()
  }
  if (kind === 'role') {
    return base
      .innerJoin('role_revision', 'role_revision.version_id', 'skill_standard_version.id')
      .select(['skill_standard_version.version_no', 'role_revision.retired'])
      .where('role_revision.role_id', '=', id)
      .execute()
  }
  return base
    .innerJoin('qualification_revision', 'qualification_revision.version_id', 'skill_standard_version.id')
    .select(['skill_standard_version.version_no', 'qualification_revision.retired'])
    .where('qualification_revision.qualification_id', '=', id)
    .execute()
}
