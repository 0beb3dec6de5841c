import { isDatabaseHealthy } from '../../db/client'
import { getSearchOutboxBacklog, type OutboxBacklog } from '../../db/queries/search-outbox'
import { isSearchHealthy } from '../../search/client'
import type { Services } from '../services.server'

export type OutboxStatus = 'ok' | 'backlog' | 'failing' | 'stalled'

/** Each check says what it found in one Japanese sentence (`reason`), whether it is ok or not. */
export interface Health {
  status: 'ok' | 'degraded' | 'down'
  /** The reasons of the checks that are not ok, most serious first (empty when all is well). */
  reasons: string[]
  database: { status: 'ok' | 'down'; backend: 'pglite' | 'postgres'; reason: string }
  search: { status: 'ok' | 'down'; reason: string }
  outbox: (OutboxBacklog & { status: OutboxStatus; reason: string }) | null
  worker: 'in-process' | 'separate'
}

/**
 * A change is searchable within about a second (docs/freshness.md). A row pending for longer than this has
 * missed that promise by far: the worker is stuck, stopped or overwhelmed, and an operator should know now,
 * not minutes later (a withdrawn consent stays searchable for as long as its row waits).
 */
export const SYNC_BEHIND_MS = 5_000

/** A check that does not answer within this long counts as down (a load balancer must not hang on us). */
const CHECK_TIMEOUT_MS = 3_000

function withinTimeout<T>(promise: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), CHECK_TIMEOUT_MS)
  })
  return Promise.race([promise.catch(() => fallback), timeout]).finally(() => clearTimeout(timer))
}

function seconds(ms: number): string {
  return `${Math.floor(ms / 1000)} 秒`
}

function outboxCheck(backlog: OutboxBacklog, searchUp: boolean): { status: OutboxStatus; reason: string } {
  const age = backlog.oldestPendingAgeMs ?? 0
  if (!searchUp) {
    return {
      status: 'stalled',
      reason:
        backlog.pending + backlog.failed > 0
          ? `Meilisearch に接続できないため検索の同期が止まっており、${backlog.pending + backlog.failed} 件の変更（最古は ${seconds(age)}前）が検索に反映されていません`
          : 'Meilisearch に接続できないため、これからの変更は検索に反映されません',
    }
  }
  if (backlog.failed > 0) {
    return {
      status: 'failing',
      reason: `${backlog.failed} 件の検索同期が上限回数まで失敗して止まっています（同じデータの再保存か再起動で再試行します）`,
    }
  }
  if (backlog.retrying > 0) {
    return { status: 'failing', reason: `${backlog.retrying} 件の検索同期が失敗し、再試行を待っています` }
  }
  if (age > SYNC_BEHIND_MS) {
    return {
      status: 'backlog',
      reason: `検索の同期が遅れています: ${backlog.pending} 件の変更が ${seconds(age)}前から反映待ちです（ワーカーが停止しているか処理が追いついていません）`,
    }
  }
  return {
    status: 'ok',
    reason: backlog.pending > 0 ? `${backlog.pending} 件の変更を同期中です` : '未同期の変更はありません',
  }
}

export async function getHealth(
  services: Pick<Services, 'database' | 'search' | 'worker' | 'maxOutboxAttempts'>,
): Promise<Health> {
  const { database, search } = services
  const [databaseUp, searchUp] = await Promise.all([
    withinTimeout(isDatabaseHealthy(database.db), false),
    withinTimeout(isSearchHealthy(search), false),
  ])
  const backlog = databaseUp
    ? await withinTimeout(getSearchOutboxBacklog(database.db, services.maxOutboxAttempts), null)
    : null
  const outbox = backlog ? { ...backlog, ...outboxCheck(backlog, searchUp) } : null

  const databaseCheck = {
    status: databaseUp ? ('ok' as const) : ('down' as const),
    backend: database.kind,
    reason: databaseUp
      ? 'データベースは応答しています'
      : `データベースに接続できないか、${seconds(CHECK_TIMEOUT_MS)}以内に応答がありません。サイトは利用できません`,
  }
  const searchCheck = {
    status: searchUp ? ('ok' as const) : ('down' as const),
    reason: searchUp
      ? 'Meilisearch は応答しています'
      : `Meilisearch に接続できないか、${seconds(CHECK_TIMEOUT_MS)}以内に応答がありません。検索以外の機能は動作します`,
  }
  const reasons = [
    ...(databaseUp ? [] : [databaseCheck.reason]),
    ...(searchUp ? [] : [searchCheck.reason]),
    ...(outbox && outbox.status !== 'ok' ? [outbox.reason] : []),
    ...(databaseUp && !outbox ? ['検索同期の状況を取得できませんでした'] : []),
  ]
  return {
    status: !databaseUp ? 'down' : reasons.length === 0 ? 'ok' : 'degraded',
    reasons,
    database: databaseCheck,
    search: searchCheck,
    outbox,
    worker: services.worker ? 'in-process' : 'separate',
  }
}
