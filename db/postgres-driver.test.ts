// The pool over postgres.js when the server terminates its backends (a restart, a failover): the work in
// flight fails with a catchable error, a transaction never half-commits, the process stays up, and the next
// query gets a fresh connection. Always on a PostgreSQL server (PGlite has no backends to terminate): the one
// DATABASE_URL names, else the local one CI always has.
import crypto from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dropDatabase, quoteIdent } from '../tests/setup/postgres-admin'
import { createDatabase, type Database } from './client'
import { isConnectionLost } from './postgres-driver'

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const name = `dxp_driver_${crypto.randomBytes(4).toString('hex')}`
let admin: Database
let database: Database

beforeAll(async () => {
  admin = await createDatabase({ kind: 'postgres', url: adminUrl, max: 1 })
  try {
    await sql`select 1`.execute(admin.db)
  } catch (error) {
    throw new Error(
      'These tests need a PostgreSQL server: set DATABASE_URL, or run one at 127.0.0.1:5432 (user postgres, ' +
        `trust auth). Connecting to ${adminUrl} failed: ${String(error)}`,
    )
  }
  await sql.raw(`create database ${quoteIdent(name)}`).execute(admin.db)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  database = await createDatabase({ kind: 'postgres', url: url.toString(), max: 4 })
  await sql`create table item (id int primary key)`.execute(database.db)
})

afterAll(async () => {
  await database?.close()
  if (admin) {
    await dropDatabase(admin.db, name).catch(() => {})
    await admin.close()
  }
})

/** What a server restart does to our sessions. Select list, not WHERE: conditions run in any order. */
async function terminateBackends(): Promise<number> {
  const { rows } = await sql<{ terminated: boolean }>`
    select pg_terminate_backend(pid) as terminated from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()
  `.execute(admin.db)
  return rows.filter((row) => row.terminated).length
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  )

describe('postgres pool: terminated backends', () => {
  it('fails a transaction whose backend is terminated between statements, and commits nothing of it', async () => {
    await sql`truncate item`.execute(database.db)
    const error = await errorOf(
      database.db.transaction().execute(async (trx) => {
        await sql`insert into item values (1)`.execute(trx)
        expect(await terminateBackends()).toBeGreaterThan(0)
        await new Promise((r) => setTimeout(r, 100)) // the close reaches us before the next statement
        await sql`insert into item values (2)`.execute(trx)
      }),
    )
    expect(isConnectionLost(error)).toBe(true)
    const { rows } = await sql<{ id: number }>`select id from item`.execute(database.db)
    expect(rows).toEqual([]) // not even the second insert on a silently reconnected session
  })

  it('fails the statement running when its backend is terminated; the next query gets a fresh connection', async () => {
    const running = errorOf(sql`select pg_sleep(5)`.execute(database.db))
    await expect.poll(terminateBackends, { interval: 50 }).toBeGreaterThan(0)
    expect(isConnectionLost(await running)).toBe(true)
    const { rows } = await sql<{ answer: number }>`select 42 as answer`.execute(database.db)
    expect(rows).toEqual([{ answer: 42 }])
  })

  it('under concurrent load, terminating every backend again and again costs queries, never the process', async () => {
    let ok = 0
    let failed = 0
    let running = true
    const loops = Array.from({ length: 6 }, async (_, i) => {
      while (running) {
        try {
          if (i % 2) {
            await database.db.transaction().execute(async (trx) => {
              await sql`select 1`.execute(trx)
              await new Promise((r) => setImmediate(r))
              await sql`select pg_sleep(0.002), ${'x'.repeat(i * 400)}::text`.execute(trx)
            })
          } else {
            await sql`select ${i}::int, pg_sleep(0.001)`.execute(database.db)
          }
          ok += 1
        } catch (error) {
          if (!isConnectionLost(error)) throw error
          failed += 1
        }
      }
    })
    const until = Date.now() + 2_000
    while (Date.now() < until) {
      await terminateBackends()
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 70))
    }
    running = false
    await Promise.all(loops) // a query that never settles would time this test out
    expect(failed).toBeGreaterThan(0)
    expect(ok).toBeGreaterThan(0)
    // Array columns still parse on connections opened after the first one.
    const { rows } = await sql<{
      ids: number[]
      tags: string[]
    }>`select array[1, 2]::int4[] as ids, array['a']::text[] as tags`.execute(database.db)
    expect(rows).toEqual([{ ids: [1, 2], tags: ['a'] }])
  }, 30_000)
})
