// The composition root: everything the server process owns (database, search, worker, bundled
// Meilisearch) is created here once and handed to Remix through the load context.
import crypto from 'node:crypto'
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createDatabase, databaseConfigFrom, type Database } from '../db/client'
import { analyzeDatabase, type EmbeddedMaintenance, startEmbeddedMaintenance } from '../db/maintenance'
import { migrateToLatest } from '../db/migrate'
import { isAlive } from '../db/process-alive'
import { enqueueSearchSync, hasPendingSearchSync, retryFailedSearchSync } from '../db/queries/search-outbox'
import { takeMissingAcceleratorSnapshot } from '../jobs/accelerator-snapshot'
import { createMailTransport } from '../jobs/mail-transport'
import { MAIL_MAX_ATTEMPTS, type MailWorker, startMailWorker } from '../jobs/mail-worker'
import { startPollingLoop } from '../jobs/polling-loop'
import { DEFAULT_MAX_ATTEMPTS, type SearchWorker, startSearchWorker } from '../jobs/search-worker'
import type { OutboxNotifications } from '../jobs/outbox-notifications'
import { createSearchClient, isSearchHealthy, type SearchClient } from '../search/client'
import { applyIndexSettings, INDEXES } from '../search/indexes'
import { ensureMasterKey, startMeilisearch } from '../search/meili-server'
import { SEARCH_ENTITIES, SEARCH_REGISTRY } from '../search/registry'
import { seedMasterData } from '../seeds/index'
import { sendFittingNeedsDigests } from './models/match.server'
import { inputErrorResponse } from './utils/database-errors.server'
import type { Env } from './utils/env.server'
import { type Auth, createLucia } from './utils/session.server'

const DIGEST_CHECK_MS = 60 * 60 * 1000
const SNAPSHOT_CHECK_MS = 60 * 60 * 1000

export interface Services {
  env: Env
  database: Database
  search: SearchClient
  worker: SearchWorker | undefined
  /** Sends queued mail; call wake() after a commit that queued some (it polls every second anyway). */
  mailWorker: MailWorker | undefined
  /** The embedded database's housekeeping (db/maintenance.ts); none on a PostgreSQL server. */
  maintenance?: EmbeddedMaintenance
  maxOutboxAttempts: number
  auth: Auth
  /** Signing secrets for cookies (first signs, all verify). */
  sessionSecrets: string[]
  secureCookies: boolean
  /** The public base URL used in mailed links (never taken from the request's Host header). */
  appUrl: string
  close(): Promise<void>
}

/** Per-request facts the server knows (set in server.ts). */
export interface RequestInfo {
  id: string
  ip: string
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    services: Services
    requestInfo: RequestInfo
  }
}

/** Cookies are Secure unless the site is served on loopback only (a developer's http://127.0.0.1). */
export function shouldUseSecureCookies(env: Env): boolean {
  if (env.APP_URL) return env.APP_URL.startsWith('https://')
  return !['127.0.0.1', 'localhost', '::1'].includes(env.HOST)
}

export function appUrlFor(env: Env): string {
  return env.APP_URL ?? `http://${env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST}:${env.PORT}`
}

/** SESSION_SECRET, or one generated once under DATA_DIR (the embedded setup needs no configuration). */
export async function resolveSessionSecrets(env: Env): Promise<string[]> {
  if (env.SESSION_SECRET)
    return env.SESSION_SECRET.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  const file = path.join(env.DATA_DIR, 'session-secret')
  const existing = await readFile(file, 'utf8').catch(() => '')
  if (existing.trim().length >= 32) return [existing.trim()]
  await mkdir(env.DATA_DIR, { recursive: true })
  const secret = crypto.randomBytes(32).toString('base64url')
  await writeFile(file, secret, { mode: 0o600 })
  return [secret]
}

type Log = (message: string) => void

/**
 * PGlite has no lock on its directory and two writers corrupt it, so the data directory gets one: a file
 * holding the owner's PID, created atomically; a stale file (its process gone) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true })
  const lockPath = path.join(dataDir, 'app.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => rm(lockPath, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim())
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `データディレクトリ ${dataDir} は別のプロセス (PID ${pid}) が使用中です。` +
            '同じデータで2つ目の npm start は起動できません。先に起動中のサーバーを停止してください。',
        )
      }
      await rm(lockPath, { force: true })
    }
  }
  throw new Error(`データディレクトリ ${dataDir} のロックを取得できませんでした`)
}

/**
 * Enqueues every row of an entity while nothing for it waits in the outbox, when its index is empty (e.g.
 * Meilisearch's data was deleted, or MEILI_URL now points at a new server) or when no document has a field
 * the index searches or filters on (the documents predate it: after an upgrade that added the reading fields
 * or changed how pool memberships are kept, the index is rebuilt instead of waiting for `npm run search:reindex`).
 */
export async function healSearchIndexes(database: Database, search: SearchClient, log: Log): Promise<void> {
  for (const entity of SEARCH_ENTITIES) {
    const stats = await search.meili.index(search.indexUid(entity)).getStats()
    const { searchableAttributes, filterableAttributes } = INDEXES[entity].settings
    const fields = [...new Set([...(searchableAttributes ?? []), ...(filterableAttributes ?? []).map(String)])]
    const missing = fields.filter((field) => !(field in stats.fieldDistribution))
    if (stats.numberOfDocuments > 0 && missing.length === 0) continue
    if (await hasPendingSearchSync(database.db, entity)) continue
    const ids = await SEARCH_REGISTRY[entity].listIds(database.db)
    if (ids.length === 0) continue
    await database.db.transaction().execute((trx) => enqueueSearchSync(trx, entity, ids))
    log(
      stats.numberOfDocuments === 0
        ? `検索インデックス ${entity} が空のため、${ids.length} 件を再登録します`
        : `検索インデックス ${entity} の文書に項目（${missing.join('、')}）がないため、${ids.length} 件を作り直します`,
    )
  }
}

export async function startServices(
  env: Env,
  { log = console.log, worker: runWorker = env.SEARCH_WORKER === 'in-process' }: { log?: Log; worker?: boolean } = {},
): Promise<Services> {
  // Undone in reverse: the workers stop first, then the search client, the database, Meilisearch, the lock.
  const cleanups: Array<() => Promise<void>> = []
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log(`停止処理でエラー: ${error}`))
    cleanups.length = 0
  }
  try {
    // The data directory is ours alone only when it holds PGlite or the bundled Meilisearch.
    if (!env.DATABASE_URL || !env.MEILI_URL) cleanups.push(await lockDataDir(env.DATA_DIR))

    let meiliUrl = env.MEILI_URL
    let meiliKey = env.MEILI_MASTER_KEY
    if (!meiliUrl) {
      meiliKey = await ensureMasterKey(env.DATA_DIR)
      // Supervised: restarted if it exits, stopped if this process dies (search/meili-server.ts).
      const meili = await startMeilisearch({
        dataDir: env.DATA_DIR,
        masterKey: meiliKey,
        port: env.MEILI_PORT,
        log: (message) => log(`[meilisearch] ${message}`),
      })
      cleanups.push(() => meili.stop())
      meiliUrl = meili.url
      log(`Meilisearch (同梱の開発用バイナリ) を起動しました: ${meili.url}`)
    }

    const database = await createDatabase(databaseConfigFrom(env), {
      mapQueryError: inputErrorResponse,
      log: (message) => log(`[database] ${message}`),
    })
    cleanups.push(() => database.close())
    await migrateToLatest(database.db)
    const retried = await retryFailedSearchSync(database.db, DEFAULT_MAX_ATTEMPTS)
    if (retried > 0) log(`同期に失敗していた検索インデックスの更新 ${retried} 件を再試行します`)
    const seeded = await seedMasterData(database.db)
    if (seeded.localGovernmentsChanged > 0)
      log(`マスターデータを登録しました: 地方公共団体 ${seeded.localGovernmentsChanged} 件`)
    let maintenance: EmbeddedMaintenance | undefined
    if (database.kind === 'pglite') {
      // The embedded database has no autovacuum: statistics now for the tables that hold rows, statistics for
      // each table that doubles (a fresh demo grows them from empty), and VACUUM (ANALYZE) every hour.
      await analyzeDatabase(database.db)
      const started = startEmbeddedMaintenance({ db: database.db, intervalMs: 60 * 60_000, log })
      cleanups.push(() => started.stop())
      maintenance = started
    }

    const search = createSearchClient({ url: meiliUrl, apiKey: meiliKey ?? '', indexPrefix: env.MEILI_INDEX_PREFIX })
    cleanups.push(async () => search.close())
    const prepareSearch = async () => {
      await applyIndexSettings(search, undefined, { onSlowSettings: log })
      await healSearchIndexes(database, search, log)
    }
    const searchReady = await isSearchHealthy(search)
    if (searchReady) {
      await prepareSearch()
    } else {
      log('Meilisearch に接続できません。検索以外の機能は動作し、接続が戻れば索引は自動で追いつきます。')
    }

    // Each commit that enqueues search work or mail wakes its worker at once (see docs/freshness.md).
    const notifications: OutboxNotifications | undefined = database.listen
      ? { listen: database.listen }
      : env.DATABASE_URL
        ? { databaseUrl: env.DATABASE_URL }
        : undefined

    let worker: SearchWorker | undefined
    if (runWorker) {
      worker = startSearchWorker({
        db: database.db,
        search,
        log,
        maxAttempts: DEFAULT_MAX_ATTEMPTS,
        onSearchAvailable: prepareSearch,
        searchPrepared: searchReady,
        notifications,
      })
      const started = worker
      cleanups.push(() => started.stop())
    }

    let mailWorker: MailWorker | undefined
    if (runWorker) {
      // console.log, not `log`: the console transport prints multi-line mail that a prefix would garble.
      const transport = createMailTransport({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM })
      mailWorker = startMailWorker({
        db: database.db,
        transport,
        log,
        maxAttempts: MAIL_MAX_ATTEMPTS,
        notifications,
      })
      const startedMail = mailWorker
      cleanups.push(() => startedMail.stop())
      log(
        env.SMTP_URL
          ? 'メールは SMTP で送信します。'
          : 'SMTP_URL が未設定のため、メールは送信せず端末と「送信メール」ページに表示します。',
      )
    }

    if (runWorker) {
      // The weekly mail of fitting open calls: who is due is looked at every hour (and at start).
      const appUrl = appUrlFor(env)
      const digests = startPollingLoop({
        pollMs: DIGEST_CHECK_MS,
        maxIdleMs: DIGEST_CHECK_MS,
        step: async () => {
          const { mailed } = await sendFittingNeedsDigests(database.db, { appUrl })
          if (mailed > 0) log(`合う公募のお知らせを ${mailed} 人に送りました。`)
          return 'idle'
        },
        onError: (error) => log(`合う公募のお知らせの送信に失敗しました（1時間後に再試行します）: ${String(error)}`),
      })
      cleanups.push(() => digests.stop())
      // The day's count of appointed accelerators for the dashboard's trend: written once a day, checked hourly.
      const snapshots = startPollingLoop({
        pollMs: SNAPSHOT_CHECK_MS,
        maxIdleMs: SNAPSHOT_CHECK_MS,
        step: async () => {
          const taken = await takeMissingAcceleratorSnapshot(database.db)
          if (taken?.status === 'written') log(`${taken.on} のアクセラレータ数（${taken.appointed}名）を記録しました。`)
          return 'idle'
        },
        onError: (error) => log(`アクセラレータ数の日次記録に失敗しました（1時間後に再試行します）: ${String(error)}`),
      })
      cleanups.push(() => snapshots.stop())
    }

    const secureCookies = shouldUseSecureCookies(env)
    return {
      env,
      database,
      search,
      worker,
      mailWorker,
      maintenance,
      maxOutboxAttempts: DEFAULT_MAX_ATTEMPTS,
      auth: createLucia(database.db, { secureCookies }),
      sessionSecrets: await resolveSessionSecrets(env),
      secureCookies,
      appUrl: appUrlFor(env),
      close: closeAll,
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
