// `npm start` as a newcomer and an operator experience it: first start loads the master data, a second start
// on the same data directory is refused, Ctrl-C stops the server and its Meilisearch, a restart reuses the
// data; the bundled Meilisearch comes back by itself when it is killed, and a SIGKILLed server leaves nothing
// that blocks the next start; the embedded database process likewise comes back when killed and never outlives
// the app. (Draining requests on SIGTERM: server-on-postgres.test.ts.)
import { access, mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  freePort,
  isAlive,
  killStartedServers,
  meilisearchPid,
  meilisearchProcessesFor,
  startServer,
  waitForSearchReady,
  waitForStart,
} from './server-process'

let dataDir: string

// A test that fails half-way must not leave its server holding the data directory for the next one.
afterEach(killStartedServers)
afterAll(async () => {
  killStartedServers()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

const SAPPORO_QUERY = `/resources/local-governments?q=${encodeURIComponent('さっぽろ')}`

async function searchSapporo(baseUrl: string): Promise<string> {
  try {
    const body = (await (await fetch(`${baseUrl}${SAPPORO_QUERY}`)).json()) as {
      status: string
      options: Array<{ name: string }>
    }
    return body.status === 'ok' ? body.options.map((option) => option.name).join(',') : body.status
  } catch (error) {
    return String(error)
  }
}

/** The embedded database's process (db/pglite-process.ts records its pid beside the database directory). */
async function pgliteHostPid(dir: string): Promise<number> {
  return Number((await readFile(path.join(dir, 'pglite-host.pid'), 'utf8')).trim())
}

describe('server lifecycle (npm start)', () => {
  it('starts, refuses a second start on the same data, stops cleanly on Ctrl-C, and restarts on the same data', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-lifecycle-'))
    const port = await freePort()

    const first = startServer(dataDir, port)
    await waitForStart(first)
    expect(first.output()).toContain(`http://127.0.0.1:${port}/`)
    expect(first.output()).toContain('マスターデータを登録しました: 地方公共団体 1794 件')
    const health = await (await fetch(`${first.baseUrl}/healthz`)).json()
    expect(health).toMatchObject({ database: { status: 'ok', backend: 'pglite' }, search: { status: 'ok' } })
    expect(meilisearchProcessesFor(dataDir)).toHaveLength(1)

    const second = startServer(dataDir, await freePort())
    expect(await second.exited).toBe(1)
    expect(second.output()).toContain('同じデータで2つ目の npm start は起動できません')

    first.child.kill('SIGINT')
    expect(await first.exited).toBe(0)
    expect(first.output()).toContain('停止しました。')
    expect(meilisearchProcessesFor(dataDir)).toEqual([])
    await expect(access(path.join(dataDir, 'app.lock'))).rejects.toThrow()

    const again = startServer(dataDir, port)
    await waitForStart(again)
    expect(again.output()).not.toContain('マスターデータを登録しました') // data reused, nothing re-seeded
    const response = await fetch(`${again.baseUrl}/local-governments/011002`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('札幌市')
    again.child.kill('SIGTERM')
    expect(await again.exited).toBe(0)
    expect(meilisearchProcessesFor(dataDir)).toEqual([])
  }, 240_000)

  it('restarts its Meilisearch when it is killed, and starts again after being killed itself', async () => {
    const server = startServer(dataDir, await freePort())
    await waitForSearchReady(server)
    expect(await searchSapporo(server.baseUrl)).toBe('札幌市')

    const killed = await meilisearchPid(dataDir)
    process.kill(killed, 'SIGKILL')
    await expect.poll(() => searchSapporo(server.baseUrl), { timeout: 15_000, interval: 250 }).toBe('札幌市')
    expect(await meilisearchPid(dataDir)).not.toBe(killed)
    expect(server.output()).toContain('Meilisearch exited unexpectedly (code null, signal SIGKILL)')
    expect(meilisearchProcessesFor(dataDir)).toHaveLength(1)

    // SIGKILL leaves a stale app.lock and pid file behind, and no chance to stop Meilisearch.
    const orphan = await meilisearchPid(dataDir)
    server.child.kill('SIGKILL')
    await server.exited
    const next = startServer(dataDir, await freePort())
    await waitForSearchReady(next)
    expect(isAlive(orphan)).toBe(false)
    expect(meilisearchProcessesFor(dataDir)).toHaveLength(1)
    expect(await searchSapporo(next.baseUrl)).toBe('札幌市')
    next.child.kill('SIGTERM')
    expect(await next.exited).toBe(0)
    expect(meilisearchProcessesFor(dataDir)).toEqual([])
  }, 240_000)

  it('restarts its embedded database process when it is killed, and never leaves it behind', async () => {
    const server = startServer(dataDir, await freePort())
    await waitForStart(server)
    // A page that reads the database on every request (master data such as a body's page is kept in memory).
    const openCalls = () =>
      fetch(`${server.baseUrl}/open-calls`)
        .then((response) => response.status)
        .catch(() => 0)
    expect(await openCalls()).toBe(200)

    const killed = await pgliteHostPid(dataDir)
    process.kill(killed, 'SIGKILL')
    // A few requests may fail while it restarts; the app itself stays up, starts a new database process and
    // answers again from it.
    const hostAfterARequest = async () => {
      await openCalls()
      return pgliteHostPid(dataDir).catch(() => killed)
    }
    await expect.poll(hostAfterARequest, { timeout: 30_000, interval: 250 }).not.toBe(killed)
    await expect.poll(openCalls, { timeout: 30_000, interval: 250 }).toBe(200)
    expect(server.output()).toContain('組み込みデータベースのプロセスを再起動しました。')

    // The app killed outright: its database process notices and exits, so the next start opens the data.
    const host = await pgliteHostPid(dataDir)
    server.child.kill('SIGKILL')
    await server.exited
    await expect.poll(() => isAlive(host), { timeout: 15_000, interval: 100 }).toBe(false)
    const next = startServer(dataDir, await freePort())
    await waitForStart(next)
    expect((await fetch(`${next.baseUrl}/local-governments/011002`)).status).toBe(200)
    const stopping = await pgliteHostPid(dataDir)
    next.child.kill('SIGTERM')
    expect(await next.exited).toBe(0)
    expect(isAlive(stopping)).toBe(false)
  }, 240_000)
})
