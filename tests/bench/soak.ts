// `npm run bench:soak [-- --json] [--minutes 10] [--rate 20] [--no-build]`: the running site over the demo at a
// steady mixed load for a long time. Starts the app as `npm start` does (tests/bench/site.ts), signs in as every
// demo role, then sends `--rate` requests per second, evenly spaced, for `--minutes`: each role's main pages in
// turn, searches with changing words (open calls, the skill standard, local governments), and a fresh sign-in
// every minute (sessions are written). It samples the app's RSS every 15 s. The verdict: 0 errors, and RSS flat
// after the first minute's warm-up (the slope of a least-squares line through the samples, MB per minute). The
// last line of output is one JSON object; results go to docs/BENCHMARKS.md by hand.
import http from 'node:http'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { logIn, ROLE_PAGES, rssMb, startSite } from './site'

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '20' },
    'no-build': { type: 'boolean', default: false },
  },
})
const minutes = Number(args.minutes)
const rate = Number(args.rate)
const log = (message: string) => console.error(message)
const WARM_UP_S = 60
const SAMPLE_EVERY_S = 15
const SEARCH_WORDS = [
  '標準化',
  'ひょうじゅんか',
  'ガバクラ',
  'BPR',
  'セキュリティ',
  'あきおおた',
  'データ',
  'hiroshima',
]

const site = await startSite({ build: !args['no-build'], log })
try {
  const logins = await site.logins()
  const password = (email: string) => logins.find((l) => l.email === email)?.password ?? ''
  const targets: Array<{ role: string; path: string; headers: Record<string, string> }> = []
  for (const { role, email, paths } of ROLE_PAGES) {
    const headers: Record<string, string> = email ? { Cookie: await logIn(site.baseUrl, email, password(email)) } : {}
    for (const path of paths) targets.push({ role, path, headers })
  }
  for (const [i, word] of SEARCH_WORDS.entries()) {
    const q = encodeURIComponent(word)
    targets.push({
      role: 'anonymous',
      path: [`/open-calls?q=${q}`, `/skills?q=${q}`, `/local-governments?q=${q}`][i % 3]!,
      headers: {},
    })
  }
  log(
    `${targets.length} targets, ${rate} req/s for ${minutes} min, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  )

  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 })
  const times: number[] = []
  let errors = 0
  const errorSamples: string[] = []
  const samples: Array<{ atS: number; mb: number }> = []
  const start = performance.now()
  const one = (url: string, headers: Record<string, string>, due: number) =>
    new Promise<void>((resolve) => {
      const request = http.get(url, { agent, headers, timeout: 30_000 }, (response) => {
        response.resume()
        response.on('end', () => {
          if (response.statusCode !== 200) {
            errors++
            if (errorSamples.length < 10) errorSamples.push(`${response.statusCode} ${url}`)
          }
          times.push(performance.now() - due)
          resolve()
        })
      })
      request.on('timeout', () => request.destroy(new Error('timeout')))
      request.on('error', (error) => {
        errors++
        if (errorSamples.length < 10) errorSamples.push(`${error.message} ${url}`)
        resolve()
      })
    })
  const sampler = setInterval(
    () =>
      void rssMb(site.child.pid!).then((mb) => {
        const atS = Math.round((performance.now() - start) / 1000)
        samples.push({ atS, mb })
        if (!args.json || atS % 60 < SAMPLE_EVERY_S)
          log(`${atS}s: RSS ${mb} MB, ${times.length} requests, ${errors} errors`)
      }),
    SAMPLE_EVERY_S * 1000,
  )
  const total = Math.round(rate * minutes * 60)
  const inFlight = new Set<Promise<void>>()
  let lastLogin = start
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    // Once a minute a role signs in again and uses the new session (sessions are written, the old ones stay).
    if (performance.now() - lastLogin > 60_000) {
      lastLogin = performance.now()
      const role = ROLE_PAGES.filter((r) => r.email)[Math.floor(i / rate / 60) % (ROLE_PAGES.length - 1)]!
      const cookie = await logIn(site.baseUrl, role.email!, password(role.email!))
      for (const target of targets) if (target.role === role.role) target.headers = { Cookie: cookie }
    }
    const target = targets[i % targets.length]!
    const request = one(`${site.baseUrl}${target.path}`, target.headers, due)
    inFlight.add(request)
    void request.then(() => inFlight.delete(request))
  }
  await Promise.all(inFlight)
  clearInterval(sampler)
  agent.destroy()

  times.sort((a, b) => a - b)
  const pct = (p: number) =>
    Math.round(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]! * 10) / 10
  const steady = samples.filter((s) => s.atS >= WARM_UP_S)
  const n = steady.length
  const meanX = steady.reduce((sum, s) => sum + s.atS, 0) / n
  const meanY = steady.reduce((sum, s) => sum + s.mb, 0) / n
  const slope =
    steady.reduce((sum, s) => sum + (s.atS - meanX) * (s.mb - meanY), 0) /
    Math.max(
      1e-9,
      steady.reduce((sum, s) => sum + (s.atS - meanX) ** 2, 0),
    )
  const summary = {
    minutes,
    rate,
    requests: times.length,
    errors,
    errorSamples,
    p50Ms: pct(50),
    p95Ms: pct(95),
    p99Ms: pct(99),
    rssStartMb: samples[0]?.mb ?? null,
    rssAfterWarmUpMb: steady[0]?.mb ?? null,
    rssEndMb: samples.at(-1)?.mb ?? null,
    rssMaxMb: Math.max(...samples.map((s) => s.mb)),
    rssSlopeMbPerMin: Math.round(slope * 60 * 100) / 100,
    loadAverage: os.loadavg().map((v) => Math.round(v * 10) / 10),
  }
  if (!args.json)
    log(
      `\n${summary.requests} requests, ${errors} errors, p95 ${summary.p95Ms} ms; RSS ${summary.rssStartMb} → ${summary.rssAfterWarmUpMb} (after ${WARM_UP_S}s) → ${summary.rssEndMb} MB, slope ${summary.rssSlopeMbPerMin} MB/min`,
    )
  console.log(JSON.stringify(summary))
} finally {
  await site.stop()
}
