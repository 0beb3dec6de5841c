// The ministry admin's search page: index counts and backlog, and a rebuild of every index that runs in the
// background (one at a time), is audited, and leaves every index whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSearchRebuild, waitForSearchRebuild } from '../../app/models/search-admin.server'
import * as route from '../../app/routes/admin.search/route'
import type { Services } from '../../app/services.server'
import { loginAs } from '../factories'
import { createTestServices, createUnreachableSearchClient, routeArgs } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices()
})
afterAll(async () => {
  await services?.close()
})

describe('search administration', () => {
  it('shows each index with its documents, and rebuilds them all in the background, audited', async () => {
    const { user, cookie } = await loginAs(services, { role: 'ministry_admin' })
    const before = await route.loader(routeArgs(services, '/admin/search', { cookie }))
    expect(before.indexes.find((i) => i.entity === 'local_government')).toMatchObject({ documents: 1794 })
    expect(before.rebuild).toBeNull()

    const response = (await route.action(routeArgs(services, '/admin/search', { cookie, form: {} }))) as Response
    expect(response.status).toBe(302)
    // A second start while the first runs is refused.
    expect(await startSearchRebuild(routeArgs(services, '/').context, user)).toEqual({ status: 'running' })
    await waitForSearchRebuild(routeArgs(services, '/').context)

    const after = await route.loader(routeArgs(services, '/admin/search', { cookie }))
    expect(after.rebuild).toMatchObject({ running: false, error: null, counts: { local_government: 1794 } })
    expect(after.indexes.find((i) => i.entity === 'local_government')).toMatchObject({ documents: 1794 })
    const audit = await services.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'actor_user_id'])
      .where('entity', '=', 'search_index')
      .execute()
    expect(audit).toEqual([{ action: 'rebuild', entity: 'search_index', actor_user_id: user.id }])
  })

  it('says when the search server cannot be reached', async () => {
    const { cookie } = await loginAs(services, { role: 'ministry_admin' })
    const down = { ...services, search: createUnreachableSearchClient() }
    const page = await route.loader(routeArgs(down, '/admin/search', { cookie }))
    expect(page.searchReachable).toBe(false)
    expect(page.indexes.every((i) => i.documents === null)).toBe(true)
  })
})
