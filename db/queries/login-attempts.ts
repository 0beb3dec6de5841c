import { sql } from 'kysely'
import type { DbExecutor } from '../client'

export async function recordLoginAttempt(db: DbExecutor, attempt: { email: string; ip: string; succeeded: boolean }): Promise<void> {
  await db
    .insertInto('login_attempt')
    .values({ email: attempt.email.toLowerCase(), ip: attempt.ip, succeeded: attempt.succeeded })
    .execute()
}

/**
 * Failures since the last success, within the window, for the account and for the IP. A success resets
 * the account's count (not the IP's: one IP spraying many accounts stays throttled).
 */
export async function countRecentLoginFailures(
  db: DbExecutor,
  { email, ip, windowMinutes }: { email: string; ip: string; windowMinutes: number },
): Promise<{ account: number; ip: number; lastFailureAt: Date | null }> {
  const since = sql<Date>`now() - make_interval(mins => ${windowMinutes})`
  const lastSuccess = db
    .selectFrom('login_attempt')
    .select(sql<Date>`coalesce(max(created_at), '-infinity'::timestamptz)`.as('at'))
    .where('email', '=', email.toLowerCase())
    .where('succeeded', '=', true)
  const account = await db
    .selectFrom('login_attempt')
    .select([db.fn.countAll<number>().as('count'), sql<Date | null>`max(created_at)`.as('last')])
    .where('email', '=', email.toLowerCase())
    .where('succeeded', '=', false)
    .where('created_at', '>', since)
    .where('created_at', '>', lastSuccess)
    .executeTakeFirstOrThrow()
  const byIp = await db
    .selectFrom('login_attempt')
    .select(db.fn.countAll<number>().as('count'))
    .where('ip', '=', ip)
    .where('succeeded', '=', false)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
  return { account: Number(account.count), ip: Number(byIp.count), lastFailureAt: account.last ? new Date(account.last) : null }
}
