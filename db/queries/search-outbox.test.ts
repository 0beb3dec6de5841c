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

  it('does not confirm a row that was written again after it was claimed', async () => {
    await enqueueSearchSync(database.db, 'local_government', ['011002'])
    const claimed = await claimSearchOutbox(database.db, claimOptions)
    await enqueueSearchSync(database.db, 'local_government', ['011002']) // a newer write lands meanwhile
    expect(await confirmSearchOutbox(database.db, claimed)).toBe(0)
    const backlog = await getSearchOutboxBacklog(database.db, 3)
    expect(backlog.pending).toBe(1)
  })

  it('hands an expired lease out again (a crashed worker loses nothing)', async () => {
    await enqueueSearchSync(database.db, 'local_government', ['011002'])
    await claimSearchOutbox(database.db, claimOptions)
    await database.db.updateTable('search_outbox').set({ locked_until: sql`now() - interval '1 second'` }).execute()
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
      const row = await database.db.selectFrom('search_outbox').select(['attempts', 'next_attempt_at', 'last_error']).executeTakeFirstOrThrow()
      expect(row.attempts).toBe(i + 1)
      expect(row.last_error).toBe('boom')
      expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now())
      await database.db.updateTable('search_outbox').set({ next_attempt_at: sql`now() - interval '1 second'` }).execute()
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
