// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// People a prefecture adds to its pool directly (company recommendation, national list, referral): their
// own details live on the membership until they register a profile.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('pool_member')
    .addColumn('person_name', 'text')
    .addColumn('person_name_kana', 'text')
    .addColumn('person_email', 'text')
    .addColumn('person_birth_year', 'integer')
    .addColumn('partner_company_id', 'uuid', (col) => col.references('partner_company.id').onDelete('set null'))
    .execute()
  // Every member is a registered profile or a person with at least a name.
  await sql`alter table pool_member add constraint pool_member_person_present check (profile_id is not null or person_name is not null)`.execute(db)
  // Serves: duplicate detection by e-mail within a prefecture's pool.
  await sql`create index pool_member_person_email_idx on pool_member (prefecture_code, lower(person_email)) where person_email is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table pool_member drop constraint pool_member_person_present`.execute(db)
  await db.schema
    .alterTable('pool_member')
    .dropColumn('person_name')
    .dropColumn('person_name_kana')
    .dropColumn('person_email')
    .dropColumn('person_birth_year')
    .dropColumn('partner_company_id')
    .execute()
}
