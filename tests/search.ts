// A search client for one test file, with an index prefix of its own so files never see each other's data.
import crypto from 'node:crypto'
import { inject } from 'vitest'
import { createSearchClient, type SearchClient } from '../search/client'

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
