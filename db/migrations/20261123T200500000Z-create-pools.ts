// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// Prefectural talent pools (人材プール): members with a screening status and its full history.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pool_member')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('prefecture_code', 'char(2)', (col) => col.notNull())
    // A registered professional's profile; null for people the prefecture adds directly (later: CSV, invites).
    .addColumn('profile_id', 'uuid')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('application_message', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('target_role_ids', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('interview_at', 'timestamptz')
    .addColumn('interview_place', 'text')
    .addColumn('notes', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('lock_version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pool_member_pkey', ['id'])
    .addForeignKeyConstraint('pool_member_profile_fkey', ['profile_id'], 'profile', ['id'], (fk) => fk.onDelete('set null'))
    .addCheckConstraint(
      'pool_member_status_valid',
      sql`status in ('applied', 'screening', 'interview', 'training', 'registered', 'declined', 'withdrawn')`,
    )
    .addCheckConstraint(
      'pool_member_source_valid',
      sql`source in ('application', 'public_call', 'company_recommendation', 'national_list', 'referral')`,
    )
    .addCheckConstraint('pool_member_prefecture_format', sql`prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$'`)
    .execute()
  // One membership per person and prefecture (a withdrawn person re-applies by reopening it).
  await sql`create unique index pool_member_profile_unique on pool_member (prefecture_code, profile_id) where profile_id is not null`.execute(db)
  // Serves: a prefecture's pool list filtered by status.
  await db.schema.createIndex('pool_member_prefecture_status_idx').on('pool_member').columns(['prefecture_code', 'status']).execute()
  // Serves: a professional's own applications.
  await db.schema.createIndex('pool_member_profile_idx').on('pool_member').column('profile_id').execute()

  await db.schema
    .createTable('pool_member_event')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity())
    .addColumn('pool_member_id', 'uuid', (col) => col.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('pool_member_event_pkey', ['id'])
    .addForeignKeyConstraint('pool_member_event_member_fkey', ['pool_member_id'], 'pool_member', ['id'], (fk) => fk.onDelete('cascade'))
    .execute()
  // Serves: a member's status history, in order.
  await db.schema.createIndex('pool_member_event_member_idx').on('pool_member_event').columns(['pool_member_id', 'id']).execute()

  await db.schema
    .createTable('training_record')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('pool_member_id', 'uuid', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('provider', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('completed_on', 'date')
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('training_record_pkey', ['id'])
    .addForeignKeyConstraint('training_record_member_fkey', ['pool_member_id'], 'pool_member', ['id'], (fk) => fk.onDelete('cascade'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('training_record').execute()
  await db.schema.dropTable('pool_member_event').execute()
  await db.schema.dropTable('pool_member').execute()
}
