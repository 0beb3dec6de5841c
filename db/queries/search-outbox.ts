import { sql } from 'kysely'
import type { DbExecutor } from '../client'

/**
 * Records that documents must be (re)built. Call it in the SAME transaction as the domain write, so the
 * write and the promise to index it commit together. Re-enqueueing resets the row: a write that lands
 * while the worker holds an older version is never confirmed by that older version (see confirm below).
 */
export async function enqueueSearchSync(db: DbExecutor, entity: string, entityIds: readonly string[]): Promise<void> {
  const ids = [...new Set(entityIds)]
  // Chunks keep each statement's parameter count well under PostgreSQL's 65,535 limit.
  for (let i = 0; i < ids.length; i += 1000) {
    await db
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

/** Confirms rows, unless they were re-enqueued after the claim (then the newer version is still pending). */
export async function confirmSearchOutbox(db: DbExecutor, rows: readonly ClaimedOutboxRow[]): Promise<number> {
  let confirmed = 0
  for (const row of rows) {
    const result = await db
      .updateTable('search_outbox')
      .set({ confirmed_at: sql`now()`, locked_until: null, last_error: null })
      .where('id', '=', row.id)
      // Not enqueued_at: timestamptz keeps microseconds, a JS Date only milliseconds.
      .where('generation', '=', row.generation)
      .executeTakeFirst()
    confirmed += Number(result.numUpdatedRows)
  }
  return confirmed
}

/** Counts a failed attempt and backs off exponentially (2 s, 4 s, … up to 5 min). */
export async function failSearchOutbox(db: DbExecutor, rows: readonly ClaimedOutboxRow[], error: string): Promise<void> {
  if (rows.length === 0) return
  await db
    .updateTable('search_outbox')
    .set({
      attempts: sql`attempts + 1`,
      last_error: error.slice(0, 2000),
      locked_until: null,
      next_attempt_at: sql`now() + make_interval(secs => least(300, power(2, attempts + 1)::int))`,
    })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute()
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

export async function hasPendingSearchSync(db: DbExecutor, entity: string): Promise<boolean> {
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
  pending: number
  failed: number
  oldestPendingAt: Date | null
}

export async function getSearchOutboxBacklog(db: DbExecutor, maxAttempts: number): Promise<OutboxBacklog> {
  const row = await db
    .selectFrom('search_outbox')
    .select([
      sql<number>`count(*) filter (where attempts < ${maxAttempts})`.as('pending'),
      sql<number>`count(*) filter (where attempts >= ${maxAttempts})`.as('failed'),
      sql<Date | null>`min(enqueued_at)`.as('oldest'),
    ])
    .where('confirmed_at', 'is', null)
    .executeTakeFirstOrThrow()
  return {
    pending: Number(row.pending),
    failed: Number(row.failed),
    oldestPendingAt: row.oldest ? new Date(row.oldest) : null,
  }
}

/** Deletes confirmed rows older than the given age, so the table stays small. */
export async function pruneSearchOutbox(db: DbExecutor, olderThanHours: number): Promise<void> {
  await db
    .deleteFrom('search_outbox')
    .where('confirmed_at', 'is not', null)
    .where('confirmed_at', '<', sql<Date>`now() - make_interval(hours => ${olderThanHours})`)
    .execute()
}
