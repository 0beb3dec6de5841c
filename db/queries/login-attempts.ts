import { sql } from 'kysely'
import type { DbExecutor } from '../client'

export async function recordLoginAttempt(
  db: DbExecutor,
  attempt: { email: string; ip: string; succeeded: boolean },
): Promise<void> {
  await db
    .insertInto('login_attempt')
    .values({ email: attempt.email.toLowerCase(), ip: attempt.ip, succeeded: attempt.succeeded })
    .execute()
}

export interface RecentLoginFailures {
  /** Failures of this (account, IP) pair within the pair window, since the pair's last success. */
  pair: number
  /** Seconds since the pair's last failure (null: none in the window). */
  secondsSincePairFailure: number | null
  /** Failures from this IP, any account, within the IP window. */
  ip: number
}

/**
 * The counts the login throttle needs. Failures count per (account, IP) pair, never per account alone:
 * an attacker failing against someone's account slows only their own address, and the owner logging in
 * from theirs is unaffected. A success resets its own pair only.
 */
export async function countRecentLoginFailures(
  db: DbExecutor,
  {
    email,
    ip,
    pairWindowMinutes,
    ipWindowMinutes,
  }: { email: string; ip: string; pairWindowMinutes: number; ipWindowMinutes: number },
): Promise<RecentLoginFailures> {
  const address = email.toLowerCase()
  const lastPairSuccess = db
    .selectFrom('login_attempt')
    .select(sql<Date>`coalesce(max(created_at), '-infinity'::timestamptz)`.as('at'))
    .where('email', '=', address)
    .where('ip', '=', ip)
    .where('succeeded', '=', true)
  const pair = await db
    .selectFrom('login_attempt')
    .select([
      db.fn.countAll<number>().as('count'),
      sql<number | null>`extract(epoch from now() - max(created_at))`.as('seconds_since'),
    ])
    .where('email', '=', address)
    .where('ip', '=', ip)
    .where('succeeded', '=', false)
    .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${pairWindowMinutes})`)
    .where('created_at', '>', lastPairSuccess)
    .executeTakeFirstOrThrow()
  const byIp = await db
    .selectFrom('login_attempt')
    .select(db.fn.countAll<number>().as('count'))
    .where('ip', '=', ip)
    .where('succeeded', '=', false)
    .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${ipWindowMinutes})`)
    .executeTakeFirstOrThrow()
  return {
    pair: Number(pair.count),
    secondsSincePairFailure: pair.seconds_since === null ? null : Number(pair.seconds_since),
    ip: Number(byIp.count),
  }
}

/** Every login attempt recorded for an address, for deleting the account that owned it. */
export async function deleteLoginAttemptsOf(db: DbExecutor, email: string): Promise<void> {
  await db.deleteFrom('login_attempt').where('email', '=', email.toLowerCase()).execute()
}
