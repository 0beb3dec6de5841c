// The embedded database's housekeeping: statistics and dead-row cleanup that no autovacuum does for PGlite.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../tests/db'
import type { Database } from './client'
import { analyzeDatabase, analyzeGrownTables, startEmbeddedMaintenance } from './maintenance'

let database: Database
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

const stats = async () =>
  (
    await sql<{ analyzed: Date | null; vacuumed: Date | null; reltuples: number }>`
      select coalesce(s.last_analyze, s.last_autoanalyze) as analyzed,
             coalesce(s.last_vacuum, s.last_autovacuum) as vacuumed, c.reltuples::float8 as reltuples
        from pg_stat_user_tables s join pg_class c on c.oid = s.relid
       where s.relname = 'mail_outbox'`.execute(database.db)
  ).rows[0]!

describe('embedded database maintenance', () => {
  it('collects planner statistics: the row estimate of local_government becomes its real count', async () => {
    await database.db
      .insertInto('mail_outbox')
      .values({
        to_address: 'a@example.jp',
        subject: 's',
        body_text: 'b',
        shown_body_text: 'b',
        template: 'password_reset',
      })
      .execute()
    const before = await stats()
    await analyzeDatabase(database.db)
    const after = await stats()
    expect(after.analyzed).toBeInstanceOf(Date)
    expect(after.analyzed!.getTime()).toBeGreaterThan(before.analyzed?.getTime() ?? 0)
    const { rows } = await sql<{ reltuples: number }>`
      select reltuples::float8 as reltuples from pg_class where relname = 'local_government'`.execute(database.db)
    expect(rows[0]!.reltuples).toBe(1794)
  })

  it('leaves an empty table unanalyzed, so the planner never takes it for one that stays empty', async () => {
    // Autovacuum off: on a PostgreSQL server it would otherwise race the analyses under test.
    await sql`create table maintenance_probe (id int primary key, body text not null)
              with (autovacuum_enabled = false)`.execute(database.db)
    const probe = async () =>
      (
        await sql<{ reltuples: number; relpages: number }>`
          select reltuples::float8 as reltuples, relpages from pg_class where relname = 'maintenance_probe'`.execute(
          database.db,
        )
      ).rows[0]!
    const analyzed = await analyzeDatabase(database.db)
    expect(analyzed).toContain('local_government')
    expect(analyzed).not.toContain('maintenance_probe')
    // -1: never analyzed (an analyzed empty table would read 0 and be planned as empty).
    expect((await probe()).reltuples).toBe(-1)

    await sql`insert into maintenance_probe select g, repeat('x', 200) from generate_series(1, 10) g`.execute(
      database.db,
    )
    expect(await analyzeDatabase(database.db)).toContain('maintenance_probe')
    expect(await probe()).toEqual({ reltuples: 10, relpages: 1 })

    // Grown to many times the size its statistics describe: analyzed again, and only it.
    await sql`insert into maintenance_probe select g, repeat('x', 200) from generate_series(11, 2000) g`.execute(
      database.db,
    )
    expect(await analyzeGrownTables(database.db)).toEqual(['maintenance_probe'])
    expect((await probe()).reltuples).toBe(2000)
    // Nothing has grown since: nothing to do.
    expect(await analyzeGrownTables(database.db)).toEqual([])
    await sql`drop table maintenance_probe`.execute(database.db)
  })

  it('holds its analyses while a bulk load runs, and analyzes what grew once it settles', async () => {
    await sql`create table maintenance_held (id int primary key, body text not null)
              with (autovacuum_enabled = false)`.execute(database.db)
    const reltuples = async () =>
      (
        await sql<{ reltuples: number }>`
          select reltuples::float8 as reltuples from pg_class where relname = 'maintenance_held'`.execute(database.db)
      ).rows[0]!.reltuples
    const maintenance = startEmbeddedMaintenance({
      db: database.db,
      intervalMs: 60_000,
      growthCheckMs: 20,
      log: () => {},
    })
    try {
      let finishLoad!: () => void
      maintenance.holdDuring(new Promise<void>((resolve) => (finishLoad = resolve)))
      await sql`insert into maintenance_held select g, repeat('x', 200) from generate_series(1, 2000) g`.execute(
        database.db,
      )
      // Many growth checks' worth of time: none ran while the load holds them.
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(await reltuples()).toBe(-1)
      finishLoad()
      await expect.poll(reltuples, { timeout: 10_000, interval: 50 }).toBe(2000)
    } finally {
      await maintenance.stop()
      await sql`drop table maintenance_held`.execute(database.db)
    }
  })

  it('vacuums and analyzes on its interval, and stop() waits for the run in flight', async () => {
    const maintenance = startEmbeddedMaintenance({ db: database.db, intervalMs: 50, log: () => {} })
    try {
      await expect.poll(async () => (await stats()).vacuumed, { timeout: 15_000, interval: 100 }).toBeInstanceOf(Date)
    } finally {
      await maintenance.stop()
    }
    // Requests and transactions keep working around it.
    await database.db.transaction().execute((trx) => sql`select 1`.execute(trx))
  })
})
