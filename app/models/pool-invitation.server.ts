// 「メールで登録を依頼」: prefecture staff (or ministry staff, for the national list) ask a person they added
// directly to register. The mailed link carries a single-use token (only its hash is stored, 14 days);
// sending again invalidates the open link. The person signs up or logs in, creates a profile if they have
// none, and accepts (the member is linked to their profile and the pool's staff can see it) or declines.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import { consumeAuthToken, findAuthToken, insertAuthToken } from '../../db/queries/auth-tokens'
import {
  findLatestPoolInvitation,
  recordInvitationOutcome,
  revokePoolInvitations,
} from '../../db/queries/pool-invitations'
import {
  findMembership,
  findPoolMember,
  findPoolMemberById,
  insertPoolEvent,
  linkPoolMemberToProfile,
} from '../../db/queries/pools'
import { findProfileRefByUserId } from '../../db/queries/profiles'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import type { DbExecutor } from '../../db/client'
import type { PoolStatus } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { formatDate } from '../utils/dates'
import { actorFrom, recordAudit } from './audit.server'
import { queueMail } from './mail.server'
import {
  describePool,
  isUniqueViolation,
  managedScope,
  NATIONAL_LIST_CODE,
  prefectureColumn,
  profileViewerOf,
} from './pool-scope.server'
import { hashToken, newToken, TOKEN_MESSAGES, TOKEN_TTL_MS } from './tokens.server'

interface PoolInvitationPayload {
  poolMemberId: string
  prefectureCode: string
  inviterLabel: string
  outcome?: 'accepted' | 'declined' | 'replaced'
}

const INVITATION_REFUSALS = {
  'no-email': 'メールアドレスが登録されていないため、依頼を送れません。先にメールアドレスを登録してください。',
  registered: 'この人はすでに本人のプロフィールと紐づいています。',
} as const

type SendInvitationResult = { status: 'ok'; sentTo: string } | { status: 'refused'; message: string }

/**
 * Issues the link and queues the mail in the caller's transaction (also used while adding a person).
 * The member must be in the pool the user runs, have no profile yet, and have an e-mail address.
 */
export async function issuePoolInvitation(
  trx: DbExecutor,
  context: AppLoadContext,
  user: SessionUser,
  member: {
    id: string
    prefecture_code: string
    status: PoolStatus
    profile_id: string | null
    display_name: string | null
    person_email: string | null
  },
): Promise<SendInvitationResult> {
  if (member.profile_id) return { status: 'refused', message: INVITATION_REFUSALS.registered }
  if (!member.person_email) return { status: 'refused', message: INVITATION_REFUSALS['no-email'] }
  const { poolLabel, orgLabel } = await describePool(trx, member.prefecture_code)
  const { token, tokenHash } = newToken()
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS.pool_invitation)
  const payload: PoolInvitationPayload = {
    poolMemberId: member.id,
    prefectureCode: member.prefecture_code,
    inviterLabel: user.display_name,
  }
  await revokePoolInvitations(trx, member.id)
  const tokenId = crypto.randomUUID()
  await insertAuthToken(trx, {
    id: tokenId,
    purpose: 'pool_invitation',
    tokenHash,
    email: member.person_email,
    payload: { ...payload },
    createdBy: user.id,
    expiresAt,
  })
  await queueMail(
    trx,
    member.person_email,
    {
      template: 'pool_invitation',
      name: member.display_name ?? '',
      poolLabel,
      orgLabel,
      inviter: user.display_name,
      url: `${context.services.appUrl}/pool-invitations/accept?token=${token}`,
      expiresOn: formatDate(expiresAt),
    },
    { prefectureCode: prefectureColumn(member.prefecture_code) },
  )
  await insertPoolEvent(trx, {
    poolMemberId: member.id,
    from: member.status,
    to: member.status,
    actorUserId: user.id,
    actorLabel: user.display_name,
    note: `登録依頼のメールを送信（${formatDate(expiresAt)}まで有効）`,
  })
  await recordAudit(trx, actorFrom(context, user), {
    action: 'send_invitation',
    entity: 'pool_member',
    entityId: member.id,
    summary: `${poolLabel}への登録依頼のメールを送信しました`,
    prefectureCode: prefectureColumn(member.prefecture_code),
    after: { email: member.person_email, token_id: tokenId, expires_at: expiresAt.toISOString() },
  })
  return { status: 'ok', sentTo: member.person_email }
}

/** 「メールで登録を依頼」 on a member's page (sending again replaces the open link). */
export async function sendPoolInvitation(
  context: AppLoadContext,
  user: SessionUser,
  memberId: string,
): Promise<SendInvitationResult> {
  return context.services.database.db.transaction().execute(async (trx) => {
    const member = await findPoolMember(trx, memberId, managedScope(user), profileViewerOf(user))
    if (!member) throw new Response('指定された人材は見つかりません。', { status: 404 })
    return issuePoolInvitation(trx, context, user, member)
  })
}

type InvitationState = 'open' | 'expired' | 'accepted' | 'declined'
const INVITATION_STATE_LABELS: Record<InvitationState, string> = {
  open: '送信済み（回答待ち）',
  expired: '期限切れ',
  accepted: '承諾済み',
  declined: '辞退',
}

/** What the member page shows: the newest invitation, if any. */
export async function getInvitationStatus(db: DbExecutor, memberId: string) {
  const row = await findLatestPoolInvitation(db, memberId)
  if (!row) return null
  const outcome = (row.payload as Partial<PoolInvitationPayload>).outcome
  const state: InvitationState =
    outcome === 'accepted'
      ? 'accepted'
      : outcome === 'declined'
        ? 'declined'
        : new Date(row.expires_at).getTime() <= Date.now()
          ? 'expired'
          : 'open'
  return {
    state,
    stateLabel: INVITATION_STATE_LABELS[state],
    sentTo: row.email,
    sentAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    answeredAt:
      row.used_at && (state === 'accepted' || state === 'declined') ? new Date(row.used_at).toISOString() : null,
  }
}

type InvitationPage =
  | { status: 'invalid'; message: string }
  | {
      status: 'valid'
      poolLabel: string
      orgLabel: string
      national: boolean
      inviter: string
      personName: string
      sentTo: string
      expiresAt: string
      /** What the viewer can do next. */
      viewer: 'anonymous' | 'not-professional' | 'no-profile' | 'already-member' | 'ready'
      /** Why it cannot be accepted (already a member of that pool), in Japanese. */
      refusal: string | null
      nationalListConsent: boolean
    }

async function loadInvitation(db: DbExecutor, token: string) {
  const found = await findAuthToken(db, 'pool_invitation', hashToken(token))
  if (found.status !== 'valid') return { status: found.status } as const
  const payload = found.token.payload as unknown as PoolInvitationPayload
  const member = await findPoolMemberById(db, payload.poolMemberId)
  // The member was merged away or already linked: the link has nothing left to do.
  if (!member || member.profile_id) return { status: 'used' } as const
  return { status: 'valid', token: found.token, expiresAt: new Date(found.token.expires_at), payload, member } as const
}

export async function getPoolInvitationPage(
  context: AppLoadContext,
  user: SessionUser | null,
  token: string,
): Promise<InvitationPage> {
  const { db } = context.services.database
  const loaded = token ? await loadInvitation(db, token) : ({ status: 'unknown' } as const)
  if (loaded.status !== 'valid') return { status: 'invalid', message: TOKEN_MESSAGES[loaded.status] }
  const { poolLabel, orgLabel } = await describePool(db, loaded.member.prefecture_code)
  let viewer: Extract<InvitationPage, { status: 'valid' }>['viewer'] = 'anonymous'
  let nationalListConsent = false
  if (user && user.role !== 'professional') viewer = 'not-professional'
  else if (user) {
    const profile = await findProfileRefByUserId(db, user.id)
    nationalListConsent = profile?.national_list_consent ?? false
    viewer = !profile
      ? 'no-profile'
      : (await findMembership(db, loaded.member.prefecture_code, profile.id))
        ? 'already-member'
        : 'ready'
  }
  return {
    status: 'valid',
    poolLabel,
    orgLabel,
    national: loaded.member.prefecture_code === NATIONAL_LIST_CODE,
    inviter: loaded.payload.inviterLabel,
    personName: loaded.member.person_name ?? '',
    sentTo: loaded.token.email,
    expiresAt: loaded.expiresAt.toISOString(),
    viewer,
    refusal: viewer === 'already-member' ? ALREADY_MEMBER_MESSAGE(poolLabel) : null,
    nationalListConsent,
  }
}

const ALREADY_MEMBER_MESSAGE = (poolLabel: string) =>
  `あなたはすでに${poolLabel}に登録（または応募）されています。二重の登録になるため、この依頼は承諾できません。依頼を送った担当者に、このメールの件を伝えて、重複している記録の統合を依頼してください。`

type RespondResult =
  | { status: 'accepted'; poolLabel: string }
  | { status: 'declined'; poolLabel: string }
  | { status: 'invalid'; message: string }
  | { status: 'no-profile' }
  | { status: 'already-member'; message: string }

/** Accepting links the member to the professional's profile; the pool's staff see the profile from then on. */
export async function acceptPoolInvitation(
  context: AppLoadContext,
  user: SessionUser,
  token: string,
): Promise<RespondResult> {
  const { db } = context.services.database
  if (user.role !== 'professional')
    return { status: 'invalid', message: 'デジタル人材のアカウントでログインしてください。' }
  try {
    return await db.transaction().execute(async (trx): Promise<RespondResult> => {
      const loaded = await loadInvitation(trx, token)
      if (loaded.status !== 'valid') return { status: 'invalid', message: TOKEN_MESSAGES[loaded.status] }
      const { member } = loaded
      const { poolLabel } = await describePool(trx, member.prefecture_code)
      const profile = await findProfileRefByUserId(trx, user.id)
      if (!profile) return { status: 'no-profile' }
      if (await findMembership(trx, member.prefecture_code, profile.id))
        return { status: 'already-member', message: ALREADY_MEMBER_MESSAGE(poolLabel) }
      const used = await consumeAuthToken(trx, 'pool_invitation', hashToken(token))
      if (used.status !== 'valid') return { status: 'invalid', message: TOKEN_MESSAGES[used.status] }
      await recordInvitationOutcome(trx, used.token.id, 'accepted')
      // The profile is now the source of the person's details: the e-mail and birth year the staff typed are
      // dropped (the profile's are shown); the name stays as the pool's own record of whom it added.
      if (!(await linkPoolMemberToProfile(trx, member.id, profile.id)))
        return { status: 'invalid', message: TOKEN_MESSAGES.used }
      await insertPoolEvent(trx, {
        poolMemberId: member.id,
        from: member.status,
        to: member.status,
        actorUserId: user.id,
        actorLabel: '本人',
        note: '登録依頼を承諾（本人のプロフィールと紐づけ）',
      })
      // The search document gains this pool's audience (the staff can find the profile).
      await enqueueSearchSync(trx, 'profile', [profile.id])
      await recordAudit(trx, actorFrom(context, user), {
        action: 'accept_invitation',
        entity: 'pool_member',
        entityId: member.id,
        summary: `${poolLabel}への登録依頼を承諾し、プロフィールと紐づけました`,
        prefectureCode: prefectureColumn(member.prefecture_code),
        before: { profile_id: null, person_email: member.person_email },
        after: { profile_id: profile.id, person_email: null },
      })
      return { status: 'accepted', poolLabel }
    })
  } catch (error) {
    // Two tabs racing: the unique index on (pool, profile) is the real guard.
    if (isUniqueViolation(error, 'pool_member_profile_unique'))
      return { status: 'already-member', message: ALREADY_MEMBER_MESSAGE('この人材プール') }
    throw error
  }
}

/** Declining needs no account: the link itself shows it is the person. The staff decide what follows. */
export async function declinePoolInvitation(
  context: AppLoadContext,
  user: SessionUser | null,
  token: string,
): Promise<RespondResult> {
  const { db } = context.services.database
  return db.transaction().execute(async (trx): Promise<RespondResult> => {
    const loaded = await loadInvitation(trx, token)
    if (loaded.status !== 'valid') return { status: 'invalid', message: TOKEN_MESSAGES[loaded.status] }
    const used = await consumeAuthToken(trx, 'pool_invitation', hashToken(token))
    if (used.status !== 'valid') return { status: 'invalid', message: TOKEN_MESSAGES[used.status] }
    await recordInvitationOutcome(trx, used.token.id, 'declined')
    const { member } = loaded
    const { poolLabel } = await describePool(trx, member.prefecture_code)
    await insertPoolEvent(trx, {
      poolMemberId: member.id,
      from: member.status,
      to: member.status,
      actorUserId: user?.id ?? null,
      actorLabel: '本人',
      note: '登録依頼を辞退',
    })
    await recordAudit(
      trx,
      user ? actorFrom(context, user) : { ...actorFrom(context, null), label: '本人（登録依頼の辞退）' },
      {
        action: 'decline_invitation',
        entity: 'pool_member',
        entityId: member.id,
        summary: `${poolLabel}への登録依頼を本人が辞退しました`,
        prefectureCode: prefectureColumn(member.prefecture_code),
        after: { token_id: used.token.id },
      },
    )
    return { status: 'declined', poolLabel }
  })
}
