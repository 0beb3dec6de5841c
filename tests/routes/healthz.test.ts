import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import { loader } from '../../app/routes/healthz'
import type { Services } from '../../app/services.server'
import { createTestServices, createUnreachableSearchClient, loaderArgs, unwrap } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices()
})
afterAll(async () => {
  await services?.close()
})

describe('/healthz', () => {
  it('reports database, search and an empty outbox backlog', async () => {
    const { status, body } = unwrap(await loader(loaderArgs(services, '/healthz')))
    expect(status).toBe(200)
    expect(body).toMatchObject({
      status: 'ok',
      database: { status: 'ok', backend: services.database.kind },
      search: { status: 'ok' },
      outbox: { pending: 0, failed: 0, status: 'ok' },
    })
  })

  it('is degraded (still 200) when Meilisearch is down, and counts the backlog that waits for it', async () => {
    await enqueueSearchSync(services.database.db, 'local_government', ['011002', '012025'])
    const down: Services = { ...services, search: createUnreachableSearchClient() }
    const { status, body } = unwrap(await loader(loaderArgs(down, '/healthz')))
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'degraded', search: { status: 'down' }, outbox: { pending: 2 } })
    down.search.close()
  })
})
