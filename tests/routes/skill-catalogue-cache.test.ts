// Published skill-standard versions are immutable, so their content is read once per version and shared:
// the catalogue pages and the need catalogue then cost no query at all (which version is current is kept for a
// few seconds), drafts are always read fresh, and publishing a new version shows at once.
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadNeedCatalogue } from '../../app/models/need-catalogue.server'
import {
  createDraft,
  findCurrentVersion,
  publishDraft,
  readPublicVersionContent,
  saveDraftItem,
} from '../../app/models/skill-standard.server'
import * as catalogueRoute from '../../app/routes/skills._index/route'
import type { Services } from '../../app/services.server'
import { findVersionByStatus, readVersionContent } from '../../db/queries/skill-standard'
import { loginAs } from '../factories'
import { createTestServices, loaderArgs, unwrap } from '../services'

/** Counts the statements sent through a Kysely handle. */
class QueryCounter implements KyselyPlugin {
  count = 0
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++
    return args.node
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

let services: Services
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

/** The same services, with every query of the models counted. */
function counted() {
  const counter = new QueryCounter()
  const db = services.database.db.withPlugin(counter)
  return { counter, db, services: { ...services, database: { ...services.database, db } } as Services }
}

describe('a published version', () => {
  it('is read from the database once, then shared (frozen) by every caller', async () => {
    const { counter, db } = counted()
    const published = (await findVersionByStatus(db, 'published'))!
    counter.count = 0
    const first = await readPublicVersionContent(db, published)
    expect(counter.count).toBe(5)
    const second = await readPublicVersionContent(db, published)
    expect(counter.count).toBe(5)
    expect(second).toBe(first)
    expect(first).toEqual(await readVersionContent(services.database.db, published.id))
    expect(Object.isFrozen(first.skills)).toBe(true)
    expect(Object.isFrozen(first.roles[0]!.requirements)).toBe(true)
    expect(() => (first.skills as unknown[]).push({})).toThrow(TypeError)
  })

  it('makes the catalogue page cost no query once the current version and its content are known', async () => {
    const { counter, services: countedServices } = counted()
    const page = () => catalogueRoute.loader(loaderArgs(countedServices, '/skills'))
    const { status, body } = unwrap(await page())
    expect(status).toBe(200)
    expect(body.view).toMatchObject({ isPast: false, shown: { no: 1 }, current: { no: 1 } })
    counter.count = 0
    expect(unwrap(await page()).body.areas).toEqual(body.areas)
    expect(counter.count).toBe(0)
  })

  it('asks again which version is current after a few seconds (a publish by another app instance)', async () => {
    const { counter, db } = counted()
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const first = await findCurrentVersion(db)
      counter.count = 0
      expect(await findCurrentVersion(db)).toBe(first)
      expect(counter.count).toBe(0)
      vi.setSystemTime(Date.now() + 6_000)
      expect(await findCurrentVersion(db)).toEqual(first)
      expect(counter.count).toBe(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('is cached per database handle, so one process serving two databases (tests) never mixes them', async () => {
    const one = counted()
    const two = counted()
    const published = (await findVersionByStatus(services.database.db, 'published'))!
    const a = await readPublicVersionContent(one.db, published)
    const b = await readPublicVersionContent(two.db, published)
    expect([one.counter.count, two.counter.count]).toEqual([5, 5])
    expect(b).not.toBe(a)
  })
})

describe('a draft, then publishing it', () => {
  it('reads the draft fresh every time, and shows the new version as soon as it is published', async () => {
    const { user } = await loginAs(services, { role: 'ministry_staff' })
    const context = loaderArgs(services, '/').context
    const before = await loadNeedCatalogue(services.database.db)
    expect(before.versionTitle).toMatch(/^第1版 /)

    expect((await createDraft(context, user)).status).toBe('ok')
    const { counter, db } = counted()
    const draft = (await findVersionByStatus(db, 'draft'))!
    counter.count = 0
    const { locks, ...content } = await readPublicVersionContent(db, draft)
    await readPublicVersionContent(db, draft)
    expect(counter.count).toBe(10)

    const bpr = content.skills.find((s) => s.id === 'bpr')!
    const description = '業務プロセスの可視化・分析・再設計と定着（第2版）。'
    expect(await saveDraftItem(context, user, 'skills', { ...bpr, description }, locks.skills.bpr!)).toEqual({
      status: 'ok',
    })
    expect((await readPublicVersionContent(db, draft)).skills.find((s) => s.id === 'bpr')!.description).toBe(
      description,
    )

    const lockVersion = (await findVersionByStatus(services.database.db, 'draft'))!.lock_version
    expect(
      await publishDraft(context, user, { title: 'スキル標準（第2版）', changeNote: 'BPRの説明を更新。', lockVersion }),
    ).toEqual({
      status: 'ok',
      versionNo: 2,
    })
    const after = await loadNeedCatalogue(services.database.db)
    expect(after.versionTitle).toBe('第2版 スキル標準（第2版）')
    expect(after.areas.flatMap((a) => a.skills).find((s) => s.id === 'bpr')!.description).toBe(description)
    const page = unwrap(await catalogueRoute.loader(loaderArgs(services, '/skills'))).body
    expect(page.view).toMatchObject({ shown: { no: 2 }, current: { no: 2 } })
    const archived = unwrap(await catalogueRoute.loader(loaderArgs(services, '/skills?version=1'))).body
    expect(archived.view).toMatchObject({ isPast: true, shown: { no: 1 }, current: { no: 2 } })
    expect(archived.areas.flatMap((a) => a.skills).find((s) => s.id === 'bpr')!.description).toBe(bpr.description)
  })
})
