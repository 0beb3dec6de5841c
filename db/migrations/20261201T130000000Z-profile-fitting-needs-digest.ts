// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// A professional may ask for a weekly mail of the newly published open calls that fit them.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('profile')
    .addColumn('fitting_needs_digest', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute()
  // When the last digest was sent (or, before the first, when the person asked for it): the next one lists
  // open calls published after it.
  await db.schema.alterTable('profile').addColumn('fitting_needs_digest_since', 'timestamptz').execute()
  // Serves: the digest job's list of people who asked for it.
  await db.schema
    .createIndex('profile_fitting_needs_digest_idx')
    .on('profile')
    .column('fitting_needs_digest_since')
    .where(sql.ref('fitting_needs_digest'), '=', true)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('profile_fitting_needs_digest_idx').execute()
  await db.schema.alterTable('profile').dropColumn('fitting_needs_digest_since').execute()
  await db.schema.alterTable('profile').dropColumn('fitting_needs_digest').execute()
}
