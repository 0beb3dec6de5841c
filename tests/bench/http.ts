// `npm run bench:http [-- --json] [--quick] [--duration S] [--requests N] [--pages /a,/b] [--no-build] [--statements]
//   [--heap-snapshots DIR] [--cpu-prof DIR] [--memory-only]`:
// the running site under load. Builds and starts the app as `npm start` does (the embedded database, or the
// server database when DATABASE_URL is set) on a free port with a temporary DATA_DIR, signs in as each demo
// role through the login form, then for each role's main pages measures a fixed rate (50 requests/s) and a
// closed loop (50 connections), and the server's RSS over a fixed number of requests (ten samples; with
// --heap-snapshots also the live heap after the warm-up and at the end, and what grew between them).
// Each page's statements come from the server's Server-Timing header (`--statements`: only those, no load).
// The last line of output is one JSON object; results go to docs/BENCHMARKS.md by hand, with the machine's load.
import { mkdir, readFile } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { heapGrowth, summarizeHeap, takeHeapSnapshot } from './heap-snapshot'
import { logIn, ROLE_PAGES, rssMb, startSite } from './site'

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
    // Heap snapshots of the server after the warm-up and at the end of the memory phase, kept in this folder.
    'heap-snapshots': { type: 'string' },
    // A CPU profile of the server over the whole run (written when it stops), kept in this folder.
    'cpu-prof': { type: 'string' },
    // Only the memory phase (no per-page load phases).
    'memory-only': { type: 'boolean', default: false },
  },
})
const durationS = Number(args.duration ?? (args.quick ? 3 : 20))
const rssRequests = Number(args.requests ?? (args.quick ? 2000 : 10_000))
const rate = Number(args.rate)
const connections = Number(args.connections)
const onlyPaths = args.pages ? new Set(args.pages.split(',')) : null
const log = (message: string) => console.error(message)

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

const snapshotDir = args['heap-snapshots'] ? path.resolve(args['heap-snapshots']) : null
if (snapshotDir) await mkdir(snapshotDir, { recursive: true })
const site = await startSite({
  build: !args['no-build'],
  tsx: args.tsx,
  nodeArgs: [
    ...(snapshotDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : []),
    ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['cpu-prof'])}`] : []),
  ],
  log,
})
const { baseUrl, child, dataDir } = site
const serverDb = Boolean(process.env.DATABASE_URL)

try {
  const pid = child.pid!
  const logins = await site.logins()
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
    // Ten equal chunks over every page with an RSS sample after each: the first two are the warm-up (caches,
    // compiled code, the heap finding its size); flat means the samples after them have a slope near 0.
    const rssStartMb = await rssMb(pid)
    const dbRssStartMb = await dbRssMb()
    const requests = targets.map((t) => ({ method: 'GET', path: t.path, headers: t.headers }))
    const CHUNKS = 10
    const rssSamplesMb: number[] = []
    let memoryErrors = 0
    let warmSnapshot: string | null = null
    for (let chunk = 0; chunk < CHUNKS; chunk++) {
      const amount = Math.floor(rssRequests / CHUNKS)
      memoryErrors += (await run({ url: baseUrl, connections: 10, amount, requests })).errors
      rssSamplesMb.push(await rssMb(pid))
      if (snapshotDir && chunk === 1) warmSnapshot = await takeHeapSnapshot(pid, snapshotDir)
    }
    const rssMidMb = rssSamplesMb[CHUNKS / 2 - 1]!
    const rssEndMb = rssSamplesMb[CHUNKS - 1]!
    const dbRssEndMb = await dbRssMb()
    // Least-squares slope of RSS against requests after the warm-up, in MB per 1,000 requests.
    const warm = rssSamplesMb.slice(2).map((mb, i) => ({ x: ((i + 3) * rssRequests) / CHUNKS / 1000, y: mb }))
    const meanX = warm.reduce((s, p) => s + p.x, 0) / warm.length
    const meanY = warm.reduce((s, p) => s + p.y, 0) / warm.length
    const rssSlopeMbPerKRequests = round(
      warm.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0) / warm.reduce((s, p) => s + (p.x - meanX) ** 2, 0),
    )
    log(
      `RSS ${rssStartMb} MB at start → ${rssSamplesMb.join(' → ')} MB (every ${rssRequests / CHUNKS} requests); after the warm-up ${rssSlopeMbPerKRequests} MB per 1,000 requests`,
    )
    if (dbPid) log(`embedded database process RSS ${dbRssStartMb} MB at start → ${dbRssEndMb} MB`)
    let heap: { warmMb: number; endMb: number; grew: ReturnType<typeof heapGrowth> } | null = null
    if (snapshotDir && warmSnapshot) {
      const endSnapshot = await takeHeapSnapshot(pid, snapshotDir)
      const [a, b] = [await summarizeHeap(warmSnapshot), await summarizeHeap(endSnapshot)]
      heap = { warmMb: a.totalMb, endMb: b.totalMb, grew: heapGrowth(a, b) }
      log(`live heap (snapshots in ${snapshotDir}): ${a.totalMb} MB after the warm-up → ${b.totalMb} MB at the end`)
      for (const row of heap.grew)
        log(`  ${row.holder.padEnd(40)} ${String(row.kb).padStart(8)} KB  ${row.count} objects`)
    }

    // ---- each page: a fixed rate, then a closed loop -----------------------------------------------------
    const pages: PageResult[] = []
    for (const target of args['memory-only'] ? [] : targets) {
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
      worstP95Ms: pages.length ? Math.max(...pages.map((p) => p.p95Ms)) : null,
      minMaxRps: pages.length ? Math.min(...pages.map((p) => p.maxRps)) : null,
      errors: pages.reduce((sum, p) => sum + p.errors, memoryErrors),
      rssStartMb,
      rssMidMb,
      rssEndMb,
      rssSamplesMb,
      rssSlopeMbPerKRequests,
      heap,
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
  await site.stop()
}
