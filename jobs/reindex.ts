// Rebuilds every search index from Postgres without downtime: documents go into a fresh index, which is
// then swapped with the live one (Meilisearch swapIndexes) and the old one deleted.
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { SearchClient } from '../search/client'
import { applyIndexSettings, INDEXES, type IndexName } from '../search/indexes'
import { documentLoaderFor, SEARCH_ENTITIES } from './handlers/search-documents'

export interface ReindexProgress {
  entity: string
  done: number
  total: number
}

export async function reindexAll(
  db: Kysely<DB>,
  search: SearchClient,
  { batchSize = 1000, onProgress }: { batchSize?: number; onProgress?: (p: ReindexProgress) => void } = {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const entity of SEARCH_ENTITIES) {
    const loader = documentLoaderFor(entity)
    if (!loader) continue
    const live: IndexName = loader.index
    const liveUid = search.indexUid(live)
    const tempUid = `${liveUid}__rebuild`
    const wait = { timeout: 300_000, interval: 50 }

    await applyIndexSettings(search, [live])
    await search.meili.deleteIndex(tempUid).waitTask(wait)
    await search.meili.createIndex(tempUid, { primaryKey: INDEXES[live].primaryKey }).waitTask(wait)
    await search.meili.index(tempUid).updateSettings(INDEXES[live].settings).waitTask(wait)

    const ids = await loader.listIds(db)
    onProgress?.({ entity, done: 0, total: ids.length })
    for (let i = 0; i < ids.length; i += batchSize) {
      const { documents } = await loader.load(db, ids.slice(i, i + batchSize))
      const task = await search.meili
        .index(tempUid)
        .addDocuments(documents, { primaryKey: INDEXES[live].primaryKey })
        .waitTask(wait)
      if (task.status !== 'succeeded')
        throw new Error(`インデックス ${tempUid} への登録に失敗しました: ${task.error?.message}`)
      onProgress?.({ entity, done: Math.min(ids.length, i + batchSize), total: ids.length })
    }
    const swap = await search.meili.swapIndexes([{ indexes: [liveUid, tempUid], rename: false }]).waitTask(wait)
    if (swap.status !== 'succeeded') throw new Error(`インデックスの入れ替えに失敗しました: ${swap.error?.message}`)
    await search.meili.deleteIndex(tempUid).waitTask(wait)
    counts[entity] = ids.length
  }
  return counts
}

/** A one-line text progress bar for terminals: `[██████░░░░] 60% local_government 1073/1788`. */
export function renderProgressBar({ entity, done, total }: ReindexProgress, width = 30): string {
  const ratio = total === 0 ? 1 : done / total
  const filled = Math.round(ratio * width)
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${entity} ${done}/${total}`
}
