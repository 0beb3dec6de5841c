import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/client'
import { createTestDatabase } from '../tests/db'
import { NORTHERN_TERRITORIES_CODES, seedLocalGovernments } from './local-governments'
import { seedMasterData } from './index'

let database: Database
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

describe('master data: local governments', () => {
  it('holds 47 prefectures and 1,741 active 市区町村, with the six 北方領土 villages inactive', async () => {
    const rows = await database.db
      .selectFrom('local_government')
      .select(['kind', 'active', database.db.fn.countAll<number>().as('count')])
      .groupBy(['kind', 'active'])
      .execute()
    const count = (kind: string, active = true) =>
      rows.filter((r) => r.kind === kind && r.active === active).reduce((n, r) => n + Number(r.count), 0)
    expect(count('prefecture')).toBe(47)
    expect(count('designated_city')).toBe(20)
    expect(count('special_ward')).toBe(23)
    expect(count('designated_city') + count('city') + count('special_ward') + count('town') + count('village')).toBe(
      1741,
    )
    expect(count('village', false)).toBe(6)
    const inactive = await database.db
      .selectFrom('local_government')
      .select('code')
      .where('active', '=', false)
      .execute()
    expect(inactive.map((r) => r.code).sort()).toEqual([...NORTHERN_TERRITORIES_CODES].sort())
  })

  it('classifies bodies correctly (spot checks across kinds)', async () => {
    const kinds = Object.fromEntries(
      (
        await database.db
          .selectFrom('local_government')
          .select(['code', 'kind', 'name', 'name_kana'])
          .where('code', 'in', ['011002', '131016', '012025', '013455', '013048', '340006', '341002'])
          .execute()
      ).map((r) => [r.code, r]),
    )
    expect(kinds['011002']).toMatchObject({ name: '札幌市', kind: 'designated_city', name_kana: 'さっぽろし' })
    expect(kinds['131016']).toMatchObject({ name: '千代田区', kind: 'special_ward' })
    expect(kinds['012025']).toMatchObject({ name: '函館市', kind: 'city' })
    expect(kinds['013455']).toMatchObject({ name: '森町', kind: 'town' })
    expect(kinds['013048']).toMatchObject({ name: '新篠津村', kind: 'village' })
    expect(kinds['340006']).toMatchObject({ name: '広島県', kind: 'prefecture' })
    expect(kinds['341002']).toMatchObject({ name: '広島市', kind: 'designated_city' })
  })

  it('does not load the wards of designated cities as bodies', async () => {
    const chuoWardOfSapporo = await database.db
      .selectFrom('local_government')
      .select('code')
      .where('code', '=', '011011')
      .execute()
    expect(chuoWardOfSapporo).toEqual([])
  })

  it('is idempotent: a second run changes nothing and enqueues nothing', async () => {
    await database.db.updateTable('search_outbox').set({ confirmed_at: new Date() }).execute()
    const report = await seedMasterData(database.db)
    expect(report.localGovernmentsChanged).toBe(0)
    const pending = await database.db
      .selectFrom('search_outbox')
      .select('id')
      .where('confirmed_at', 'is', null)
      .execute()
    expect(pending).toEqual([])
  })

  it('repairs a changed row and enqueues exactly that row for search', async () => {
    await database.db.updateTable('local_government').set({ name: '札幌' }).where('code', '=', '011002').execute()
    const changed = await database.db.transaction().execute((trx) => seedLocalGovernments(trx))
    expect(changed).toBe(1)
    const row = await database.db
      .selectFrom('local_government')
      .select('name')
      .where('code', '=', '011002')
      .executeTakeFirstOrThrow()
    expect(row.name).toBe('札幌市')
    const pending = await database.db
      .selectFrom('search_outbox')
      .select(['entity', 'entity_id'])
      .where('confirmed_at', 'is', null)
      .execute()
    expect(pending).toEqual([{ entity: 'local_government', entity_id: '011002' }])
  })
})
