// The daily count of accelerators on a real database: the row of the Japan-time day, counted from the appointments
// (checked against a plain count here), one row per day however often it runs (with the current numbers), a
// published figure never overwritten, the hourly check writing only a missing day, and the CLI's input errors.
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/client'
import type { DB } from '../db/schema'
import { insertAppointmentRow, insertAppointmentRows } from '../tests/appointment-rows'
import { createTestDatabase } from '../tests/db'
import { runAcceleratorSnapshot } from './accelerator-snapshot-cli'
import { takeAcceleratorSnapshot, takeMissingAcceleratorSnapshot } from './accelerator-snapshot'

let database: Database
let db: Kysely<DB>
beforeAll(async () => {
  database = await createTestDatabase()
  db = database.db
})
afterAll(async () => {
  await database?.close()
})

async function rowsOn(on: string) {
  return db
    .selectFrom('accelerator_snapshot')
    .select(['appointed', 'bodies', 'by_prefecture', 'source', 'source_note'])
    .where('snapshot_on', '=', sql<Date>`${on}::date`)
    .execute()
}

/** The count as a person would make it: appointed rows, per prefecture. */
async function plainCount() {
  const { rows } = await sql<{ prefecture_code: string; n: number }>`
    select prefecture_code, count(*)::int as n from accelerator_appointment where status = 'appointed'
    group by prefecture_code`.execute(db)
  const byPrefecture = Object.fromEntries(rows.map((r) => [r.prefecture_code, r.n]))
  return { appointed: rows.reduce((sum, r) => sum + r.n, 0), bodies: rows.length, byPrefecture }
}

describe('takeAcceleratorSnapshot', () => {
  beforeAll(async () => {
    await insertAppointmentRows(db, 3, { prefectureCode: '34' })
    await insertAppointmentRows(db, 2, { prefectureCode: '01' })
    // Not accelerators now: under review, returned, ended, revoked.
    await insertAppointmentRow(db, { prefectureCode: '34', status: 'nominated' })
    await insertAppointmentRow(db, { prefectureCode: '13', status: 'returned' })
    await insertAppointmentRow(db, { prefectureCode: '13', status: 'ended' })
    await insertAppointmentRow(db, { prefectureCode: '13', status: 'revoked' })
  })

  it('writes the day’s row from the appointments: appointed now, prefectures with one, per prefecture', async () => {
    const outcome = await takeAcceleratorSnapshot(db, new Date('2026-11-20T03:00:00Z'))
    const expected = await plainCount()
    expect(expected).toEqual({ appointed: 5, bodies: 2, byPrefecture: { '34': 3, '01': 2 } })
    expect(outcome).toEqual({ status: 'written', on: '2026-11-20', ...expected })
    expect(await rowsOn('2026-11-20')).toEqual([
      { appointed: 5, bodies: 2, by_prefecture: { '34': 3, '01': 2 }, source: 'daily', source_note: '' },
    ])
  })

  it('takes the day in Japan: 16:00 UTC is already the next day', async () => {
    const outcome = await takeAcceleratorSnapshot(db, new Date('2026-11-21T16:00:00Z'))
    expect(outcome).toMatchObject({ status: 'written', on: '2026-11-22' })
    expect(await rowsOn('2026-11-21')).toEqual([])
    expect(await rowsOn('2026-11-22')).toHaveLength(1)
  })

  it('is idempotent per day: a second run leaves one row, with the numbers as they now stand', async () => {
    const { id } = await insertAppointmentRow(db, { prefectureCode: '47' })
    try {
      const again = await takeAcceleratorSnapshot(db, new Date('2026-11-20T14:59:00Z'))
      expect(again).toMatchObject({ status: 'written', on: '2026-11-20', appointed: 6, bodies: 3 })
      const rows = await rowsOn('2026-11-20')
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ appointed: 6, bodies: 3, by_prefecture: { '34': 3, '01': 2, '47': 1 } })
      expect(rows[0]!.by_prefecture).toEqual((await plainCount()).byPrefecture)
    } finally {
      await db.deleteFrom('accelerator_appointment').where('id', '=', id).execute()
    }
    const total = await db
      .selectFrom('accelerator_snapshot')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirst()
    // The seeded published figure, 2026-11-20 and 2026-11-22.
    expect(total?.n).toBe(3)
  })

  it('never touches a published figure on its day', async () => {
    const before = await rowsOn('2025-07-14')
    expect(before).toEqual([
      {
        appointed: 53,
        bodies: 21,
        by_prefecture: {},
        source: 'published',
        source_note: expect.stringContaining('7/14時点'),
      },
    ])
    const outcome = await takeAcceleratorSnapshot(db, new Date('2025-07-14T12:00:00+09:00'))
    expect(outcome).toEqual({ status: 'published', on: '2025-07-14' })
    expect(await rowsOn('2025-07-14')).toEqual(before)
    expect(await takeMissingAcceleratorSnapshot(db, new Date('2025-07-14T12:00:00+09:00'))).toBeNull()
    expect(await rowsOn('2025-07-14')).toEqual(before)
  })

  it('the hourly check writes a missing day only, and then leaves the day alone', async () => {
    const day = new Date('2026-11-25T00:30:00+09:00')
    const first = await takeMissingAcceleratorSnapshot(db, day)
    expect(first).toMatchObject({ status: 'written', on: '2026-11-25', appointed: 5 })
    const { id } = await insertAppointmentRow(db, { prefectureCode: '40' })
    try {
      expect(await takeMissingAcceleratorSnapshot(db, new Date('2026-11-25T23:30:00+09:00'))).toBeNull()
      expect(await rowsOn('2026-11-25')).toMatchObject([{ appointed: 5, bodies: 2 }])
    } finally {
      await db.deleteFrom('accelerator_appointment').where('id', '=', id).execute()
    }
  })

  it('a day without any accelerator is recorded as zero', async () => {
    const appointed = await db
      .selectFrom('accelerator_appointment')
      .select('id')
      .where('status', '=', 'appointed')
      .execute()
    expect(appointed).toHaveLength(5)
    await db
      .updateTable('accelerator_appointment')
      .set({ status: 'ended', ended_on: '2026-11-30', end_reason: 'term_end' })
      .where('status', '=', 'appointed')
      .execute()
    expect(await takeAcceleratorSnapshot(db, new Date('2026-11-30T12:00:00+09:00'))).toEqual({
      status: 'written',
      on: '2026-11-30',
      appointed: 0,
      bodies: 0,
      byPrefecture: {},
    })
  })
})

describe('npm run jobs:snapshot', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' }
    return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } }
  }

  it('refuses a malformed date or option, and runs only against a PostgreSQL server (exit code 2)', async () => {
    for (const argv of [
      ['--date', '2026-02-30'],
      ['--date', 'tomorrow'],
      ['--when', 'x'],
    ]) {
      const { out, io: streams } = io()
      expect(await runAcceleratorSnapshot(argv, streams, { DATABASE_URL: 'postgres://unused' })).toBe(2)
      expect(out.stdout).toBe('')
      expect(out.stderr).toContain('usage: npm run -s jobs:snapshot')
    }
    const { out, io: streams } = io()
    expect(await runAcceleratorSnapshot([], streams, { DATABASE_URL: '' })).toBe(2)
    expect(out.stderr).toContain('DATABASE_URL が必要です')
    expect(out.stdout).toBe('')
  })
})
