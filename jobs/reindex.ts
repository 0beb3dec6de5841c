// Rebuilds every search index from Postgres without downtime: documents go into a fresh index, which is
// then swapped with the live one (Meilisearch swapIndexes) and the old one deleted.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { SearchClient } from '../search/client'
import { databaseNow, enqueueSearchSync, listEnqueuedSince } from '../db/queries/search-outbox'
import { applyIndexSettings, INDEXES } from '../search/indexes'
import { SEARCH_ENTITIES, SEARCH_REGISTRY, type SearchEntity } from '../search/registry'

export interface ReindexProgress {
  entity: SearchEntity
  done: number
  total: number
}

const REBUILD_MARGIN_MS = 60_000

type ReindexOptions = { batchSize?: number; onProgress?: (p: ReindexProgress) => unknown }

/** Rebuilds every entity's index (search/registry.ts); returns how many ids each covered. */
export async function reindexAll(
  db: Kysely<DB>,
  search: SearchClient,
  options: ReindexOptions = {},
): Promise<Record<SearchEntity, number>> {
  const counts: Partial<Record<SearchEntity, number>> = {}
  for (const entity of SEARCH_ENTITIES) counts[entity] = await reindexEntity(db, search, entity, options)
  return counts as Record<SearchEntity, number>
}

/** Rebuilds one entity's index into a fresh index, then swaps it in; returns how many ids it covered. */
export async function reindexEntity(
  db: Kysely<DB>,
  search: SearchClient,
  entity: SearchEntity,
  { batchSize = 1000, onProgress }: ReindexOptions = {},
): Promise<number> {
  const entry = SEARCH_REGISTRY[entity]
  const { primaryKey, settings } = INDEXES[entity]
  const liveUid = search.indexUid(entity)
  const tempUid = `${liveUid}__rebuild`
  const wait = { timeout: 300_000, interval: 50 }

  await applyIndexSettings(search, [entity])
  await search.meili.deleteIndex(tempUid).waitTask(wait)
  await search.meili.createIndex(tempUid, { primaryKey }).waitTask(wait)
  await search.meili.index(tempUid).updateSettings(settings).waitTask(wait)

  // Changes committed while the rebuild reads Postgres go to the live index, which the swap then retires: they
  // are enqueued again once the new index is live. The margin covers a transaction that enqueued just before
  // the rebuild started but committed after its first reads.
  const since = new Date((await databaseNow(db)).getTime() - REBUILD_MARGIN_MS)
  const ids = await entry.listIds(db)
  await onProgress?.({ entity, done: 0, total: ids.length })
  for (let i = 0; i < ids.length; i += batchSize) {
    const { documents } = await entry.load(db, ids.slice(i, i + batchSize))
    const task = await search.meili.index(tempUid).addDocuments(documents, { primaryKey }).waitTask(wait)
    if (task.status !== 'succeeded')
      throw new Error(`インデックス ${tempUid} への登録に失敗しました: ${task.error?.message}`)
    await onProgress?.({ entity, done: Math.min(ids.length, i + batchSize), total: ids.length })
  }
  const swap = await search.meili.swapIndexes([{ indexes: [liveUid, tempUid], rename: false }]).waitTask(wait)
  if (swap.status !== 'succeeded') throw new Error(`インデックスの入れ替えに失敗しました: ${swap.error?.message}`)
  await search.meili.deleteIndex(tempUid).waitTask(wait)
  const changed = await listEnqueuedSince(db, entity, since)
  if (changed.length > 0) await db.transaction().execute((trx) => enqueueSearchSync(trx, entity, changed))
  return ids.length
}

/** A one-line text progress bar for terminals: `[██████░░░░] 60% local_government 1073/1788`. */
export function renderProgressBar({ entity, done, total }: ReindexProgress, width = 30): string {
  const ratio = total === 0 ? 1 : done / total
  const filled = Math.round(ratio * width)
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${entity} ${done}/${total}`
}
