// One loader per outbox entity: rebuild the search documents of the given ids from Postgres (the truth).
// An id that no longer exists (or must not be searchable) comes back in `deleteIds`.
import type { DbExecutor } from '../../db/client'
import {
  listAllLocalGovernmentCodes,
  listLocalGovernmentsByCodes,
  listPrefectures,
} from '../../db/queries/local-government'
import { findVersionByStatus, readVersionContent } from '../../db/queries/skill-standard'
import { catalogueSearchIds } from '../../db/skill-standard-content'
import { buildLocalGovernmentDocument } from '../../search/documents/local-government'
import { buildSkillCatalogueDocuments, catalogueDocumentKey } from '../../search/documents/skill-catalogue'
import { listAllProfileIds, listProfilesForIndex } from '../../db/queries/profile-index'
import { buildProfileDocument } from '../../search/documents/profile'
import { listAllNeedIds, listNeedsForIndex } from '../../db/queries/needs'
import { buildNeedDocument, type CatalogueNames } from '../../search/documents/need'
import type { IndexName } from '../../search/indexes'

export interface RebuiltDocuments {
  index: IndexName
  documents: Array<Record<string, unknown>>
  deleteIds: string[]
}

interface DocumentLoader {
  index: IndexName
  /** Every id that should be in the index (for a full rebuild). */
  listIds(db: DbExecutor): Promise<string[]>
  load(db: DbExecutor, ids: readonly string[]): Promise<RebuiltDocuments>
}

const loaders: Record<string, DocumentLoader> = {
  local_government: {
    index: 'local_government',
    listIds: listAllLocalGovernmentCodes,
    async load(db, ids) {
      const [rows, prefectures] = await Promise.all([listLocalGovernmentsByCodes(db, ids), listPrefectures(db)])
      const prefectureNames = new Map(prefectures.map((p) => [p.prefecture_code, p.name]))
      const found = new Set(rows.map((row) => row.code))
      return {
        index: 'local_government',
        documents: rows.map((row) => buildLocalGovernmentDocument(row, prefectureNames.get(row.prefecture_code) ?? '')),
        deleteIds: ids.filter((id) => !found.has(id)),
      }
    },
  },
  // Outbox ids are `skill:<id>`, `role:<id>`, `qualification:<id>`. Only the CURRENT PUBLISHED version is
  // searchable: an id in it is (re)built, retired ones included (flagged); any other id leaves the index.
  skill_catalogue: {
    index: 'skill_catalogue',
    async listIds(db) {
      const published = await findVersionByStatus(db, 'published')
      return published ? catalogueSearchIds(await readVersionContent(db, published.id)) : []
    },
    async load(db, ids) {
      const published = await findVersionByStatus(db, 'published')
      const documents = published
        ? buildSkillCatalogueDocuments(await readVersionContent(db, published.id), published.version_no)
        : []
      const wanted = new Set(ids.map(catalogueDocumentKey).filter((key) => key !== null))
      const kept = documents.filter((doc) => wanted.has(doc.key))
      const keptKeys = new Set(kept.map((doc) => doc.key))
      return {
        index: 'skill_catalogue',
        documents: kept,
        // Malformed ids have no document to delete; they are simply confirmed.
        deleteIds: [...wanted].filter((key) => !keptKeys.has(key)),
      }
    },
  },
  // Profiles: shared with nobody → deleted from the index (buildProfileDocument returns null), so
  // withdrawing consent removes a profile from every search on the next drain.
  profile: {
    index: 'profile',
    listIds: listAllProfileIds,
    async load(db, ids) {
      const profiles = await listProfilesForIndex(db, ids)
      const documents = profiles.map(buildProfileDocument).filter((doc) => doc !== null)
      const indexed = new Set(documents.map((doc) => doc.id))
      return { index: 'profile', documents, deleteIds: ids.filter((id) => !indexed.has(id)) }
    },
  },
  // Needs: only 公開 ones are documents; any other status (or a deleted need) leaves the index.
  need: {
    index: 'need',
    listIds: listAllNeedIds,
    async load(db, ids) {
      const [needs, names] = await Promise.all([listNeedsForIndex(db, ids), catalogueNames(db)])
      const documents = needs.map((need) => buildNeedDocument(need, names)).filter((doc) => doc !== null)
      const indexed = new Set(documents.map((doc) => doc.id))
      return { index: 'need', documents, deleteIds: ids.filter((id) => !indexed.has(id)) }
    },
  },
}

export function documentLoaderFor(entity: string): DocumentLoader | undefined {
  return Object.hasOwn(loaders, entity) ? loaders[entity] : undefined
}

export const SEARCH_ENTITIES = Object.keys(loaders)

async function catalogueNames(db: DbExecutor): Promise<CatalogueNames> {
  const published = await findVersionByStatus(db, 'published')
  if (!published) return { skills: new Map(), roles: new Map() }
  const content = await readVersionContent(db, published.id)
  return {
    skills: new Map(content.skills.map((skill) => [skill.id, skill.name])),
    roles: new Map(content.roles.map((role) => [role.id, role.name])),
  }
}
