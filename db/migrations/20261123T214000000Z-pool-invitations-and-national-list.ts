// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// Invitations by e-mail to register (a new auth_token purpose), and the ministry's
// national list (外部人材リスト) run as the pool with prefecture code '00'.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table auth_token drop constraint auth_token_purpose_valid`.execute(db)
  await sql`alter table auth_token add constraint auth_token_purpose_valid check (purpose in ('email_verification', 'password_reset', 'invitation', 'email_change', 'pool_invitation'))`.execute(
    db,
  )
  // Serves: the invitation status on a pool member's page, and revoking the open one when it is sent again.
  await sql`create index auth_token_pool_member_idx on auth_token ((payload->>'poolMemberId'), created_at) where purpose = 'pool_invitation'`.execute(db)

  // '00' is the national list (国の外部人材リスト, run by 総務省・デジタル庁), not a JIS prefecture code.
  await sql`alter table pool_member drop constraint pool_member_prefecture_format`.execute(db)
  await sql`alter table pool_member add constraint pool_member_prefecture_format check (prefecture_code ~ '^(00|0[1-9]|[1-3][0-9]|4[0-7])$')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from pool_member where prefecture_code = '00'`.execute(db)
  await sql`alter table pool_member drop constraint pool_member_prefecture_format`.execute(db)
  await sql`alter table pool_member add constraint pool_member_prefecture_format check (prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$')`.execute(db)
  await sql`drop index auth_token_pool_member_idx`.execute(db)
  await sql`delete from auth_token where purpose = 'pool_invitation'`.execute(db)
  await sql`alter table auth_token drop constraint auth_token_purpose_valid`.execute(db)
  await sql`alter table auth_token add constraint auth_token_purpose_valid check (purpose in ('email_verification', 'password_reset', 'invitation', 'email_change'))`.execute(db)
}
