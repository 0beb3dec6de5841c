// Account use cases: sign-up (professionals), e-mail verification, password reset, password and e-mail
// changes, sessions. Each owns its transaction and writes its audit row and mail in it.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import { consumeAuthToken, findAuthToken, insertAuthToken, revokeOpenAuthTokens } from '../../db/queries/auth-tokens'
import type { DbExecutor } from '../../db/client'
import { countRecentAccountMailRequests, recordAccountMailRequest } from '../../db/queries/mail-outbox'
import { deleteOtherUserSessions } from '../../db/queries/user-sessions'
import { findUserByEmail, findUserById, insertUser, updateUser } from '../../db/queries/users'
import type { AccountMailKind, AppUser } from '../../db/schema'
import { hashPassword, type SessionUser, verifyPassword } from '../utils/auth.server'
import { actorFrom, recordAudit, userSnapshot } from './audit.server'
import { queueMail } from './mail.server'
import { hashToken, newToken, TOKEN_TTL_MS } from './tokens.server'

const UNIQUE_VIOLATION = '23505'

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; constraint_name?: string; message?: string }
  return (
    e?.code === UNIQUE_VIOLATION &&
    (e.constraint === constraint || e.constraint_name === constraint || Boolean(e.message?.includes(constraint)))
  )
}

/** Issues a verification token and queues its mail, in the caller's transaction. */
async function sendVerificationLink(
  trx: DbExecutor,
  context: AppLoadContext,
  user: Pick<AppUser, 'id' | 'email' | 'display_name'>,
  redirectTo?: string,
) {
  const { token, tokenHash } = newToken()
  await insertAuthToken(trx, {
    id: crypto.randomUUID(),
    purpose: 'email_verification',
    tokenHash,
    email: user.email,
    userId: user.id,
    // Where the person was going when they signed up (e.g. a pool invitation): login returns them there.
    payload: redirectTo ? { redirectTo } : {},
    expiresAt: new Date(Date.now() + TOKEN_TTL_MS.email_verification),
  })
  await queueMail(trx, user.email, {
    template: 'email_verification',
    name: user.display_name,
    url: `${context.services.appUrl}/verify-email?token=${token}`,
  })
}

/**
 * Mails anyone can make the platform send to any address (password reset, sign-up, resend verification)
 * are limited, or the platform becomes a tool for flooding someone's mailbox: per recipient address (mails
 * actually sent) and per requesting IP (every request), within one window. Routes answer the same neutral
 * message whether or not a mail went out, so the limits reveal nothing about which addresses have accounts.
 */
export const ACCOUNT_MAIL_LIMITS = { windowMinutes: 60, perAddress: 3, perIp: 20 } as const

/** Runs `send` (which answers whether it queued a mail) only within the limits; records the request either way. */
async function withinAccountMailLimits(
  trx: DbExecutor,
  context: AppLoadContext,
  kind: AccountMailKind,
  email: string,
  send: () => Promise<boolean>,
): Promise<boolean> {
  const emailDigest = hashToken(email.trim().toLowerCase())
  const ip = context.requestInfo.ip
  const recent = await countRecentAccountMailRequests(trx, {
    emailDigest,
    ip,
    windowMinutes: ACCOUNT_MAIL_LIMITS.windowMinutes,
  })
  const allowed =
    recent.mailsToAddress < ACCOUNT_MAIL_LIMITS.perAddress && recent.requestsFromIp < ACCOUNT_MAIL_LIMITS.perIp
  const mailSent = allowed ? await send() : false
  await recordAccountMailRequest(trx, { kind, emailDigest, ip, mailSent })
  return mailSent
}

export type SignUpResult = { status: 'ok' } | { status: 'email-taken' } | { status: 'limited' }

/**
 * A professional signs up. The answer is the same whether or not the address already has an account
 * (no account enumeration): an existing owner gets a mail telling them so instead. Over the mail limits
 * nothing is created and nothing is sent (the route still answers the same).
 */
export async function signUpProfessional(
  context: AppLoadContext,
  input: { displayName: string; email: string; password: string; redirectTo?: string },
): Promise<SignUpResult> {
  const { db } = context.services.database
  const passwordHash = await hashPassword(input.password)
  try {
    return await db.transaction().execute(async (trx): Promise<SignUpResult> => {
      let outcome: SignUpResult = { status: 'limited' }
      await withinAccountMailLimits(trx, context, 'signup', input.email, async () => {
        if (await findUserByEmail(trx, input.email)) {
          await queueMail(trx, input.email, {
            template: 'signup_existing',
            url: `${context.services.appUrl}/forgot-password`,
          })
          outcome = { status: 'email-taken' }
          return true
        }
        const user = await insertUser(trx, {
          id: crypto.randomUUID(),
          email: input.email,
          display_name: input.displayName,
          password_hash: passwordHash,
          role: 'professional',
        })
        await sendVerificationLink(trx, context, user, input.redirectTo)
        await recordAudit(
          trx,
          { ...actorFrom(context, null), label: '本人（新規登録）' },
          {
            action: 'create',
            entity: 'user',
            entityId: user.id,
            summary: 'デジタル人材がアカウントを登録しました',
            after: userSnapshot(user),
          },
        )
        outcome = { status: 'ok' }
        return true
      })
      return outcome
    })
  } catch (error) {
    // Two sign-ups for one address at the same moment: the other one won; the answer stays the same.
    if (!isUniqueViolation(error, 'app_user_email_unique')) throw error
    return { status: 'email-taken' }
  }
}

/** Sends a fresh verification link if (and only if) the account exists and is unverified; same answer always. */
export async function resendVerificationEmail(context: AppLoadContext, email: string): Promise<void> {
  const { db } = context.services.database
  await db.transaction().execute(async (trx) => {
    await withinAccountMailLimits(trx, context, 'resend_verification', email, async () => {
      const user = await findUserByEmail(trx, email)
      if (!user || user.email_verified_at || user.deactivated_at) return false
      await revokeOpenAuthTokens(trx, 'email_verification', user.email)
      await sendVerificationLink(trx, context, user)
      return true
    })
  })
}

export type TokenOutcome =
  { status: 'ok'; userId: string; redirectTo?: string } | { status: 'used' | 'expired' | 'unknown' }

export async function verifyEmail(context: AppLoadContext, token: string): Promise<TokenOutcome> {
  const { db } = context.services.database
  return db.transaction().execute(async (trx) => {
    const result = await consumeAuthToken(trx, 'email_verification', hashToken(token))
    if (result.status !== 'valid' || !result.token.user_id)
      return { status: result.status === 'valid' ? 'unknown' : result.status }
    const before = await findUserById(trx, result.token.user_id)
    if (!before) return { status: 'unknown' }
    const after = await updateUser(trx, before.id, { email_verified_at: new Date() })
    await recordAudit(
      trx,
      { ...actorFrom(context, null), label: '本人（メール確認）' },
      {
        action: 'verify_email',
        entity: 'user',
        entityId: after.id,
        summary: 'メールアドレスを確認しました',
        prefectureCode: after.prefecture_code,
        before: userSnapshot(before),
        after: userSnapshot(after),
      },
    )
    const redirectTo = (result.token.payload as { redirectTo?: unknown }).redirectTo
    return { status: 'ok', userId: after.id, redirectTo: typeof redirectTo === 'string' ? redirectTo : undefined }
  })
}

/** Always succeeds from the caller's point of view: whether the address exists is never revealed. */
export async function requestPasswordReset(context: AppLoadContext, email: string): Promise<void> {
  const { db } = context.services.database
  await db
    .transaction()
    .execute((trx) =>
      withinAccountMailLimits(trx, context, 'password_reset', email, () => sendPasswordResetLink(trx, context, email)),
    )
}

async function sendPasswordResetLink(trx: DbExecutor, context: AppLoadContext, email: string): Promise<boolean> {
  const user = await findUserByEmail(trx, email)
  if (!user || user.deactivated_at) return false
  await revokeOpenAuthTokens(trx, 'password_reset', user.email)
  const { token, tokenHash } = newToken()
  await insertAuthToken(trx, {
    id: crypto.randomUUID(),
    purpose: 'password_reset',
    tokenHash,
    email: user.email,
    userId: user.id,
    expiresAt: new Date(Date.now() + TOKEN_TTL_MS.password_reset),
  })
  await queueMail(
    trx,
    user.email,
    { template: 'password_reset', url: `${context.services.appUrl}/reset-password?token=${token}` },
    { prefectureCode: user.prefecture_code },
  )
  return true
}

/** Whether a reset link can still be used (to show the form or an explanation). */
export async function getPasswordResetTokenStatus(context: AppLoadContext, token: string) {
  if (!token) return 'unknown' as const
  return (await findAuthToken(context.services.database.db, 'password_reset', hashToken(token))).status
}

/** Sets a new password from a reset link and ends every session of the account. */
export async function resetPassword(context: AppLoadContext, token: string, password: string): Promise<TokenOutcome> {
  const { db } = context.services.database
  const passwordHash = await hashPassword(password)
  const outcome = await db.transaction().execute(async (trx): Promise<TokenOutcome> => {
    const result = await consumeAuthToken(trx, 'password_reset', hashToken(token))
    if (result.status !== 'valid' || !result.token.user_id)
      return { status: result.status === 'valid' ? 'unknown' : result.status }
    const before = await findUserById(trx, result.token.user_id)
    if (!before || before.deactivated_at) return { status: 'unknown' }
    // Proving control of the mailbox also verifies it.
    const after = await updateUser(trx, before.id, {
      password_hash: passwordHash,
      email_verified_at: before.email_verified_at ?? new Date(),
    })
    await recordAudit(
      trx,
      { ...actorFrom(context, null), label: '本人（パスワード再設定）' },
      {
        action: 'reset_password',
        entity: 'user',
        entityId: after.id,
        summary: 'パスワードを再設定しました（全セッションを終了）',
        prefectureCode: after.prefecture_code,
        before: userSnapshot(before),
        after: userSnapshot(after),
      },
    )
    return { status: 'ok', userId: after.id }
  })
  if (outcome.status === 'ok') await context.services.auth.invalidateUserSessions(outcome.userId)
  return outcome
}

export type ChangeResult = { status: 'ok' } | { status: 'wrong-password' } | { status: 'email-taken' }

/** Changes the password; every other session of the account ends (this one stays). */
export async function changePassword(
  context: AppLoadContext,
  user: SessionUser,
  currentSessionId: string,
  { currentPassword, password }: { currentPassword: string; password: string },
): Promise<ChangeResult> {
  const { db } = context.services.database
  const existing = await findUserById(db, user.id)
  if (!existing?.password_hash || !(await verifyPassword(existing.password_hash, currentPassword)))
    return { status: 'wrong-password' }
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    const after = await updateUser(trx, user.id, { password_hash: passwordHash })
    await deleteOtherUserSessions(trx, user.id, currentSessionId)
    await recordAudit(trx, actorFrom(context, user), {
      action: 'change_password',
      entity: 'user',
      entityId: user.id,
      summary: 'パスワードを変更しました（他のセッションを終了）',
      prefectureCode: user.prefecture_code,
      before: userSnapshot(existing),
      after: userSnapshot(after),
    })
  })
  return { status: 'ok' }
}

/** Sends a confirmation link to the new address; the change happens when it is opened. */
export async function requestEmailChange(
  context: AppLoadContext,
  user: SessionUser,
  { email, currentPassword }: { email: string; currentPassword: string },
): Promise<ChangeResult> {
  const { db } = context.services.database
  const existing = await findUserById(db, user.id)
  if (!existing?.password_hash || !(await verifyPassword(existing.password_hash, currentPassword)))
    return { status: 'wrong-password' }
  if (await findUserByEmail(db, email)) return { status: 'email-taken' }
  const { token, tokenHash } = newToken()
  await db.transaction().execute(async (trx) => {
    await revokeOpenAuthTokens(trx, 'email_change', email)
    await insertAuthToken(trx, {
      id: crypto.randomUUID(),
      purpose: 'email_change',
      tokenHash,
      email,
      userId: user.id,
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS.email_change),
    })
    await queueMail(
      trx,
      email,
      {
        template: 'email_change',
        name: user.display_name,
        url: `${context.services.appUrl}/confirm-email?token=${token}`,
      },
      { prefectureCode: user.prefecture_code },
    )
  })
  return { status: 'ok' }
}

export async function confirmEmailChange(
  context: AppLoadContext,
  token: string,
): Promise<TokenOutcome | { status: 'email-taken' }> {
  const { db } = context.services.database
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await consumeAuthToken(trx, 'email_change', hashToken(token))
      if (result.status !== 'valid' || !result.token.user_id)
        return { status: result.status === 'valid' ? 'unknown' : result.status }
      const before = await findUserById(trx, result.token.user_id)
      if (!before || before.deactivated_at) return { status: 'unknown' as const }
      const after = await updateUser(trx, before.id, { email: result.token.email, email_verified_at: new Date() })
      await queueMail(
        trx,
        before.email,
        { template: 'email_changed_notice', name: before.display_name, newEmail: after.email },
        { prefectureCode: before.prefecture_code },
      )
      await recordAudit(
        trx,
        { ...actorFrom(context, null), label: '本人（メールアドレス変更の確認）' },
        {
          action: 'change_email',
          entity: 'user',
          entityId: after.id,
          summary: 'メールアドレスを変更しました',
          prefectureCode: after.prefecture_code,
          before: userSnapshot(before),
          after: userSnapshot(after),
        },
      )
      return { status: 'ok' as const, userId: after.id }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'app_user_email_unique')) return { status: 'email-taken' }
    throw error
  }
}

export interface SessionView {
  id: string
  current: boolean
  createdAt: string
  expiresAt: string
  ip: string | null
  userAgent: string | null
}

export async function listMySessions(
  context: AppLoadContext,
  user: SessionUser,
  currentSessionId: string,
): Promise<SessionView[]> {
  const sessions = await context.services.auth.getUserSessions(user.id)
  return sessions.map((s) => ({
    // The id of another session is a credential: the page only ever sees a digest of it.
    id: s.id === currentSessionId ? 'current' : hashToken(s.id).slice(0, 16),
    current: s.id === currentSessionId,
    createdAt: s.created_at.toISOString(),
    expiresAt: new Date(Math.min(s.expiresAt.getTime(), s.absolute_expires_at.getTime())).toISOString(),
    ip: s.ip,
    userAgent: s.user_agent,
  }))
}

/** Ends one of my other sessions, named by the digest listMySessions showed. */
export async function revokeMySession(context: AppLoadContext, user: SessionUser, digest: string): Promise<boolean> {
  const sessions = await context.services.auth.getUserSessions(user.id)
  const target = sessions.find((s) => hashToken(s.id).slice(0, 16) === digest)
  if (!target) return false
  await context.services.auth.invalidateSession(target.id)
  await recordAudit(context.services.database.db, actorFrom(context, user), {
    action: 'revoke_session',
    entity: 'user',
    entityId: user.id,
    summary: '別の端末のセッションを終了しました',
    prefectureCode: user.prefecture_code,
  })
  return true
}

/** ログアウト（すべての端末）. */
export async function logoutEverywhere(context: AppLoadContext, user: SessionUser): Promise<void> {
  await context.services.auth.invalidateUserSessions(user.id)
  await recordAudit(context.services.database.db, actorFrom(context, user), {
    action: 'logout_everywhere',
    entity: 'user',
    entityId: user.id,
    summary: 'すべての端末からログアウトしました',
    prefectureCode: user.prefecture_code,
  })
}
