// The running site for the benchmarks: builds and starts the app as `npm start` does (`node build/server.js`; the
// embedded database, or the server database when DATABASE_URL is set) on a free port with a temporary DATA_DIR,
// waits until search is up and the master data indexed, and signs in as the demo roles through the login form.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { DEMO_BUILT_LINE } from '../../app/models/demo/console'

const root = path.resolve(import.meta.dirname, '../..')

// Each role's main pages: what its menu links to. Public pages are measured signed out, and `/` once per role
// (the root loader reads the session on every page).
export const ROLE_PAGES: Array<{ role: string; email: string | null; paths: string[] }> = [
  { role: 'anonymous', email: null, paths: ['/', '/skills', '/open-calls', '/local-governments'] },
  {
    role: 'ministry_admin',
    email: 'ministry-admin@demo.dx500.example.jp',
    paths: [
      '/',
      '/needs',
      '/pools',
      '/pools?pool=national',
      '/partners',
      '/admin/skill-standard',
      '/admin/users',
      '/admin/audit',
      '/admin/mail',
    ],
  },
  { role: 'ministry_staff', email: 'ministry@demo.dx500.example.jp', paths: ['/', '/issues', '/needs', '/pools'] },
  {
    role: 'prefecture_admin',
    email: 'hiroshima-admin@demo.dx500.example.jp',
    paths: ['/', '/issues', '/needs', '/pools', '/national-list', '/admin/users', '/admin/audit'],
  },
  {
    role: 'prefecture_staff',
    email: 'hiroshima@demo.dx500.example.jp',
    paths: ['/', '/issues', '/needs', '/pools', '/national-list', '/partners'],
  },
  { role: 'municipal_staff', email: 'akiota@demo.dx500.example.jp', paths: ['/', '/issues'] },
  { role: 'professional', email: 'professional@demo.dx500.example.jp', paths: ['/', '/profile', '/applications'] },
]

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN)
  return Math.round(kb / 1024)
}

export async function waitForReady(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  demoBuiltSeen: () => boolean = () => output().includes(DEMO_BUILT_LINE),
): Promise<void> {
  // A first start creates the database and indexes the master data: minutes on a busy machine.
  const deadline = Date.now() + 600_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited early (${child.exitCode}):\n${output()}`)
    try {
      const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as {
        status: string
        outbox: { pending: number } | null
      }
      // Ready = search is up and everything is indexed, so no indexing runs during the measurement (on the embedded
      // database, after the national demo is built: the server prints DEMO_BUILT_LINE).
      const demoBuilt = Boolean(process.env.DATABASE_URL) || demoBuiltSeen()
      if (demoBuilt && health.status === 'ok' && health.outbox?.pending === 0) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`the server did not become ready:\n${output()}`)
}

/** Signs in by posting the login form; returns the session cookie (`name=value`). */
export async function logIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl },
    body: new URLSearchParams({ email, password, redirectTo: '/' }).toString(),
  })
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('dxp_session='))
  if (response.status !== 302 || !session) throw new Error(`login as ${email} failed (HTTP ${response.status})`)
  return session.split(';')[0]!
}

export interface Site {
  baseUrl: string
  child: ChildProcess
  dataDir: string
  /** The server's last output (kept short: morgan logs every request). */
  output: () => string
  /** The demo logins the embedded start printed (and kept in DATA_DIR). */
  logins: () => Promise<Array<{ email: string; password: string }>>
  stop: () => Promise<void>
}

/**
 * The Node flags `npm start` gives the server (the heap cap), read from package.json so that the benchmarks
 * measure the process exactly as it runs, never a copy of its flags that could drift.
 */
export async function startNodeFlags(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
  const command = / node ((?:--[\w-]+(?:=\S+)? )*)/.exec(pkg.scripts.start)
  if (!command) throw new Error(`package.json の start に node の起動行がありません: ${pkg.scripts.start}`)
  return command[1]!.split(' ').filter((flag) => flag.startsWith('--') && flag !== '--enable-source-maps')
}

export async function startSite({
  build,
  tsx = false,
  nodeArgs = [],
  log,
}: {
  build: boolean
  tsx?: boolean
  /** Extra flags for the server's Node (e.g. `--heapsnapshot-signal=SIGUSR2`). */
  nodeArgs?: string[]
  log: (message: string) => void
}): Promise<Site> {
  if (build) {
    log('building (npm run build)…')
    execFileSync('npm', ['run', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    })
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-bench-site-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const serverDb = Boolean(process.env.DATABASE_URL)
  const { MEILI_URL: _url, MEILI_MASTER_KEY: _key, ...inherited } = process.env
  const serverArgs = [
    ...(await startNodeFlags()),
    ...nodeArgs,
    ...(tsx ? ['--import', 'tsx', 'server.ts'] : ['--enable-source-maps', 'build/server.js']),
  ]
  const child = spawn(process.execPath, serverArgs, {
    cwd: root,
    env: {
      ...inherited,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      SERVER_TIMING: 'on',
      // The server database gets demo accounts only when asked (use an empty database: existing demo
      // accounts keep passwords this run cannot know).
      ...(serverDb ? { DEMO_ACCOUNTS: 'on' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let demoBuilt = false
  // Keep only the tail: morgan logs every request, and the bench must not grow its own memory without bound.
  const keep = (chunk: Buffer) => {
    const text = chunk.toString()
    if (text.includes(DEMO_BUILT_LINE)) demoBuilt = true
    output = (output + text).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let stopping = false
  child.once('exit', (code, signal) => {
    if (!stopping)
      log(`the server exited during the run (code ${code}, signal ${signal}); its last output:\n${output.slice(-4000)}`)
  })
  const stop = async () => {
    stopping = true
    child.kill('SIGTERM')
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    await waitForReady(
      baseUrl,
      child,
      () => output,
      () => demoBuilt,
    )
  } catch (error) {
    await stop()
    throw error
  }
  return {
    baseUrl,
    child,
    dataDir,
    output: () => output,
    logins: async () => JSON.parse(await readFile(path.join(dataDir, 'demo-logins.json'), 'utf8')),
    stop,
  }
}
