// The server on a PostgreSQL server, as production runs it: it survives the database dropping its
// connections (a restart, a failover, pg_terminate_backend) — the requests caught in it may fail, the process
// must not, and it answers again at once — and on SIGTERM it lets slow requests finish before it closes the
// database. Runs on the server DATABASE_URL names, else on the local one CI always has (127.0.0.1:5432).
// Here rather than in `npm test`: it starts the real server, and the result does not depend on the backend
// that run tests (CI runs `npm test` twice).
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Database } from '../../db/client'
import { dropDatabase, quoteIdent } from '../setup/postgres-admin'
import {
  freePort,
  killStartedServers,
  meilisearchProcessesFor,
  serverHasReadRequests,
  startServer,
  waitForStart,
} from './server-process'

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const databaseName = `dxp_e2e_restart_${process.pid}`
let admin: Database
let dataDir: string
let serverEnv: Record<string, string>

beforeAll(async () => {
  admin = await createDatabase({ kind: 'postgres', url: adminUrl, max: 1 })
  try {
    await sql`select 1`.execute(admin.db)
  } catch (error) {
    throw new Error(
      `This test needs a PostgreSQL server: set DATABASE_URL, or run one at 127.0.0.1:5432 (user postgres, trust auth). ` +
        `Connecting to ${adminUrl} failed: ${String(error)}`,
    )
  }
  await dropDatabase(admin.db, databaseName)
  await sql.raw(`create database ${quoteIdent(databaseName)}`).execute(admin.db)
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-on-postgres-'))
  serverEnv = { DATABASE_URL: databaseUrl(), SESSION_SECRET: 'server-on-postgres-test-secret' }
})

function databaseUrl(): string {
  const url = new URL(adminUrl)
  url.pathname = `/${databaseName}`
  return url.toString()
}

afterEach(killStartedServers)
afterAll(async () => {
  killStartedServers()
  if (admin) {
    await dropDatabase(admin.db, databaseName).catch(() => {})
    await admin.close()
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

async function terminateBackends(): Promise<number> {
  // In the select list, not the WHERE clause: the planner may evaluate conditions in any order, and would
  // then terminate this connection too.
  const { rows } = await sql<{ terminated: boolean }>`
    select pg_terminate_backend(pid) as terminated from pg_stat_activity
    where datname = ${databaseName} and pid <> pg_backend_pid()
  `.execute(admin.db)
  return rows.filter((row) => row.terminated).length
}

describe('server on PostgreSQL', () => {
  it('stays up when the database terminates its connections, and answers 200 again within seconds', async () => {
    const server = startServer(dataDir, await freePort(), serverEnv)
    await waitForStart(server)

    // Load on pages that read the database (and the worker polling its outbox), so that backends are
    // terminated mid-query and mid-transaction, not only while idle.
    const statuses: number[] = []
    let running = true
    const load = Array.from({ length: 6 }, async (_, i) => {
      const page = i % 2 ? '/local-governments/011002' : '/healthz'
      while (running) {
        const status = await fetch(`${server.baseUrl}${page}`)
          .then(async (response) => (await response.arrayBuffer(), response.status))
          .catch(() => 0)
        statuses.push(status)
      }
    })

    await expect.poll(() => statuses.filter((status) => status === 200).length, { timeout: 15_000 }).toBeGreaterThan(20)
    let terminated = 0
    for (let round = 0; round < 5; round++) {
      terminated += await terminateBackends()
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(terminated).toBeGreaterThan(0)
    const afterKills = statuses.length

    // The process is still there, and the same pages answer 200 again within a few seconds.
    await expect
      .poll(
        () => {
          if (server.child.exitCode !== null)
            throw new Error(`the server exited (${server.child.exitCode}):\n${server.output().slice(-3000)}`)
          return statuses.slice(afterKills).filter((status) => status === 200).length
        },
        { timeout: 5_000, interval: 100 },
      )
      .toBeGreaterThan(10)
    running = false
    await Promise.all(load)
    expect(server.child.exitCode).toBeNull()
    expect(server.output()).not.toMatch(/TypeError|Uncaught|unhandled/i)
    const health = await (await fetch(`${server.baseUrl}/healthz`)).json()
    expect(health).toMatchObject({ database: { status: 'ok', backend: 'postgres' } })

    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  }, 180_000)

  it('lets the requests in flight finish on SIGTERM before it closes the database', async () => {
    const port = await freePort()
    const server = startServer(dataDir, port, serverEnv)
    await waitForStart(server)

    // Slow requests, whatever the machine's speed: a lock holds every read of the local governments.
    const locker = await createDatabase({ kind: 'postgres', url: databaseUrl(), max: 1 })
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let locked!: () => void
    const lockTaken = new Promise<void>((resolve) => (locked = resolve))
    const holding = locker.db.transaction().execute(async (trx) => {
      await sql`lock table local_government in access exclusive mode`.execute(trx)
      locked()
      await released
    })
    try {
      await lockTaken
      let completed = 0
      const requests = Array.from({ length: 20 }, async () => {
        try {
          const response = await fetch(`${server.baseUrl}/local-governments/011002`)
          const body = await response.text()
          return { status: response.status, sapporo: body.includes('札幌市') }
        } catch (error) {
          return { status: 0, sapporo: false, error: String((error as Error).cause ?? error) }
        } finally {
          completed += 1
        }
      })
      // SIGTERM once the server has read all 20 (they are in its hands, not in transit).
      await expect.poll(() => serverHasReadRequests(port, 20), { timeout: 30_000, interval: 20 }).toBe(true)
      server.child.kill('SIGTERM')
      // Longer than any fixed grace a shutdown might allow itself before cutting connections.
      await new Promise((r) => setTimeout(r, 4_000))
      expect(completed, 'requests answered while the lock was held').toBe(0)
      expect(server.child.exitCode).toBeNull()

      release()
      const results = await Promise.all(requests)
      expect(results, server.output().slice(-2000)).toEqual(Array(20).fill({ status: 200, sapporo: true }))
      expect(await server.exited).toBe(0)
    } finally {
      release()
      await holding
      await locker.close()
    }
    expect(server.output()).toContain('処理中のリクエスト 20 件の完了を待って停止します')
    expect(server.output()).not.toContain('driver has already been destroyed')
    expect(server.output()).toContain('停止しました。')
    expect(meilisearchProcessesFor(dataDir)).toEqual([])
  }, 180_000)
})
