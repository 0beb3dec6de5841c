// The production and development server: starts the services (database, search, worker, bundled
// Meilisearch), serves the Remix build through Express, and shuts everything down cleanly on Ctrl-C.
import { createRequestHandler } from '@remix-run/express'
import { broadcastDevReady, installGlobals, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import morgan from 'morgan'
import type http from 'node:http'
import path from 'node:path'
import url from 'node:url'
import {
  ensureDemoAccounts,
  ensureInitialAdminInvitation,
  isEmbeddedDemo,
  type DemoLogin,
} from './app/models/bootstrap.server'
import { ensureDemoContent } from './app/models/demo-content.server'
import { type RunningDemoBuild, startNationalDemoBuild } from './app/models/demo/generator.server'
import { startServices, type Services } from './app/services.server'
import { isForeignOriginRequest } from './app/utils/csrf.server'
import { parseEnv } from './app/utils/env.server'
import { securityHeaders } from './app/utils/security-headers.server'
import { bodyLimit } from './app/utils/body-limit.server'
import { countQueries, currentQueryStats } from './db/query-stats'

installGlobals({ nativeFetch: true })

const BUILD_PATH = path.resolve('build/index.js')
const env = parseEnv()
const log = (message: string) => console.log(`[server] ${message}`)

let services: Services
try {
  services = await startServices(env, { log })
} catch (error) {
  console.error(`[server] 起動できませんでした: ${error instanceof Error ? error.message : String(error)}`)
  if (error instanceof Error && error.cause) console.error(error.cause)
  process.exit(1)
}

// Demo accounts come with the embedded setup (a developer's or evaluator's machine), not with a server DB.
const demoEnabled = env.DEMO_ACCOUNTS ? env.DEMO_ACCOUNTS === 'on' : !env.DATABASE_URL
const demoLogins: DemoLogin[] = demoEnabled ? await ensureDemoAccounts(services) : []
// A first 課題 and a published need, so the issues, needs and open calls pages are not empty on a first start.
if (demoEnabled)
  await ensureDemoContent(services).catch((error: unknown) =>
    console.error('[server] demo content was not created', error),
  )
// The national demo (every prefecture's pools, ~300 needs, placements, appointments since 2025) is built once,
// with the embedded database only, in the background after the server listens: ~2 minutes on 2 cores.
let nationalDemo: RunningDemoBuild | undefined
const initialAdminUrl = env.INITIAL_ADMIN_EMAIL
  ? await ensureInitialAdminInvitation(services, env.INITIAL_ADMIN_EMAIL)
  : null

const importBuild = async (): Promise<ServerBuild> =>
  (await import(`${url.pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`)) as ServerBuild
let build = await importBuild()

const app = express()
app.disable('x-powered-by')
app.use(compression())
// Request id, CSP nonce, no-store by default, HSTS over https (app/utils/security-headers.server.ts).
app.use(securityHeaders())
// Fingerprinted assets are immutable.
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
// public/ holds only the build and the favicon: serving that one file by name spares every page a stat().
app.get('/favicon.svg', (_req, res) => res.sendFile(path.resolve('public/favicon.svg'), { maxAge: '1h' }))
// Bodies over 1 MB (10 MB for the CSV imports) are refused with 413 before anything reads them.
app.use(
  bodyLimit({
    formBytes: 1024 * 1024,
    uploadBytes: 10 * 1024 * 1024,
    uploadPaths: ['/pools/import', '/admin/skill-standard/import'],
  }),
)
// Each request counts its own statements (db/query-stats.ts), reported in Server-Timing when enabled.
const serverTiming = (env.SERVER_TIMING ?? (env.NODE_ENV === 'production' ? 'off' : 'on')) === 'on'
app.use((_req, _res, next) => countQueries(next))
app.use(morgan(env.NODE_ENV === 'production' ? 'combined' : 'dev'))
// Behind a reverse proxy (APP_URL https://…), req.ip and the protocol come from X-Forwarded-*.
if (env.APP_URL) app.set('trust proxy', 'loopback, linklocal, uniquelocal')
app.use((req, res, next) => {
  if (
    isForeignOriginRequest(req.method, {
      origin: req.get('origin'),
      referer: req.get('referer'),
      host: req.get('host'),
      protocol: req.protocol,
      appUrl: env.APP_URL,
    })
  ) {
    res
      .status(403)
      .type('text/plain; charset=utf-8')
      .send('別のサイトからの送信は受け付けられません（CSRF 対策）。ページを開き直して、もう一度お試しください。')
    return
  }
  next()
})

// Under `remix dev` (npm run dev) the build is re-imported on change; otherwise the build is served as is.
const devMode = Boolean(process.env.REMIX_DEV_ORIGIN)
const getLoadContext = (req: express.Request, res: express.Response) => ({
  services,
  requestInfo: { id: String(res.locals.requestId), ip: req.ip ?? 'unknown' },
  cspNonce: String(res.locals.cspNonce),
  queryStats: serverTiming ? currentQueryStats() : undefined,
})
app.all(
  '*',
  devMode
    ? (req, res, next) => createRequestHandler({ build, mode: 'development', getLoadContext })(req, res, next)
    : createRequestHandler({ build, mode: build.mode, getLoadContext }),
)

const httpServer = app.listen(env.PORT, env.HOST, async () => {
  const address = httpServer.address()
  const port = typeof address === 'object' && address ? address.port : env.PORT
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST
  console.log(`\n  自治体DXアクセラレータ500 プラットフォームを起動しました: http://${host}:${port}/\n`)
  console.log(
    `  データベース: ${services.database.kind === 'pglite' ? `PGlite (${path.join(env.DATA_DIR, 'pglite')})` : 'PostgreSQL サーバー (DATABASE_URL)'}`,
  )
  console.log(`  検索: Meilisearch ${env.MEILI_URL ? '(MEILI_URL)' : '(同梱の開発用バイナリ)'}`)
  if (demoLogins.length > 0) {
    console.log(
      `  デモ用ログイン（パスワードは初回起動時に生成し、${path.relative(process.cwd(), path.join(env.DATA_DIR, 'demo-logins.json'))} に保存しています）:`,
    )
    for (const login of demoLogins)
      console.log(`    ${login.label.padEnd(14, '　')} ${login.email}  パスワード: ${login.password}`)
    console.log('')
  }
  if (initialAdminUrl) {
    console.log(`  最初の管理者（${env.INITIAL_ADMIN_EMAIL}）の招待リンク（7日間有効）:\n    ${initialAdminUrl}\n`)
  }
  console.log('  停止するには Ctrl-C を押してください。\n')
  if (isEmbeddedDemo(env) && !shuttingDown)
    nationalDemo = startNationalDemoBuild(services, { log, professionals: env.DEMO_PROFESSIONALS })
  if (devMode) {
    const chokidar = await import('chokidar')
    chokidar.watch(BUILD_PATH, { ignoreInitial: true }).on('all', async () => {
      build = await importBuild()
      broadcastDevReady(build)
    })
    broadcastDevReady(build)
  }
})

// Shutdown drains before it closes: stop accepting, let the requests in flight finish (their keep-alive
// connections close as each response ends), then stop the workers, the database and Meilisearch
// (services.close() does them in that order). Closing the database under running handlers would fail
// them ("driver has already been destroyed"); closing busy connections would reset their requests.
// Give the supervisor a stop timeout of 15 s or more (docker stop waits 10 s by default, Kubernetes 30 s);
// if it kills us sooner, Meilisearch's watchdog still stops it and PostgreSQL drops our sessions.
const DRAIN_TIMEOUT_MS = 10_000
const FORCE_EXIT_MS = 25_000
let shuttingDown = false
const openResponses = new Set<http.ServerResponse>()
httpServer.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
  // During shutdown a request that still arrives on an open connection is served, then its connection closes.
  if (shuttingDown) res.shouldKeepAlive = false
  openResponses.add(res)
  res.once('close', () => {
    openResponses.delete(res)
    if (shuttingDown) httpServer.closeIdleConnections()
  })
})

async function shutdown(signal: string) {
  if (shuttingDown) {
    log(`${signal} をもう一度受け取りました。処理中のリクエストを待たずに終了します。`)
    process.exit(1)
  }
  shuttingDown = true
  log(`${signal} を受け取りました。処理中のリクエスト ${openResponses.size} 件の完了を待って停止します…`)
  const force = setTimeout(() => {
    console.error('[server] 停止がタイムアウトしました。強制終了します。')
    process.exit(1)
  }, FORCE_EXIT_MS)
  force.unref()
  // Responses not yet started tell the client the connection closes with them; idle connections go now.
  for (const res of openResponses) if (!res.headersSent) res.shouldKeepAlive = false
  const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()))
  httpServer.closeIdleConnections()
  const drained = await Promise.race([
    closed.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS).unref()),
  ])
  if (!drained) {
    log(`${DRAIN_TIMEOUT_MS / 1000} 秒待っても終わらないリクエスト ${openResponses.size} 件の接続を切断します。`)
    httpServer.closeAllConnections()
    await closed
  }
  // The demo build stops after its batch in progress (it resumes on the next start).
  await nationalDemo?.stop()
  await services.close()
  log('停止しました。')
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
