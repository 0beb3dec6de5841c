// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// Accounts, sessions (lucia v3), single-use tokens, login throttling, the mail outbox and the audit log.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('email_verified_at', 'timestamptz')
    .addColumn('password_hash', 'text')
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('prefecture_code', 'char(2)')
    .addColumn('municipality_code', 'char(6)')
    .addColumn('deactivated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('app_user_pkey', ['id'])
    .addForeignKeyConstraint('app_user_municipality_fkey', ['municipality_code'], 'local_government', ['code'])
    .addCheckConstraint(
      'app_user_role_valid',
      sql`role in ('professional', 'municipal_staff', 'prefecture_staff', 'prefecture_admin', 'ministry_staff', 'ministry_admin')`,
    )
    // Each role carries exactly the scope it needs: a prefecture for prefecture roles, a body (and its
    // prefecture) for municipal staff, nothing for national roles and professionals.
    .addCheckConstraint(
      'app_user_scope_valid',
      sql`(role in ('professional', 'ministry_staff', 'ministry_admin') and prefecture_code is null and municipality_code is null)
        or (role in ('prefecture_staff', 'prefecture_admin') and prefecture_code is not null and municipality_code is null)
        or (role = 'municipal_staff' and municipality_code is not null and prefecture_code = substr(municipality_code, 1, 2))`,
    )
    .addCheckConstraint('app_user_email_format', sql`email ~ '^[^@[:space:]]+@[^@[:space:]]+$'`)
    .execute()
  // Serves: login and sign-up lookups by email, case-insensitively; the guard against duplicate accounts.
  await sql`create unique index app_user_email_unique on app_user (lower(email))`.execute(db)
  // Serves: user lists per prefecture (admins' scope).
  await db.schema.createIndex('app_user_prefecture_idx').on('app_user').columns(['prefecture_code', 'role']).execute()

  await db.schema
    .createTable('user_session')
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'uuid', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('absolute_expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addPrimaryKeyConstraint('user_session_pkey', ['id'])
    .addForeignKeyConstraint('user_session_user_fkey', ['user_id'], 'app_user', ['id'], (fk) => fk.onDelete('cascade'))
    .execute()
  // Serves: "active sessions" on the account page and logout everywhere.
  await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute()

  await db.schema
    .createTable('auth_token')
    .addColumn('id', 'uuid', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('user_id', 'uuid')
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('payload', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_by', 'uuid')
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('auth_token_pkey', ['id'])
    .addUniqueConstraint('auth_token_hash_unique', ['token_hash'])
    .addForeignKeyConstraint('auth_token_user_fkey', ['user_id'], 'app_user', ['id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('auth_token_created_by_fkey', ['created_by'], 'app_user', ['id'], (fk) => fk.onDelete('set null'))
    .addCheckConstraint('auth_token_purpose_valid', sql`purpose in ('email_verification', 'password_reset', 'invitation', 'email_change')`)
    .execute()
  // Serves: listing open invitations per inviter scope.
  await db.schema.createIndex('auth_token_purpose_idx').on('auth_token').columns(['purpose', 'created_at']).execute()

  await db.schema
    .createTable('login_attempt')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('ip', 'text', (col) => col.notNull())
    .addColumn('succeeded', 'boolean', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('login_attempt_pkey', ['id'])
    .execute()
  // Serve: the throttle's recent-failure counts per account and per IP.
  await db.schema.createIndex('login_attempt_email_idx').on('login_attempt').columns(['email', 'created_at']).execute()
  await db.schema.createIndex('login_attempt_ip_idx').on('login_attempt').columns(['ip', 'created_at']).execute()

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity())
    .addColumn('to_address', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('body_text', 'text', (col) => col.notNull())
    .addColumn('template', 'text', (col) => col.notNull())
    // Whose admins may read it on the 送信メール page (null = national only).
    .addColumn('prefecture_code', 'char(2)')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mail_outbox_pkey', ['id'])
    .execute()
  // Serves: the mail worker's claim of unsent mail.
  await sql`create index mail_outbox_unsent_idx on mail_outbox (next_attempt_at) where sent_at is null`.execute(db)

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity())
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // No foreign key: the log outlives the accounts it names (and is never updated, not even by SET NULL).
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'text', (col) => col.notNull())
    .addColumn('prefecture_code', 'char(2)')
    .addColumn('municipality_code', 'char(6)')
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .addPrimaryKeyConstraint('audit_log_pkey', ['id'])
    .execute()
  // Serve: the audit page (newest first, per prefecture, per entity).
  await sql`create index audit_log_occurred_idx on audit_log (occurred_at desc)`.execute(db)
  await sql`create index audit_log_prefecture_idx on audit_log (prefecture_code, occurred_at desc)`.execute(db)
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute()
  // Append-only: the database itself refuses to change or delete history.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = 'P0001';
    end
    $$`.execute(db)
  await sql`create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db)
  await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute()
  await sql`drop function audit_log_append_only()`.execute(db)
  await db.schema.dropTable('mail_outbox').execute()
  await db.schema.dropTable('login_attempt').execute()
  await db.schema.dropTable('auth_token').execute()
  await db.schema.dropTable('user_session').execute()
  await db.schema.dropTable('app_user').execute()
}
