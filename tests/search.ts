// A search client for one test file, with an index prefix of its own so files never see each other's data.
import crypto from 'node:crypto'
import { inject } from 'vitest'
import { createSearchClient, type SearchClient } from '../search/client'
import type { IndexName } from '../search/indexes'

export function createTestSearchClient(): SearchClient & { dropIndexes(): Promise<void> } {
  const { url, apiKey } = inject('meili')
  const indexPrefix = `t${process.env.VITEST_POOL_ID ?? '0'}_${crypto.randomBytes(4).toString('hex')}_`
  const client = createSearchClient({ url, apiKey, indexPrefix })
  return {
    ...client,
    async dropIndexes() {
      const { results } = await client.meili.getIndexes({ limit: 1000 })
      for (const index of results.filter((i) => i.uid.startsWith(indexPrefix))) {
        await client.meili.deleteIndex(index.uid).waitTask()
      }
    },
  }
}

/**
 * How long, since `since`, Meilisearch itself had a task of the index in hand (queued or processing).
 * Freshness tests subtract it to bound what our sync adds, which holds on a loaded machine as well.
 */
export async function meiliBusyMsSince(client: SearchClient, indexName: IndexName, since: Date): Promise<number> {
  const { results } = await client.meili.tasks.getTasks({
    indexUids: [client.indexUid(indexName)],
    afterFinishedAt: since.toISOString(),
  })
  return results
    .filter((task) => task.finishedAt)
    .reduce((sum, task) => {
      const from = Math.max(since.getTime(), new Date(task.enqueuedAt).getTime())
      return sum + Math.max(0, new Date(task.finishedAt!).getTime() - from)
    }, 0)
}
