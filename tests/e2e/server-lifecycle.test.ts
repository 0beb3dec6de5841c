// `npm start` as a newcomer and an operator experience it: first start loads the master data, a second start
// on the same data directory is refused, Ctrl-C stops the server and its Meilisearch, a restart reuses the
// data; the bundled Meilisearch comes back by itself when it is killed, a SIGKILLed server leaves nothing that
// blocks the next start, and SIGTERM lets the requests in flight finish.
import { mkdtemp, rm, access } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  freePort,
  isAlive,
  killStartedServers,
  meilisearchPid,
  meilisearchProcessesFor,
  serverHasReadRequests,
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
    const body = (await (await fetch(`${baseUrl}${SAPPORO_QUERY}`)).json()) as { status: string; options: Array<{ name: string }> }
    return body.status === 'ok' ? body.options.map((option) => option.name).join(',') : body.status
  } catch (error) {
    return String(error)
  }
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

  it('lets the requests in flight finish on SIGTERM before it closes the database', async () => {
    const port = await freePort()
    const server = startServer(dataDir, port)
    await waitForStart(server)
    // The skill catalogue is one of the heavier pages: 20 at once keep the embedded database busy for seconds.
    const requests = Array.from({ length: 20 }, async () => {
      try {
        const response = await fetch(`${server.baseUrl}/skills`)
        const body = await response.text()
        return { status: response.status, complete: body.includes('</html>'), at: Date.now() }
      } catch (error) {
        return { status: 0, complete: false, at: Date.now(), error: String((error as Error).cause ?? error) }
      }
    })
    // SIGTERM once the server has read all 20 (a busy server can leave connections in its accept queue).
    await expect.poll(() => serverHasReadRequests(port, 20), { timeout: 60_000, interval: 20 }).toBe(true)
    const signalledAt = Date.now()
    server.child.kill('SIGTERM')
    const results = await Promise.all(requests)
    expect(await server.exited).toBe(0)

    expect(results.filter((result) => result.at > signalledAt).length, 'requests still in flight at SIGTERM').toBeGreaterThan(10)
    expect(results.map((result) => result.status), server.output().slice(-2000)).toEqual(Array(20).fill(200))
    expect(results.every((result) => result.complete)).toBe(true)
    expect(server.output()).not.toContain('driver has already been destroyed')
    expect(server.output()).toContain('停止しました。')
    expect(meilisearchProcessesFor(dataDir)).toEqual([])
  }, 240_000)
})
