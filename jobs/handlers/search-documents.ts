// The search outbox's job for one entity: rebuild the documents of the claimed ids from Postgres through the
// entity's registry entry (search/registry.ts). The worker sends them to the entity's index and deletes the
// ids that have no document.
import type { DbExecutor } from '../../db/client'
import type { IndexName } from '../../search/indexes'
import { SEARCH_REGISTRY, type SearchEntity } from '../../search/registry'

export interface RebuiltDocuments {
  index: IndexName
  documents: Array<Record<string, unknown>>
  deleteIds: string[]
}

export async function rebuildSearchDocuments(
  db: DbExecutor,
  entity: SearchEntity,
  ids: readonly string[],
): Promise<RebuiltDocuments> {
  const { documents, deleteIds } = await SEARCH_REGISTRY[entity].load(db, ids)
  return { index: entity, documents, deleteIds }
}
