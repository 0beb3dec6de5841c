// Staff accounts: invitations (signed, single-use, expiring links), acceptance, the user list per scope,
// deactivation. Prefecture admins act only inside their prefecture; ministry admins nationally.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import {
  consumeAuthToken,
  findAuthToken,
  insertAuthToken,
  listOpenInvitations,
  revokeOpenAuthTokens,
  revokeUserAuthTokens,
} from '../../db/queries/auth-tokens'
import { findLocalGovernment, findPrefecture, listPrefectures } from '../../db/queries/local-government'
import { deleteUserSessions } from '../../db/queries/user-sessions'
import {
  countStaffUsers,
  findUserByEmail,
  findUserById,
  insertUser,
  listStaffUsers,
  updateUser,
  userHasProfile,
} from '../../db/queries/users'
import type { AppUser, Role } from '../../db/schema'
import { hashPassword, type SessionUser } from '../utils/auth.server'
import { loadPage } from '../utils/pagination'
import { INVITABLE_ROLES, ROLE_LABELS, roleHasPermission } from '../utils/permissions'
import { actorFrom, recordAudit, userSnapshot } from './audit.server'
import { queueMail } from './mail.server'
import { hashToken, newToken, TOKEN_TTL_MS } from './tokens.server'

interface InvitationPayload {
  role: Role
  prefectureCode: string | null
  municipalityCode: string | null
  inviterLabel: string
}

/** 所属 as officials say it: 広島県, 安芸太田町（広島県）, 総務省・デジタル庁; '' for professionals. */
export async function describeScope(
  context: AppLoadContext,
  user: Pick<SessionUser, 'role' | 'prefecture_code' | 'municipality_code'>,
): Promise<string> {
  const { db } = context.services.database
  if (user.municipality_code) {
    const [body, prefecture] = await Promise.all([
      findLocalGovernment(db, user.municipality_code),
      findPrefecture(db, user.municipality_code.slice(0, 2)),
    ])
    return `${body?.name ?? ''}（${prefecture?.name ?? ''}）`
  }
  if (user.prefecture_code) return (await findPrefecture(db, user.prefecture_code))?.name ?? ''
  return user.role === 'ministry_admin' || user.role === 'ministry_staff' ? '総務省・デジタル庁' : ''
}

/** The scope an admin works in: undefined = national. */
function adminScope(user: SessionUser): { prefectureCode?: string } {
  return roleHasPermission(user.role, 'read:user:any') ? {} : { prefectureCode: user.prefecture_code ?? '__none__' }
}

/** What the invite form offers this admin: the roles they may invite and, nationally, every prefecture. */
export async function getInviteFormOptions(context: AppLoadContext, admin: SessionUser) {
  const national = roleHasPermission(admin.role, 'invite:user:any')
  return {
    roles: INVITABLE_ROLES[admin.role].map((role) => ({ value: role, label: ROLE_LABELS[role] })),
    prefectures: national
      ? (await listPrefectures(context.services.database.db)).map((p) => ({ value: p.prefecture_code, label: p.name }))
      : [],
    ownPrefectureCode: national ? null : admin.prefecture_code,
    scopeLabel: await describeScope(context, admin),
  }
}

/**
 * An invitation may go to an address that already has an account only when that account is a
 * professional's sign-up whose address was never verified: anyone can sign up with any address, and such
 * a squatted account must not block a staff invitation. The invitee proves control of the mailbox by the
 * invitation link, so at acceptance the account is taken over (see acceptInvitation).
 * If that account has a professional profile, it is refused instead: a profile holds a person's names,
 * contact and career, and turning it into a staff account would either hand that data to whoever accepts
 * or silently delete it. Staff are told why, in Japanese, and the owner can verify or reset as usual.
 */
type TakeoverRefusal = { status: 'email-taken' | 'has-profile'; message: string }

export const TAKEOVER_MESSAGES = {
  'email-taken': 'このメールアドレスのアカウントはすでに存在します',
  'has-profile':
    'このメールアドレスには、確認が済んでいないデジタル人材のアカウントがあり、プロフィール（個人情報）が登録されているため、招待で引き継げません。別のメールアドレスで招待するか、本人にメールアドレスの確認を済ませてもらってください',
} as const

async function takeoverRefusal(db: DbExecutor, existing: AppUser): Promise<TakeoverRefusal | null> {
  if (existing.email_verified_at || existing.role !== 'professional' || existing.deactivated_at) {
    return { status: 'email-taken', message: TAKEOVER_MESSAGES['email-taken'] }
  }
  if (await userHasProfile(db, existing.id)) return { status: 'has-profile', message: TAKEOVER_MESSAGES['has-profile'] }
  return null
}

type InviteInput = { email: string; role: Role; prefectureCode?: string; municipalityCode?: string }
type InviteResult =
  // No link in the answer: the invitation's token goes to the invitee's mailbox only.
  { status: 'ok' } | { status: 'field-error'; field: keyof InviteInput; message: string }

export async function inviteUser(
  context: AppLoadContext,
  inviter: SessionUser,
  input: InviteInput,
): Promise<InviteResult> {
  const { db } = context.services.database
  if (!INVITABLE_ROLES[inviter.role].includes(input.role)) {
    return { status: 'field-error', field: 'role', message: 'この役割のユーザーを招待する権限がありません' }
  }
  const national = roleHasPermission(inviter.role, 'invite:user:any')
  let prefectureCode: string | null = null
  let municipalityCode: string | null = null
  if (input.role === 'prefecture_admin' || input.role === 'prefecture_staff') {
    prefectureCode = national ? (input.prefectureCode ?? null) : inviter.prefecture_code
    if (!prefectureCode || !(await findPrefecture(db, prefectureCode))) {
      return { status: 'field-error', field: 'prefectureCode', message: '都道府県を選択してください' }
    }
  }
  if (input.role === 'municipal_staff') {
    const body = input.municipalityCode ? await findLocalGovernment(db, input.municipalityCode) : undefined
    if (!body || body.kind === 'prefecture' || !body.active) {
      return { status: 'field-error', field: 'municipalityCode', message: '市区町村を候補から選択してください' }
    }
    if (!national && body.prefecture_code !== inviter.prefecture_code) {
      return { status: 'field-error', field: 'municipalityCode', message: '管内の市区町村を選択してください' }
    }
    municipalityCode = body.code
    prefectureCode = body.prefecture_code
  }
  const existing = await findUserByEmail(db, input.email)
  const refusal = existing ? await takeoverRefusal(db, existing) : null
  if (refusal) return { status: 'field-error', field: 'email', message: refusal.message }

  const scopeLabel = municipalityCode
    ? ((await findLocalGovernment(db, municipalityCode))?.name ?? '')
    : prefectureCode
      ? ((await findPrefecture(db, prefectureCode))?.name ?? '')
      : '総務省・デジタル庁'
  const { token, tokenHash } = newToken()
  const invitationUrl = `${context.services.appUrl}/invitations/accept?token=${token}`
  const payload: InvitationPayload = {
    role: input.role,
    prefectureCode,
    municipalityCode,
    inviterLabel: inviter.display_name,
  }
  await db.transaction().execute(async (trx) => {
    await revokeOpenAuthTokens(trx, 'invitation', input.email)
    const id = crypto.randomUUID()
    await insertAuthToken(trx, {
      id,
      purpose: 'invitation',
      tokenHash,
      email: input.email,
      payload: { ...payload },
      createdBy: inviter.id,
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS.invitation),
    })
    await queueMail(
      trx,
      input.email,
      {
        template: 'invitation',
        inviter: inviter.display_name,
        roleLabel: ROLE_LABELS[input.role],
        scopeLabel,
        url: invitationUrl,
      },
      { prefectureCode },
    )
    await recordAudit(trx, actorFrom(context, inviter), {
      action: 'invite',
      entity: 'invitation',
      entityId: id,
      summary: `${scopeLabel}の${ROLE_LABELS[input.role]}を招待しました`,
      prefectureCode,
      municipalityCode,
      after: {
        email: input.email,
        role: input.role,
        prefecture_code: prefectureCode,
        municipality_code: municipalityCode,
      },
    })
  })
  return { status: 'ok' }
}

type InvitationView =
  | { status: 'valid'; email: string; roleLabel: string; scopeLabel: string; inviter: string }
  | { status: 'used' | 'expired' | 'unknown' }

export async function getInvitation(context: AppLoadContext, token: string): Promise<InvitationView> {
  const { db } = context.services.database
  const found = await findAuthToken(db, 'invitation', hashToken(token))
  if (found.status !== 'valid') return found
  const payload = found.token.payload as unknown as InvitationPayload
  const scopeLabel = payload.municipalityCode
    ? ((await findLocalGovernment(db, payload.municipalityCode))?.name ?? '')
    : payload.prefectureCode
      ? ((await findPrefecture(db, payload.prefectureCode))?.name ?? '')
      : '総務省・デジタル庁'
  return {
    status: 'valid',
    email: found.token.email,
    roleLabel: ROLE_LABELS[payload.role],
    scopeLabel,
    inviter: payload.inviterLabel,
  }
}

type AcceptResult =
  { status: 'ok'; userId: string } | { status: 'used' | 'expired' | 'unknown' | 'email-taken' | 'has-profile' }

/**
 * Creates the invited account (its e-mail is verified by the link itself), or takes over an unverified
 * professional sign-up on the same address (see takeoverRefusal): the invitee has just proved control of
 * the mailbox, so the sign-up's password, open links and sessions stop working, and the account gets the
 * invitation's role, scope and the invitee's name and password. A refused takeover leaves the invitation
 * unused.
 */
export async function acceptInvitation(
  context: AppLoadContext,
  { token, displayName, password }: { token: string; displayName: string; password: string },
): Promise<AcceptResult> {
  const { db } = context.services.database
  const passwordHash = await hashPassword(password)
  return db.transaction().execute(async (trx): Promise<AcceptResult> => {
    const found = await findAuthToken(trx, 'invitation', hashToken(token))
    if (found.status !== 'valid') return { status: found.status }
    const existing = await findUserByEmail(trx, found.token.email)
    const refusal = existing ? await takeoverRefusal(trx, existing) : null
    if (refusal) return { status: refusal.status }
    const result = await consumeAuthToken(trx, 'invitation', hashToken(token))
    if (result.status !== 'valid') return { status: result.status }
    const payload = result.token.payload as unknown as InvitationPayload
    if (existing) {
      const after = await updateUser(trx, existing.id, {
        display_name: displayName,
        password_hash: passwordHash,
        email_verified_at: new Date(),
        role: payload.role,
        prefecture_code: payload.prefectureCode,
        municipality_code: payload.municipalityCode,
      })
      await revokeUserAuthTokens(trx, existing.id)
      await deleteUserSessions(trx, existing.id)
      await recordAudit(
        trx,
        { ...actorFrom(context, null), label: `${displayName}（招待の受諾）` },
        {
          action: 'takeover_unverified',
          entity: 'user',
          entityId: after.id,
          summary: `招待を受けて、メールアドレスの確認が済んでいなかったアカウントを${ROLE_LABELS[after.role]}として引き継ぎました（以前のパスワード・リンク・セッションは無効）`,
          prefectureCode: after.prefecture_code,
          municipalityCode: after.municipality_code,
          before: userSnapshot(existing),
          after: userSnapshot(after),
        },
      )
      return { status: 'ok', userId: after.id }
    }
    const user = await insertUser(trx, {
      id: crypto.randomUUID(),
      email: result.token.email,
      display_name: displayName,
      password_hash: passwordHash,
      email_verified_at: new Date(),
      role: payload.role,
      prefecture_code: payload.prefectureCode,
      municipality_code: payload.municipalityCode,
    })
    await recordAudit(
      trx,
      { ...actorFrom(context, null), label: `${displayName}（招待の受諾）` },
      {
        action: 'create',
        entity: 'user',
        entityId: user.id,
        summary: `招待を受けて${ROLE_LABELS[user.role]}のアカウントを作成しました`,
        prefectureCode: user.prefecture_code,
        municipalityCode: user.municipality_code,
        after: userSnapshot(user),
      },
    )
    return { status: 'ok', userId: user.id }
  })
}

/** One page of the staff accounts in the admin's scope, and every open invitation (they expire within days). */
export async function listUsersForAdmin(context: AppLoadContext, admin: SessionUser, page: number) {
  const { db } = context.services.database
  const scope = adminScope(admin)
  const [{ rows: users, ...paged }, invitations, prefectures] = await Promise.all([
    loadPage(page, countStaffUsers(db, scope), (range) => listStaffUsers(db, scope, {}, range)),
    listOpenInvitations(db, scope),
    listPrefectures(db),
  ])
  const prefectureNames = new Map(prefectures.map((p) => [p.prefecture_code, p.name]))
  return {
    paged,
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.display_name,
      role: u.role,
      roleLabel: ROLE_LABELS[u.role],
      prefectureCode: u.prefecture_code,
      prefectureName: u.prefecture_code ? (prefectureNames.get(u.prefecture_code) ?? null) : null,
      municipalityName: u.municipality_name,
      active: !u.deactivated_at,
      // The same rule setUserActive enforces: staff the admin could invite, never themselves.
      manageable: u.id !== admin.id && INVITABLE_ROLES[admin.role].includes(u.role),
    })),
    invitations: invitations.map((i) => {
      const payload = i.payload as unknown as InvitationPayload
      return {
        id: i.id,
        email: i.email,
        roleLabel: ROLE_LABELS[payload.role],
        prefectureCode: payload.prefectureCode,
        expiresAt: new Date(i.expires_at).toISOString(),
      }
    }),
  }
}

type SetActiveResult = { status: 'ok' } | { status: 'not-found' } | { status: 'self' }

/**
 * Deactivates (or reactivates) an account in the admin's scope. Deactivation ends all its sessions at once.
 * An account outside the scope is "not found" (never "forbidden": its existence is not revealed).
 */
export async function setUserActive(
  context: AppLoadContext,
  admin: SessionUser,
  userId: string,
  active: boolean,
): Promise<SetActiveResult> {
  const { db } = context.services.database
  const scope = adminScope(admin)
  const outcome = await db.transaction().execute(async (trx): Promise<SetActiveResult> => {
    const target = await findUserById(trx, userId)
    if (!target || target.role === 'professional') return { status: 'not-found' }
    if (scope.prefectureCode !== undefined && target.prefecture_code !== scope.prefectureCode)
      return { status: 'not-found' }
    // A prefecture admin manages staff, not fellow admins or national accounts.
    if (!INVITABLE_ROLES[admin.role].includes(target.role)) return { status: 'not-found' }
    if (target.id === admin.id) return { status: 'self' }
    if (Boolean(target.deactivated_at) === !active) return { status: 'ok' }
    const after = await updateUser(trx, target.id, { deactivated_at: active ? null : new Date() })
    await recordAudit(trx, actorFrom(context, admin), {
      action: active ? 'reactivate' : 'deactivate',
      entity: 'user',
      entityId: target.id,
      summary: active ? 'アカウントを再開しました' : 'アカウントを停止しました（全セッションを終了）',
      prefectureCode: target.prefecture_code,
      municipalityCode: target.municipality_code,
      before: userSnapshot(target),
      after: userSnapshot(after),
    })
    return { status: 'ok' }
  })
  if (outcome.status === 'ok' && !active) await context.services.auth.invalidateUserSessions(userId)
  return outcome
}
