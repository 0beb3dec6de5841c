// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// Matching: searches an official saves on a need (the match page's query string), and the need's shortlist —
// the people taken from the match list through 打診 → 面談 → 内定 / 見送り / 辞退, with the history of each step.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('need_saved_search')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('need_id', 'uuid', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    // The match page's query string without `page` (e.g. `skill=bpr&form=part_time`).
    .addColumn('query', 'text', (col) => col.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('need_saved_search_pkey', ['id'])
    .addForeignKeyConstraint('need_saved_search_need_fkey', ['need_id'], 'need', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('need_saved_search_created_by_fkey', ['created_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addUniqueConstraint('need_saved_search_name_key', ['need_id', 'name'])
    .addCheckConstraint('need_saved_search_name_length', sql`char_length(name) between 1 and 60`)
    .addCheckConstraint('need_saved_search_query_length', sql`char_length(query) <= 1000`)
    .execute()

  await db.schema
    .createTable('need_shortlist_entry')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('need_id', 'uuid', (col) => col.notNull())
    .addColumn('profile_id', 'uuid', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('shortlisted'))
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('interview_at', 'timestamptz')
    .addColumn('created_by', 'uuid')
    .addColumn('lock_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('need_shortlist_entry_pkey', ['id'])
    .addForeignKeyConstraint('need_shortlist_entry_need_fkey', ['need_id'], 'need', ['id'], (fk) => fk.onDelete('cascade'))
    // A person who deletes their account leaves every shortlist (the audit log keeps what happened).
    .addForeignKeyConstraint('need_shortlist_entry_profile_fkey', ['profile_id'], 'profile', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('need_shortlist_entry_created_by_fkey', ['created_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addUniqueConstraint('need_shortlist_entry_person_key', ['need_id', 'profile_id'])
    .addCheckConstraint(
      'need_shortlist_entry_status_valid',
      sql`status in ('shortlisted', 'contacted', 'interview', 'offered', 'passed', 'declined')`,
    )
    .execute()
  // Serves: a person's shortlist entries (their own view, and "already placed full time" in matching).
  await db.schema.createIndex('need_shortlist_entry_profile_idx').on('need_shortlist_entry').columns(['profile_id', 'status']).execute()

  await db.schema
    .createTable('need_shortlist_event')
    .addColumn('id', 'bigserial', (col) => col.notNull())
    .addColumn('entry_id', 'uuid', (col) => col.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('need_shortlist_event_pkey', ['id'])
    .addForeignKeyConstraint('need_shortlist_event_entry_fkey', ['entry_id'], 'need_shortlist_entry', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('need_shortlist_event_actor_fkey', ['actor_user_id'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .execute()
  // Serves: an entry's history, oldest first.
  await db.schema.createIndex('need_shortlist_event_entry_idx').on('need_shortlist_event').columns(['entry_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('need_shortlist_event').execute()
  await db.schema.dropTable('need_shortlist_entry').execute()
  await db.schema.dropTable('need_saved_search').execute()
}
