// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// A prefecture may copy a person from the ministry's national list into its own pool. Such a copy is the
// prefecture's record only: unlike an application (or an accepted invitation), it does not share the
// person's profile with that prefecture. The flag tells the two apart for the consent predicate.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('pool_member')
    .addColumn('copied_from_national_list', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute()
  // Existing copies: added from the national list with a profile and no name typed by staff (a direct
  // addition with source 'national_list' always has the name the staff typed).
  await sql`update pool_member set copied_from_national_list = true where source = 'national_list' and person_name is null and profile_id is not null`.execute(db)
  // Serves: the consent predicate's "pools the person joined themselves" (profile-visibility.ts).
  await sql`create index pool_member_shared_idx on pool_member (profile_id, prefecture_code) where status <> 'withdrawn' and not copied_from_national_list`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index pool_member_shared_idx`.execute(db)
  await db.schema.alterTable('pool_member').dropColumn('copied_from_national_list').execute()
}
