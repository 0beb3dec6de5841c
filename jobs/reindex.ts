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
const MAX_QUEUED_BATCHES = 50

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
  // A pipeline: the next batch is read from Postgres while Meilisearch indexes the ones before it, and batches
  // are queued without waiting for each, so Meilisearch merges the queued ones into a few large indexing runs
  // (its autobatching) instead of one run per batch. Measured for 100,000 profiles on 2 cores, the whole
  // rebuild: a batch at a time 141 s, this pipeline with the profile index's proximity by field (indexes.ts)
  // 58–69 s (docs/BENCHMARKS.md). Progress counts indexed documents: a batch is reported once its task has
  // succeeded.
  const batches = Array.from({ length: Math.ceil(ids.length / batchSize) }, (_, n) =>
    ids.slice(n * batchSize, (n + 1) * batchSize),
  )
  const queued: Array<{ taskUid: number; done: number }> = []
  /** Reports the batches indexed so far, in order; `block` waits for the oldest one first. */
  const confirm = async (block: boolean) => {
    let waitForIt = block
    while (queued.length > 0) {
      const { taskUid, done } = queued[0]!
      const task = waitForIt
        ? await search.meili.tasks.waitForTask(taskUid, wait)
        : await search.meili.tasks.getTask(taskUid)
      waitForIt = false
      if (task.status === 'enqueued' || task.status === 'processing') return
      if (task.status !== 'succeeded')
        throw new Error(`インデックス ${tempUid} への登録に失敗しました: ${task.error?.message ?? task.status}`)
      queued.shift()
      await onProgress?.({ entity, done, total: ids.length })
    }
  }
  let reading = batches.length > 0 ? entry.load(db, batches[0]!) : null
  for (let n = 0; n < batches.length; n++) {
    const { documents } = await reading!
    reading = n + 1 < batches.length ? entry.load(db, batches[n + 1]!) : null
    // Awaited on the next turn; a failure meanwhile must not count as unhandled.
    reading?.catch(() => {})
    const { taskUid } = await search.meili.index(tempUid).addDocuments(documents, { primaryKey })
    queued.push({ taskUid, done: Math.min(ids.length, (n + 1) * batchSize) })
    // Bounded, so a slow Meilisearch holds at most this many batches' payloads in its queue.
    while (queued.length > MAX_QUEUED_BATCHES) await confirm(true)
    await confirm(false)
  }
  while (queued.length > 0) await confirm(true)
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
