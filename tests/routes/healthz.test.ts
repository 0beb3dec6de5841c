import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loader } from '../../app/routes/healthz'
import type { Health } from '../../app/models/health.server'
import type { Services } from '../../app/services.server'
import { createDatabase } from '../../db/client'
import { claimSearchOutbox, enqueueSearchSync, failSearchOutbox } from '../../db/queries/search-outbox'
import { createTestServices, createUnreachableSearchClient, loaderArgs } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices()
})
afterAll(async () => {
  await services?.close()
})
beforeEach(async () => {
  await services.database.db.deleteFrom('search_outbox').where('confirmed_at', 'is', null).execute()
})

async function health(target: Services = services) {
  const response = await loader(loaderArgs(target, '/healthz'))
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  return { status: response.status, body: (await response.json()) as Health }
}

/** Backdates pending rows, as if the worker had not synced them for that long. */
async function ageBacklog(seconds: number) {
  await services.database.db
    .updateTable('search_outbox')
    .set({ enqueued_at: sql`clock_timestamp() - make_interval(secs => ${seconds})` })
    .where('confirmed_at', 'is', null)
    .execute()
}

describe('/healthz', () => {
  it('reports database, search and an empty outbox backlog, each with its reason', async () => {
    const { status, body } = await health()
    expect(status).toBe(200)
    expect(body).toMatchObject({
      status: 'ok',
      reasons: [],
      database: { status: 'ok', backend: services.database.kind, reason: 'データベースは応答しています' },
      search: { status: 'ok', reason: 'Meilisearch は応答しています' },
      outbox: { pending: 0, failed: 0, status: 'ok', reason: '未同期の変更はありません' },
    })
  })

  it('stays ok while changes are within the freshness promise', async () => {
    await enqueueSearchSync(services.database.db, 'local_government', ['011002'])
    const { status, body } = await health()
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', outbox: { pending: 1, status: 'ok', reason: '1 件の変更を同期中です' } })
  })

  it('is degraded as soon as sync falls seconds behind, not minutes', async () => {
    await enqueueSearchSync(services.database.db, 'local_government', ['011002', '012025'])
    await ageBacklog(6)
    const { status, body } = await health()
    expect(status).toBe(200)
    expect(body.status).toBe('degraded')
    expect(body.outbox).toMatchObject({ pending: 2, status: 'backlog' })
    expect(body.outbox!.oldestPendingAgeMs).toBeGreaterThanOrEqual(6000)
    expect(body.outbox!.reason).toMatch(/^検索の同期が遅れています: 2 件の変更が 6 秒前から反映待ちです/)
    expect(body.reasons).toEqual([body.outbox!.reason])
  })

  it('is degraded while rows are failing, and says how many', async () => {
    await enqueueSearchSync(services.database.db, 'local_government', ['011002'])
    await failSearchOutbox(
      services.database.db,
      await claimSearchOutbox(services.database.db, { limit: 10, maxAttempts: 8, leaseSeconds: 60 }),
      'boom',
    )
    let { body } = await health()
    expect(body).toMatchObject({
      status: 'degraded',
      outbox: { retrying: 1, status: 'failing', reason: '1 件の検索同期が失敗し、再試行を待っています' },
    })

    await services.database.db
      .updateTable('search_outbox')
      .set({ attempts: services.maxOutboxAttempts })
      .where('confirmed_at', 'is', null)
      .execute()
    ;({ body } = await health())
    expect(body).toMatchObject({ status: 'degraded', outbox: { failed: 1, status: 'failing' } })
    expect(body.outbox!.reason).toMatch(/^1 件の検索同期が上限回数まで失敗して止まっています/)
  })

  it('is degraded (still 200) when Meilisearch is down, and says the backlog waits for it', async () => {
    await enqueueSearchSync(services.database.db, 'local_government', ['011002', '012025'])
    const down: Services = { ...services, search: createUnreachableSearchClient() }
    try {
      const { status, body } = await health(down)
      expect(status).toBe(200)
      expect(body).toMatchObject({
        status: 'degraded',
        search: { status: 'down' },
        outbox: { pending: 2, status: 'stalled' },
      })
      expect(body.search.reason).toMatch(/^Meilisearch に接続できないか/)
      expect(body.outbox!.reason).toMatch(/^Meilisearch に接続できないため検索の同期が止まっており、2 件の変更/)
      expect(body.reasons).toEqual([body.search.reason, body.outbox!.reason])
    } finally {
      down.search.close()
    }
  })

  it('answers 503 when the database is unreachable, with the reason', async () => {
    // Nothing listens on port 9: the connection is refused, as when the database server is down.
    const unreachable = await createDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:9/none', max: 1 })
    try {
      const { status, body } = await health({ ...services, database: unreachable })
      expect(status).toBe(503)
      expect(body).toMatchObject({
        status: 'down',
        database: { status: 'down' },
        search: { status: 'ok' },
        outbox: null,
      })
      expect(body.database.reason).toMatch(/^データベースに接続できないか/)
      expect(body.reasons).toEqual([body.database.reason])
    } finally {
      await unreachable.close()
    }
  })
})
