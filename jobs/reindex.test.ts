import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../app/services.server'
import { createTestServices } from '../tests/services'
import { enqueueSearchSync } from '../db/queries/search-outbox'
import { reindexAll, reindexEntity, renderProgressBar, type ReindexProgress } from './reindex'
import { applyIndexSettings } from '../search/indexes'
import { drainSearchOutboxOnce } from './search-worker'

let services: Services
beforeAll(async () => {
  services = await createTestServices()
})
afterAll(async () => {
  await services?.close()
})

describe('search:reindex', () => {
  it('rebuilds the index from Postgres: drift is repaired, strays removed, nothing left behind', async () => {
    const { search, database } = services
    const uid = search.indexUid('local_government')
    // Drift: one document missing, one stray, one stale.
    await search.meili.index(uid).deleteDocument('011002').waitTask()
    await search.meili
      .index(uid)
      .addDocuments([{ ...(await search.meili.index(uid).getDocument('012025')), code: '999997' }])
      .waitTask()
    await search.meili
      .index(uid)
      .updateDocuments([{ code: '013455', name: '古い名前' }])
      .waitTask()

    const progress: ReindexProgress[] = []
    const counts = await reindexAll(database.db, search, { batchSize: 500, onProgress: (p) => progress.push(p) })

    expect(counts).toEqual({ local_government: 47 + 1747, skill_catalogue: 35 + 6 + 16, profile: 0, need: 0 })
    expect((await search.meili.index(uid).getStats()).numberOfDocuments).toBe(47 + 1747)
    expect((await search.meili.index(uid).getDocument('011002')).name).toBe('札幌市')
    expect((await search.meili.index(uid).getDocument('013455')).name).toBe('森町')
    await expect(search.meili.index(uid).getDocument('999997')).rejects.toThrow()
    const { results } = await search.meili.getIndexes({ limit: 1000 })
    expect(results.map((i) => i.uid).filter((u) => u.startsWith(uid))).toEqual([uid])
    // Settings survive the swap (the rebuilt index got them before its documents).
    expect(await search.meili.index(uid).getFilterableAttributes()).toEqual(
      expect.arrayContaining(['prefecture_code', 'kind', 'active']),
    )
    const localGovernments = progress.filter((p) => p.entity === 'local_government')
    expect(localGovernments.at(-1)).toEqual({ entity: 'local_government', done: 1794, total: 1794 })
    expect(localGovernments.map((p) => p.done)).toEqual([0, 500, 1000, 1500, 1794])
    expect(progress.filter((p) => p.entity === 'skill_catalogue').at(-1)).toEqual({
      entity: 'skill_catalogue',
      done: 57,
      total: 57,
    })
    expect(progress.at(-1)).toEqual({ entity: 'need', done: 0, total: 0 })
  })

  it('keeps a change committed during the rebuild: it is synced again into the new index', async () => {
    const { search, database } = services
    const uid = search.indexUid('local_government')
    let written = false
    await reindexEntity(database.db, search, 'local_government', {
      batchSize: 1000,
      async onProgress(p) {
        if (p.done !== 1000 || written) return
        written = true
        // After the rebuild has read this row: the change reaches only the live index, soon retired.
        await database.db.transaction().execute(async (trx) => {
          await trx.updateTable('local_government').set({ name: '森町（変更）' }).where('code', '=', '013455').execute()
          await enqueueSearchSync(trx, 'local_government', ['013455'])
        })
        await drainSearchOutboxOnce({ db: database.db, search })
      },
    })
    expect(written).toBe(true)
    for (let i = 0; i < 5; i++) if ((await drainSearchOutboxOnce({ db: database.db, search })).claimed === 0) break
    expect((await search.meili.index(uid).getDocument('013455')).name).toBe('森町（変更）')
  })

  it('lets a start go on while a settings change re-indexes a large index, and the change still lands', async () => {
    const { search } = services
    const uid = search.indexUid('local_government')
    // Drift that forces the whole index to be rebuilt when the settings are applied again.
    await search.meili.index(uid).updateSearchableAttributes(['name_search']).waitTask()
    const messages: string[] = []
    await applyIndexSettings(search, ['local_government'], {
      onSlowSettings: (m) => messages.push(m),
      settingsWaitMs: 1,
    })
    expect(messages).toEqual([expect.stringContaining(`検索索引 ${uid} の設定を反映しています`)])
    // Without the option the same call waits for the change to the end.
    await applyIndexSettings(search, ['local_government'])
    expect(await search.meili.index(uid).getSearchableAttributes()).toEqual([
      'kana_key',
      'stem',
      'kana_full_key',
      'name_search',
      'prefecture_name',
    ])
  })

  it('draws a progress bar', () => {
    expect(renderProgressBar({ entity: 'local_government', done: 897, total: 1794 }, 10)).toBe(
      '[█████░░░░░]  50% local_government 897/1794',
    )
  })
})
