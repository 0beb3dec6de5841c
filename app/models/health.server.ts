import { sql } from 'kysely'
import { getSearchOutboxBacklog, type OutboxBacklog } from '../../db/queries/search-outbox'
import { isSearchHealthy } from '../../search/client'
import type { Services } from '../services.server'

export interface Health {
  status: 'ok' | 'degraded' | 'down'
  database: { status: 'ok' | 'down'; backend: 'pglite' | 'postgres' }
  search: { status: 'ok' | 'down' }
  outbox: (OutboxBacklog & { status: 'ok' | 'backlog' | 'failing' }) | null
  worker: 'in-process' | 'separate'
}

/** A backlog older than this means the worker is not keeping up (or not running). */
const STALE_BACKLOG_MS = 5 * 60_000

export async function getHealth(services: Pick<Services, 'database' | 'search' | 'worker' | 'maxOutboxAttempts'>): Promise<Health> {
  const { database, search } = services
  const [databaseUp, searchUp] = await Promise.all([
    sql`select 1`
      .execute(database.db)
      .then(() => true)
      .catch(() => false),
    isSearchHealthy(search),
  ])
  const outbox = databaseUp ? await getSearchOutboxBacklog(database.db, services.maxOutboxAttempts).catch(() => null) : null
  const outboxStatus = !outbox
    ? null
    : outbox.failed > 0
      ? 'failing'
      : outbox.oldestPendingAt && Date.now() - outbox.oldestPendingAt.getTime() > STALE_BACKLOG_MS
        ? 'backlog'
        : 'ok'
  return {
    status: !databaseUp ? 'down' : searchUp && outboxStatus === 'ok' ? 'ok' : 'degraded',
    database: { status: databaseUp ? 'ok' : 'down', backend: database.kind },
    search: { status: searchUp ? 'ok' : 'down' },
    outbox: outbox && outboxStatus ? { ...outbox, status: outboxStatus } : null,
    worker: services.worker ? 'in-process' : 'separate',
  }
}
