// The embedded database in its own process: the same answers as in-process PGlite (types, errors,
// transactions, NOTIFY), a crash of the database process heals by itself, and the process never outlives
// the app that started it.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from './client'
import { isAlive } from './process-alive'

let dir: string
let database: Database
const db = () => database.db as unknown as Kysely<{ item: { id: number; name: string; at: Date; big: number } }>

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await Promise.resolve(check()).catch(() => undefined)
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const hostPid = async () => Number((await readFile(path.join(dir, 'pglite-host.pid'), 'utf8')).trim())

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dxp-pglite-process-'))
  database = await createDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite'), ownProcess: true })
  await sql`create table item (id int8 primary key, name text not null unique, at timestamptz not null, big int8 not null)`.execute(
    database.db,
  )
}, 60_000)

afterAll(async () => {
  await database?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('PGlite in its own process', () => {
  it('returns the same value types as in-process PGlite (int8 as number, timestamptz as Date)', async () => {
    const at = new Date('2026-11-30T12:34:56.789Z')
    const inserted = await db().insertInto('item').values({ id: 1, name: 'a', at, big: 42 }).executeTakeFirst()
    expect(inserted.numInsertedOrUpdatedRows).toBe(1n)
    const row = await db().selectFrom('item').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
    expect(row).toEqual({ id: 1, name: 'a', at, big: 42 })
    expect(row.at).toBeInstanceOf(Date)
    const updated = await db().updateTable('item').set({ big: 43 }).where('id', '=', 1).executeTakeFirst()
    expect(updated.numUpdatedRows).toBe(1n)
  })

  it('passes PostgreSQL error fields through (the app maps codes and constraints to messages)', async () => {
    const error = await db()
      .insertInto('item')
      .values({ id: 2, name: 'a', at: new Date(), big: 1 })
      .execute()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ code: '23505', constraint: 'item_name_key' })
  })

  it('maps errors through the mapQueryError option like every other backend', async () => {
    const mapped = await createDatabase(
      { kind: 'pglite', ownProcess: true },
      { mapQueryError: (error) => new Error(`mapped ${(error as { code?: string }).code}`) },
    )
    try {
      await expect(sql`select 1/0`.execute(mapped.db)).rejects.toThrow('mapped 22012')
    } finally {
      await mapped.close()
    }
  }, 60_000)

  it('keeps a transaction to itself: other statements wait, a rollback undoes it', async () => {
    const order: string[] = []
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const transaction = db()
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('item').values({ id: 3, name: 'in-trx', at: new Date(), big: 3 }).execute()
        order.push('trx wrote')
        await held
        order.push('trx ends')
        throw new Error('roll back')
      })
      .catch(() => order.push('rolled back'))
    await waitFor(() => order.includes('trx wrote'))
    const outside = db()
      .selectFrom('item')
      .select('id')
      .where('id', '=', 3)
      .execute()
      .then((rows) => {
        order.push(`outside saw ${rows.length}`)
      })
    await new Promise((resolve) => setTimeout(resolve, 100))
    release()
    await Promise.all([transaction, outside])
    expect(order).toEqual(['trx wrote', 'trx ends', 'rolled back', 'outside saw 0'])
  })

  it('sends statements outside a transaction at once: the database runs them while this process is busy', async () => {
    await sql`create table ran (n int not null, at timestamptz not null default clock_timestamp())`.execute(db())
    // Five statements asked for together, then (once their dispatch has run) this process's event loop blocked,
    // as by a long render: all five reach the database before the block, so all five have run when it ends.
    const statements = [1, 2, 3, 4, 5].map((n) => sql`insert into ran (n) values (${n})`.execute(db()))
    await new Promise((resolve) => setImmediate(resolve))
    const blockedUntil = Date.now() + 1_500
    while (Date.now() < blockedUntil) {
      // busy, like a render that does not yield
    }
    await Promise.all(statements)
    const rows = await sql<{ n: number; at: Date }>`select n, at from ran order by n`.execute(db())
    expect(rows.rows.map((row) => row.n)).toEqual([1, 2, 3, 4, 5])
    for (const row of rows.rows) expect(row.at.getTime()).toBeLessThan(blockedUntil)
  })

  it('runs a transaction after the statements sent before it, and none of them inside it', async () => {
    await sql`create table kept (n int not null)`.execute(db())
    // Sent first, still running when the transaction asks for the session: it commits on its own.
    const before = sql`insert into kept (n) select 1 from pg_sleep(0.3)`.execute(db())
    const transaction = db()
      .transaction()
      .execute(async (trx) => {
        await sql`insert into kept (n) values (2)`.execute(trx)
        throw new Error('roll back')
      })
      .catch((error: Error) => error.message)
    await expect(transaction).resolves.toBe('roll back')
    await before
    const rows = await sql<{ n: number }>`select n from kept`.execute(db())
    expect(rows.rows).toEqual([{ n: 1 }])
  })

  it('delivers NOTIFY after commit to listeners, and stops after unlisten', async () => {
    const heard: string[] = []
    const unlisten = await database.listen!('item_changed', (payload) => heard.push(payload))
    await sql`select pg_notify('item_changed', 'one')`.execute(database.db)
    await waitFor(() => heard.length === 1)
    await unlisten()
    await sql`select pg_notify('item_changed', 'two')`.execute(database.db)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(heard).toEqual(['one'])
  })

  it('restarts the database process after a crash: committed rows kept, listeners still hear', async () => {
    // A worker listens the whole time, as the search and mail workers do.
    const heard: string[] = []
    const unlisten = await database.listen!('item_changed', (payload) => heard.push(payload))
    const before = await hostPid()
    process.kill(before, 'SIGKILL')
    const row = await waitFor(async () => {
      const rows = await db().selectFrom('item').select(['id', 'name']).where('id', '=', 1).execute()
      return rows[0]
    })
    expect(row).toEqual({ id: 1, name: 'a' })
    const after = await hostPid()
    expect(after).not.toBe(before)
    expect(isAlive(after)).toBe(true)
    // Statements keep flowing (none waits on a restart that never ends), and NOTIFY reaches the listener.
    await expect(sql`select 2 as two`.execute(database.db)).resolves.toMatchObject({ rows: [{ two: 2 }] })
    await sql`select pg_notify('item_changed', 'after restart')`.execute(database.db)
    await waitFor(() => heard.includes('after restart'))
    await unlisten()
  }, 30_000)
})

describe('the database process and its app', () => {
  it('exits by itself when the app that started it is killed', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-pglite-orphan-'))
    const script = `
      import { createDatabase } from ${JSON.stringify(path.resolve('db/client.ts'))}
      await createDatabase({ kind: 'pglite', dataDir: ${JSON.stringify(path.join(dataDir, 'pglite'))}, ownProcess: true })
      console.log('ready')
      setInterval(() => {}, 1000)
    `
    const app = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      await new Promise<void>((resolve, reject) => {
        app.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve())
        app.on('exit', (code) => reject(new Error(`app exited early (${code})`)))
      })
      const pid = Number((await readFile(path.join(dataDir, 'pglite-host.pid'), 'utf8')).trim())
      expect(isAlive(pid)).toBe(true)
      app.kill('SIGKILL')
      await waitFor(() => !isAlive(pid), 15_000)
      // A new start on the same directory opens it (the old process closed the database on its way out).
      const again = await createDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite'), ownProcess: true })
      await expect(sql`select 1 as one`.execute(again.db)).resolves.toMatchObject({ rows: [{ one: 1 }] })
      await again.close()
    } finally {
      app.kill('SIGKILL')
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
