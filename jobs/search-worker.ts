// The search outbox worker (docs/decisions/002-search-outbox.md): claim pending rows, rebuild their
// documents from Postgres, send them to Meilisearch, wait for the task, then confirm. Postgres stays the
// truth: when Meilisearch is down nothing is lost, rows simply wait (without burning attempts).
import type { Kysely } from 'kysely'
import {
  type ClaimedOutboxRow,
  claimSearchOutbox,
  confirmSearchOutbox,
  failSearchOutbox,
  releaseSearchOutbox,
  SEARCH_OUTBOX_CHANNEL,
} from '../db/queries/search-outbox'
import type { DB } from '../db/schema'
import { isSearchHealthy, type SearchClient, searchErrorCode } from '../search/client'
import { INDEXES } from '../search/indexes'
import { isSearchEntity } from '../search/registry'
import { rebuildSearchDocuments } from './handlers/search-documents'
import { listenForOutbox, NOTIFIED_POLL_MS, type OutboxNotifications, UNNOTIFIED_POLL_MS } from './outbox-notifications'
import { type PollingLoop, startPollingLoop } from './polling-loop'

export interface SearchWorkerOptions {
  db: Kysely<DB>
  search: SearchClient
  batchSize?: number
  /** After this many failed attempts a row stays pending as "failed" (shown by /healthz) until re-enqueued. */
  maxAttempts?: number
  leaseSeconds?: number
  /** How long Meilisearch may take to process one task. */
  taskTimeoutMs?: number
  log?: (message: string) => void
  /**
   * Called before the first sync and after every reconnection (e.g. to apply index settings, which must
   * exist before documents arrive, or Meilisearch would create the index with default settings).
   */
  onSearchAvailable?: () => Promise<void>
  /** The caller already ran onSearchAvailable's work at start-up: skip it until the first disconnection. */
  searchPrepared?: boolean
}

/** Calls `onNotify` after each commit that enqueued search work; returns the function that stops listening. */
export function listenForSearchOutbox(source: OutboxNotifications, onNotify: () => void): Promise<() => Promise<void>> {
  return listenForOutbox(source, SEARCH_OUTBOX_CHANNEL, onNotify)
}

export const DEFAULT_MAX_ATTEMPTS = 8

export interface DrainResult {
  claimed: number
  confirmed: number
  failed: number
  /** True when Meilisearch was unreachable: rows were released untouched. */
  searchUnavailable: boolean
}

export function isSearchOutage(error: unknown): boolean {
  const name = error instanceof Error ? error.name : ''
  // The client wraps everything our transport throws in a MeilisearchRequestError, including Meilisearch's
  // own refusals: those carry an error code (search/client.ts) and are the document's fault, not an outage.
  const transportFailure = name === 'MeilisearchRequestError' || name === 'MeilisearchRequestTimeOutError'
  return transportFailure && searchErrorCode(error) === undefined
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

/** Processes one batch. Exported for tests and for the reindex script. */
export async function drainSearchOutboxOnce(options: SearchWorkerOptions): Promise<DrainResult> {
  const { db, search } = options
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  const result: DrainResult = { claimed: 0, confirmed: 0, failed: 0, searchUnavailable: false }
  if (!(await isSearchHealthy(search))) return { ...result, searchUnavailable: true }

  const rows = await claimSearchOutbox(db, {
    limit: options.batchSize ?? 500,
    maxAttempts,
    leaseSeconds: options.leaseSeconds ?? 120,
  })
  result.claimed = rows.length

  const byEntity = new Map<string, ClaimedOutboxRow[]>()
  for (const row of rows) byEntity.set(row.entity, [...(byEntity.get(row.entity) ?? []), row])

  for (const [entity, group] of byEntity) {
    if (result.searchUnavailable) {
      await releaseSearchOutbox(db, group)
      continue
    }
    if (!isSearchEntity(entity)) {
      await failSearchOutbox(db, group, `未知のエンティティです: ${entity}`)
      result.failed += group.length
      continue
    }
    try {
      const rebuilt = await rebuildSearchDocuments(
        db,
        entity,
        group.map((row) => row.entity_id),
      )
      const index = search.meili.index(search.indexUid(rebuilt.index))
      const waitOptions = { timeout: options.taskTimeoutMs ?? 60_000, interval: 25 }
      const tasks = []
      if (rebuilt.documents.length > 0) {
        tasks.push(
          await index
            .addDocuments(rebuilt.documents, { primaryKey: INDEXES[rebuilt.index].primaryKey })
            .waitTask(waitOptions),
        )
      }
      if (rebuilt.deleteIds.length > 0) {
        tasks.push(await index.deleteDocuments(rebuilt.deleteIds).waitTask(waitOptions))
      }
      const failedTask = tasks.find((task) => task.status !== 'succeeded')
      if (failedTask) {
        await failSearchOutbox(
          db,
          group,
          `Meilisearch task ${failedTask.uid} ${failedTask.status}: ${failedTask.error?.message ?? ''}`,
        )
        result.failed += group.length
      } else {
        result.confirmed += await confirmSearchOutbox(db, group)
      }
    } catch (error) {
      if (isSearchOutage(error)) {
        result.searchUnavailable = true
        await releaseSearchOutbox(db, group)
      } else {
        options.log?.(`検索インデックスの同期に失敗しました (${entity}): ${describe(error)}`)
        await failSearchOutbox(db, group, describe(error))
        result.failed += group.length
      }
    }
  }
  return result
}

export type SearchWorker = PollingLoop

/**
 * Runs the worker loop in this process (jobs/polling-loop.ts). It drains as soon as a write commits when
 * `notifications` is given, and looks every `pollMs` as well (jobs/outbox-notifications.ts says why and
 * how often). When Meilisearch is down the loop backs off up to `maxIdleMs` and tries
 * again, so the backlog drains by itself once it is back.
 */
export function startSearchWorker(
  options: SearchWorkerOptions & { pollMs?: number; maxIdleMs?: number; notifications?: OutboxNotifications },
): SearchWorker {
  let reportedDown = false
  let connected = options.searchPrepared ?? false
  const loop = startPollingLoop({
    pollMs: options.pollMs ?? (options.notifications ? NOTIFIED_POLL_MS : UNNOTIFIED_POLL_MS),
    maxIdleMs: options.maxIdleMs ?? 10_000,
    onError: (error) => options.log?.(`検索同期ワーカーでエラーが発生しました: ${describe(error)}`),
    async step() {
      if (!connected && options.onSearchAvailable && (await isSearchHealthy(options.search))) {
        await options.onSearchAvailable()
      }
      const result = await drainSearchOutboxOnce(options)
      if (result.searchUnavailable) {
        if (!reportedDown) options.log?.('Meilisearch に接続できません。検索の同期は接続が戻りしだい再開します。')
        reportedDown = true
        connected = false
        return 'down'
      }
      if (reportedDown) options.log?.('Meilisearch に再接続しました。未同期の変更を反映します。')
      reportedDown = false
      connected = true
      // Anything claimed means more may be waiting (a full batch, or a row written again while we held it,
      // whose lease the confirm just released): continue at once.
      return result.claimed > 0 ? 'more' : 'idle'
    },
  })
  const listening = options.notifications
    ? listenForSearchOutbox(options.notifications, () => loop.wake()).catch((error: unknown) => {
        options.log?.(`検索同期の通知を受け取れません。${describe(error)}（定期的な確認で同期は続きます）`)
        return undefined
      })
    : undefined
  return {
    wake: () => loop.wake(),
    async stop() {
      const unlisten = await listening
      await unlisten?.().catch(() => {})
      await loop.stop()
    },
  }
}
