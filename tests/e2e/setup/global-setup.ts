// Builds the app and starts the real server (`tsx server.ts`: PGlite + bundled Meilisearch) on a free port
// with its own data directory; the browser tests then drive it through Debian's Chromium.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdir, rm } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { DEMO_BUILT_LINE } from '../../../app/models/demo/console'

const root = path.resolve(import.meta.dirname, '../../..')

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  // The national demo is built in the background after the server listens (about two minutes on 2 cores).
  const deadline = Date.now() + 600_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output()}`)
    try {
      const response = await fetch(`${baseUrl}/healthz`)
      const health = (await response.json()) as { status: string; outbox: { pending: number } | null }
      // Ready = the demo data is complete, search is up and everything is indexed (no pending outbox rows).
      if (output().includes(DEMO_BUILT_LINE) && health.status === 'ok' && health.outbox?.pending === 0) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`server did not become ready:\n${output()}`)
}

export default async function setup(project: TestProject) {
  // A production build, as `npm start` makes (vitest's own NODE_ENV=test would give a development build).
  execFileSync('npx', ['remix', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  const dataDir = path.join(root, '.test-data', `e2e-${process.pid}`)
  await rm(dataDir, { recursive: true, force: true })
  await mkdir(dataDir, { recursive: true })
  const port = await freePort()
  // Always the embedded setup (PGlite + bundled Meilisearch), whatever the calling shell has configured.
  const { DATABASE_URL: _db, MEILI_URL: _url, MEILI_MASTER_KEY: _key, ...inherited } = process.env
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    SESSION_SECRET: 'e2e-secret',
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  const baseUrl = `http://127.0.0.1:${port}`
  await waitForReady(baseUrl, child, () => log)
  project.provide('baseUrl', baseUrl)
  project.provide('e2eDataDir', dataDir)

  return async () => {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    await rm(dataDir, { recursive: true, force: true })
  }
}
