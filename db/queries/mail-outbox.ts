import { type SelectQueryBuilder, sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { AccountMailKind, DB, MailOutboxRow } from '../schema'

export interface NewMail {
  to: string
  subject: string
  bodyText: string
  /** The body with its one-time tokens blanked out: what the 送信メール page shows staff. */
  shownBodyText: string
  template: string
  prefectureCode?: string | null
}

/** Queues a mail in the caller's transaction: it is sent only if the write that caused it commits. */
/** The channel enqueueMail notifies; the mail worker listens on it. */
export const MAIL_OUTBOX_CHANNEL = 'mail_outbox'

export async function enqueueMail(db: DbExecutor, mail: NewMail): Promise<number> {
  // Wakes the mail worker when the transaction commits (never on rollback), in the insert's own statement: no
  // polling for new mail, and no round trip for the wake-up.
  const row = await db
    .with('queued', (qb) =>
      qb
        .insertInto('mail_outbox')
        .values({
          to_address: mail.to,
          subject: mail.subject,
          body_text: mail.bodyText,
          shown_body_text: mail.shownBodyText,
          template: mail.template,
          prefecture_code: mail.prefectureCode ?? null,
        })
        .returning('id'),
    )
    .selectFrom('queued')
    .select(['queued.id', sql`pg_notify(${MAIL_OUTBOX_CHANNEL}, '')`.as('notified')])
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/**
 * Queues one mail to each address `recipients` selects, in one statement (the same wake-up as enqueueMail).
 * Returns how many were queued.
 */
export async function enqueueMailToEach(
  db: DbExecutor,
  recipients: SelectQueryBuilder<DB, 'app_user', { email: string }>,
  mail: Omit<NewMail, 'to'>,
): Promise<number> {
  const rows = await db
    .with('queued', (qb) =>
      qb
        .insertInto('mail_outbox')
        .columns(['to_address', 'subject', 'body_text', 'shown_body_text', 'template', 'prefecture_code'])
        .expression(
          // Typed parameters: in a select list Postgres would otherwise leave their type to guess.
          recipients.select([
            sql<string>`cast(${mail.subject} as text)`.as('subject'),
            sql<string>`cast(${mail.bodyText} as text)`.as('body_text'),
            sql<string>`cast(${mail.shownBodyText} as text)`.as('shown_body_text'),
            sql<string>`cast(${mail.template} as text)`.as('template'),
            sql<string | null>`cast(${mail.prefectureCode ?? null} as text)`.as('prefecture_code'),
          ]),
        )
        .returning('id'),
    )
    .selectFrom('queued')
    .select(['queued.id', sql`pg_notify(${MAIL_OUTBOX_CHANNEL}, '')`.as('notified')])
    .execute()
  return rows.length
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

export type ListedMail = Omit<MailOutboxRow, 'body_text' | 'shown_body_text'> & { body: string }

/**
 * The newest mails in a scope, for the 送信メール page. `body: 'shown'` (staff) reads only the copy whose
 * tokens are blanked out: the live body never leaves the database. `'live'` is for the embedded demo only.
 */
export async function listMail(
  db: DbExecutor,
  scope: { prefectureCode?: string },
  { limit = 100, offset = 0, body }: { limit?: number; offset?: number; body: 'shown' | 'live' },
): Promise<ListedMail[]> {
  const listColumns = mailColumns.filter((column) => column !== 'body_text')
  let query = db
    .selectFrom('mail_outbox')
    .select(listColumns)
    .select(body === 'live' ? 'body_text as body' : 'shown_body_text as body')
  if (scope.prefectureCode !== undefined) query = query.where('prefecture_code', '=', scope.prefectureCode)
  return query.orderBy('id', 'desc').limit(limit).offset(offset).execute()
}

/** How many mails listMail pages through. */
export async function countMail(db: DbExecutor, scope: { prefectureCode?: string }): Promise<number> {
  let query = db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<string>().as('count'))
  if (scope.prefectureCode !== undefined) query = query.where('prefecture_code', '=', scope.prefectureCode)
  return Number((await query.executeTakeFirstOrThrow()).count)
}

export async function markMailSent(db: DbExecutor, id: number): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ sent_at: sql`now()`, last_error: null })
    .where('id', '=', id)
    .execute()
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

export interface ClaimedMail {
  id: number
  to_address: string
  subject: string
  body_text: string
  attempts: number
}

/**
 * Claims up to `limit` due mails with a lease: their next_attempt_at moves `leaseSeconds` ahead, so another
 * worker skips them, and a worker that dies mid-send leaves them due again once the lease runs out. One
 * statement, no transaction held open while the worker talks to SMTP (PGlite has a single connection).
 * Every claimed row then ends with markMailSent, markMailFailed, deferMail or releaseMail.
 */
export async function claimUnsentMail(
  db: DbExecutor,
  { limit, maxAttempts, leaseSeconds }: { limit: number; maxAttempts: number; leaseSeconds: number },
): Promise<ClaimedMail[]> {
  const result = await sql<ClaimedMail>`
    update mail_outbox
       set next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
     where id in (
       select id from mail_outbox
        where sent_at is null
          and attempts < ${maxAttempts}
          and next_attempt_at <= now()
        order by id
        limit ${limit}
        for update skip locked)
    returning id, to_address, subject, body_text, attempts`.execute(db)
  return result.rows.map((row) => ({ ...row, id: Number(row.id) })).sort((a, b) => a.id - b.id)
}

/**
 * The mail server was unreachable (or refused us, not the mail): records the try and retries after
 * `retrySeconds`, but never lets an outage use up the last attempt, so an outage cannot make a mail give up.
 */
export async function deferMail(
  db: DbExecutor,
  id: number,
  { error, maxAttempts, retrySeconds }: { error: string; maxAttempts: number; retrySeconds: number },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({
      attempts: sql`greatest(attempts, least(attempts + 1, ${maxAttempts - 1}))`,
      last_error: error.slice(0, 2000),
      next_attempt_at: sql`now() + make_interval(secs => ${retrySeconds})`,
    })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute()
}

/** Gives claimed mails that were not tried back to the queue, due after `retrySeconds` (0 = at once). */
export async function releaseMail(
  db: DbExecutor,
  ids: readonly number[],
  { retrySeconds = 0 }: { retrySeconds?: number } = {},
): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: sql`now() + make_interval(secs => ${retrySeconds})` })
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .execute()
}

/** Requests for the account mails anyone can trigger (reset, sign-up, resend verification), for their limits. */
export async function recordAccountMailRequest(
  db: DbExecutor,
  request: { kind: AccountMailKind; emailDigest: string; ip: string; mailSent: boolean },
): Promise<void> {
  await db
    .insertInto('account_mail_request')
    .values({ kind: request.kind, email_digest: request.emailDigest, ip: request.ip, mail_sent: request.mailSent })
    .execute()
}

/**
 * Within the window: mails actually sent to the address (so a flood of requests cannot keep its owner from
 * ever getting one once the window has passed), and every request from the IP, sent or not.
 */
export async function countRecentAccountMailRequests(
  db: DbExecutor,
  { emailDigest, ip, windowMinutes }: { emailDigest: string; ip: string; windowMinutes: number },
): Promise<{ mailsToAddress: number; requestsFromIp: number }> {
  const since = sql<Date>`now() - make_interval(mins => ${windowMinutes})`
  const toAddress = await db
    .selectFrom('account_mail_request')
    .select(db.fn.countAll<number>().as('count'))
    .where('email_digest', '=', emailDigest)
    .where('mail_sent', '=', true)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
  const fromIp = await db
    .selectFrom('account_mail_request')
    .select(db.fn.countAll<number>().as('count'))
    .where('ip', '=', ip)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
  return { mailsToAddress: Number(toAddress.count), requestsFromIp: Number(fromIp.count) }
}

/** Every mail sent to an address (any case), for deleting the account that owned it. */
export async function deleteMailsTo(db: DbExecutor, email: string): Promise<void> {
  await db
    .deleteFrom('mail_outbox')
    .where(sql<string>`lower(to_address)`, '=', email.toLowerCase())
    .execute()
}
