// 国の外部人材リスト as prefectures see it: people the ministry screened nationally, shown only when they are
// 登録 (registered), linked to a profile, that profile's owner consented to the national list, and the
// profile is shared with the viewing prefecture (db/queries/profile-visibility.ts). Consent is read in the
// same query, so withdrawing it removes the person from these pages at once. A prefecture can copy someone
// from the list into its own pool (source 'national_list', same profile): the copy is the prefecture's record
// and shares nothing of the profile beyond what consent already allows.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import { findPrefecture } from '../../db/queries/local-government'
import { insertPoolEvent, insertPoolMember, listConsentedNationalList, resolveRoleNames } from '../../db/queries/pools'
import type { SessionUser } from '../utils/auth.server'
import { toCsv } from '../utils/csv'
import { isoDate, tokyoDateStamp } from '../utils/dates'
import { POOL_STATUS_LABELS } from '../utils/labels'
import { isUuid } from '../utils/params'
import { actorFrom, recordAudit } from './audit.server'
import { isUniqueViolation, managedPoolCode, profileViewerOf } from './pool-scope.server'

async function rowsFor(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const viewer = profileViewerOf(user)
  const rows = viewer ? await listConsentedNationalList(db, viewer) : []
  const roleNames = await resolveRoleNames(db, [...new Set(rows.flatMap((r) => r.target_role_ids))])
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kana: r.kana,
    roles: r.target_role_ids.map((id) => roleNames.get(id) ?? id),
    residencePrefectureCode: r.residence_prefecture_code,
    yearsPrivateIt: r.years_private_it,
    yearsPublicSector: r.years_public_sector,
    trainings: r.trainings.map((t) => ({
      title: t.title,
      provider: t.provider,
      completedOn: t.completed_on ? isoDate(t.completed_on) : null,
    })),
    ownMemberId: r.own_member_id,
    ownStatusLabel: r.own_status ? POOL_STATUS_LABELS[r.own_status] : null,
  }))
}

export async function getSharedNationalList(context: AppLoadContext, user: SessionUser) {
  const members = await rowsFor(context, user)
  const own = managedPoolCode(user)
  return {
    members,
    /** Prefecture staff may add people to their own pool; the ministry reads (and runs the list elsewhere). */
    canAddToOwnPool: own !== null && own !== '00',
    runsNationalList: own === '00',
  }
}

export async function sharedNationalListCsv(context: AppLoadContext, user: SessionUser) {
  const members = await rowsFor(context, user)
  const rows = [
    ['ID', '氏名', 'ふりがな', '人材像', '民間IT経験年数', '公共部門経験年数', '研修', '自県のプール'],
    ...members.map((m) => [
      m.id,
      m.name,
      m.kana,
      m.roles.join('、'),
      String(m.yearsPrivateIt),
      String(m.yearsPublicSector),
      m.trainings.map((t) => `${t.title}${t.completedOn ? `（${t.completedOn} 修了）` : ''}`).join('、'),
      m.ownStatusLabel ?? '',
    ]),
  ]
  const day = tokyoDateStamp()
  return { csv: toCsv(rows), filename: `国の外部人材リスト_${day}.csv`, asciiFilename: `national-list-${day}.csv` }
}

type AddFromListResult = { status: 'ok'; memberId: string; name: string } | { status: 'refused'; message: string }

const alreadyInPool = (prefectureName: string, statusLabel: string) =>
  `この人はすでに${prefectureName}の人材プールにいます（状態: ${statusLabel}）。人材プールの一覧から開いてください。`

/** 「自県の人材プールに追加」: a new membership in the viewer's prefecture, linked to the same profile. */
export async function addFromNationalList(
  context: AppLoadContext,
  user: SessionUser,
  nationalMemberId: string,
): Promise<AddFromListResult> {
  const { db } = context.services.database
  const prefectureCode = managedPoolCode(user)
  if (!prefectureCode || prefectureCode === '00')
    throw new Response('この操作を行う権限がありません。', { status: 403 })
  if (!isUuid(nationalMemberId)) throw new Response('指定された人材は見つかりません。', { status: 404 })
  const prefectureName = (await findPrefecture(db, prefectureCode))?.name ?? ''
  try {
    return await db.transaction().execute(async (trx): Promise<AddFromListResult> => {
      // Re-checked inside the transaction: registered, with a profile, and consent still given to this prefecture.
      const [listed] = await listConsentedNationalList(trx, { kind: 'prefecture', prefectureCode }, nationalMemberId)
      if (!listed || !listed.profile_id) throw new Response('指定された人材は見つかりません。', { status: 404 })
      if (listed.own_status)
        return { status: 'refused', message: alreadyInPool(prefectureName, POOL_STATUS_LABELS[listed.own_status]) }
      const memberId = crypto.randomUUID()
      await insertPoolMember(trx, {
        id: memberId,
        prefecture_code: prefectureCode,
        profile_id: listed.profile_id,
        status: 'applied',
        source: 'national_list',
        copied_from_national_list: true,
        target_role_ids: listed.target_role_ids,
      })
      await insertPoolEvent(trx, {
        poolMemberId: memberId,
        from: null,
        to: 'applied',
        actorUserId: user.id,
        actorLabel: user.display_name,
        note: '国の外部人材リストから追加',
      })
      await recordAudit(trx, actorFrom(context, user), {
        action: 'add_from_national_list',
        entity: 'pool_member',
        entityId: memberId,
        summary: `国の外部人材リストから${prefectureName}の人材プールに追加しました`,
        prefectureCode,
        after: { national_member_id: listed.id, profile_id: listed.profile_id, source: 'national_list' },
      })
      return { status: 'ok', memberId, name: listed.name }
    })
  } catch (error) {
    if (isUniqueViolation(error, 'pool_member_profile_unique'))
      return { status: 'refused', message: alreadyInPool(prefectureName, '登録済み') }
    throw error
  }
}
