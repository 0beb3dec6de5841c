import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import type { Database } from '../client'
import {
  claimSearchOutbox,
  confirmSearchOutbox,
  enqueueSearchSync,
  failSearchOutbox,
  getSearchOutboxBacklog,
  releaseSearchOutbox,
  retryFailedSearchSync,
} from './search-outbox'

let database: Database
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})
beforeEach(async () => {
  await database.db.deleteFrom('search_outbox').execute()
})

const claimOptions = { limit: 100, maxAttempts: 3, leaseSeconds: 60 }

describe('search outbox', () => {
  it('commits with the domain write and vanishes with its rollback', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.updateTable('local_government').set({ name: '試験' }).where('code', '=', '011002').execute()
        await enqueueSearchSync(trx, 'local_government', ['011002'])
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    expect(await database.db.selectFrom('search_outbox').select('id').execute()).toEqual([])

    await database.db.transaction().execute((trx) => enqueueSearchSync(trx, 'local_government', ['011002', '011002']))
    const rows = await database.db.selectFrom('search_outbox').select(['entity', 'entity_id']).execute()
    expect(rows).toEqual([{ entity: 'local_government', entity_id: '011002' }])
  })

  it('claims pending rows once, with a lease, and confirms them', async () => {
    await enqueueSearchSync(database.db, 'local_government', ['011002', '012025'])
    const first = await claimSearchOutbox(database.db, claimOptions)
    expect(first.map((r) => r.entity_id).sort()).toEqual(['011002', '012025'])
    // Leased rows are not handed out again.
    expect(await claimSearchOutbox(database.db, claimOptions)).toEqual([])
    expect(await confirmSearchOutbox(database.db, first)).toBe(2)
    expect((await getSearchOutboxBacklog(database.db, 3)).pending).toBe(0)
  })

  it('does not confirm a row that was written again after it was claimed, and hands the newer write out at once', async () => {
    await enqueueSearchSync(database.db, 'local_government', ['011002', '012025'])
    const claimed = await claimSearchOutbox(database.db, claimOptions)
    expect(claimed).toHaveLength(2)
    // A newer write lands while the worker holds the row: it is not handed to a second worker meanwhile.
    await database.db.transaction().execute((trx) => enqueueSearchSync(trx, 'local_government', ['011002']))
    expect(await claimSearchOutbox(database.db, claimOptions)).toEqual([])

    expect(await confirmSearchOutbox(database.db, claimed)).toBe(1)
    expect(await getSearchOutboxBacklog(database.db, 3)).toMatchObject({ pending: 1, failed: 0 })
    // Claimable right after the older generation's confirm, not once the 60 s lease has run out.
    const next = await claimSearchOutbox(database.db, claimOptions)
    expect(next).toEqual([
      expect.objectContaining({
        entity_id: '011002',
        generation: claimed.find((r) => r.entity_id === '011002')!.generation + 1,
      }),
    ])
    expect(await confirmSearchOutbox(database.db, next)).toBe(1)
    expect(await getSearchOutboxBacklog(database.db, 3)).toMatchObject({ pending: 0, oldestPendingAt: null })
  })

  it('does not count a failure against a newer write, which is due at once', async () => {
    await enqueueSearchSync(database.db, 'local_government', ['011002', '012025'])
    const claimed = await claimSearchOutbox(database.db, claimOptions)
    await enqueueSearchSync(database.db, 'local_government', ['011002'])
    await failSearchOutbox(database.db, claimed, 'boom')

    const rows = await database.db
      .selectFrom('search_outbox')
      .select(['entity_id', 'attempts', 'last_error', 'locked_until'])
      .orderBy('entity_id')
      .execute()
    expect(rows).toEqual([
      { entity_id: '011002', attempts: 0, last_error: null, locked_until: null },
      { entity_id: '012025', attempts: 1, last_error: 'boom', locked_until: null },
    ])
    expect((await claimSearchOutbox(database.db, claimOptions)).map((r) => r.entity_id)).toEqual(['011002'])
  })

  it('reports the backlog with its age by the database clock, and the rows retrying', async () => {
    await enqueueSearchSync(database.db, 'local_government', ['011002', '012025'])
    await database.db
      .updateTable('search_outbox')
      .set({ enqueued_at: sql`clock_timestamp() - interval '7 seconds'` })
      .where('entity_id', '=', '011002')
      .execute()
    const claimed = await claimSearchOutbox(database.db, claimOptions)
    await failSearchOutbox(
      database.db,
      claimed.filter((r) => r.entity_id === '012025'),
      'boom',
    )
    const backlog = await getSearchOutboxBacklog(database.db, 3)
    expect(backlog).toMatchObject({ pending: 2, retrying: 1, failed: 0 })
    expect(backlog.oldestPendingAgeMs).toBeGreaterThanOrEqual(7000)
    expect(backlog.oldestPendingAgeMs).toBeLessThan(60_000)
  })

  it('hands an expired lease out again (a crashed worker loses nothing)', async () => {
    await enqueueSearchSync(database.db, 'local_government', ['011002'])
    await claimSearchOutbox(database.db, claimOptions)
    await database.db
      .updateTable('search_outbox')
      .set({ locked_until: sql`now() - interval '1 second'` })
      .execute()
    expect((await claimSearchOutbox(database.db, claimOptions)).map((r) => r.entity_id)).toEqual(['011002'])
  })

  it('counts failures with backoff and stops retrying at the limit, while release keeps attempts', async () => {
    await enqueueSearchSync(database.db, 'local_government', ['011002'])
    let claimed = await claimSearchOutbox(database.db, claimOptions)
    await releaseSearchOutbox(database.db, claimed)
    claimed = await claimSearchOutbox(database.db, claimOptions)
    expect(claimed[0]?.attempts).toBe(0)

    for (let i = 0; i < 3; i++) {
      await failSearchOutbox(database.db, claimed, 'boom')
      const row = await database.db
        .selectFrom('search_outbox')
        .select(['attempts', 'next_attempt_at', 'last_error'])
        .executeTakeFirstOrThrow()
      expect(row.attempts).toBe(i + 1)
      expect(row.last_error).toBe('boom')
      expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now())
      await database.db
        .updateTable('search_outbox')
        .set({ next_attempt_at: sql`now() - interval '1 second'` })
        .execute()
      claimed = await claimSearchOutbox(database.db, claimOptions)
    }
    expect(claimed).toEqual([]) // attempts reached maxAttempts
    expect(await getSearchOutboxBacklog(database.db, 3)).toMatchObject({ pending: 0, failed: 1 })

    // A restart gives dead-lettered rows one more round (a deploy may have fixed the cause).
    expect(await retryFailedSearchSync(database.db, 3)).toBe(1)
    expect(await getSearchOutboxBacklog(database.db, 3)).toMatchObject({ pending: 1, failed: 0 })

    // A new write gives the row a fresh start.
    await enqueueSearchSync(database.db, 'local_government', ['011002'])
    expect(await getSearchOutboxBacklog(database.db, 3)).toMatchObject({ pending: 1, failed: 0 })
  })
})
