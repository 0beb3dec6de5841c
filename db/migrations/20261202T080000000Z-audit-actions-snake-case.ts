// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// Audit action codes are snake_case for every entity. Needs and 課題 wrote four in kebab-case; their rows are
// respelled here (the same action, the same row; nothing else changes). The log is append-only, so its update
// trigger is lifted for this statement alone, inside the migration's transaction.
import { type Kysely, sql } from 'kysely'

const RENAMES: [string, string][] = [
  ['change-status', 'change_status'],
  ['link-issue', 'link_issue'],
  ['unlink-issue', 'unlink_issue'],
  ['express-interest', 'express_interest'],
]

async function respell(db: Kysely<any>, pairs: [string, string][]): Promise<void> {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db)
  for (const [from, to] of pairs) {
    await sql`update audit_log set action = ${to} where action = ${from} and entity in ('need', 'municipal_issue')`.execute(db)
  }
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db)
}

export async function up(db: Kysely<any>): Promise<void> {
  await respell(db, RENAMES)
}

export async function down(db: Kysely<any>): Promise<void> {
  await respell(
    db,
    RENAMES.map(([from, to]) => [to, from]),
  )
}
