// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// Limits against account abuse: login throttling per (account, IP) pair, a rate limit on the mails anyone
// can trigger for any address (password reset, sign-up, resend verification), and a copy of each queued
// mail whose one-time tokens are blanked out, for the 送信メール page (staff never see a usable link).
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Serves: countRecentLoginFailures, the failures of one (account, IP) pair since its last success.
  await db.schema.createIndex('login_attempt_email_ip_idx').on('login_attempt').columns(['email', 'ip', 'created_at']).execute()

  await db.schema
    .createTable('account_mail_request')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (col) => col.notNull())
    // SHA-256 of the lower-cased address: enough to count requests per recipient, nothing to read back.
    .addColumn('email_digest', 'text', (col) => col.notNull())
    .addColumn('ip', 'text', (col) => col.notNull())
    // Whether a mail was actually queued (the per-address limit counts only those).
    .addColumn('mail_sent', 'boolean', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('account_mail_request_pkey', ['id'])
    .addCheckConstraint('account_mail_request_kind_valid', sql`kind in ('password_reset', 'signup', 'resend_verification')`)
    .execute()
  // Serves: countRecentAccountMailRequests, mails sent to one address within the window.
  await db.schema.createIndex('account_mail_request_email_idx').on('account_mail_request').columns(['email_digest', 'created_at']).execute()
  // Serves: countRecentAccountMailRequests, requests from one IP within the window.
  await db.schema.createIndex('account_mail_request_ip_idx').on('account_mail_request').columns(['ip', 'created_at']).execute()

  // A row written without it (not through the app's queue) shows nothing rather than a live link.
  await sql`alter table mail_outbox add column shown_body_text text not null default ''`.execute(db)
  // Mails queued before this migration: blank out the token of every link (verification, reset,
  // invitation, e-mail change, pool invitation links all carry it as ?token=).
  await sql`update mail_outbox set shown_body_text = regexp_replace(body_text, 'token=[A-Za-z0-9_-]+', 'token=（トークンは宛先本人にのみ送られます）', 'g')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_outbox drop column shown_body_text`.execute(db)
  await db.schema.dropTable('account_mail_request').execute()
  await db.schema.dropIndex('login_attempt_email_ip_idx').execute()
}
