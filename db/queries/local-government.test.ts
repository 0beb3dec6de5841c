// The prefecture list is read once per database handle and then shared: no statement per page, no caller
// able to change another's list, and reads inside a transaction still see the database.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import type { Database } from '../client'
import {
  findLocalGovernment,
  findPrefecture,
  listLocalGovernmentsByCodes,
  listMunicipalitiesOfPrefecture,
  listPrefectures,
} from './local-government'

let database: Database
let statements = 0

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

/** The same database, with every statement counted. */
function counted() {
  return database.db.withPlugin({
    transformQuery: (args) => {
      statements++
      return args.node
    },
    transformResult: async (args) => args.result,
  })
}

describe('listPrefectures', () => {
  it('reads the 47 prefectures once, then answers from memory', async () => {
    const db = counted()
    statements = 0
    const first = await listPrefectures(db)
    const second = await listPrefectures(db)
    expect(first).toHaveLength(47)
    expect(first[0]).toMatchObject({ code: '010006', name: '北海道', prefecture_code: '01' })
    expect(second).toEqual(first)
    expect(statements).toBe(1)
  })

  it('gives each caller its own array of frozen rows', async () => {
    const db = counted()
    const mine = await listPrefectures(db)
    mine.reverse()
    expect((await listPrefectures(db))[0]!.name).toBe('北海道')
    expect(Object.isFrozen(mine[0])).toBe(true)
  })

  it('reads again after its time to live, and always inside a transaction', async () => {
    const db = counted()
    await listPrefectures(db)
    statements = 0
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('local_government').set({ name: '北海道（試験）' }).where('code', '=', '010006').execute()
      expect((await listPrefectures(trx))[0]!.name).toBe('北海道（試験）')
    })
    expect((await listPrefectures(db))[0]!.name).toBe('北海道')
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now() + 11 * 60_000)
      expect((await listPrefectures(db))[0]!.name).toBe('北海道（試験）')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('the other master-data reads', () => {
  it('answer from the same list read once: bodies by code, a prefecture, its municipalities', async () => {
    const db = counted()
    await listPrefectures(db)
    statements = 0
    expect((await findLocalGovernment(db, '343684'))?.name).toBe('安芸太田町')
    expect(await findLocalGovernment(db, '999999')).toBeUndefined()
    expect((await findPrefecture(db, '34'))?.name).toBe('広島県')
    expect((await listLocalGovernmentsByCodes(db, ['343684', '999999', '341002'])).map((b) => b.name)).toEqual([
      '安芸太田町',
      '広島市',
    ])
    const hiroshima = await listMunicipalitiesOfPrefecture(db, '34')
    expect(hiroshima.every((b) => b.prefecture_code === '34' && b.kind !== 'prefecture' && b.active)).toBe(true)
    expect(hiroshima.map((b) => b.code)).toEqual([...hiroshima.map((b) => b.code)].sort())
    expect(hiroshima.map((b) => b.name)).toContain('安芸太田町')
    expect(statements).toBe(0)
  })

  it('read the database inside a transaction, where a change is visible before it commits', async () => {
    const db = counted()
    await listPrefectures(db)
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('local_government').set({ active: false }).where('code', '=', '343684').execute()
        expect((await listMunicipalitiesOfPrefecture(trx, '34')).map((b) => b.code)).not.toContain('343684')
        expect((await findLocalGovernment(trx, '343684'))?.active).toBe(false)
        throw new Error('rollback')
      })
      .catch(() => undefined)
    expect((await findLocalGovernment(db, '343684'))?.active).toBe(true)
  })
})
