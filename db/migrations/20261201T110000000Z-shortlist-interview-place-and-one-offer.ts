// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// The shortlist's interview has a place as well as a date (a room, a town hall, オンライン), and a need has at
// most one 内定: the entry a placement will be created from. Postgres guards the second rule, so two officials
// deciding at the same moment cannot both record one.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('need_shortlist_entry')
    .addColumn('interview_place', 'text', (col) => col.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('need_shortlist_entry')
    .addCheckConstraint('need_shortlist_entry_interview_place_length', sql`char_length(interview_place) <= 200`)
    .execute()
  // Serves: "the 内定 of this need" (the need page, the second 内定 refused) and guards one per need.
  await sql`create unique index need_shortlist_entry_one_offer_key on need_shortlist_entry (need_id) where status = 'offered'`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index need_shortlist_entry_one_offer_key`.execute(db)
  await db.schema.alterTable('need_shortlist_entry').dropColumn('interview_place').execute()
}
