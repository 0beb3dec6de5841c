// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
import { type Kysely, sql } from 'kysely'

// The transactional outbox that keeps Meilisearch in step with Postgres (docs/decisions/002-search-outbox.md).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_outbox')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'text', (col) => col.notNull())
    .addColumn('enqueued_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`clock_timestamp()`))
    // Bumped on every re-enqueue; the worker confirms only the generation it claimed.
    .addColumn('generation', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('confirmed_at', 'timestamptz')
    .addPrimaryKeyConstraint('search_outbox_pkey', ['id'])
    .addUniqueConstraint('search_outbox_entity_unique', ['entity', 'entity_id'])
    .addCheckConstraint('search_outbox_attempts_nonnegative', sql`attempts >= 0`)
    .execute()

  // Serves: the worker's claim query and the health endpoint's backlog count (pending rows only).
  await sql`create index search_outbox_pending_idx on search_outbox (next_attempt_at, enqueued_at) where confirmed_at is null`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_outbox').execute()
}
