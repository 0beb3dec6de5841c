// The outbox worker against a real Meilisearch that this file starts, stops and restarts itself.
import crypto from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/client'
import { enqueueSearchSync, getSearchOutboxBacklog } from '../db/queries/search-outbox'
import { createSearchClient, type SearchClient } from '../search/client'
import { applyIndexSettings } from '../search/indexes'
import { startMeilisearch } from '../search/meili-server'
import { createTestDatabase } from '../tests/db'
import { drainSearchOutboxOnce, isSearchOutage, startSearchWorker } from './search-worker'

let database: Database
let dataDir: string
let meili: Awaited<ReturnType<typeof startMeilisearch>>
let search: SearchClient
const masterKey = crypto.randomBytes(16).toString('hex')

async function drainUntilEmpty() {
  for (let i = 0; i < 20; i++) {
    const result = await drainSearchOutboxOnce({ db: database.db, search })
    if (result.claimed === 0) return result
  }
  throw new Error('outbox did not drain')
}

async function documentCount(): Promise<number> {
  return (await search.meili.index(search.indexUid('local_government')).getStats()).numberOfDocuments
}

beforeAll(async () => {
  database = await createTestDatabase()
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-worker-'))
  meili = await startMeilisearch({ dataDir, masterKey, port: 0 })
  search = createSearchClient({ url: meili.url, apiKey: masterKey, indexPrefix: 'worker_' })
  await applyIndexSettings(search)
})

afterAll(async () => {
  search?.close()
  await meili?.stop()
  await database?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe('search outbox worker', () => {
  it('indexes the seeded master data from Postgres and confirms every row', async () => {
    const result = await drainUntilEmpty()
    expect(result.searchUnavailable).toBe(false)
    expect(await documentCount()).toBe(47 + 1747)
    expect((await getSearchOutboxBacklog(database.db, 8)).pending).toBe(0)
  })

  it('rebuilds a changed document and deletes one whose row is gone', async () => {
    await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('local_government').set({ name_kana: 'さっぽろしてすと' }).where('code', '=', '011002').execute()
      await enqueueSearchSync(trx, 'local_government', ['011002', '999999'])
    })
    await drainUntilEmpty()
    const doc = await search.meili.index(search.indexUid('local_government')).getDocument('011002')
    expect(doc.name_kana).toBe('さっぽろしてすと')
    expect(await documentCount()).toBe(47 + 1747)
  })

  it('loses no write while Meilisearch is down, and catches up once it is back', async () => {
    const port = Number(new URL(meili.url).port)
    await meili.stop()

    // The write commits even though search is down.
    await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('local_government').set({ name_kana: 'はこだてし' }).where('code', '=', '012025').execute()
      await trx.updateTable('local_government').set({ name: '函館市（試験）' }).where('code', '=', '012025').execute()
      await enqueueSearchSync(trx, 'local_government', ['012025'])
    })
    const down = await drainSearchOutboxOnce({ db: database.db, search })
    expect(down.searchUnavailable).toBe(true)
    const backlog = await getSearchOutboxBacklog(database.db, 8)
    expect(backlog).toMatchObject({ pending: 1, failed: 0 })
    const row = await database.db.selectFrom('search_outbox').select('attempts').where('entity_id', '=', '012025').executeTakeFirstOrThrow()
    expect(row.attempts).toBe(0) // an outage is not the row's fault

    // Restart on the same data and port; the running worker loop drains the backlog by itself.
    meili = await startMeilisearch({ dataDir, masterKey, port })
    const worker = startSearchWorker({ db: database.db, search, pollMs: 50, maxIdleMs: 200 })
    try {
      await expect
        .poll(async () => (await getSearchOutboxBacklog(database.db, 8)).pending, { timeout: 20_000, interval: 100 })
        .toBe(0)
    } finally {
      await worker.stop()
    }
    const doc = await search.meili.index(search.indexUid('local_government')).getDocument('012025')
    expect(doc.name).toBe('函館市（試験）')
  })

  it('tells an outage (no answer) from Meilisearch refusing a request (an answer with an error code)', async () => {
    const refused = await search.meili.getIndex('no_such_index').catch((error: unknown) => error)
    expect(isSearchOutage(refused)).toBe(false)
    const deadClient = createSearchClient({ url: 'http://127.0.0.1:9', apiKey: 'x' })
    const noAnswer = await deadClient.meili.getIndex('anything').catch((error: unknown) => error)
    deadClient.close()
    expect(isSearchOutage(noAnswer)).toBe(true)
  })

  it('counts a rejected document as a failed attempt, not as an outage', async () => {
    await enqueueSearchSync(database.db, 'no_such_entity', ['x'])
    const result = await drainSearchOutboxOnce({ db: database.db, search })
    expect(result).toMatchObject({ failed: 1, searchUnavailable: false })
    const row = await database.db.selectFrom('search_outbox').select(['attempts', 'last_error']).where('entity', '=', 'no_such_entity').executeTakeFirstOrThrow()
    expect(row.attempts).toBe(1)
    expect(row.last_error).toContain('no_such_entity')
  })
})
