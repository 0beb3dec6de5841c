// The searchable entities, one entry each: the document schema (documents/<entity>.ts), how the documents
// of some outbox ids are rebuilt from Postgres (the truth), and which ids a full rebuild covers. The index
// is the entity's namesake in indexes.ts. The outbox worker (jobs/handlers/search-documents.ts), the full
// rebuild (jobs/reindex.ts) and the start-up check for an empty index (app/services.server.ts) all go
// through this table, so one entry wires an entity: a name in SEARCH_ENTITIES (db/schema.ts) without an
// entry or without index settings, an entry missing a part, or a document without the index's primary key
// fails the type check.
import type { z } from 'zod'
import type { DbExecutor } from '../db/client'
import {
  listAllLocalGovernmentCodes,
  selectLocalGovernmentsByCodes,
  listPrefectures,
} from '../db/queries/local-government'
import { listAllNeedIds, listNeedsForIndex } from '../db/queries/needs'
import { listAllProfileIds, listProfilesForIndex, storeIntroductionReadings } from '../db/queries/profile-index'
import { findVersionByStatus, readVersionContent } from '../db/queries/skill-standard'
import { SEARCH_ENTITIES, type SearchEntity } from '../db/schema'
import { catalogueSearchIds } from '../db/skill-standard-content'
import {
  buildLocalGovernmentDocument,
  LocalGovernmentDocumentSchema,
  localGovernmentReading,
} from './documents/local-government'
import {
  buildNeedDocument,
  type CatalogueNames,
  NEED_READING_FIELDS,
  NeedDocumentSchema,
  type NeedForIndex,
} from './documents/need'
import { buildProfileDocument, PROFILE_READING_FIELDS, ProfileDocumentSchema } from './documents/profile'
import { addReadings } from './documents/reading-fields'
import {
  buildSkillCatalogueDocuments,
  catalogueDocumentKey,
  SKILL_CATALOGUE_READING_FIELDS,
  SkillCatalogueDocumentSchema,
} from './documents/skill-catalogue'
import type { INDEXES } from './indexes'
import { readingSourceKey } from './reading-key'
import { sharedReadingAnalyzer } from './readings'

export { SEARCH_ENTITIES, type SearchEntity }

/** A document of entity E as far as Meilisearch cares: it carries the index's primary key as a string. */
export type KeyedDocument<E extends SearchEntity> = { [K in (typeof INDEXES)[E]['primaryKey']]: string }

export interface SearchEntityDefinition<E extends SearchEntity> {
  /** One document, as search/documents/<entity>.ts defines it. */
  document: z.ZodType<KeyedDocument<E>>
  /** Every outbox id that may have a document: what a full rebuild (and the empty-index check) enqueues. */
  listIds(db: DbExecutor): Promise<string[]>
  /**
   * The documents of these outbox ids, rebuilt from Postgres. An id that has none (deleted, or not to be
   * found: a draft need, a profile shared with nobody) comes back in `deleteIds`, as its document key.
   */
  load(db: DbExecutor, ids: readonly string[]): Promise<{ documents: Array<KeyedDocument<E>>; deleteIds: string[] }>
}

export const SEARCH_REGISTRY = {
  local_government: {
    document: LocalGovernmentDocumentSchema,
    listIds: listAllLocalGovernmentCodes,
    async load(db, ids) {
      const [rows, prefectures] = await Promise.all([selectLocalGovernmentsByCodes(db, ids), listPrefectures(db)])
      const prefectureNames = new Map(prefectures.map((p) => [p.prefecture_code, p.name]))
      const found = new Set(rows.map((row) => row.code))
      return {
        documents: rows.map((row) => buildLocalGovernmentDocument(row, prefectureNames.get(row.prefecture_code) ?? '')),
        deleteIds: ids.filter((id) => !found.has(id)),
      }
    },
  },
  // Local governments carry their reading from the master data (kana_key…): no analyser involved.
  // Outbox ids are `skill:<id>`, `role:<id>`, `qualification:<id>`. Only the CURRENT PUBLISHED version is
  // searchable: an id in it is (re)built, retired ones included (flagged); any other id leaves the index.
  skill_catalogue: {
    document: SkillCatalogueDocumentSchema,
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
      // Malformed ids have no document to delete; they are simply confirmed.
      return {
        documents: await addReadings(kept, SKILL_CATALOGUE_READING_FIELDS, sharedReadingAnalyzer()),
        deleteIds: [...wanted].filter((key) => !keptKeys.has(key)),
      }
    },
  },
  // Shared with nobody → deleted from the index (buildProfileDocument returns null), so withdrawing consent
  // removes a profile from every search on the next drain.
  profile: {
    document: ProfileDocumentSchema,
    listIds: listAllProfileIds,
    async load(db, ids) {
      const profiles = await listProfilesForIndex(db, ids)
      const documents = profiles.map(buildProfileDocument).filter((doc) => doc !== null)
      const indexed = new Set(documents.map((doc) => doc.id))
      const read = await addReadings(documents, PROFILE_READING_FIELDS, sharedReadingAnalyzer())
      // Introductions read just now (none kept for this text) are kept for the next rebuild. Keeping them is
      // an extra like the readings themselves: if it fails, the documents are indexed all the same.
      const made = read.flatMap((doc, n) =>
        documents[n]!.introduction_reading === '' && doc.introduction_reading !== ''
          ? [{ profile_id: doc.id, source_key: readingSourceKey(doc.introduction), reading: doc.introduction_reading }]
          : [],
      )
      await storeIntroductionReadings(db, made).catch((error: unknown) =>
        console.error(
          `[search] 紹介文の読みを保存できませんでした: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      return { documents: read, deleteIds: ids.filter((id) => !indexed.has(id)) }
    },
  },
  // Only 公開 needs are documents; any other status (or a deleted need) leaves the index.
  need: {
    document: NeedDocumentSchema,
    listIds: listAllNeedIds,
    async load(db, ids) {
      const [needs, names] = await Promise.all([listNeedsForIndex(db, ids), catalogueNames(db)])
      const withKana = await withPlaceReadings(db, needs)
      const documents = withKana.map((need) => buildNeedDocument(need, names)).filter((doc) => doc !== null)
      const indexed = new Set(documents.map((doc) => doc.id))
      return {
        documents: await addReadings(documents, NEED_READING_FIELDS, sharedReadingAnalyzer()),
        deleteIds: ids.filter((id) => !indexed.has(id)),
      }
    },
  },
} satisfies { [E in SearchEntity]: SearchEntityDefinition<E> }

/** Narrows an outbox row's stored name; false for a name this deploy does not know. */
export function isSearchEntity(name: string): name is SearchEntity {
  return (SEARCH_ENTITIES as readonly string[]).includes(name)
}

/** The needs with the master data's readings of their prefecture and municipalities (アキオオタ アキオオタチョウ). */
async function withPlaceReadings<N extends Omit<NeedForIndex, 'prefecture_reading'>>(
  db: DbExecutor,
  needs: readonly N[],
): Promise<Array<N & Pick<NeedForIndex, 'prefecture_reading'>>> {
  if (needs.length === 0) return []
  const codes = [...new Set(needs.flatMap((need) => need.municipalities.map((m) => m.code)))]
  const [municipalities, prefectures] = await Promise.all([
    selectLocalGovernmentsByCodes(db, codes),
    listPrefectures(db),
  ])
  const readings = new Map(municipalities.map((row) => [row.code, localGovernmentReading(row)]))
  const prefectureReadings = new Map(prefectures.map((row) => [row.prefecture_code, localGovernmentReading(row)]))
  return needs.map((need) => ({
    ...need,
    prefecture_reading: prefectureReadings.get(need.prefecture_code),
    municipalities: need.municipalities.map((m) => ({ ...m, reading: readings.get(m.code) })),
  }))
}

async function catalogueNames(db: DbExecutor): Promise<CatalogueNames> {
  const published = await findVersionByStatus(db, 'published')
  if (!published) return { skills: new Map(), roles: new Map() }
  const content = await readVersionContent(db, published.id)
  return {
    skills: new Map(content.skills.map((skill) => [skill.id, skill.name])),
    roles: new Map(content.roles.map((role) => [role.id, role.name])),
  }
}
