// Frozen: never import app code here, never edit after it has shipped; add a new migration instead.
// A prefecture admin's 送信メール page lists its prefecture's mail, newest first, 50 to a page: along this index
// instead of reading every mail of the nation.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index mail_outbox_prefecture_idx on mail_outbox (prefecture_code, id desc)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index mail_outbox_prefecture_idx`.execute(db)
}
