// `npm run bench:http [-- --json] [--quick] [--duration S] [--requests N] [--pages /a,/b] [--no-build] [--statements]`:
// the running site under load. Builds and starts the app as `npm start` does (the embedded database, or the
// server database when DATABASE_URL is set) on a free port with a temporary DATA_DIR, signs in as each demo
// role through the login form, then for each role's main pages measures a fixed rate (50 requests/s) and a
// closed loop (50 connections), and the server's RSS before and after a fixed number of requests.
// Each page's statements come from the server's Server-Timing header (`--statements`: only those, no load).
// The last line of output is one JSON object; results go to docs/BENCHMARKS.md by hand, with the machine's load.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { DEMO_BUILT_LINE } from '../../app/models/demo/console'

const root = path.resolve(import.meta.dirname, '../..')

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    requests: { type: 'string' },
    rate: { type: 'string', default: '50' },
    connections: { type: 'string', default: '50' },
    pages: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    // Runs server.ts through the tsx loader (how `npm start` ran before the compiled server), for comparison.
    tsx: { type: 'boolean', default: false },
    // Only the statements each page runs (one request each), without the load phases.
    statements: { type: 'boolean', default: false },
  },
})
const durationS = Number(args.duration ?? (args.quick ? 3 : 20))
const rssRequests = Number(args.requests ?? (args.quick ? 2000 : 10_000))
const rate = Number(args.rate)
const connections = Number(args.connections)
const onlyPaths = args.pages ? new Set(args.pages.split(',')) : null
const log = (message: string) => console.error(message)

// Each role's main pages: what its menu links to. Public pages are measured signed out, and `/` once per role
// (the root loader reads the session on every page).
const ROLE_PAGES: Array<{ role: string; email: string | null; paths: string[] }> = [
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

interface PageResult {
  path: string
  role: string
  p50Ms: number
  p95Ms: number
  p99Ms: number
  /** Requests per second the fixed-rate phase actually reached (below `rate` = the server fell behind). */
  fixedRateRps: number
  maxRps: number
  errors: number
  /** Statements the page's loaders ran, and the time they took, for one request before the load. */
  statements: number
  dbMs: number
}

/** Reads `db;desc="N statements";dur=D` from a Server-Timing header (app/utils/server-timing.server.ts). */
function statementsOf(response: Response): { statements: number; dbMs: number } {
  const timing = response.headers.get('server-timing') ?? ''
  const match = /db;desc="(\d+) statements";dur=([\d.]+)/.exec(timing)
  if (!match) throw new Error(`no Server-Timing from ${response.url}: is SERVER_TIMING on?`)
  return { statements: Number(match[1]), dbMs: Number(match[2]) }
}

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

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN)
  return Math.round(kb / 1024)
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
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
      const demoBuilt = Boolean(process.env.DATABASE_URL) || output().includes(DEMO_BUILT_LINE)
      if (demoBuilt && health.status === 'ok' && health.outbox?.pending === 0) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`the server did not become ready:\n${output()}`)
}

/** Signs in by posting the login form; returns the session cookie (`name=value`). */
async function logIn(baseUrl: string, email: string, password: string): Promise<string> {
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

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const round = (n: number) => Math.round(n * 10) / 10

/** Waits until the server has worked off what an earlier phase left queued, so phases do not overlap. */
async function settle(url: string, headers: Record<string, string>): Promise<void> {
  await (await fetch(url, { headers })).arrayBuffer()
}

async function run(options: Parameters<typeof autocannon>[0]) {
  await settle(
    `${options.url}${options.requests?.[0]?.path ?? ''}`,
    options.requests?.[0]?.headers ?? options.headers ?? {},
  )
  const times: number[] = []
  const instance = autocannon({ timeout: 30, ...options })
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
  const result = await instance
  times.sort((a, b) => a - b)
  return { result, times, errors: result.errors + result.timeouts + result.non2xx }
}

/**
 * An open-loop load at a fixed rate, evenly spaced: request i is due at start + i / rate, whether or not
 * earlier ones have answered (up to `connections` in flight; beyond that a request waits for a connection).
 * Latency counts from when the request was due, so a server that falls behind is charged for the queue it
 * builds (no coordinated omission). autocannon's `overallRate` is not used for this: it releases each
 * second's requests together at the start of the second, so its percentiles measure how long a burst of 50
 * takes to drain, not what one user waits at 50 requests/s.
 */
async function fixedRate(url: string, headers: Record<string, string>, ratePerS: number, seconds: number) {
  await settle(url, headers)
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const total = Math.round(ratePerS * seconds)
  const times: number[] = []
  let errors = 0
  const start = performance.now()
  const one = (due: number) =>
    new Promise<void>((resolve) => {
      const request = http.get(url, { agent, headers, timeout: 30_000 }, (response) => {
        response.resume()
        response.on('end', () => {
          if (response.statusCode !== 200) errors++
          times.push(performance.now() - due)
          resolve()
        })
      })
      request.on('timeout', () => request.destroy(new Error('timeout')))
      request.on('error', () => {
        errors++
        resolve()
      })
    })
  const inFlight: Array<Promise<void>> = []
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / ratePerS
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    inFlight.push(one(due))
  }
  await Promise.all(inFlight)
  const elapsedS = (performance.now() - start) / 1000
  agent.destroy()
  times.sort((a, b) => a - b)
  return { times, errors, reachedRps: times.length / elapsedS }
}

// ---- start the app as `npm start` does --------------------------------------------------------------

if (!args['no-build']) {
  log('building (npm run build)…')
  execFileSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
}
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-bench-http-'))
const port = await freePort()
const baseUrl = `http://127.0.0.1:${port}`
const serverDb = Boolean(process.env.DATABASE_URL)
const { MEILI_URL: _url, MEILI_MASTER_KEY: _key, ...inherited } = process.env
const serverArgs = args.tsx ? ['--import', 'tsx', 'server.ts'] : ['--enable-source-maps', 'build/server.js']
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
// Keep only the tail: morgan logs every request, and the bench must not grow its own memory without bound.
const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000))
child.stdout?.on('data', keep)
child.stderr?.on('data', keep)
let stopping = false
child.once('exit', (code, signal) => {
  if (!stopping)
    log(`the server exited during the run (code ${code}, signal ${signal}); its last output:\n${output.slice(-4000)}`)
})

try {
  await waitForReady(baseUrl, child, () => output)
  const pid = child.pid!
  const logins = JSON.parse(await readFile(path.join(dataDir, 'demo-logins.json'), 'utf8')) as Array<{
    email: string
    password: string
  }>
  const targets: Array<{
    role: string
    path: string
    headers: Record<string, string>
    cost: { statements: number; dbMs: number }
  }> = []
  for (const { role, email, paths } of ROLE_PAGES) {
    let headers: Record<string, string> = {}
    if (email) {
      const login = logins.find((l) => l.email === email)
      if (!login) throw new Error(`no demo login for ${email} (on the server database, start from an empty database)`)
      headers = { Cookie: await logIn(baseUrl, email, login.password) }
    }
    for (const pagePath of paths) {
      if (onlyPaths && !onlyPaths.has(pagePath)) continue
      const check = await fetch(`${baseUrl}${pagePath}`, { headers, redirect: 'manual' })
      await check.arrayBuffer()
      if (check.status !== 200) throw new Error(`${role} ${pagePath}: HTTP ${check.status} before the run`)
      // The first request may fill caches: the second one shows what every later request costs.
      const second = await fetch(`${baseUrl}${pagePath}`, { headers, redirect: 'manual' })
      await second.arrayBuffer()
      targets.push({ role, path: pagePath, headers, cost: statementsOf(second) })
    }
  }
  log(
    `${targets.length} pages, ${serverDb ? 'PostgreSQL server' : 'PGlite (embedded)'}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  )

  if (args.statements) {
    for (const t of targets)
      log(
        `${t.role.padEnd(17)} ${t.path.padEnd(22)} ${String(t.cost.statements).padStart(3)} statements ${t.cost.dbMs} ms`,
      )
    console.log(JSON.stringify({ pages: targets.map((t) => ({ path: t.path, role: t.role, ...t.cost })) }))
    process.exitCode = 0
  } else {
    // ---- memory: RSS at start, then after a fixed number of requests over every page --------------------
    // The embedded database runs in a process of its own (db/pglite-process.ts records its pid): reported
    // beside the app's RSS, so the two are never confused (null on the server database).
    const dbPid = serverDb
      ? null
      : Number((await readFile(path.join(dataDir, 'pglite-host.pid'), 'utf8').catch(() => '')).trim()) || null
    const dbRssMb = () => (dbPid ? rssMb(dbPid) : Promise.resolve(null))
    const rssStartMb = await rssMb(pid)
    const dbRssStartMb = await dbRssMb()
    const half = Math.floor(rssRequests / 2)
    const requests = targets.map((t) => ({ method: 'GET', path: t.path, headers: t.headers }))
    const first = await run({ url: baseUrl, connections: 10, amount: half, requests })
    const rssMidMb = await rssMb(pid)
    const second = await run({ url: baseUrl, connections: 10, amount: rssRequests - half, requests })
    const rssEndMb = await rssMb(pid)
    const dbRssEndMb = await dbRssMb()
    log(`RSS ${rssStartMb} MB at start → ${rssMidMb} MB after ${half} requests → ${rssEndMb} MB after ${rssRequests}`)
    if (dbPid) log(`embedded database process RSS ${dbRssStartMb} MB at start → ${dbRssEndMb} MB`)

    // ---- each page: a fixed rate, then a closed loop -----------------------------------------------------
    const pages: PageResult[] = []
    for (const target of targets) {
      const url = `${baseUrl}${target.path}`
      const fixed = await fixedRate(url, target.headers, rate, durationS)
      const closed = await run({ url, headers: target.headers, connections, duration: durationS })
      const page: PageResult = {
        path: target.path,
        role: target.role,
        p50Ms: round(percentile(fixed.times, 50)),
        p95Ms: round(percentile(fixed.times, 95)),
        p99Ms: round(percentile(fixed.times, 99)),
        fixedRateRps: round(fixed.reachedRps),
        maxRps: round(closed.result.requests.average),
        errors: fixed.errors + closed.errors,
        ...target.cost,
      }
      pages.push(page)
      log(
        `${page.role.padEnd(17)} ${page.path.padEnd(22)} p50 ${String(page.p50Ms).padStart(7)}  p95 ${String(page.p95Ms).padStart(7)}  p99 ${String(page.p99Ms).padStart(7)} ms @ ${page.fixedRateRps} req/s   max ${String(page.maxRps).padStart(6)} req/s   errors ${page.errors}`,
      )
    }

    const summary = {
      pages,
      worstP95Ms: Math.max(...pages.map((p) => p.p95Ms)),
      minMaxRps: Math.min(...pages.map((p) => p.maxRps)),
      errors: pages.reduce((sum, p) => sum + p.errors, first.errors + second.errors),
      rssStartMb,
      rssMidMb,
      rssEndMb,
      dbRssStartMb,
      dbRssEndMb,
      database: serverDb ? 'postgres' : 'pglite',
      durationS,
      rate,
      connections,
      loadAverage: os.loadavg().map((n) => round(n)),
    }
    if (!args.json) {
      log(
        `\nworst p95 ${summary.worstP95Ms} ms at ${rate} req/s, lowest max ${summary.minMaxRps} req/s, ${summary.errors} errors, RSS ${rssStartMb} → ${rssEndMb} MB`,
      )
    }
    console.log(JSON.stringify(summary))
  }
} finally {
  stopping = true
  child.kill('SIGTERM')
  await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))
  await rm(dataDir, { recursive: true, force: true })
}
