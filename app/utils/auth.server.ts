// The small vocabulary routes use: getUser / requireUser / requireUserWithPermission / requireAnonymous,
// login and logout. Expected outcomes are thrown Responses (redirects, 403) — GUIDE rule 7.
import { hash, verify } from '@node-rs/argon2'
import type { AppLoadContext } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { countRecentLoginFailures, recordLoginAttempt } from '../../db/queries/login-attempts'
import { findUserByEmail } from '../../db/queries/users'
import { type Permission, userHasPermission } from './permissions'
import { safeRedirect } from './redirect'
import { blankSessionCookie, type CurrentSession, readSession, type SessionUser, startSession } from './session.server'

export type { SessionUser }

/**
 * Login throttling. Never per account alone: that would let anyone lock an official out by failing five
 * times against their address. Instead:
 * - per (account, IP) pair: the first `freePairFailures` failures cost nothing; after that each further
 *   try must wait, 30 s doubling with every failure up to 15 min. The attacker slows themselves; the owner,
 *   from their own address, logs in as usual.
 * - per IP, any account: `maxIpFailures` failures within `ipWindowMinutes` stop that address (password
 *   spraying across many accounts).
 * A distributed guess at one account is bounded per address by the same delays, and by argon2id's cost
 * and the 12-character minimum.
 */
export const LOGIN_THROTTLE = {
  pairWindowMinutes: 60,
  freePairFailures: 5,
  baseDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  ipWindowMinutes: 15,
  maxIpFailures: 20,
} as const

/** How long this pair must still wait (0: it may try now). */
export function pairDelaySeconds(failures: number, secondsSinceLastFailure: number | null): number {
  if (failures < LOGIN_THROTTLE.freePairFailures || secondsSinceLastFailure === null) return 0
  const delay = Math.min(
    LOGIN_THROTTLE.baseDelaySeconds * 2 ** (failures - LOGIN_THROTTLE.freePairFailures),
    LOGIN_THROTTLE.maxDelaySeconds,
  )
  return Math.max(0, Math.ceil(delay - secondsSinceLastFailure))
}
export const PASSWORD_MIN_LENGTH = 12

/**
 * The session of this request, looked up once per GET: the root loader and the page's guard both ask for it
 * (two identical queries on every signed-in page otherwise). The load context is created per request, so it
 * keys the cache; a POST is never cached, because its action may end or change the session before the
 * loaders run again in the same request.
 */
const sessionsOfRequest = new WeakMap<AppLoadContext, Promise<CurrentSession | null>>()

function currentSession(request: Request, context: AppLoadContext): Promise<CurrentSession | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return readSession(context.services.auth, request)
  let session = sessionsOfRequest.get(context)
  if (!session) {
    session = readSession(context.services.auth, request)
    sessionsOfRequest.set(context, session)
  }
  return session
}

export async function getUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  const session = await currentSession(request, context)
  return session?.user ?? null
}

/** The logged-in user and this session's id (for "this device" on the account page). */
export async function requireSession(request: Request, context: AppLoadContext) {
  const session = await currentSession(request, context)
  if (!session) loginRedirect(request)
  return session
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url)
  const redirectTo = safeRedirect(`${url.pathname}${url.search}`)
  throw redirect(`/login?${new URLSearchParams({ redirectTo }).toString()}`)
}

export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(request, context)
  if (!user) loginRedirect(request)
  return user
}

export async function requireUserWithPermission(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
): Promise<SessionUser> {
  const user = await requireUser(request, context)
  if (!userHasPermission(user, permission)) {
    throw new Response('この操作を行う権限がありません。', { status: 403 })
  }
  return user
}

/**
 * For pages whose readers hold one of several scoped permissions (a prefecture's and a municipality's staff read
 * placements, each their own): 403 unless the user holds one.
 */
export async function requireUserWithAnyPermission(
  request: Request,
  context: AppLoadContext,
  permissions: readonly [Permission, ...Permission[]],
): Promise<SessionUser> {
  const user = await requireUser(request, context)
  if (!permissions.some((permission) => userHasPermission(user, permission))) {
    throw new Response('この操作を行う権限がありません。', { status: 403 })
  }
  return user
}

/** For staff-only or role-specific pages that have no finer permission (e.g. a professional's own pages). */
export async function requireUserWithRole(
  request: Request,
  context: AppLoadContext,
  roles: readonly SessionUser['role'][],
): Promise<SessionUser> {
  const user = await requireUser(request, context)
  if (!roles.includes(user.role)) throw new Response('このページを表示する権限がありません。', { status: 403 })
  return user
}

export async function requireAnonymous(request: Request, context: AppLoadContext): Promise<void> {
  if (await getUser(request, context)) throw redirect('/')
}

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults: argon2id, m=19456 KiB, t=2, p=1 (OWASP's recommended minimum).
  return hash(password)
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false)
}

// Verified against when the email is unknown, so both answers take the same time.
let dummyHash: Promise<string> | undefined

export type LoginResult =
  | { status: 'ok'; userId: string; cookie: string }
  | { status: 'invalid' }
  | { status: 'throttled'; retryAfterSeconds: number }
  | { status: 'unverified' }

export const LOGIN_MESSAGES = {
  invalid: 'メールアドレスまたはパスワードが正しくありません。',
  throttled:
    'ログインに続けて失敗したため、この接続元からのログインを一時的に制限しています。しばらく待ってから、もう一度お試しください。',
  unverified: 'メールアドレスの確認が済んでいません。届いたメールのリンクを開いてから、ログインしてください。',
} as const

/**
 * Checks the throttle first (same answer whether or not the account exists; a throttled try tests no
 * password, so it is not counted either), then the password with argon2id, then starts a fresh session:
 * a login always gets a new session id.
 */
export async function login(
  context: AppLoadContext,
  { email, password, userAgent }: { email: string; password: string; userAgent: string | null },
): Promise<LoginResult> {
  const { db } = context.services.database
  const ip = context.requestInfo.ip
  const failures = await countRecentLoginFailures(db, {
    email,
    ip,
    pairWindowMinutes: LOGIN_THROTTLE.pairWindowMinutes,
    ipWindowMinutes: LOGIN_THROTTLE.ipWindowMinutes,
  })
  if (failures.ip >= LOGIN_THROTTLE.maxIpFailures)
    return { status: 'throttled', retryAfterSeconds: LOGIN_THROTTLE.ipWindowMinutes * 60 }
  const wait = pairDelaySeconds(failures.pair, failures.secondsSincePairFailure)
  if (wait > 0) return { status: 'throttled', retryAfterSeconds: wait }
  const user = await findUserByEmail(db, email)
  const ok = user?.password_hash
    ? await verifyPassword(user.password_hash, password)
    : (await verifyPassword(await (dummyHash ??= hashPassword('dummy-password-for-timing')), password), false)
  if (!user || !ok || user.deactivated_at) {
    await recordLoginAttempt(db, { email, ip, succeeded: false })
    return { status: 'invalid' }
  }
  if (!user.email_verified_at) return { status: 'unverified' }
  await recordLoginAttempt(db, { email, ip, succeeded: true })
  const { cookie } = await startSession(context.services.auth, user.id, { ip, userAgent })
  return { status: 'ok', userId: user.id, cookie }
}

/** Ends this session and sends the browser a blank cookie. */
export async function logout(request: Request, context: AppLoadContext, redirectTo = '/'): Promise<never> {
  const session = await readSession(context.services.auth, request)
  if (session) await context.services.auth.invalidateSession(session.sessionId)
  throw redirect(safeRedirect(redirectTo), { headers: { 'Set-Cookie': blankSessionCookie(context.services.auth) } })
}
