// One loader per outbox entity: rebuild the search documents of the given ids from Postgres (the truth).
// An id that no longer exists (or must not be searchable) comes back in `deleteIds`.
import type { DbExecutor } from '../../db/client'
import {
  listAllLocalGovernmentCodes,
  listLocalGovernmentsByCodes,
  listPrefectures,
} from '../../db/queries/local-government'
import { buildLocalGovernmentDocument } from '../../search/documents/local-government'
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
}

export function documentLoaderFor(entity: string): DocumentLoader | undefined {
  return Object.hasOwn(loaders, entity) ? loaders[entity] : undefined
}

export const SEARCH_ENTITIES = Object.keys(loaders)
