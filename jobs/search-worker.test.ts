// The outbox worker against a real Meilisearch that this file starts, stops and restarts itself.
import crypto from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Database } from '../db/client'
import { enqueueSearchSync, getSearchOutboxBacklog } from '../db/queries/search-outbox'
import { createSearchClient, type SearchClient } from '../search/client'
import { applyIndexSettings } from '../search/indexes'
import { startMeilisearch } from '../search/meili-server'
import { createTestDatabase, outboxNotificationsFor } from '../tests/db'
import { meiliBusyMsSince } from '../tests/search'
import type * as SearchDocuments from './handlers/search-documents'
import { drainSearchOutboxOnce, isSearchOutage, listenForSearchOutbox, startSearchWorker } from './search-worker'

// A hook between rebuilding documents and sending them, so a test can land a write while a sync is in flight.
const hooks = vi.hoisted(() => ({ afterLoad: undefined as undefined | (() => Promise<void>) }))
vi.mock('./handlers/search-documents', async (importOriginal) => {
  const actual = await importOriginal<typeof SearchDocuments>()
  return {
    ...actual,
    async rebuildSearchDocuments(...args: Parameters<typeof actual.rebuildSearchDocuments>) {
      const rebuilt = await actual.rebuildSearchDocuments(...args)
      await hooks.afterLoad?.()
      return rebuilt
    },
  }
})

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

/** Whether the record's outbox row still waits (other tests leave rows of their own behind). */
async function isPending(entityId: string): Promise<boolean> {
  const row = await database.db
    .selectFrom('search_outbox')
    .select('confirmed_at')
    .where('entity', '=', 'local_government')
    .where('entity_id', '=', entityId)
    .executeTakeFirst()
  return row !== undefined && row.confirmed_at === null
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
      await trx
        .updateTable('local_government')
        .set({ name_kana: 'さっぽろしてすと' })
        .where('code', '=', '011002')
        .execute()
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
    const row = await database.db
      .selectFrom('search_outbox')
      .select('attempts')
      .where('entity_id', '=', '012025')
      .executeTakeFirstOrThrow()
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
    // A name this deploy does not know (written by a newer one): enqueueSearchSync's type refuses it.
    await sql`insert into search_outbox (entity, entity_id) values ('no_such_entity', 'x')`.execute(database.db)
    const result = await drainSearchOutboxOnce({ db: database.db, search })
    expect(result).toMatchObject({ failed: 1, searchUnavailable: false })
    const row = await database.db
      .selectFrom('search_outbox')
      .select(['attempts', 'last_error'])
      .where('entity', '=', 'no_such_entity')
      .executeTakeFirstOrThrow()
    expect(row.attempts).toBe(1)
    expect(row.last_error).toContain('no_such_entity')
  })

  it('applies a write made during an in-flight sync at once, not after the lease', async () => {
    const setKana = (kana: string) =>
      database.db.transaction().execute(async (trx) => {
        await trx.updateTable('local_government').set({ name_kana: kana }).where('code', '=', '011002').execute()
        await enqueueSearchSync(trx, 'local_government', ['011002'])
      })
    await drainUntilEmpty()
    let landed = false
    hooks.afterLoad = async () => {
      if (landed) return
      landed = true
      await setKana('さっぽろしだいに') // after the first version was read, before it is confirmed
    }
    // Polls only once a minute and holds a two-minute lease: only an immediate re-run passes the bound below.
    const worker = startSearchWorker({ db: database.db, search, pollMs: 60_000, leaseSeconds: 120 })
    try {
      await setKana('さっぽろしだいいち')
      worker.wake()
      await expect.poll(() => landed, { timeout: 30_000, interval: 10 }).toBe(true)
      const landedAt = new Date()
      await expect
        .poll(
          async () => (await search.meili.index(search.indexUid('local_government')).getDocument('011002')).name_kana,
          {
            timeout: 60_000,
            interval: 20,
          },
        )
        .toBe('さっぽろしだいに')
      // What the sync itself added (Meilisearch's own time set aside): with the lease held it would be a minute.
      const elapsed = Date.now() - landedAt.getTime()
      // Bounded far below the 60 s poll and the 120 s lease, with room for a loaded CI machine.
      expect(elapsed - (await meiliBusyMsSince(search, 'local_government', landedAt))).toBeLessThan(15_000)
      await expect.poll(() => isPending('011002'), { timeout: 5000, interval: 20 }).toBe(false)
    } finally {
      hooks.afterLoad = undefined
      await worker.stop()
    }
  }, 120_000)

  it('is woken by each committed enqueue (never by a rolled-back one), without waiting for a poll', async () => {
    let notified = 0
    const unlisten = await listenForSearchOutbox(await outboxNotificationsFor(database), () => notified++)
    try {
      await expect(
        database.db.transaction().execute(async (trx) => {
          await enqueueSearchSync(trx, 'local_government', ['011002'])
          throw new Error('rollback')
        }),
      ).rejects.toThrow('rollback')
      await database.db.transaction().execute((trx) => enqueueSearchSync(trx, 'local_government', ['011002']))
      await expect.poll(() => notified, { timeout: 2000, interval: 10 }).toBe(1)
    } finally {
      await unlisten()
    }

    // The running worker, as the app starts it, picks such a write up well before its once-a-minute poll.
    const worker = startSearchWorker({
      db: database.db,
      search,
      pollMs: 60_000,
      notifications: await outboxNotificationsFor(database),
    })
    try {
      await expect.poll(() => isPending('011002'), { timeout: 60_000, interval: 20 }).toBe(false)
      // Give the listener a moment to be in place before the write it must hear.
      await new Promise((resolve) => setTimeout(resolve, 200))
      const writtenAt = new Date()
      await database.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('local_government')
          .set({ name_kana: 'さっぽろしつうち' })
          .where('code', '=', '011002')
          .execute()
        await enqueueSearchSync(trx, 'local_government', ['011002'])
      })
      await expect
        .poll(
          async () => (await search.meili.index(search.indexUid('local_government')).getDocument('011002')).name_kana,
          {
            timeout: 60_000,
            interval: 20,
          },
        )
        .toBe('さっぽろしつうち')
      const elapsed = Date.now() - writtenAt.getTime()
      expect(elapsed - (await meiliBusyMsSince(search, 'local_government', writtenAt))).toBeLessThan(15_000)
    } finally {
      await worker.stop()
    }
  }, 120_000)
})
