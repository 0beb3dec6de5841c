import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { MailOutboxRow } from '../schema'

export interface NewMail {
  to: string
  subject: string
  bodyText: string
  template: string
  prefectureCode?: string | null
}

/** Queues a mail in the caller's transaction: it is sent only if the write that caused it commits. */
export async function enqueueMail(db: DbExecutor, mail: NewMail): Promise<number> {
  const row = await db
    .insertInto('mail_outbox')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      body_text: mail.bodyText,
      template: mail.template,
      prefecture_code: mail.prefectureCode ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

const mailColumns = [
  'id',
  'to_address',
  'subject',
  'body_text',
  'template',
  'prefecture_code',
  'created_at',
  'sent_at',
  'attempts',
  'last_error',
  'next_attempt_at',
] as const

export async function listMail(db: DbExecutor, scope: { prefectureCode?: string }, limit = 100): Promise<MailOutboxRow[]> {
  let query = db.selectFrom('mail_outbox').select(mailColumns)
  if (scope.prefectureCode !== undefined) query = query.where('prefecture_code', '=', scope.prefectureCode)
  return query.orderBy('id', 'desc').limit(limit).execute()
}

export async function listUnsentMail(db: DbExecutor, { limit, maxAttempts }: { limit: number; maxAttempts: number }): Promise<MailOutboxRow[]> {
  return db
    .selectFrom('mail_outbox')
    .select(mailColumns)
    .where('sent_at', 'is', null)
    .where('attempts', '<', maxAttempts)
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function markMailSent(db: DbExecutor, id: number): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: sql`now()`, last_error: null }).where('id', '=', id).execute()
}

export async function markMailFailed(db: DbExecutor, id: number, error: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({
      attempts: sql`attempts + 1`,
      last_error: error.slice(0, 2000),
      next_attempt_at: sql`now() + make_interval(secs => least(3600, power(2, attempts + 1)::int * 30))`,
    })
    .where('id', '=', id)
    .execute()
}
