import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import { deferredWritesOf } from '../deferred-writes'
import type { SearchEntity } from '../schema'

/** The channel a committed enqueue notifies, so a listening worker starts at once instead of at its next poll. */
export const SEARCH_OUTBOX_CHANNEL = 'search_outbox'

/**
 * Records that documents must be (re)built. Call it in the SAME transaction as the domain write, so the
 * write and the promise to index it commit together. Re-enqueueing bumps the row's generation and makes it
 * due now; a lease it may carry stays with the worker that holds it (a second worker syncing the same record
 * at the same time could overwrite the newer document with the older one), and that worker releases it on
 * confirm, which then leaves the newer generation claimable at once (see confirmSearchOutbox).
 */
export async function enqueueSearchSync(
  db: DbExecutor,
  entity: SearchEntity,
  entityIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(entityIds)]
  if (ids.length === 0) return
  // A handle with deferred writes (db/deferred-writes.ts) enqueues them all just before its commit.
  const deferred = deferredWritesOf(db)
  if (deferred) return deferred.addOutbox(entity, ids)
  // Chunks keep each statement's parameter count well under PostgreSQL's 65,535 limit. The last chunk also
  // notifies the worker, in the same statement (one round trip fewer on every write that indexes something):
  // delivered only when the transaction commits (never on rollback), to every listener on any connection.
  for (let i = 0; i < ids.length; i += 1000) {
    const insert = db
      .insertInto('search_outbox')
      .values(ids.slice(i, i + 1000).map((entity_id) => ({ entity, entity_id })))
      .onConflict((oc) =>
        oc.constraint('search_outbox_entity_unique').doUpdateSet({
          enqueued_at: sql`clock_timestamp()`,
          generation: sql`search_outbox.generation + 1`,
          attempts: 0,
          last_error: null,
          next_attempt_at: sql`now()`,
          confirmed_at: null,
        }),
      )
    if (i + 1000 < ids.length) await insert.execute()
    else
      await db
        .with('queued', () => insert)
        .selectNoFrom(sql`pg_notify(${SEARCH_OUTBOX_CHANNEL}, '')`.as('notified'))
        .execute()
  }
}

export interface ClaimedOutboxRow {
  id: number
  entity: string
  entity_id: string
  generation: number
  attempts: number
}

/**
 * Claims up to `limit` pending rows with a short lease. One statement, no transaction held open while the
 * worker talks to Meilisearch: PGlite has a single connection that the app's requests need too.
 * `FOR UPDATE SKIP LOCKED` lets several workers on a server database share the queue.
 */
export async function claimSearchOutbox(
  db: DbExecutor,
  { limit, maxAttempts, leaseSeconds }: { limit: number; maxAttempts: number; leaseSeconds: number },
): Promise<ClaimedOutboxRow[]> {
  const result = await sql<ClaimedOutboxRow>`
    update search_outbox
       set locked_until = now() + make_interval(secs => ${leaseSeconds})
     where id in (
       select id from search_outbox
        where confirmed_at is null
          and attempts < ${maxAttempts}
          and next_attempt_at <= now()
          and (locked_until is null or locked_until < now())
        order by enqueued_at
        limit ${limit}
        for update skip locked)
    returning id, entity, entity_id, generation, attempts`.execute(db)
  return result.rows.map((row) => ({ ...row, id: Number(row.id) }))
}

/** The claimed (id, generation) pairs as a VALUES list, so one statement can treat each row by its own generation. */
function claimedValues(rows: readonly ClaimedOutboxRow[]) {
  return sql.join(rows.map((row) => sql`(${row.id}::bigint, ${row.generation}::integer)`))
}

/**
 * Confirms rows whose claimed generation is still the latest, and releases the lease of the others: they
 * were written again while the worker held them, so the newer generation is pending and must be claimable
 * at once, not when the lease runs out. One statement, so no other worker's lease can be released by mistake.
 * Returns how many rows were confirmed.
 */
export async function confirmSearchOutbox(db: DbExecutor, rows: readonly ClaimedOutboxRow[]): Promise<number> {
  if (rows.length === 0) return 0
  const result = await sql<{ confirmed: boolean }>`
    with claimed (id, generation) as (values ${claimedValues(rows)})
    update search_outbox o
       set confirmed_at = case when o.generation = c.generation then now() else o.confirmed_at end,
           last_error = case when o.generation = c.generation then null else o.last_error end,
           locked_until = null
      from claimed c
     where o.id = c.id
    returning o.generation = c.generation as confirmed`.execute(db)
  return result.rows.filter((row) => row.confirmed).length
}

/**
 * Counts a failed attempt and backs off exponentially (2 s, 4 s, … up to 5 min). A row written again since
 * the claim is only released: its newer generation has not failed yet and is due now.
 */
export async function failSearchOutbox(
  db: DbExecutor,
  rows: readonly ClaimedOutboxRow[],
  error: string,
): Promise<void> {
  if (rows.length === 0) return
  await sql`
    with claimed (id, generation) as (values ${claimedValues(rows)})
    update search_outbox o
       set attempts = case when o.generation = c.generation then o.attempts + 1 else o.attempts end,
           last_error = case when o.generation = c.generation then ${error.slice(0, 2000)}::text else o.last_error end,
           next_attempt_at = case
             when o.generation = c.generation then now() + make_interval(secs => least(300, power(2, o.attempts + 1)::int))
             else o.next_attempt_at end,
           locked_until = null
      from claimed c
     where o.id = c.id`.execute(db)
}

/** Gives claimed rows back without counting an attempt (Meilisearch was unreachable: not the row's fault). */
export async function releaseSearchOutbox(db: DbExecutor, rows: readonly ClaimedOutboxRow[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .updateTable('search_outbox')
    .set({ locked_until: null })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute()
}

/**
 * Gives rows that used up their attempts one more round (called at start-up: a deploy may have fixed the
 * cause, e.g. a loader for a new entity). Returns how many.
 */
export async function retryFailedSearchSync(db: DbExecutor, maxAttempts: number): Promise<number> {
  const result = await db
    .updateTable('search_outbox')
    .set({ attempts: 0, next_attempt_at: sql`now()`, locked_until: null })
    .where('confirmed_at', 'is', null)
    .where('attempts', '>=', maxAttempts)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function hasPendingSearchSync(db: DbExecutor, entity: SearchEntity): Promise<boolean> {
  const row = await db
    .selectFrom('search_outbox')
    .select('id')
    .where('entity', '=', entity)
    .where('confirmed_at', 'is', null)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

export interface OutboxBacklog {
  /** Rows still to sync (including those retrying after a failure). */
  pending: number
  /** Pending rows whose last attempt failed; they are retried with backoff. */
  retrying: number
  /** Rows that used up their attempts: they wait for a new write or a restart. */
  failed: number
  oldestPendingAt: Date | null
  /** Age of the oldest unsynced row, measured by the database's clock (the app's may differ). */
  oldestPendingAgeMs: number | null
}

export async function getSearchOutboxBacklog(db: DbExecutor, maxAttempts: number): Promise<OutboxBacklog> {
  const row = await db
    .selectFrom('search_outbox')
    .select([
      sql<number>`count(*) filter (where attempts < ${maxAttempts})`.as('pending'),
      sql<number>`count(*) filter (where attempts > 0 and attempts < ${maxAttempts})`.as('retrying'),
      sql<number>`count(*) filter (where attempts >= ${maxAttempts})`.as('failed'),
      sql<Date | null>`min(enqueued_at)`.as('oldest'),
      sql<number | null>`floor(extract(epoch from clock_timestamp() - min(enqueued_at)) * 1000)`.as('oldest_age_ms'),
    ])
    .where('confirmed_at', 'is', null)
    .executeTakeFirstOrThrow()
  return {
    pending: Number(row.pending),
    retrying: Number(row.retrying),
    failed: Number(row.failed),
    oldestPendingAt: row.oldest ? new Date(row.oldest) : null,
    oldestPendingAgeMs: row.oldest_age_ms === null ? null : Math.max(0, Number(row.oldest_age_ms)),
  }
}

/** The database's clock: what a rebuild compares outbox rows against (never the app's clock). */
export async function databaseNow(db: DbExecutor): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db)
  return new Date(rows[0]!.now)
}

/** Ids of an entity enqueued at or after `since` (what changed while a rebuild was reading Postgres). */
export async function listEnqueuedSince(db: DbExecutor, entity: SearchEntity, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('search_outbox')
    .select('entity_id')
    .where('entity', '=', entity)
    .where('enqueued_at', '>=', since)
    .execute()
  return rows.map((r) => r.entity_id)
}
