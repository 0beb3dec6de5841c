// `npm start` as a newcomer experiences it: first start loads the master data, a second start on the same
// data directory is refused, Ctrl-C stops the server and its Meilisearch, and a restart reuses the data.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { access, mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
let dataDir: string
const children: ChildProcess[] = []

interface Started {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function startServer(port: number): Started {
  const { DATABASE_URL: _d, MEILI_URL: _m, MEILI_MASTER_KEY: _k, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: { ...inherited, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, output: () => log, exited }
}

async function waitForOutput(started: Started, text: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!started.output().includes(text)) {
    if (started.child.exitCode !== null) throw new Error(`server exited:\n${started.output()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}":\n${started.output()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * A port below Linux's ephemeral range (32768–60999) that is free now. A random port inside that range can be
 * taken meanwhile by any outgoing connection or by a Meilisearch started on port 0 (seen once in CI:
 * EADDRINUSE on 37208).
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000)
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer()
      probe.once('error', () => resolve(false))
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
    })
    if (free) return port
  }
}

function meilisearchProcessesFor(dir: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n')
  return lines.filter((line) => line.includes('meilisearch') && line.includes(dir))
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe('server lifecycle (npm start)', () => {
  it('starts, refuses a second start on the same data, stops cleanly on Ctrl-C, and restarts on the same data', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-lifecycle-'))
    const port = await freePort()

    const first = startServer(port)
    await waitForOutput(first, 'プラットフォームを起動しました')
    expect(first.output()).toContain(`http://127.0.0.1:${port}/`)
    expect(first.output()).toContain('マスターデータを登録しました: 地方公共団体 1794 件')
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()
    expect(health).toMatchObject({ database: { status: 'ok', backend: 'pglite' }, search: { status: 'ok' } })
    expect(meilisearchProcessesFor(dataDir)).toHaveLength(1)

    const second = startServer(await freePort())
    expect(await second.exited).toBe(1)
    expect(second.output()).toContain('同じデータで2つ目の npm start は起動できません')

    first.child.kill('SIGINT')
    expect(await first.exited).toBe(0)
    expect(first.output()).toContain('停止しました。')
    expect(meilisearchProcessesFor(dataDir)).toEqual([])
    await expect(access(path.join(dataDir, 'app.lock'))).rejects.toThrow()

    const again = startServer(port)
    await waitForOutput(again, 'プラットフォームを起動しました')
    expect(again.output()).not.toContain('マスターデータを登録しました') // data reused, nothing re-seeded
    const response = await fetch(`http://127.0.0.1:${port}/local-governments/011002`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('札幌市')
    again.child.kill('SIGTERM')
    expect(await again.exited).toBe(0)
    expect(meilisearchProcessesFor(dataDir)).toEqual([])
  })
})
