// The applicant's side of the prefectural talent pools (人材プール): a professional applies to a prefecture's
// pool (or applies again after withdrawing or being declined), sees where each application stands, and
// withdraws. Applying shares the applicant's profile with that prefecture (its search audience gains the
// prefecture); withdrawing takes it back. The staff's side is pool.server.ts.
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import { findPrefecture, listPrefectures } from '../../db/queries/local-government'
import {
  findOwnMembership,
  insertPoolEvent,
  joinPool,
  type JoinPoolOutcome,
  listMemberships,
  setPoolStatus,
} from '../../db/queries/pools'
import { findProfileRefByUserId } from '../../db/queries/profiles'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import type { SessionUser } from '../utils/auth.server'
import { actorFrom, recordAudit } from './audit.server'
import { notifyPoolStaff } from './mail.server'
import { POOL_STATUS_LABELS } from '../utils/labels'
import { prefectureColumn } from './pool-scope.server'

const NATIONAL_LIST_NAME = '国の外部人材リスト（総務省・デジタル庁）'

/**
 * The pool's 経過 of a person joining it themselves, whichever way joinPool went: a new 応募, a 応募 reopened
 * after 辞退 or 見送り, or the pool's copy from the national list becoming their own. `note` says through what
 * (an open call, an お声がけ); nothing is written when they were already a member.
 */
export async function recordOwnJoin(
  trx: DbExecutor,
  joined: JoinPoolOutcome,
  { actorUserId, note }: { actorUserId: string; note?: string },
): Promise<void> {
  const event = { poolMemberId: joined.memberId, actorUserId, actorLabel: '本人' }
  if (joined.kind === 'added') await insertPoolEvent(trx, { ...event, from: null, to: 'applied', note })
  else if (joined.kind === 'reopened')
    await insertPoolEvent(trx, {
      ...event,
      from: joined.from,
      to: 'applied',
      note: note ? `${note}（再応募）` : '再応募',
    })
  else if (joined.claimedCopy)
    await insertPoolEvent(trx, { ...event, from: joined.status, to: joined.status, note: note ?? '本人が応募' })
}

async function ownProfileId(context: AppLoadContext, user: SessionUser): Promise<string | null> {
  return (await findProfileRefByUserId(context.services.database.db, user.id))?.id ?? null
}

type ApplyResult =
  | { status: 'ok'; prefectureName: string; memberId: string }
  | { status: 'no-profile' }
  | { status: 'field-error'; field: string; message: string }

/** Applies to a prefecture's pool (or applies again after withdrawing or being declined). */
export async function applyToPool(
  context: AppLoadContext,
  user: SessionUser,
  { prefectureCode, message }: { prefectureCode: string; message: string },
): Promise<ApplyResult> {
  const { db } = context.services.database
  const profileId = await ownProfileId(context, user)
  if (!profileId) return { status: 'no-profile' }
  const prefecture = await findPrefecture(db, prefectureCode)
  if (!prefecture) return { status: 'field-error', field: 'prefectureCode', message: '都道府県を選択してください' }
  return db.transaction().execute(async (trx): Promise<ApplyResult> => {
    const joined = await joinPool(trx, { prefectureCode, profileId, source: 'application', message })
    if (joined.kind === 'member' && !joined.claimedCopy) {
      return { status: 'field-error', field: 'prefectureCode', message: `${prefecture.name}にはすでに応募しています` }
    }
    const memberId = joined.memberId
    await recordOwnJoin(trx, joined, { actorUserId: user.id })
    await enqueueSearchSync(trx, 'profile', [profileId])
    await notifyPoolStaff(trx, {
      poolCode: prefectureCode,
      poolLabel: `${prefecture.name}の人材プール`,
      via: '応募',
      url: `${context.services.appUrl}/pools/${memberId}`,
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'apply',
      entity: 'pool_member',
      entityId: memberId,
      summary: `${prefecture.name}の人材プールに応募しました`,
      prefectureCode,
      after: { status: 'applied', message },
    })
    return { status: 'ok', prefectureName: prefecture.name, memberId }
  })
}

export async function withdrawApplication(
  context: AppLoadContext,
  user: SessionUser,
  memberId: string,
): Promise<boolean> {
  const { db } = context.services.database
  const profileId = await ownProfileId(context, user)
  if (!profileId) return false
  return db.transaction().execute(async (trx) => {
    const member = await findOwnMembership(trx, memberId, profileId)
    if (!member || member.status === 'withdrawn') return false
    await setPoolStatus(trx, member.id, { from: member.status, to: 'withdrawn', lockVersion: member.lock_version })
    await insertPoolEvent(trx, {
      poolMemberId: member.id,
      from: member.status,
      to: 'withdrawn',
      actorUserId: user.id,
      actorLabel: '本人',
    })
    await enqueueSearchSync(trx, 'profile', [profileId])
    await recordAudit(trx, actorFrom(context, user), {
      action: 'withdraw',
      entity: 'pool_member',
      entityId: member.id,
      summary: '人材プールへの応募を辞退しました',
      prefectureCode: prefectureColumn(member.prefecture_code),
      before: { status: member.status },
      after: { status: 'withdrawn' },
    })
    return true
  })
}

export async function getMyApplications(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const profileId = await ownProfileId(context, user)
  const [applications, prefectures] = await Promise.all([
    profileId ? listMemberships(db, profileId) : [],
    listPrefectures(db),
  ])
  return {
    hasProfile: Boolean(profileId),
    applications: applications.map((a) => ({
      id: a.id,
      prefectureName: a.prefecture_name ?? NATIONAL_LIST_NAME,
      status: a.status,
      statusLabel: POOL_STATUS_LABELS[a.status],
      message: a.application_message,
      appliedAt: new Date(a.created_at).toISOString(),
      canWithdraw: a.status !== 'withdrawn',
    })),
    prefectures: prefectures.map((p) => ({ value: p.prefecture_code, label: p.name })),
  }
}
