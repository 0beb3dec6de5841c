// Prefectural talent pools (人材プール), the staff's side: prefecture staff (and ministry staff, for the
// national list) list and export their pool, add people directly, and move each member through
// 応募 → 書類確認 → 面接 → 研修 → 登録 (or 見送り / 辞退), with every step in the history and the audit log.
// The applicant's side is pool-application.server.ts.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import { findPartnerCompany, listActivePartnerCompanyOptions } from '../../db/queries/partner-companies'
import {
  countPoolMembers,
  findPoolMember,
  findPossibleDuplicates,
  insertPoolEvent,
  insertPoolMember,
  listPoolEvents,
  countPoolMembersMatching,
  listPoolMembers,
  listPoolMembersForExport,
  mergePoolMemberInto,
  resolveRoleNames,
  type RoleFilter,
  setPoolStatusWithEvent,
  setTargetRoles,
  updateInterviewLocked,
} from '../../db/queries/pools'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import { listCurrentPoolRoleOptions, listCurrentSkillOptions } from './skill-standard.server'
import { insertTrainingRecord, listTrainingRecords } from '../../db/queries/training-records'
import { searchProfiles } from '../../search/queries/profiles'
import { NATIONAL_LIST_CODE, POOL_STATUSES, type PoolStatus } from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import { toCsv } from '../utils/csv'
import { loadPage } from '../utils/pagination'
import { formatShortDateTime, isoDate, tokyoDateStamp } from '../utils/dates'
import { DIRECT_POOL_SOURCES, POOL_SOURCE_CSV_LABELS, POOL_SOURCE_LABELS, POOL_STATUS_LABELS } from '../utils/labels'
import { actorFrom, recordAudit } from './audit.server'
import { getInvitationStatus, issuePoolInvitation } from './pool-invitation.server'
import { readProfileForStaff } from './staff-profile.server'
import { fittingNeedsOfMember } from './match.server'
import {
  describePool,
  managedPoolCode,
  managedScope,
  prefectureColumn,
  profileViewerOf,
  readScope,
} from './pool-scope.server'

/** What prefecture staff may move a member to, from each status. 辞退 is the person's own decision, also recordable by staff. */
const STAFF_TRANSITIONS: Record<PoolStatus, readonly PoolStatus[]> = {
  applied: ['screening', 'declined', 'withdrawn'],
  screening: ['interview', 'declined', 'withdrawn'],
  interview: ['training', 'declined', 'withdrawn'],
  training: ['registered', 'declined', 'withdrawn'],
  registered: ['withdrawn'],
  declined: ['screening'],
  withdrawn: [],
}

interface PoolFilter {
  /** Ministry only: the national list ('00') instead of every pool. */
  national?: boolean
  status?: PoolStatus
  /** A 人材像 (catalogue role id), or 'none' for members without one. */
  roleId?: RoleFilter
  /** Filters through the consent-scoped profile index (search/queries/profiles.ts). */
  skillId?: string
  minLevel?: number
  employmentForm?: string
  remoteOk?: boolean
}

/** The scope of the list pages: ministry staff read every pool, or only the national list they run. */
function overviewScope(user: SessionUser, national: boolean | undefined): { prefectureCode?: string } {
  const scope = readScope(user)
  return scope.prefectureCode === undefined && national ? { prefectureCode: NATIONAL_LIST_CODE } : scope
}

/**
 * Members per 人材像 and status for a pool (or, for the ministry, nationally): the table the pool page shows
 * and the prefecture dashboard reuses. A member with two target roles counts in both rows.
 */
export async function getPoolRoleCounts(
  context: AppLoadContext,
  user: SessionUser,
  { national }: { national?: boolean } = {},
) {
  const { db } = context.services.database
  const [counts, roles] = await Promise.all([
    countPoolMembers(db, overviewScope(user, national)),
    listCurrentPoolRoleOptions(db),
  ])
  return roleCountTable(db, counts.byRole, roles)
}

async function roleCountTable(
  db: DbExecutor,
  rows: Awaited<ReturnType<typeof countPoolMembers>>['byRole'],
  roles: Array<{ value: string; label: string }>,
) {
  const known = new Set(roles.map((r) => r.value))
  const extraIds = [...new Set(rows.map((r) => r.roleId).filter((id): id is string => id !== null && !known.has(id)))]
  const extraNames = await resolveRoleNames(db, extraIds)
  const line = (roleId: string | null, label: string) => {
    const byStatus = POOL_STATUSES.map(
      (status) => rows.find((r) => r.roleId === roleId && r.status === status)?.count ?? 0,
    )
    return { roleId: roleId ?? 'none', label, counts: byStatus, total: byStatus.reduce((a, b) => a + b, 0) }
  }
  return {
    statuses: POOL_STATUSES.map((status) => ({ status, label: POOL_STATUS_LABELS[status] })),
    rows: [
      ...roles.map((r) => line(r.value, r.label)),
      ...extraIds.map((id) => line(id, `${extraNames.get(id) ?? id}（廃止）`)),
      line(null, '人材像未設定'),
    ],
  }
}

/** The members the status and role filters leave, from the pool's per-status and per-role counts. */
function totalFromCounts(
  counts: Awaited<ReturnType<typeof countPoolMembers>>,
  filter: { status?: PoolStatus; roleId?: RoleFilter },
): number {
  if (!filter.roleId) {
    if (filter.status) return counts.byStatus[filter.status] ?? 0
    return Object.values(counts.byStatus).reduce((sum, n) => sum + (n ?? 0), 0)
  }
  const roleId = filter.roleId === 'none' ? null : filter.roleId
  return counts.byRole
    .filter((row) => row.roleId === roleId && (!filter.status || row.status === filter.status))
    .reduce((sum, row) => sum + row.count, 0)
}

/**
 * Profiles matching the skill / work-style filters in the consent-scoped profile index (every page of its
 * answer), or that the search is down (then the filters are not applied and the page says so).
 */
async function matchingProfileIds(
  context: AppLoadContext,
  viewer: ReturnType<typeof profileViewerOf>,
  filter: PoolFilter,
  scope: { prefectureCode?: string },
): Promise<{ ids: string[] | undefined; searchUnavailable: boolean }> {
  if (!viewer) return { ids: [], searchUnavailable: false }
  const { skillId, minLevel, employmentForm, remoteOk } = filter
  // One pool's members only (the national view of every pool: anyone), so the answer is the pool's few
  // hundred people rather than everyone in the country who matches, paged 100 at a time.
  const search = { skillId, minLevel, employmentForm, remoteOk, poolCode: scope.prefectureCode }
  try {
    const ids = new Set<string>()
    const first = await searchProfiles(context.services.search, viewer, { ...search, limit: 100, offset: 0 })
    for (const id of first.ids) ids.add(id)
    for (let offset = 100; offset < first.total; offset += 100) {
      for (const id of (await searchProfiles(context.services.search, viewer, { ...search, limit: 100, offset })).ids)
        ids.add(id)
    }
    return { ids: [...ids], searchUnavailable: false }
  } catch {
    return { ids: undefined, searchUnavailable: true }
  }
}

export async function getPoolOverview(
  context: AppLoadContext,
  user: SessionUser,
  filter: PoolFilter & { page: number },
) {
  const { db } = context.services.database
  const scope = overviewScope(user, filter.national)
  const viewer = profileViewerOf(user)
  const [memberCounts, skills, roleOptions, matches] = await Promise.all([
    countPoolMembers(db, scope),
    listCurrentSkillOptions(db),
    listCurrentPoolRoleOptions(db),
    filter.skillId || filter.employmentForm || filter.remoteOk
      ? matchingProfileIds(context, viewer, filter, scope)
      : Promise.resolve({ ids: undefined, searchUnavailable: false }),
  ])
  const counts = memberCounts.byStatus
  const roleCounts = await roleCountTable(db, memberCounts.byRole, roleOptions)
  const managed = managedPoolCode(user)
  const { searchUnavailable } = matches
  // The search's matches narrow the SQL before paging, so every page holds matching members only.
  const memberFilter = { status: filter.status, roleId: filter.roleId, profileIds: matches.ids }
  const { rows: members, ...paged } = await loadPage(
    filter.page,
    matches.ids === undefined
      ? totalFromCounts(memberCounts, filter)
      : countPoolMembersMatching(db, scope, viewer, memberFilter),
    (range) => listPoolMembers(db, scope, viewer, memberFilter, range),
  )
  return {
    national: scope.prefectureCode === undefined,
    nationalList: scope.prefectureCode === NATIONAL_LIST_CODE,
    /** Whether the viewer runs the pool shown (add, import, invitations). */
    canManage: managed !== null && scope.prefectureCode === managed,
    /** Ministry staff run the national list. */
    runsNationalList: managed === NATIONAL_LIST_CODE,
    searchUnavailable,
    skills,
    roles: roleCounts.rows.filter((r) => r.roleId !== 'none').map((r) => ({ value: r.roleId, label: r.label })),
    roleCounts,
    counts: POOL_STATUSES.map((status) => ({ status, label: POOL_STATUS_LABELS[status], count: counts[status] ?? 0 })),
    paged,
    members: members.map((m) => ({
      id: m.id,
      prefectureCode: m.prefecture_code,
      name: m.display_name ?? '（退会済み）',
      kana: m.display_kana ?? '',
      registered: m.profile_id !== null,
      /** The person shares the profile with this viewer (else only the pool's own record is shown). */
      profileShared: m.profile_visible,
      status: m.status,
      statusLabel: POOL_STATUS_LABELS[m.status],
      updatedAt: new Date(m.updated_at).toISOString(),
    })),
  }
}

/** The pool as CSV (UTF-8 with BOM, opens in Excel): only the viewer's pools, contact details only as consented. */
export async function poolCsv(
  context: AppLoadContext,
  user: SessionUser,
  { national }: { national?: boolean } = {},
): Promise<{ csv: string; filename: string; asciiFilename: string }> {
  const { db } = context.services.database
  const scope = overviewScope(user, national)
  const members = await listPoolMembersForExport(db, scope, profileViewerOf(user))
  const tokyo = (date: Date | string | null) => (date ? formatShortDateTime(date) : '')
  const rows = [
    [
      'ID',
      '都道府県コード',
      '氏名',
      'ふりがな',
      '連絡先',
      '状態',
      '経路',
      '応募日時',
      '更新日時',
      '面接日時',
      '面接場所',
      '研修',
    ],
    ...members.map((m) => [
      m.id,
      m.prefecture_code,
      m.display_name ?? '（退会済み）',
      m.display_kana ?? '',
      m.display_email ?? '',
      POOL_STATUS_LABELS[m.status],
      POOL_SOURCE_CSV_LABELS[m.source],
      tokyo(m.created_at),
      tokyo(m.updated_at),
      tokyo(m.interview_at),
      m.interview_place ?? '',
      m.trainings.map((t) => `${t.title}${t.completed_on ? `（${isoDate(t.completed_on)} 修了）` : ''}`).join('、'),
    ]),
  ]
  const day = tokyoDateStamp()
  if (scope.prefectureCode === NATIONAL_LIST_CODE)
    return { csv: toCsv(rows), filename: `国の外部人材リスト_${day}.csv`, asciiFilename: `national-list-${day}.csv` }
  return { csv: toCsv(rows), filename: `人材プール_${day}.csv`, asciiFilename: `talent-pool-${day}.csv` }
}

/**
 * A member of the viewer's prefecture (another prefecture's member is "not found"). `forPage: false` leaves out
 * what only the member's page shows — the needs the person fits and possible duplicates — for a caller that
 * needs the record itself (a nomination).
 */
export async function requirePoolMember(
  context: AppLoadContext,
  user: SessionUser,
  memberId: string,
  { forPage = true }: { forPage?: boolean } = {},
) {
  const { db } = context.services.database
  if (!/^[0-9a-f-]{36}$/.test(memberId)) throw new Response('指定された人材は見つかりません。', { status: 404 })
  const viewer = profileViewerOf(user)
  const member = await findPoolMember(db, memberId, readScope(user), viewer)
  if (!member) throw new Response('指定された人材は見つかりません。', { status: 404 })
  const [events, trainings, invitation, roleOptions, roleNames, pool, profile, fittingNeeds] = await Promise.all([
    listPoolEvents(db, member.id),
    listTrainingRecords(db, member.id),
    getInvitationStatus(db, member.id),
    listCurrentPoolRoleOptions(db),
    resolveRoleNames(db, member.target_role_ids),
    describePool(db, member.prefecture_code),
    // The staff-facing profile, as far as consent allows (its own query checks consent again); the page lists
    // this membership's training records itself.
    member.profile_id && member.profile_visible
      ? readProfileForStaff(db, viewer, member.profile_id, { trainings: false })
      : null,
    // The pool's published needs the person fits (consent checked again in the query).
    forPage && member.profile_id && member.profile_visible
      ? fittingNeedsOfMember(db, viewer, member.prefecture_code, member.profile_id)
      : { placedFullTime: false, needs: [] },
  ])
  const canUpdate = managedPoolCode(user) === member.prefecture_code
  const birthYear = member.person_birth_year
  const duplicates =
    forPage && member.display_name
      ? (
          await findPossibleDuplicates(db, member.prefecture_code, viewer, {
            name: member.display_name,
            email: member.display_email,
            birthYear,
          })
        ).filter((d) => d.id !== member.id)
      : []
  return {
    id: member.id,
    name: member.display_name ?? '（退会済み）',
    kana: member.display_kana ?? '',
    email: member.display_email,
    registered: member.profile_id !== null,
    /** The person shares the profile with this viewer; if not, only what the pool recorded itself is shown. */
    profileShared: profile !== null,
    /** What the person registered, as this viewer may see it (null: no profile, or not shared with them). */
    profile,
    fittingNeeds: profile ? fittingNeeds.needs : [],
    /** Holds a 内定 on a 常勤 need: no candidate for another need. */
    placedFullTime: profile ? fittingNeeds.placedFullTime : false,
    poolLabel: pool.poolLabel,
    /** The pool holding the record: a prefecture's code, or the national list's. */
    poolCode: member.prefecture_code,
    nationalList: member.prefecture_code === NATIONAL_LIST_CODE,
    status: member.status,
    statusLabel: POOL_STATUS_LABELS[member.status],
    lockVersion: member.lock_version,
    targetRoles: member.target_role_ids.map((id) => ({ value: id, label: roleNames.get(id) ?? id })),
    roleOptions,
    invitation,
    /** 「メールで登録を依頼」: only for people without a profile who have an address. */
    canInvite: canUpdate && member.profile_id === null && Boolean(member.person_email),
    message: member.application_message,
    notes: member.notes,
    interviewAt: member.interview_at ? new Date(member.interview_at).toISOString() : null,
    interviewPlace: member.interview_place ?? '',
    canUpdate,
    trainings: trainings.map((t) => ({
      id: t.id,
      title: t.title,
      provider: t.provider,
      completedOn: t.completed_on ? isoDate(t.completed_on) : null,
      note: t.note,
    })),
    nextStatuses: canUpdate
      ? STAFF_TRANSITIONS[member.status].map((s) => ({ value: s, label: POOL_STATUS_LABELS[s] }))
      : [],
    possibleDuplicates: duplicates.map((d) => ({
      id: d.id,
      name: d.display_name ?? '（退会済み）',
      status: d.status,
      statusLabel: POOL_STATUS_LABELS[d.status],
    })),
    history: events.map((e) => ({
      id: e.id,
      from: e.from_status ? POOL_STATUS_LABELS[e.from_status] : null,
      to: POOL_STATUS_LABELS[e.to_status],
      at: new Date(e.occurred_at).toISOString(),
      actor: e.actor_label,
      note: e.note,
    })),
  }
}

type MemberUpdateResult = { status: 'ok' } | { status: 'conflict' }

/** 面接の日時・場所とメモ (optimistic locking like status changes). */
export async function updateInterview(
  context: AppLoadContext,
  user: SessionUser,
  memberId: string,
  input: { interviewAt: Date | null; interviewPlace: string; notes: string; lockVersion: number },
): Promise<MemberUpdateResult> {
  const { db } = context.services.database
  return db.transaction().execute(async (trx): Promise<MemberUpdateResult> => {
    const member = await findPoolMember(trx, memberId, managedScope(user), profileViewerOf(user))
    if (!member) throw new Response('指定された人材は見つかりません。', { status: 404 })
    const saved = await updateInterviewLocked(
      trx,
      member.id,
      { interviewAt: input.interviewAt, interviewPlace: input.interviewPlace || null, notes: input.notes },
      input.lockVersion,
    )
    if (!saved) return { status: 'conflict' }
    await recordAudit(trx, actorFrom(context, user), {
      action: 'update',
      entity: 'pool_member',
      entityId: member.id,
      summary: '面接の予定・メモを更新しました',
      prefectureCode: prefectureColumn(member.prefecture_code),
      before: { interview_at: member.interview_at, interview_place: member.interview_place, notes: member.notes },
      after: { interview_at: input.interviewAt, interview_place: input.interviewPlace || null, notes: input.notes },
    })
    return { status: 'ok' }
  })
}

/** 研修の記録 (e.g. 行政実務研修, 自治大学校, completion date). */
export async function addTrainingRecord(
  context: AppLoadContext,
  user: SessionUser,
  memberId: string,
  input: { title: string; provider: string; completedOn: string | null; note: string },
): Promise<void> {
  const { db } = context.services.database
  await db.transaction().execute(async (trx) => {
    const member = await findPoolMember(trx, memberId, managedScope(user), profileViewerOf(user))
    if (!member) throw new Response('指定された人材は見つかりません。', { status: 404 })
    await insertTrainingRecord(trx, { id: crypto.randomUUID(), poolMemberId: member.id, ...input })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'add_training',
      entity: 'pool_member',
      entityId: member.id,
      summary: `研修の記録「${input.title}」を追加しました`,
      prefectureCode: prefectureColumn(member.prefecture_code),
      after: { title: input.title, provider: input.provider, completed_on: input.completedOn },
    })
  })
}

const DIRECT_SOURCES = DIRECT_POOL_SOURCES.map((value) => ({ value, label: POOL_SOURCE_LABELS[value] }))

type AddMemberResult =
  | { status: 'ok'; memberId: string }
  | { status: 'possible-duplicates'; matches: Array<{ id: string; name: string; statusLabel: string }> }
  | { status: 'field-error'; field: string; message: string }

/**
 * Adds a person the prefecture found itself (company recommendation, national list, referral). Possible
 * duplicates (same e-mail, or same name and birth year) are shown first; `confirmed` adds anyway.
 */
export async function addPoolMemberDirectly(
  context: AppLoadContext,
  user: SessionUser,
  input: {
    name: string
    nameKana: string
    email: string | null
    birthYear: number | null
    source: (typeof DIRECT_POOL_SOURCES)[number]
    partnerCompanyId: string | null
    note: string
    confirmed: boolean
    /** 「メールで登録を依頼」 at once, in the same transaction. */
    sendInvitation?: boolean
  },
): Promise<AddMemberResult> {
  const { db } = context.services.database
  const prefectureCode = managedPoolCode(user)
  if (!prefectureCode) throw new Response('人材プールを担当する職員だけが登録できます。', { status: 403 })
  if (input.sendInvitation && !input.email) {
    return { status: 'field-error', field: 'email', message: '登録を依頼するには、メールアドレスを入力してください' }
  }
  if (input.source === 'company_recommendation' && !input.partnerCompanyId) {
    return { status: 'field-error', field: 'partnerCompanyId', message: '推薦した企業を選択してください' }
  }
  if (input.partnerCompanyId) {
    const company = await findPartnerCompany(db, input.partnerCompanyId)
    if (!company) return { status: 'field-error', field: 'partnerCompanyId', message: '推薦した企業を選択してください' }
  }
  if (!input.confirmed) {
    const matches = await findPossibleDuplicates(db, prefectureCode, profileViewerOf(user), input)
    if (matches.length > 0) {
      return {
        status: 'possible-duplicates',
        matches: matches.map((m) => ({
          id: m.id,
          name: m.display_name ?? '（退会済み）',
          statusLabel: POOL_STATUS_LABELS[m.status],
        })),
      }
    }
  }
  return db.transaction().execute(async (trx): Promise<AddMemberResult> => {
    const memberId = crypto.randomUUID()
    await insertPoolMember(trx, {
      id: memberId,
      prefecture_code: prefectureCode,
      status: 'applied',
      source: input.source,
      person_name: input.name,
      person_name_kana: input.nameKana,
      person_email: input.email,
      person_birth_year: input.birthYear,
      partner_company_id: input.partnerCompanyId,
      notes: input.note,
    })
    const sourceLabel = DIRECT_SOURCES.find((s) => s.value === input.source)?.label ?? ''
    await insertPoolEvent(trx, {
      poolMemberId: memberId,
      from: null,
      to: 'applied',
      actorUserId: user.id,
      actorLabel: user.display_name,
      note: `直接登録（${sourceLabel}）`,
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'create',
      entity: 'pool_member',
      entityId: memberId,
      summary: `人材プールに直接登録しました（${sourceLabel}）`,
      prefectureCode: prefectureColumn(prefectureCode),
      after: { name: input.name, email: input.email, source: input.source, duplicate_confirmed: input.confirmed },
    })
    if (input.sendInvitation) {
      await issuePoolInvitation(trx, context, user, {
        id: memberId,
        prefecture_code: prefectureCode,
        status: 'applied',
        profile_id: null,
        display_name: input.name,
        person_email: input.email,
      })
    }
    return { status: 'ok', memberId }
  })
}

export async function getDirectAddOptions(context: AppLoadContext) {
  const companies = await listActivePartnerCompanyOptions(context.services.database.db)
  return {
    sources: DIRECT_SOURCES.map((s) => ({ ...s })),
    companies: companies.map((c) => ({ value: c.id, label: c.name })),
  }
}

type MergeResult = { status: 'ok'; keptId: string } | { status: 'refused'; message: string }

/**
 * Merges two members of the same pool who are the same person. The registered one (with a profile) is kept;
 * the other's history and training move over, its notes are appended, and it is deleted. Two registered
 * accounts cannot be merged here (that is two logins: the person must delete one).
 */
export async function mergePoolMembers(
  context: AppLoadContext,
  user: SessionUser,
  memberId: string,
  otherId: string,
): Promise<MergeResult> {
  const { db } = context.services.database
  const scope = managedScope(user)
  return db.transaction().execute(async (trx): Promise<MergeResult> => {
    const viewer = profileViewerOf(user)
    const a = await findPoolMember(trx, memberId, scope, viewer)
    const b = /^[0-9a-f-]{36}$/.test(otherId) ? await findPoolMember(trx, otherId, scope, viewer) : undefined
    if (!a || !b || a.id === b.id) throw new Response('指定された人材は見つかりません。', { status: 404 })
    if (a.profile_id && b.profile_id) {
      return {
        status: 'refused',
        message:
          '2人とも本人がアカウントを登録しているため統合できません。本人に確認し、不要なアカウントを退会してもらってください。',
      }
    }
    const [kept, removed] = b.profile_id ? [b, a] : [a, b]
    await mergePoolMemberInto(trx, {
      keptId: kept.id,
      removedId: removed.id,
      notes: [kept.notes, removed.notes].filter(Boolean).join('\n'),
      email: removed.display_email,
      partnerCompanyId: removed.partner_company_id,
    })
    await insertPoolEvent(trx, {
      poolMemberId: kept.id,
      from: kept.status,
      to: kept.status,
      actorUserId: user.id,
      actorLabel: user.display_name,
      note: `重複していた「${removed.display_name ?? ''}」（${POOL_STATUS_LABELS[removed.status]}）を統合`,
    })
    await recordAudit(trx, actorFrom(context, user), {
      action: 'merge',
      entity: 'pool_member',
      entityId: kept.id,
      summary: `重複していた人材を統合しました（${removed.id} を ${kept.id} に統合）`,
      prefectureCode: prefectureColumn(kept.prefecture_code),
      before: { removed_id: removed.id, removed_name: removed.display_name, removed_status: removed.status },
      after: { kept_id: kept.id, kept_status: kept.status },
    })
    return { status: 'ok', keptId: kept.id }
  })
}

type TransitionResult = { status: 'ok' } | { status: 'invalid-transition'; message: string } | { status: 'conflict' }

/** Moves a member to the next status (only along STAFF_TRANSITIONS), recording history and audit. */
export async function changePoolStatus(
  context: AppLoadContext,
  user: SessionUser,
  memberId: string,
  { to, note, lockVersion }: { to: PoolStatus; note: string; lockVersion: number },
): Promise<TransitionResult> {
  const { db } = context.services.database
  const scope = managedScope(user)
  return db.transaction().execute(async (trx): Promise<TransitionResult> => {
    const member = await findPoolMember(trx, memberId, scope, profileViewerOf(user))
    if (!member) throw new Response('指定された人材は見つかりません。', { status: 404 })
    if (!STAFF_TRANSITIONS[member.status].includes(to)) {
      return {
        status: 'invalid-transition',
        message: `「${POOL_STATUS_LABELS[member.status]}」から「${POOL_STATUS_LABELS[to]}」には変更できません`,
      }
    }
    const moved = await setPoolStatusWithEvent(
      trx,
      member.id,
      { from: member.status, to, lockVersion },
      { actorUserId: user.id, actorLabel: user.display_name, note },
    )
    if (!moved) return { status: 'conflict' }
    if (member.profile_id) await enqueueSearchSync(trx, 'profile', [member.profile_id])
    await recordAudit(trx, actorFrom(context, user), {
      action: 'change_status',
      entity: 'pool_member',
      entityId: member.id,
      summary: `人材プールの状態を「${POOL_STATUS_LABELS[member.status]}」から「${POOL_STATUS_LABELS[to]}」に変更しました`,
      prefectureCode: prefectureColumn(member.prefecture_code),
      before: { status: member.status },
      after: { status: to, note },
    })
    return { status: 'ok' }
  })
}

type TargetRolesResult = { status: 'ok' } | { status: 'conflict' } | { status: 'field-error'; message: string }

/** 人材像: the catalogue roles the pool has this person in mind for (counted per role on the pool page). */
export async function updateTargetRoles(
  context: AppLoadContext,
  user: SessionUser,
  memberId: string,
  { roleIds, lockVersion }: { roleIds: string[]; lockVersion: number },
): Promise<TargetRolesResult> {
  const { db } = context.services.database
  const options = await listCurrentPoolRoleOptions(db)
  const unique = [...new Set(roleIds)]
  return db.transaction().execute(async (trx): Promise<TargetRolesResult> => {
    const member = await findPoolMember(trx, memberId, managedScope(user), profileViewerOf(user))
    if (!member) throw new Response('指定された人材は見つかりません。', { status: 404 })
    // A role retired from the catalogue may stay if it was already set; new ones must be current.
    if (unique.some((id) => !options.some((o) => o.value === id) && !member.target_role_ids.includes(id))) {
      return { status: 'field-error', message: '人材像はスキル標準の一覧から選択してください' }
    }
    const ordered = [
      ...options.map((o) => o.value).filter((id) => unique.includes(id)),
      ...unique.filter((id) => !options.some((o) => o.value === id)),
    ]
    if (!(await setTargetRoles(trx, member.id, ordered, lockVersion))) return { status: 'conflict' }
    await recordAudit(trx, actorFrom(context, user), {
      action: 'update_target_roles',
      entity: 'pool_member',
      entityId: member.id,
      summary: '人材像を変更しました',
      prefectureCode: prefectureColumn(member.prefecture_code),
      before: { target_role_ids: member.target_role_ids },
      after: { target_role_ids: ordered },
    })
    return { status: 'ok' }
  })
}
