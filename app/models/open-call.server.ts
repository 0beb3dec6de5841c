// Open calls (公募中のニーズ): the public list of 公開 needs that their prefecture chose to publish, searched in
// Meilisearch by prefecture, role, topic and remote work; a professional expresses interest from there, which
// files a pool application to that prefecture linked to the need. When Meilisearch is down the list
// is read from Postgres with the same filters except the words, and says so.
import type { AppLoadContext } from '@remix-run/node'
import { countPublicFigures } from '../../db/queries/attention'
import { listPrefectures } from '../../db/queries/local-government'
import {
  findNeed,
  findNeedInterest,
  insertNeedInterest,
  listInterestsOfProfile,
  listOpenCallIds,
  listPublicNeedsByIds,
} from '../../db/queries/needs'
import { joinPool } from '../../db/queries/pools'
import { findProfileRefByUserId } from '../../db/queries/profiles'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import type { NeedStatus } from '../../db/schema'
import { searchNeeds } from '../../search/queries/needs'
import type { SessionUser } from '../utils/auth.server'
import { EMPLOYMENT_FORM_LABELS, labelOf } from '../utils/labels'
import { actorFrom, recordAudit } from './audit.server'
import { notifyPoolStaff } from './mail.server'
import { recordOwnJoin } from './pool-application.server'
import { catalogueNameMaps, loadNeedCatalogue } from './need-catalogue.server'
import { describeNeed } from './need.server'
import { loadPublishedSynonyms } from './search-synonyms.server'

const PAGE_SIZE = 20

/** What the open-calls page shows: words, filters and the page (parsed by the route). */
export interface OpenCallQuery {
  q: string
  pref?: string
  role?: string
  topic?: string
  remote: boolean
  page: number
}

export async function getOpenCallsPage(context: AppLoadContext, query: OpenCallQuery) {
  const { db } = context.services.database
  const [catalogue, prefectures, synonyms] = await Promise.all([
    loadNeedCatalogue(db),
    listPrefectures(db),
    loadPublishedSynonyms(db),
  ])
  const names = catalogueNameMaps(catalogue)

  let ids: string[] = []
  let total = 0
  // Set when the search is down and the list comes from Postgres without the words.
  let notice: string | null = null
  try {
    const result = await searchNeeds(
      context.services.search,
      { kind: 'public' },
      {
        q: query.q,
        // The catalogue's words (ガバクラ → ガバメントクラウド) find needs as they find skills on /skills.
        synonyms,
        prefectureCode: query.pref,
        roleId: query.role,
        topicId: query.topic,
        remote: query.remote,
        page: query.page,
        hitsPerPage: PAGE_SIZE,
      },
    )
    ids = result.ids
    total = result.total
  } catch (error) {
    console.error(
      '[search] 公募の検索に失敗しました（Postgres から一覧します）:',
      error instanceof Error ? error.message : error,
    )
    notice = '検索が一時的に利用できないため、キーワードを使わずに一覧を表示しています。'
    const rows = await listOpenCallIds(db, {
      prefectureCode: query.pref,
      roleId: query.role,
      topicId: query.topic,
      remote: query.remote,
    })
    total = rows.length
    ids = rows.slice((query.page - 1) * PAGE_SIZE, query.page * PAGE_SIZE)
  }
  const rows = await listPublicNeedsByIds(db, ids)
  return {
    query: {
      q: query.q,
      pref: query.pref ?? '',
      role: query.role ?? '',
      topic: query.topic ?? '',
      remote: query.remote,
      page: query.page,
    },
    notice,
    total,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    prefectures: prefectures.map((p) => ({ code: p.prefecture_code, name: p.name })),
    roles: catalogue.roles.map((r) => ({ id: r.id, name: r.name })),
    topics: catalogue.areas.map((a) => ({ name: a.name, skills: a.skills.map((s) => ({ id: s.id, name: s.name })) })),
    needs: rows.map((row) => ({
      id: row.id,
      title: row.title,
      prefectureName: row.prefecture_name,
      roleName: row.role_id ? (names.roles.get(row.role_id) ?? '') : '',
      tasks: row.task_skill_ids.map((id) => names.skills.get(id) ?? id),
      employmentFormLabel: labelOf(EMPLOYMENT_FORM_LABELS, row.employment_form),
      municipalities: row.municipalities.map((m) => `${m.name} 週${Number(m.days_per_week)}日`).join('・'),
      remoteDaysPerWeek: row.remote_days_per_week === null ? null : Number(row.remote_days_per_week),
      workPlace: row.work_place,
      startOn: row.start_on,
      applicationDeadline: row.application_deadline,
    })),
  }
}

/**
 * The newest open calls, by publication (the programme page), and how many there are in all: read from
 * Postgres, so the page does not depend on the search.
 */
export async function listNewestOpenCalls(context: AppLoadContext, limit: number) {
  const { db } = context.services.database
  const [ids, figures] = await Promise.all([listOpenCallIds(db, {}, { limit }), countPublicFigures(db)])
  const rows = await listPublicNeedsByIds(db, ids)
  return {
    total: figures.openCalls,
    needs: rows.map((row) => ({
      id: row.id,
      title: row.title,
      prefectureName: row.prefecture_name,
      municipalities: row.municipalities.map((m) => m.name).join('・'),
      startOn: row.start_on,
      applicationDeadline: row.application_deadline,
    })),
  }
}

const notFound = () => new Response('この公募は見つからないか、募集を終了しました。', { status: 404 })

export async function getOpenCallPage(context: AppLoadContext, user: SessionUser | null, id: string) {
  const { db } = context.services.database
  if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound()
  const row = await findNeed(db, { kind: 'public' }, id)
  if (!row) throw notFound()
  const need = describeNeed(row, await loadNeedCatalogue(db))
  let interest: { state: 'anonymous' | 'not-professional' | 'no-profile' | 'can-apply' | 'interested'; at?: string } = {
    state: 'anonymous',
  }
  if (user) {
    if (user.role !== 'professional') interest = { state: 'not-professional' }
    else {
      const profile = await findProfileRefByUserId(db, user.id)
      if (!profile) interest = { state: 'no-profile' }
      else {
        const existing = await findNeedInterest(db, id, profile.id)
        interest = existing ? { state: 'interested', at: existing.created_at.toISOString() } : { state: 'can-apply' }
      }
    }
  }
  // The public page shows the job description without the prefecture's internal notes.
  const { lockVersion: _lock, managementNote: _note, ...publicNeed } = need
  return { need: publicNeed, interest }
}

type InterestResult =
  { status: 'ok'; prefectureName: string } | { status: 'no-profile' } | { status: 'refused'; message: string }

/**
 * 関心を表明する: files (or reopens) the professional's application to the need's prefecture and links it to
 * the need, in one transaction. Applying shares the profile with that prefecture (its audience gains
 * pref:NN), as any application does.
 */
export async function expressInterest(
  context: AppLoadContext,
  user: SessionUser,
  needId: string,
  message: string,
): Promise<InterestResult> {
  const { db } = context.services.database
  if (user.role !== 'professional')
    return { status: 'refused', message: '関心の表明はデジタル人材として登録した方だけができます。' }
  const profile = await findProfileRefByUserId(db, user.id)
  if (!profile) return { status: 'no-profile' }
  return db.transaction().execute(async (trx): Promise<InterestResult> => {
    const need = await findNeed(trx, { kind: 'public' }, needId)
    if (!need) return { status: 'refused', message: 'この公募は募集を終了しました。' }
    if (await findNeedInterest(trx, needId, profile.id))
      return { status: 'refused', message: 'この公募にはすでに関心を表明しています。' }
    // Expressing interest is the person's own application: it files one, reopens a withdrawn or declined one,
    // or is linked to the membership they have (db/queries/pools.ts).
    const joined = await joinPool(trx, {
      prefectureCode: need.prefecture_code,
      profileId: profile.id,
      source: 'public_call',
      message,
    })
    const memberId = joined.memberId
    await recordOwnJoin(trx, joined, { actorUserId: user.id, note: `公募「${need.title}」への関心表明` })
    await insertNeedInterest(trx, { needId, profileId: profile.id, poolMemberId: memberId, message })
    await enqueueSearchSync(trx, 'profile', [profile.id])
    await notifyPoolStaff(trx, {
      poolCode: need.prefecture_code,
      poolLabel: `${need.prefecture_name}の人材プール`,
      via: '関心表明',
      url: `${context.services.appUrl}/needs/${needId}`,
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'express_interest',
      entity: 'need',
      entityId: needId,
      summary: `${need.prefecture_name}の公募「${need.title}」に関心を表明しました`,
      prefectureCode: need.prefecture_code,
      after: { pool_member_id: memberId, message },
    })
    return { status: 'ok', prefectureName: need.prefecture_name }
  })
}

/** Where a need I expressed interest in stands, in words for the professional (no internal status names). */
function interestState(status: NeedStatus): { state: 'open' | 'selecting' | 'filled' | 'ended'; stateLabel: string } {
  if (status === 'published') return { state: 'open', stateLabel: '募集中' }
  if (status === 'selecting') return { state: 'selecting', stateLabel: '選考中' }
  if (status === 'filled') return { state: 'filled', stateLabel: '採用決定' }
  return { state: 'ended', stateLabel: '募集終了' }
}

/** The needs I expressed interest in, with where they stand now (the professional's 応募 page). */
export async function getMyInterests(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const profile = await findProfileRefByUserId(db, user.id)
  const rows = profile ? await listInterestsOfProfile(db, profile.id) : []
  return rows.map((row) => ({
    needId: row.id,
    title: row.title,
    prefectureName: row.prefecture_name,
    // Only 公開 needs are public; otherwise say how it went without showing the prefecture's page.
    open: row.status === 'published' && row.open_call,
    ...interestState(row.status),
    createdAt: row.created_at.toISOString(),
  }))
}
