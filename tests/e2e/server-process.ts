// The real server as a child process (`node --import tsx server.ts`, as `npm start` runs it after the build
// that the e2e global setup makes), for tests about the process itself: start, stop, faults.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')

export interface ServerProcess {
  child: ChildProcess
  baseUrl: string
  output: () => string
  exited: Promise<number | null>
}

const started: ChildProcess[] = []

/**
 * Starts the server on dataDir and port. The embedded setup (PGlite + bundled Meilisearch) unless `env`
 * sets DATABASE_URL; whatever the calling shell has configured never leaks in.
 */
export function startServer(dataDir: string, port: number, env: Record<string, string> = {}): ServerProcess {
  const { DATABASE_URL: _d, MEILI_URL: _m, MEILI_MASTER_KEY: _k, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    // The smallest national demo (DEMO_PROFESSIONALS): these servers are about the process, and the full demo takes
    // minutes to build in the background of a first start.
    env: {
      ...inherited,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_PROFESSIONALS: '300',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(child)
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => log, exited }
}

/** For afterAll: SIGKILL whatever is still running. */
export function killStartedServers(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}

export async function waitForOutput(server: ServerProcess, text: string, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!server.output().includes(text)) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`)
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}":\n${server.output()}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

export const waitForStart = (server: ServerProcess) => waitForOutput(server, 'プラットフォームを起動しました')

/** Started, search up, and the master data indexed (no pending outbox rows). */
export async function waitForSearchReady(server: ServerProcess, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`)
    try {
      const health = (await (await fetch(`${server.baseUrl}/healthz`)).json()) as {
        status: string
        outbox: { pending: number } | null
      }
      if (health.status === 'ok' && health.outbox?.pending === 0) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${server.output()}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

/**
 * A port below Linux's ephemeral range (32768–60999) that is free now. A random port inside that range can be
 * taken meanwhile by any outgoing connection or by a Meilisearch started on port 0 (seen once in CI:
 * EADDRINUSE on 37208).
 */
export async function freePort(): Promise<number> {
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

export function meilisearchProcessesFor(dir: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n')
  return lines.filter((line) => line.includes('meilisearch --') && line.includes(dir))
}

/** The bundled Meilisearch's pid, from the pid file it keeps under the data directory. */
export async function meilisearchPid(dataDir: string): Promise<number> {
  const text = await readFile(path.join(dataDir, 'meili', 'meilisearch.pid'), 'utf8')
  return (JSON.parse(text) as { pid: number }).pid
}

export { isAlive } from '../../db/process-alive'

/**
 * Whether the server listening on port (IPv4) has accepted at least `count` connections and read everything
 * sent on them, from the kernel's socket table: then their requests are in its hands, not in transit.
 */
export async function serverHasReadRequests(port: number, count: number): Promise<boolean> {
  let acceptQueue = -1
  let connections = 0
  let unread = 0
  for (const line of (await readFile('/proc/net/tcp', 'utf8')).split('\n').slice(1)) {
    const [, local, , state, queues] = line.trim().split(/\s+/)
    if (!local || !state || !queues || parseInt(local.split(':')[1]!, 16) !== port) continue
    const received = parseInt(queues.split(':')[1]!, 16)
    if (state === '0A') acceptQueue = received // LISTEN: rx_queue is the accept backlog
    if (state === '01') {
      connections += 1
      unread += received
    }
  }
  return acceptQueue === 0 && connections >= count && unread === 0
}
