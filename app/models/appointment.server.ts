// 自治体DXアクセラレータの任命: a prefecture nominates a registered member of its pool with the evidence of
// 「一定の経験・資格」 (002:405) — the experiences it chose, the skills and levels, qualifications, training, the
// placement planned; the ministry reviews against a checklist and returns the case for more information, declines
// it or appoints (a number per 年度 without gaps); later the appointment ends or is revoked. Every step is in the
// case's history and the audit log. The appointment sets the appointed-accelerator flag of the person's placements
// that are not over, which the 交付税 engine reads (A1 needs an appointed 常勤 accelerator, 002:402).
// Scope: the ministry reads and decides every case; a prefecture reads its own and nominates its own pool members.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import {
  type AppointmentFilter,
  type AppointmentScope,
  countAppointments,
  countAppointmentsByStatus,
  findAppointment,
  findCurrentAppointmentOfPerson,
  findOpenAppointmentOfMember,
  findProfileOwnerContact,
  insertAppointment,
  insertAppointmentEvent,
  listAppointmentEvents,
  listAppointments,
  listAppointmentsOfMember,
  listPlacementsOfPerson,
  setPlacementsAppointedFlag,
  takeAppointmentSerial,
  updateAppointmentLocked,
} from '../../db/queries/appointments'
import { listPrefectures } from '../../db/queries/local-government'
import { insertPlacementEvent } from '../../db/queries/placements'
import {
  APPOINTMENT_CHECKLIST_ITEMS,
  type AppointmentEvidence,
  type AppointmentStatus,
  type ReviewChecklist,
} from '../../db/schema'
import type { SessionUser } from '../utils/auth.server'
import {
  type AppointInput,
  type AppointmentEndInput,
  type AppointmentRevokeInput,
  type NominationInput,
  type ReviewReplyInput,
} from '../utils/appointment-validation'
import { fiscalYearLabel, fiscalYearOfIsoDate, formatDate, tokyoIsoDate } from '../utils/dates'
import {
  APPOINTMENT_CHECKLIST_LABELS,
  APPOINTMENT_END_REASON_LABELS,
  APPOINTMENT_END_REASON_OPTIONS,
  APPOINTMENT_STATUS_LABELS,
  PLACEMENT_EMPLOYMENT_LABELS,
  PLACEMENT_EMPLOYMENT_OPTIONS,
  PLACEMENT_STATUS_LABELS,
} from '../utils/labels'
import { loadPage } from '../utils/pagination'
import { isUuid } from '../utils/params'
import { NATIONAL_TARGET } from '../utils/programme-targets'
import { userHasPermission } from '../utils/permissions'
import { actorFrom, type AuditActor, recordAudit } from './audit.server'
import { queueMail, queueMailToPoolStaff } from './mail.server'
import { requirePoolMember } from './pool.server'
import { isUniqueViolation } from './pool-scope.server'

export const APPOINTMENT_CONFLICT_MESSAGE =
  'ほかの人がこの推薦を先に更新しました。最新の内容を確認してから、もう一度操作してください（入力した内容は残っています）。'

const notFound = () => new Response('指定された推薦・任命は見つかりません。', { status: 404 })
const forbidden = () => new Response('この操作をする権限がありません。', { status: 403 })

/** 「令和7年度 第12号」. */
export function appointmentNumberLabel(fiscalYear: number | null, serial: number | null): string | null {
  return fiscalYear !== null && serial !== null ? `${fiscalYearLabel(fiscalYear)} 第${serial}号` : null
}

// ---- who may do what ------------------------------------------------------------------------------------------

/** The cases a user reads: every case for the ministry, its own for a prefecture; 403 for anyone else. */
export function appointmentScopeOf(user: SessionUser): AppointmentScope {
  if (userHasPermission(user, 'read:appointment:any')) return { kind: 'national' }
  if (userHasPermission(user, 'read:appointment:own-prefecture') && user.prefecture_code)
    return { kind: 'prefecture', prefectureCode: user.prefecture_code }
  throw new Response('このページを表示する権限がありません。', { status: 403 })
}

/** The prefecture whose pool members the user nominates (null: the user nominates nobody). */
function nominatingPrefectureOf(user: SessionUser): string | null {
  return userHasPermission(user, 'nominate:appointment:own-prefecture') && user.prefecture_code
    ? user.prefecture_code
    : null
}

const mayDecide = (user: SessionUser) => userHasPermission(user, 'decide:appointment:any')

// ---- the list -----------------------------------------------------------------------------------------------

export async function getAppointmentsPage(
  context: AppLoadContext,
  user: SessionUser,
  { page, ...filter }: AppointmentFilter & { page: number },
) {
  const { db } = context.services.database
  const scope = appointmentScopeOf(user)
  const statusCounts = countAppointmentsByStatus(db, scope)
  // The status tabs' counts already hold the total unless a prefecture or a name narrows the list.
  const total =
    filter.prefectureCode || filter.q
      ? countAppointments(db, scope, filter)
      : statusCounts.then((counts) =>
          counts
            .filter((c) => !filter.status || c.status === filter.status)
            .reduce((sum, c) => sum + Number(c.count), 0),
        )
  const [{ rows, ...paged }, counts, prefectures] = await Promise.all([
    loadPage(page, total, (range) => listAppointments(db, scope, filter, range)),
    statusCounts,
    scope.kind === 'national' ? listPrefectures(db) : Promise.resolve([]),
  ])
  const countOf = (status: AppointmentStatus) => Number(counts.find((c) => c.status === status)?.count ?? 0)
  return {
    national: scope.kind === 'national',
    canDecide: mayDecide(user),
    canNominate: nominatingPrefectureOf(user) !== null,
    appointedNow: countOf('appointed'),
    target: NATIONAL_TARGET,
    statusCounts: (Object.keys(APPOINTMENT_STATUS_LABELS) as AppointmentStatus[]).map((status) => ({
      value: status,
      label: APPOINTMENT_STATUS_LABELS[status],
      count: countOf(status),
    })),
    filter: { status: filter.status ?? '', pref: filter.prefectureCode ?? '', q: filter.q ?? '' },
    prefectureOptions: prefectures.map((p) => ({ value: p.prefecture_code, label: p.name })),
    paged,
    rows: rows.map((r) => ({
      id: r.id,
      personName: r.person_name,
      prefectureName: r.prefecture_name,
      roleName: r.role_name,
      status: r.status,
      statusLabel: APPOINTMENT_STATUS_LABELS[r.status],
      number: appointmentNumberLabel(r.fiscal_year, r.serial),
      appointedOn: r.appointed_on ? formatDate(r.appointed_on) : null,
      endedOn: r.ended_on ? formatDate(r.ended_on) : null,
      updatedOn: formatDate(r.updated_at),
    })),
  }
}

// ---- nomination -------------------------------------------------------------------------------------------------

/**
 * The pool member as a nomination reads them (consent-checked by the pool member page's own read), or the reason
 * they cannot be nominated now.
 */
async function nominationContext(context: AppLoadContext, user: SessionUser, memberId: string) {
  const prefectureCode = nominatingPrefectureOf(user)
  if (!prefectureCode) throw forbidden()
  const member = await requirePoolMember(context, user, memberId, { forPage: false })
  // Only the prefecture whose pool holds the person nominates them (the national list is the ministry's own).
  if (!member.canUpdate || member.nationalList) throw notFound()
  const { db } = context.services.database
  const [open, placements] = await Promise.all([
    findOpenAppointmentOfMember(db, member.id),
    listPlacementsOfPerson(db, prefectureCode, { poolMemberId: member.id, profileId: member.profile?.id ?? null }),
  ])
  const problems: string[] = []
  if (member.status !== 'registered')
    problems.push(`推薦できるのは人材プールで「登録」の状態の人です（現在は「${member.statusLabel}」）。`)
  return { prefectureCode, member, open, placements, problems }
}

function nominationOptions(ctx: Awaited<ReturnType<typeof nominationContext>>) {
  const { member, placements } = ctx
  // The person's target roles first: a nomination is usually for one of them.
  const targets = new Set(member.targetRoles.map((r) => r.value))
  const roleOptions = [
    ...member.roleOptions.filter((r) => targets.has(r.value)),
    ...member.roleOptions.filter((r) => !targets.has(r.value)),
  ]
  return {
    roleOptions,
    experiences: (member.profile?.experiences ?? []).map((e) => ({
      id: e.id,
      organization: e.organization,
      title: e.title,
      period: `${e.startMonth}〜${e.endMonth ?? '現在'}`,
      description: e.description,
      skills: e.skills.map((s) => s.name),
    })),
    skills: (member.profile?.skills ?? []).map((s) => ({ name: s.name, levelLabel: s.levelLabel, level: s.level })),
    qualifications: (member.profile?.qualifications ?? []).map((q) => ({ name: q.name, acquiredYear: q.acquiredYear })),
    trainings: member.trainings.map((t) => ({ title: t.title, provider: t.provider, completedOn: t.completedOn })),
    placementOptions: placements.map((p) => ({
      value: p.id,
      label: `${p.employer_name}・${PLACEMENT_EMPLOYMENT_LABELS[p.employment]}・${PLACEMENT_STATUS_LABELS[p.status]}${
        p.start_on ? `（${formatDate(p.start_on)}から）` : ''
      }${p.main_duty_municipal_support ? '・主たる業務は市町村支援' : ''}`,
    })),
    employmentOptions: PLACEMENT_EMPLOYMENT_OPTIONS,
  }
}

export async function getNominationPage(context: AppLoadContext, user: SessionUser, memberId: string) {
  const ctx = await nominationContext(context, user, memberId)
  return {
    member: {
      id: ctx.member.id,
      name: ctx.member.name,
      kana: ctx.member.kana,
      statusLabel: ctx.member.statusLabel,
      profileShared: ctx.member.profileShared,
    },
    openCaseId: ctx.open?.id ?? null,
    problems: ctx.problems,
    ...nominationOptions(ctx),
  }
}

type Invalid = { status: 'invalid'; fieldErrors: Record<string, string[]> }
type NominateResult = { status: 'ok'; id: string } | { status: 'refused'; messages: string[] } | Invalid

/** The evidence as the prefecture sends it: the experiences it chose, and everything else the pool knows. */
function evidenceOf(
  ctx: Awaited<ReturnType<typeof nominationContext>>,
  input: NominationInput,
): { evidence: AppointmentEvidence } | Invalid {
  const profile = ctx.member.profile
  const chosen = new Set(input.experienceIds)
  const experiences = (profile?.experiences ?? []).filter((e) => chosen.has(e.id))
  if (experiences.length !== chosen.size)
    return {
      status: 'invalid',
      fieldErrors: { experienceIds: ['選択した職歴が見つかりません。ページを再読み込みしてください'] },
    }
  if ((profile?.experiences.length ?? 0) > 0 && experiences.length === 0)
    return {
      status: 'invalid',
      fieldErrors: { experienceIds: ['「一定の経験」の根拠になる職歴を1つ以上選んでください'] },
    }
  return {
    evidence: {
      experiences: experiences.map((e) => ({
        id: e.id,
        organization: e.organization,
        title: e.title,
        startedOn: e.startMonth,
        endedOn: e.endMonth,
        description: e.description,
      })),
      skills: (profile?.skills ?? []).map((s) => ({ skillId: s.id, name: s.name, level: s.level })),
      qualifications: (profile?.qualifications ?? []).map((q) => ({
        qualificationId: q.id,
        name: q.name,
        acquiredYear: q.acquiredYear,
      })),
      trainings: ctx.member.trainings.map((t) => ({
        title: t.title,
        provider: t.provider,
        completedOn: t.completedOn,
      })),
    },
  }
}

function nominationValues(ctx: Awaited<ReturnType<typeof nominationContext>>, input: NominationInput) {
  const role = ctx.member.roleOptions.find((r) => r.value === input.roleId)
  if (!role) return { status: 'invalid', fieldErrors: { roleId: ['推薦する人材像を選択してください'] } } as Invalid
  if (input.placementId && !ctx.placements.some((p) => p.id === input.placementId))
    return { status: 'invalid', fieldErrors: { placementId: ['配置の予定を選び直してください'] } } as Invalid
  const evidence = evidenceOf(ctx, input)
  if ('status' in evidence) return evidence
  return {
    status: 'ok' as const,
    values: {
      role_id: role.value,
      role_name: role.label,
      nomination_statement: input.statement,
      evidence: evidence.evidence,
      placement_id: input.placementId ?? null,
      planned_employment: input.placementId ? null : (input.plannedEmployment ?? null),
      planned_main_duty_municipal_support: input.placementId ? null : input.plannedMainDuty === 'yes',
      planned_placement_note: input.plannedNote,
    },
    evidence: evidence.evidence,
  }
}

const evidenceSummary = (e: AppointmentEvidence) => ({
  experiences: e.experiences.map((x) => `${x.organization} ${x.title}`.trim()),
  skills: e.skills.map((s) => `${s.name}:${s.level}`),
  qualifications: e.qualifications.map((q) => q.name),
  trainings: e.trainings.map((t) => t.title),
})

export async function nominate(
  context: AppLoadContext,
  user: SessionUser,
  memberId: string,
  input: NominationInput,
): Promise<NominateResult> {
  const ctx = await nominationContext(context, user, memberId)
  if (ctx.problems.length > 0) return { status: 'refused', messages: ctx.problems }
  if (ctx.open) return { status: 'refused', messages: ['この人にはすでに審査中または任命中の推薦があります。'] }
  const checked = nominationValues(ctx, input)
  if (checked.status === 'invalid') return checked
  const { db } = context.services.database
  const id = crypto.randomUUID()
  try {
    await db.transaction().execute(async (trx) => {
      await insertAppointment(trx, {
        id,
        prefecture_code: ctx.prefectureCode,
        pool_member_id: ctx.member.id,
        profile_id: ctx.member.profile?.id ?? null,
        person_name: ctx.member.name,
        person_kana: ctx.member.kana,
        ...checked.values,
        nominated_by: user.id,
      })
      await insertAppointmentEvent(trx, {
        appointmentId: id,
        action: 'nominate',
        from: null,
        to: 'nominated',
        note: '推薦',
        actorUserId: user.id,
        actorLabel: user.display_name,
      })
      await recordAudit(trx, actorFrom(context, user), {
        entity: 'accelerator_appointment',
        action: 'nominate',
        entityId: id,
        summary: `「${ctx.member.name}」をアクセラレータに推薦しました（${checked.values.role_name}）`,
        prefectureCode: ctx.prefectureCode,
        after: {
          status: 'nominated',
          role_name: checked.values.role_name,
          placement_id: checked.values.placement_id,
          planned_employment: checked.values.planned_employment,
          ...evidenceSummary(checked.evidence),
        },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error, 'accelerator_appointment_open_member_key'))
      return { status: 'refused', messages: ['この人にはすでに審査中または任命中の推薦があります。'] }
    throw error
  }
  return { status: 'ok', id }
}

/** The nomination form again, for a case the prefecture may still change (審査中 or 差戻し). */
export async function getNominationEditPage(context: AppLoadContext, user: SessionUser, id: string) {
  const { row } = await requireOwnOpenNomination(context, user, id)
  const ctx = await nominationContext(context, user, row.pool_member_id!)
  return {
    id: row.id,
    status: row.status,
    statusLabel: APPOINTMENT_STATUS_LABELS[row.status],
    reviewComment: row.review_comment,
    lockVersion: row.lock_version,
    member: { id: ctx.member.id, name: ctx.member.name, kana: ctx.member.kana, statusLabel: ctx.member.statusLabel },
    problems: ctx.problems,
    defaults: {
      roleId: row.role_id,
      statement: row.nomination_statement,
      experienceIds: row.evidence.experiences.map((e) => e.id),
      placementId: row.placement_id ?? '',
      plannedEmployment: row.planned_employment ?? '',
      plannedMainDuty:
        row.planned_main_duty_municipal_support === null ? '' : row.planned_main_duty_municipal_support ? 'yes' : 'no',
      plannedNote: row.planned_placement_note,
    },
    ...nominationOptions(ctx),
  }
}

async function requireOwnOpenNomination(context: AppLoadContext, user: SessionUser, id: string) {
  const prefectureCode = nominatingPrefectureOf(user)
  if (!prefectureCode) throw forbidden()
  if (!isUuid(id)) throw notFound()
  const row = await findAppointment(context.services.database.db, { kind: 'prefecture', prefectureCode }, id)
  if (!row) throw notFound()
  if (row.status !== 'nominated' && row.status !== 'returned')
    throw new Response(`「${APPOINTMENT_STATUS_LABELS[row.status]}」の推薦は変更できません。`, { status: 403 })
  if (!row.pool_member_id)
    throw new Response('人材プールの記録が削除されたため、この推薦は変更できません。', { status: 403 })
  return { prefectureCode, row }
}

type StepResult = { status: 'ok' } | { status: 'conflict' } | { status: 'refused'; messages: string[] } | Invalid

/** Saves a changed nomination; a returned case goes back to the ministry (再提出). */
export async function updateNomination(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: NominationInput,
): Promise<StepResult> {
  const { prefectureCode, row } = await requireOwnOpenNomination(context, user, id)
  const ctx = await nominationContext(context, user, row.pool_member_id!)
  if (ctx.problems.length > 0) return { status: 'refused', messages: ctx.problems }
  const checked = nominationValues(ctx, input)
  if (checked.status === 'invalid') return checked
  const action = row.status === 'returned' ? 'resubmit' : 'update_nomination'
  const { db } = context.services.database
  return db.transaction().execute(async (trx): Promise<StepResult> => {
    const saved = await updateAppointmentLocked(
      trx,
      id,
      { from: [row.status], to: 'nominated', lockVersion: input.lockVersion ?? -1, prefectureCode },
      checked.values,
    )
    if (!saved) return { status: 'conflict' }
    await insertAppointmentEvent(trx, {
      appointmentId: id,
      action,
      from: row.status,
      to: 'nominated',
      note: action === 'resubmit' ? '追加の情報を添えて再提出' : '推薦の内容を更新',
      actorUserId: user.id,
      actorLabel: user.display_name,
    })
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'accelerator_appointment',
      action,
      entityId: id,
      summary: `「${row.person_name}」の推薦を${action === 'resubmit' ? '再提出' : '更新'}しました`,
      prefectureCode,
      before: { status: row.status, role_name: row.role_name, ...evidenceSummary(row.evidence) },
      after: { status: 'nominated', role_name: checked.values.role_name, ...evidenceSummary(checked.evidence) },
    })
    return { status: 'ok' }
  })
}

export async function withdrawNomination(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: { lockVersion: number; note: string },
): Promise<StepResult> {
  const { prefectureCode, row } = await requireOwnOpenNomination(context, user, id)
  const { db } = context.services.database
  return db.transaction().execute(async (trx): Promise<StepResult> => {
    const saved = await updateAppointmentLocked(
      trx,
      id,
      { from: [row.status], to: 'withdrawn', lockVersion: input.lockVersion, prefectureCode },
      {},
    )
    if (!saved) return { status: 'conflict' }
    await insertAppointmentEvent(trx, {
      appointmentId: id,
      action: 'withdraw',
      from: row.status,
      to: 'withdrawn',
      note: input.note,
      actorUserId: user.id,
      actorLabel: user.display_name,
    })
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'accelerator_appointment',
      action: 'withdraw',
      entityId: id,
      summary: `「${row.person_name}」の推薦を取り下げました`,
      prefectureCode,
      before: { status: row.status },
      after: { status: 'withdrawn', note: input.note },
    })
    return { status: 'ok' }
  })
}

// ---- a case -----------------------------------------------------------------------------------------------------

export async function getAppointmentPage(context: AppLoadContext, user: SessionUser, id: string) {
  const scope = appointmentScopeOf(user)
  if (!isUuid(id)) throw notFound()
  const { db } = context.services.database
  const row = await findAppointment(db, scope, id)
  if (!row) throw notFound()
  const events = await listAppointmentEvents(db, id)
  const ownPrefecture = nominatingPrefectureOf(user) === row.prefecture_code
  const decide = mayDecide(user)
  const open = row.status === 'nominated' || row.status === 'returned'
  const checklist = APPOINTMENT_CHECKLIST_ITEMS.map((item) => ({
    item,
    label: APPOINTMENT_CHECKLIST_LABELS[item],
    checked: row.review_checklist[item] === true,
  }))
  return {
    appointment: {
      id: row.id,
      personName: row.person_name,
      personKana: row.person_kana,
      prefectureName: row.prefecture_name,
      roleName: row.role_name,
      status: row.status,
      statusLabel: APPOINTMENT_STATUS_LABELS[row.status],
      number: appointmentNumberLabel(row.fiscal_year, row.serial),
      appointedOn: row.appointed_on ? formatDate(row.appointed_on) : null,
      termEndOn: row.term_end_on ? formatDate(row.term_end_on) : null,
      endedOn: row.ended_on ? formatDate(row.ended_on) : null,
      endReason: row.end_reason ? APPOINTMENT_END_REASON_LABELS[row.end_reason] : null,
      endNote: row.end_note,
      statement: row.nomination_statement,
      evidence: row.evidence,
      plannedPlacement: row.placement_id
        ? {
            id: row.placement_id,
            text: `${row.placement_employer_name ?? ''}・${
              row.placement_employment ? PLACEMENT_EMPLOYMENT_LABELS[row.placement_employment] : ''
            }・主たる業務が市町村支援: ${row.placement_main_duty ? 'はい' : 'いいえ'}${
              row.placement_start_on ? `・${formatDate(row.placement_start_on)}から` : ''
            }`,
          }
        : null,
      plannedEmployment: row.planned_employment ? PLACEMENT_EMPLOYMENT_LABELS[row.planned_employment] : null,
      plannedMainDuty:
        row.planned_main_duty_municipal_support === null
          ? null
          : row.planned_main_duty_municipal_support
            ? 'はい'
            : 'いいえ',
      plannedNote: row.planned_placement_note,
      reviewComment: row.review_comment,
      lockVersion: row.lock_version,
      poolMemberId: row.pool_member_id,
    },
    checklist,
    /** The nominating prefecture changes or withdraws an open case; the ministry decides a case under review. */
    canEditNomination: ownPrefecture && open && row.pool_member_id !== null,
    canWithdraw: ownPrefecture && open,
    canReview: decide && row.status === 'nominated',
    canEnd: decide && row.status === 'appointed',
    hasNotice: row.status === 'appointed' || row.status === 'ended' || row.status === 'revoked',
    endReasonOptions: APPOINTMENT_END_REASON_OPTIONS,
    today: tokyoIsoDate(),
    history: events.map((e) => ({
      id: e.id,
      from: e.from_status ? APPOINTMENT_STATUS_LABELS[e.from_status] : null,
      to: APPOINTMENT_STATUS_LABELS[e.to_status],
      at: new Date(e.occurred_at).toISOString(),
      actor: e.actor_label,
      note: e.note,
    })),
  }
}

async function requireCaseForDecision(context: AppLoadContext, user: SessionUser, id: string) {
  if (!mayDecide(user)) throw forbidden()
  if (!isUuid(id)) throw notFound()
  const row = await findAppointment(context.services.database.db, { kind: 'national' }, id)
  if (!row) throw notFound()
  return row
}

const checklistOf = (input: ReviewChecklist): ReviewChecklist =>
  Object.fromEntries(APPOINTMENT_CHECKLIST_ITEMS.map((item) => [item, input[item] === true]))

/** Tells the nominating prefecture's pool staff what the ministry decided (one mail per address). */
async function tellPrefecture(
  trx: DbExecutor,
  appUrl: string,
  row: { id: string; prefecture_code: string; person_name: string },
  decision: string,
  comment: string,
) {
  await queueMailToPoolStaff(trx, row.prefecture_code, {
    template: 'appointment_review',
    personName: row.person_name,
    decision,
    comment,
    url: `${appUrl}/appointments/${row.id}`,
  })
}

/** Return for more information (差戻し) or decline (見送り). */
export async function replyToNomination(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  decision: 'return' | 'decline',
  input: ReviewReplyInput,
): Promise<StepResult> {
  const row = await requireCaseForDecision(context, user, id)
  if (row.status !== 'nominated')
    return { status: 'refused', messages: [`「${APPOINTMENT_STATUS_LABELS[row.status]}」の推薦は審査できません。`] }
  const to: AppointmentStatus = decision === 'return' ? 'returned' : 'declined'
  const word = decision === 'return' ? '差し戻しました' : '見送りました'
  const { db } = context.services.database
  return db.transaction().execute(async (trx): Promise<StepResult> => {
    const saved = await updateAppointmentLocked(
      trx,
      id,
      { from: ['nominated'], to, lockVersion: input.lockVersion },
      { review_checklist: checklistOf(input), review_comment: input.comment, decided_by: user.id },
    )
    if (!saved) return { status: 'conflict' }
    await insertAppointmentEvent(trx, {
      appointmentId: id,
      action: decision,
      from: 'nominated',
      to,
      note: input.comment,
      actorUserId: user.id,
      actorLabel: user.display_name,
    })
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'accelerator_appointment',
      action: decision,
      entityId: id,
      summary: `「${row.person_name}」の推薦を${word}`,
      prefectureCode: row.prefecture_code,
      before: { status: 'nominated' },
      after: { status: to, review_comment: input.comment },
    })
    await tellPrefecture(trx, context.services.appUrl, row, APPOINTMENT_STATUS_LABELS[to], input.comment)
    return { status: 'ok' }
  })
}

/** Marks (or unmarks) the person's placements that are not over, with their history and the audit log. */
async function syncPlacements(
  trx: DbExecutor,
  actor: AuditActor,
  user: SessionUser,
  person: { poolMemberId: string | null; profileId: string | null },
  appointed: boolean,
  number: string | null,
) {
  const changed = await setPlacementsAppointedFlag(trx, person, appointed)
  for (const placement of changed) {
    const note = appointed ? `アクセラレータに任命（${number}）` : 'アクセラレータの任命が終了'
    await insertPlacementEvent(trx, {
      placementId: placement.id,
      action: 'update',
      from: placement.status,
      to: placement.status,
      actorUserId: user.id,
      actorLabel: user.display_name,
      note,
    })
    await recordAudit(trx, actor, {
      entity: 'placement',
      action: 'update',
      entityId: placement.id,
      summary: `配置「${placement.person_name}」: ${note}`,
      prefectureCode: placement.prefecture_code,
      municipalityCode: placement.kind === 'cio_adviser' ? placement.employer_code : null,
      before: { appointed_accelerator: !appointed },
      after: { appointed_accelerator: appointed },
    })
  }
}

/** Thrown inside a transaction to roll it back when a guarded update found the case changed. */
class ConflictRollback extends Error {}

export async function appoint(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: AppointInput,
): Promise<StepResult & { number?: string }> {
  const row = await requireCaseForDecision(context, user, id)
  if (row.status !== 'nominated')
    return { status: 'refused', messages: [`「${APPOINTMENT_STATUS_LABELS[row.status]}」の推薦は任命できません。`] }
  const fy = fiscalYearOfIsoDate(input.appointedOn)
  const { db } = context.services.database
  const actor = actorFrom(context, user)
  return db
    .transaction()
    .execute(async (trx) => {
      const serial = await takeAppointmentSerial(trx, fy)
      const number = appointmentNumberLabel(fy, serial)!
      const saved = await updateAppointmentLocked(
        trx,
        id,
        { from: ['nominated'], to: 'appointed', lockVersion: input.lockVersion },
        {
          review_checklist: checklistOf(input),
          review_comment: input.comment,
          decided_by: user.id,
          fiscal_year: fy,
          serial,
          appointed_on: input.appointedOn,
          term_end_on: input.termEndOn,
        },
      )
      // Rolling back returns the number to the counter: numbers stay without gaps.
      if (!saved) throw new ConflictRollback()
      await insertAppointmentEvent(trx, {
        appointmentId: id,
        action: 'appoint',
        from: 'nominated',
        to: 'appointed',
        note: `${number}（${formatDate(input.appointedOn)}任命${input.termEndOn ? `、任期は${formatDate(input.termEndOn)}まで` : ''}）${
          input.comment ? `：${input.comment}` : ''
        }`,
        actorUserId: user.id,
        actorLabel: user.display_name,
      })
      await recordAudit(trx, actor, {
        entity: 'accelerator_appointment',
        action: 'appoint',
        entityId: id,
        summary: `「${row.person_name}」を自治体DXアクセラレータに任命しました（${number}）`,
        prefectureCode: row.prefecture_code,
        before: { status: 'nominated' },
        after: {
          status: 'appointed',
          fiscal_year: fy,
          serial,
          appointed_on: input.appointedOn,
          term_end_on: input.termEndOn,
          review_comment: input.comment,
        },
      })
      await syncPlacements(
        trx,
        actor,
        user,
        { poolMemberId: row.pool_member_id, profileId: row.profile_id },
        true,
        number,
      )
      await tellPrefecture(trx, context.services.appUrl, row, `任命（${number}）`, input.comment)
      if (row.profile_id) {
        const contact = await findProfileOwnerContact(trx, row.profile_id)
        if (contact)
          await queueMail(trx, contact.email, {
            template: 'appointment_notice',
            name: contact.display_name,
            number,
            appointedOn: formatDate(input.appointedOn),
            url: `${context.services.appUrl}/accelerator`,
          })
      }
      return { status: 'ok' as const, number }
    })
    .catch((error: unknown) => {
      if (error instanceof ConflictRollback) return { status: 'conflict' as const }
      throw error
    })
}

/** 任期満了・辞任等 (end) or 取消し (revoke): the person is no longer counted, their placements lose the flag. */
export async function closeAppointment(
  context: AppLoadContext,
  user: SessionUser,
  id: string,
  input: ({ kind: 'end' } & AppointmentEndInput) | ({ kind: 'revoke' } & AppointmentRevokeInput),
): Promise<StepResult> {
  const row = await requireCaseForDecision(context, user, id)
  if (row.status !== 'appointed')
    return { status: 'refused', messages: [`「${APPOINTMENT_STATUS_LABELS[row.status]}」の任命は終了できません。`] }
  if (row.appointed_on && input.endedOn < row.appointed_on)
    return {
      status: 'invalid',
      fieldErrors: { endedOn: [`任命日（${formatDate(row.appointed_on)}）以降の日付にしてください`] },
    }
  if (input.endedOn > tokyoIsoDate())
    return {
      status: 'invalid',
      fieldErrors: {
        endedOn: [
          `今日（${formatDate(tokyoIsoDate())}）以前の日付にしてください。予定の任期は任命時の「任期の終了日」です`,
        ],
      },
    }
  const to: AppointmentStatus = input.kind === 'end' ? 'ended' : 'revoked'
  const reason = input.kind === 'end' ? input.endReason : 'revoked'
  const { db } = context.services.database
  const actor = actorFrom(context, user)
  return db.transaction().execute(async (trx): Promise<StepResult> => {
    const saved = await updateAppointmentLocked(
      trx,
      id,
      { from: ['appointed'], to, lockVersion: input.lockVersion },
      { ended_on: input.endedOn, end_reason: reason, end_note: input.endNote },
    )
    if (!saved) return { status: 'conflict' }
    const label = APPOINTMENT_END_REASON_LABELS[reason]
    await insertAppointmentEvent(trx, {
      appointmentId: id,
      action: input.kind,
      from: 'appointed',
      to,
      note: `${label}（${formatDate(input.endedOn)}）${input.endNote ? `：${input.endNote}` : ''}`,
      actorUserId: user.id,
      actorLabel: user.display_name,
    })
    await recordAudit(trx, actor, {
      entity: 'accelerator_appointment',
      action: input.kind,
      entityId: id,
      summary: `「${row.person_name}」の任命を${input.kind === 'end' ? '終了しました' : '取り消しました'}（${label}）`,
      prefectureCode: row.prefecture_code,
      before: { status: 'appointed' },
      after: { status: to, ended_on: input.endedOn, end_reason: reason, end_note: input.endNote },
    })
    // Another current appointment of the same person (in another prefecture) keeps their placements marked.
    const person = { poolMemberId: row.pool_member_id, profileId: row.profile_id }
    if (!(await findCurrentAppointmentOfPerson(trx, person)))
      await syncPlacements(trx, actor, user, person, false, null)
    return { status: 'ok' }
  })
}

// ---- the notice and the links from other pages ---------------------------------------------------------------------

/** The printable 任命通知: for the ministry, the nominating prefecture, and the person themselves. */
export async function getAppointmentNotice(context: AppLoadContext, user: SessionUser, id: string) {
  if (!isUuid(id)) throw notFound()
  const { db } = context.services.database
  let row = undefined as Awaited<ReturnType<typeof findAppointment>>
  if (userHasPermission(user, 'read:appointment:any') || userHasPermission(user, 'read:appointment:own-prefecture')) {
    row = await findAppointment(db, appointmentScopeOf(user), id)
  } else if (user.role === 'professional') {
    const own = await findAppointment(db, { kind: 'national' }, id)
    const contact = own?.profile_id ? await findProfileOwnerContact(db, own.profile_id) : undefined
    row = contact && contact.email === user.email ? own : undefined
  }
  if (!row || row.fiscal_year === null || row.serial === null || !row.appointed_on) throw notFound()
  return {
    id: row.id,
    number: appointmentNumberLabel(row.fiscal_year, row.serial)!,
    personName: row.person_name,
    prefectureName: row.prefecture_name,
    roleName: row.role_name,
    appointedOn: formatDate(row.appointed_on),
    termEndOn: row.term_end_on ? formatDate(row.term_end_on) : null,
    status: row.status,
    statusLabel: APPOINTMENT_STATUS_LABELS[row.status],
    endedOn: row.ended_on ? formatDate(row.ended_on) : null,
  }
}

/**
 * A pool member's accelerator cases (for whoever reads the pool record) and whether this user may nominate them
 * now: the prefecture that runs the pool, for a registered member without an open case.
 */
export async function getAppointmentsOfMember(
  context: AppLoadContext,
  user: SessionUser,
  member: { id: string; prefectureCode: string; status: string },
) {
  const rows = await listAppointmentsOfMember(context.services.database.db, member.id)
  const hasOpenCase = rows.some((r) => r.status === 'nominated' || r.status === 'returned' || r.status === 'appointed')
  return {
    cases: rows.map((r) => ({
      id: r.id,
      statusLabel: APPOINTMENT_STATUS_LABELS[r.status],
      roleName: r.role_name,
      number: appointmentNumberLabel(r.fiscal_year, r.serial),
      appointedOn: r.appointed_on ? formatDate(r.appointed_on) : null,
    })),
    canNominate:
      nominatingPrefectureOf(user) === member.prefectureCode && member.status === 'registered' && !hasOpenCase,
  }
}

/** Whether a placement's person is an appointed accelerator now (a placement linked to a person follows this). */
export async function currentAppointmentOf(
  db: DbExecutor,
  person: { poolMemberId: string | null; profileId: string | null },
): Promise<{ number: string; appointedOn: string } | null> {
  const row = await findCurrentAppointmentOfPerson(db, person)
  return row && row.appointed_on
    ? { number: appointmentNumberLabel(row.fiscal_year, row.serial)!, appointedOn: formatDate(row.appointed_on) }
    : null
}
