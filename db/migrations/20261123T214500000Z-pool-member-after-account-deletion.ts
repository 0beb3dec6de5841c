// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// A professional who applied to a pool (or was added from the national list) could not delete their
// account: deleting the profile sets pool_member.profile_id to null, and pool_member_person_present then
// refused the row (no profile, no name). Such rows stay as the pool's anonymous history (「退会済み」):
// they are the only members without both, as applications and national-list additions start from a profile.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table pool_member drop constraint pool_member_person_present`.execute(db)
  await sql`alter table pool_member add constraint pool_member_person_present check (profile_id is not null or person_name is not null or source in ('application', 'national_list'))`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table pool_member drop constraint pool_member_person_present`.execute(db)
  await sql`alter table pool_member add constraint pool_member_person_present check (profile_id is not null or person_name is not null)`.execute(db)
}
