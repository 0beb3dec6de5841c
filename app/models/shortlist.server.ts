// A need's shortlist (ショートリスト): the people prefecture staff take from the match list and move through
// 候補 → 打診（声をかける）→ 面談 → 内定, or 見送り / 辞退 (the rules: app/utils/shortlist-workflow.ts). Every
// change writes the entry's history, the audit log and a profile search sync (a 内定 on a 常勤 need takes the
// person out of every other match: the profile document's placed_full_time), and queues the mails: to the
// person from 打診 on, to the staff when the person answers. A 内定 fills the need in the same transaction
// (need.server.ts moveNeedStatus, the need's own transition rules); at most one per need, which Postgres
// guards too. The 内定 entry is what a placement will be created from.
// The person answers a 打診 from their home: 「話を聞く（応募する）」 files their application to the
// prefecture's pool through the one join (joinPool) and links it to the need, as an expression of interest
// does; 「辞退する」 closes the entry (and reopens the need if it was their 内定).
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../db/client'
import { listCandidateRows } from '../../db/queries/match'
import { findNeed, insertNeedInterest } from '../../db/queries/needs'
import { deleteDraftPlacementOfEntry } from '../../db/queries/placements'
import { findMembership, joinPool } from '../../db/queries/pools'
import { findProfileRefByUserId } from '../../db/queries/profiles'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import {
  findEntryPerson,
  findOfferedEntry,
  findOwnShortlistEntry,
  findShortlistEntry,
  findShortlistEntryOfPerson,
  insertShortlistEntry,
  insertShortlistEvent,
  isProfileVisibleTo,
  listOffersOfProfile,
  listShortlistEvents,
  listStaffToNotify,
  lockNeedForShortlist,
  setShortlistInterview,
  setShortlistStatusWithEvent,
  touchShortlistEntry,
} from '../../db/queries/shortlist'
import type { EmploymentForm, NeedStatus, ShortlistStatus } from '../../db/schema'
import { poolCodeOf } from '../../search/queries/match'
import type { SessionUser } from '../utils/auth.server'
import { formatDateTime } from '../utils/dates'
import { NEED_STATUS_LABELS, SHORTLIST_STATUS_LABELS } from '../utils/labels'
import { explainMatch } from '../utils/match-score'
import { isEditable } from '../utils/need-workflow'
import { isUuid } from '../utils/params'
import {
  allowedShortlistMoves,
  interviewProblem,
  mayManageShortlist,
  OFFER_NEXT_STEP,
  OFFER_STATE_LABELS,
  offerStateOf,
  personIsToldOf,
  personMayDecline,
  SHORTLIST_TRANSITION_LABELS,
  shortlistMoveProblem,
  shortlistNextStep,
} from '../utils/shortlist-workflow'
import { actorFrom, type AuditActor, recordAudit } from './audit.server'
import { recordOwnJoin } from './pool-application.server'
import { queueMail } from './mail.server'
import { candidateFacts, needFactsOf } from './match.server'
import { loadNeedCatalogue } from './need-catalogue.server'
import { describeNeed, moveNeedStatus, requireNeedRow } from './need.server'
import { createDraftPlacementFromOffer } from './placement.server'
import { isUniqueViolation, profileViewerOf } from './pool-scope.server'
import { readProfileForStaff } from './staff-profile.server'

export const SHORTLIST_CONFLICT_MESSAGE =
  'ほかの人が先にこの候補者を更新しました。画面を読み込み直して、最新の状態を確認してから操作してください。'
const SECOND_OFFER_MESSAGE = 'このニーズにはすでに内定者がいます。内定は1つのニーズに1人です。'

const entryNotFound = () => new Response('指定された候補者は見つかりません。', { status: 404 })

function requireShortlistManager(user: SessionUser): void {
  if (!mayManageShortlist(user)) throw new Response('この操作を行う権限がありません。', { status: 403 })
}

/** What the mails and the history say about a need. */
interface NeedSummary {
  id: string
  title: string
  prefectureCode: string
  prefectureName: string
  municipalities: string
  employmentForm: EmploymentForm | null
  /** The municipalities served and days per week in each: a 内定's draft placement starts from them. */
  municipalityDays: Array<{ code: string; daysPerWeek: number }>
}

async function needSummary(db: DbExecutor, needId: string): Promise<NeedSummary> {
  // The caller has checked the viewer's right to the need (staff scope, or the person's own entry).
  const row = await findNeed(db, { kind: 'national' }, needId)
  if (!row) throw entryNotFound()
  return summaryOf(row)
}

function summaryOf(row: NonNullable<Awaited<ReturnType<typeof findNeed>>>): NeedSummary {
  return {
    id: row.id,
    title: row.title,
    prefectureCode: row.prefecture_code,
    prefectureName: row.prefecture_name,
    municipalities: row.municipalities.map((m) => m.name).join('・'),
    employmentForm: row.employment_form,
    municipalityDays: row.municipalities.map((m) => ({ code: m.code, daysPerWeek: Number(m.days_per_week) })),
  }
}

// ---- add from the match list -------------------------------------------------------------------------------

export type AddToShortlistResult =
  | { status: 'added'; entryId: string }
  | { status: 'already'; entryId: string; statusLabel: string }
  | { status: 'refused'; message: string }

/** 候補に加える: only a person the viewer may see (consent), once per need; a second time changes nothing. */
export async function addToShortlist(
  context: AppLoadContext,
  user: SessionUser,
  needId: string,
  profileId: string,
): Promise<AddToShortlistResult> {
  requireShortlistManager(user)
  const { db } = context.services.database
  const need = await requireNeedRow(db, user, needId)
  const viewer = profileViewerOf(user)
  // Not found and not shared are one answer: the page never learns that a hidden profile exists.
  if (!viewer || !isUuid(profileId) || !(await isProfileVisibleTo(db, viewer, profileId.toLowerCase())))
    throw new Response('指定された人は見つからないか、プロフィールを共有していません。', { status: 404 })
  if (!isEditable(need.status))
    return {
      status: 'refused',
      message: `ニーズが「${NEED_STATUS_LABELS[need.status]}」のため、候補を追加できません。`,
    }
  return db.transaction().execute(async (trx): Promise<AddToShortlistResult> => {
    const id = crypto.randomUUID()
    const person = profileId.toLowerCase()
    if (!(await insertShortlistEntry(trx, { id, needId: need.id, profileId: person, createdBy: user.id }))) {
      const existing = await findShortlistEntryOfPerson(trx, need.id, person)
      if (!existing) throw new Error('shortlist entry vanished after a conflicting insert')
      return { status: 'already', entryId: existing.id, statusLabel: SHORTLIST_STATUS_LABELS[existing.status] }
    }
    await insertShortlistEvent(trx, {
      entryId: id,
      from: null,
      to: 'shortlisted',
      actorUserId: user.id,
      actorLabel: user.display_name,
      note: '候補者の一覧から追加',
    })
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'need_shortlist_entry',
      action: 'add',
      entityId: id,
      summary: `ニーズ「${need.title}」の候補に加えました`,
      prefectureCode: need.prefecture_code,
      after: { need_id: need.id, profile_id: person, status: 'shortlisted' },
    })
    return { status: 'added', entryId: id }
  })
}

// ---- the entry's page ----------------------------------------------------------------------------------------

export async function getShortlistEntryPage(
  context: AppLoadContext,
  user: SessionUser,
  needId: string,
  entryId: string,
) {
  const { db } = context.services.database
  const viewer = profileViewerOf(user)
  const needRow = await requireNeedRow(db, user, needId)
  if (!viewer || !isUuid(entryId)) throw entryNotFound()
  const entry = await findShortlistEntry(db, needRow.id, entryId.toLowerCase())
  if (!entry) throw entryNotFound()
  // Consent is checked on every read: a person who stopped sharing shows 非公開, and nothing of the profile
  // (nor its id) reaches the page.
  const [profile, candidateRows, events, catalogue] = await Promise.all([
    readProfileForStaff(db, viewer, entry.profile_id),
    listCandidateRows(db, viewer, poolCodeOf(viewer), [entry.profile_id]),
    listShortlistEvents(db, entry.id),
    loadNeedCatalogue(db),
  ])
  const candidate = profile ? candidateRows[0] : undefined
  const skillNames = new Map(catalogue.areas.flatMap((a) => a.skills.map((s) => [s.id, s.name] as const)))
  const accepted = Boolean(entry.accepted)
  const canManage = mayManageShortlist(user)
  const moves = canManage ? allowedShortlistMoves({ from: entry.status, accepted, needStatus: needRow.status }) : []
  return {
    need: {
      id: needRow.id,
      title: needRow.title,
      status: needRow.status,
      statusLabel: NEED_STATUS_LABELS[needRow.status],
      prefectureName: needRow.prefecture_name,
    },
    entry: {
      id: entry.id,
      status: entry.status,
      statusLabel: SHORTLIST_STATUS_LABELS[entry.status],
      lockVersion: entry.lock_version,
      note: entry.note,
      accepted,
      nextStep: shortlistNextStep(entry.status, accepted, entry.interview_at !== null),
      interviewAt: entry.interview_at ? entry.interview_at.toISOString() : null,
      interviewPlace: entry.interview_place,
      addedAt: entry.created_at.toISOString(),
    },
    profile,
    // The same explanation as the match list: the need's facts against the person's, through explainMatch.
    explanation: candidate ? explainMatch(needFactsOf(needRow, skillNames), candidateFacts(candidate)) : null,
    poolMember: candidate?.pool[0] ? { id: candidate.pool[0].id } : null,
    history: events.map((e) => ({
      id: Number(e.id),
      at: e.occurred_at.toISOString(),
      from: e.from_status ? SHORTLIST_STATUS_LABELS[e.from_status] : null,
      to: SHORTLIST_STATUS_LABELS[e.to_status],
      actor: e.actor_label,
      note: e.note,
    })),
    canManage,
    moves: moves.map((to) => ({
      value: to,
      label: SHORTLIST_TRANSITION_LABELS[to as Exclude<ShortlistStatus, 'shortlisted'>],
    })),
    canSchedule: canManage && interviewProblem(entry.status, accepted) === null,
  }
}

export type ShortlistEntryPage = Awaited<ReturnType<typeof getShortlistEntryPage>>

// ---- moving an entry -------------------------------------------------------------------------------------------

type MoveResult = { status: 'ok'; label: string } | { status: 'conflict' } | { status: 'refused'; message: string }

/** Who moves the entry: staff of the need's prefecture, or the person (their answer from home). */
type Mover = { kind: 'staff'; user: SessionUser } | { kind: 'person'; user: SessionUser }

const actorLabelOf = (mover: Mover) => (mover.kind === 'staff' ? mover.user.display_name : '本人')

/** Thrown inside a transaction to roll it back with a refusal the caller returns. */
class Refusal extends Error {}

/**
 * One move of one entry, inside the caller's transaction, the need locked by the caller: the rules, the
 * entry (guarded by its lock version), the need when a 内定 fills it or its undoing reopens it, the history,
 * the search sync, the audit and the mails.
 */
async function moveEntry(
  trx: DbExecutor,
  context: AppLoadContext,
  mover: Mover,
  need: { id: string; status: NeedStatus; lock_version: number; summary: NeedSummary },
  entry: NonNullable<Awaited<ReturnType<typeof findShortlistEntry>>>,
  input: { to: ShortlistStatus; note: string },
): Promise<MoveResult> {
  const { to, note } = input
  const from = entry.status
  const problem = shortlistMoveProblem({ from, to, accepted: Boolean(entry.accepted), needStatus: need.status })
  if (problem) return { status: 'refused', message: problem }
  if (to === 'offered' && (await findOfferedEntry(trx, need.id)))
    return { status: 'refused', message: SECOND_OFFER_MESSAGE }
  const actorLabel = actorLabelOf(mover)
  const moved = await setShortlistStatusWithEvent(
    trx,
    entry.id,
    { from, to, lockVersion: entry.lock_version, note },
    { actorUserId: mover.user.id, actorLabel },
  )
  if (!moved) return { status: 'conflict' }
  const audit = actorFrom(context, mover.user)

  // The need follows its 内定: filled by it (through 選考中 when it was still 公開), open again without it.
  const needSteps: Array<{ to: NeedStatus; note: string }> = []
  if (to === 'offered') {
    if (need.status === 'published') needSteps.push({ to: 'selecting', note: '内定を記録するため選考中に' })
    needSteps.push({ to: 'filled', note: '候補者の内定により充足' })
  } else if (from === 'offered' && need.status === 'filled') {
    needSteps.push({ to: 'selecting', note: '内定者の辞退により選考を再開' })
  }
  let current = {
    id: need.id,
    prefecture_code: need.summary.prefectureCode,
    title: need.summary.title,
    status: need.status,
  }
  let lockVersion = need.lock_version
  for (const step of needSteps) {
    // The need is locked by the caller, so neither the rules nor the version can have moved under us.
    const moved = await moveNeedStatus(trx, audit, current, {
      to: step.to,
      lockVersion,
      note: step.note,
      actorLabel: mover.kind === 'person' ? '内定者本人' : actorLabel,
    })
    if (moved !== 'ok') throw new Refusal(`ニーズを「${NEED_STATUS_LABELS[step.to]}」にできませんでした。`)
    current = { ...current, status: step.to }
    lockVersion += 1
  }

  // A 内定 starts the placement as a draft (staff confirm its terms and start it from the placements page);
  // undone, the draft goes too unless someone has started it.
  if (to === 'offered') await startDraftPlacement(trx, audit, need, entry)
  else if (from === 'offered') await dropDraftPlacement(trx, audit, need.summary, entry.id)

  // A 内定 on a 常勤 need takes the person out of other matches (and its undoing puts them back).
  await enqueueSearchSync(trx, 'profile', [entry.profile_id])
  await recordAudit(trx, audit, {
    entity: 'need_shortlist_entry',
    action: mover.kind === 'person' ? 'decline_offer' : 'change_status',
    entityId: entry.id,
    summary:
      mover.kind === 'person'
        ? `ニーズ「${need.summary.title}」へのお声がけを辞退しました`
        : `ニーズ「${need.summary.title}」の候補者を「${SHORTLIST_STATUS_LABELS[from]}」から「${SHORTLIST_STATUS_LABELS[to]}」にしました`,
    prefectureCode: need.summary.prefectureCode,
    before: { status: from },
    after: { status: to, note, ...(needSteps.length > 0 ? { need_status: current.status } : {}) },
  })

  if (mover.kind === 'staff' && personIsToldOf(from, to)) await mailPerson(trx, context, need.summary, entry, to)
  if (mover.kind === 'person') await mailStaff(trx, context, need.summary, entry.id, 'declined')
  return { status: 'ok', label: SHORTLIST_STATUS_LABELS[to] }
}

async function startDraftPlacement(
  trx: DbExecutor,
  actor: AuditActor,
  need: { summary: NeedSummary },
  entry: { id: string; profile_id: string },
): Promise<void> {
  const [person, membership] = await Promise.all([
    findEntryPerson(trx, entry.profile_id),
    findMembership(trx, need.summary.prefectureCode, entry.profile_id),
  ])
  await createDraftPlacementFromOffer(trx, {
    needId: need.summary.id,
    shortlistEntryId: entry.id,
    profileId: entry.profile_id,
    poolMemberId: membership?.id ?? null,
    personName: person ? `${person.family_name} ${person.given_name}` : '（氏名未登録）',
    personKana: person ? `${person.family_name_kana} ${person.given_name_kana}` : '',
    prefectureCode: need.summary.prefectureCode,
    employment: need.summary.employmentForm,
    municipalities: need.summary.municipalityDays,
    actor,
  })
}

async function dropDraftPlacement(trx: DbExecutor, actor: AuditActor, need: NeedSummary, entryId: string) {
  const dropped = await deleteDraftPlacementOfEntry(trx, entryId)
  if (!dropped) return
  await recordAudit(trx, actor, {
    entity: 'placement',
    action: 'delete_draft',
    entityId: dropped.id,
    summary: `ニーズ「${need.title}」の内定が取り消されたため、配置の下書き（${dropped.person_name}）を削除しました`,
    prefectureCode: dropped.prefecture_code,
  })
}

async function mailPerson(
  trx: DbExecutor,
  context: AppLoadContext,
  need: NeedSummary,
  entry: { id: string; profile_id: string; accepted: unknown },
  to: ShortlistStatus,
): Promise<void> {
  const person = await findEntryPerson(trx, entry.profile_id)
  if (!person || person.deactivated_at) return
  const common = {
    name: `${person.family_name} ${person.given_name}`,
    prefectureName: need.prefectureName,
    needTitle: need.title,
    url: `${context.services.appUrl}/offers/${entry.id}`,
  }
  // The person's address stays out of the prefecture's view of the outbox (mail with no prefecture).
  if (to === 'contacted')
    await queueMail(trx, person.email, {
      template: 'shortlist_contacted',
      ...common,
      municipalities: need.municipalities,
      alreadyApplied: Boolean(entry.accepted),
    })
  else if (to === 'interview' || to === 'offered' || to === 'passed' || to === 'declined')
    await queueMail(trx, person.email, { template: 'shortlist_status', ...common, to })
}

async function mailStaff(
  trx: DbExecutor,
  context: AppLoadContext,
  need: NeedSummary,
  entryId: string,
  answer: 'accepted' | 'declined',
): Promise<void> {
  const url = `${context.services.appUrl}/needs/${need.id}/shortlist/${entryId}`
  for (const staff of await listStaffToNotify(trx, entryId, need.prefectureCode))
    await queueMail(
      trx,
      staff.email,
      { template: 'shortlist_answer', staffName: staff.display_name, needTitle: need.title, answer, url },
      { prefectureCode: need.prefectureCode },
    )
}

/** Runs a move's transaction; a concurrent second 内定 that slipped past the check is refused by Postgres. */
async function inMoveTransaction(context: AppLoadContext, run: (trx: DbExecutor) => Promise<MoveResult>) {
  try {
    return await context.services.database.db.transaction().execute(run)
  } catch (error) {
    if (error instanceof Refusal) return { status: 'refused', message: error.message } satisfies MoveResult
    if (isUniqueViolation(error, 'need_shortlist_entry_one_offer_key'))
      return { status: 'refused', message: SECOND_OFFER_MESSAGE } satisfies MoveResult
    throw error
  }
}

/** The staff's status form on the entry page. */
export async function changeShortlistStatus(
  context: AppLoadContext,
  user: SessionUser,
  needId: string,
  entryId: string,
  input: { to: ShortlistStatus; note: string; lockVersion: number },
): Promise<MoveResult> {
  requireShortlistManager(user)
  const { db } = context.services.database
  const needRow = await requireNeedRow(db, user, needId)
  if (!isUuid(entryId)) throw entryNotFound()
  const summary = summaryOf(needRow)
  return inMoveTransaction(context, async (trx) => {
    const need = await lockNeedForShortlist(trx, needRow.id)
    const entry = await findShortlistEntry(trx, needRow.id, entryId.toLowerCase(), { forUpdate: true })
    if (!need || !entry) throw entryNotFound()
    if (entry.lock_version !== input.lockVersion) return { status: 'conflict' }
    return moveEntry(trx, context, { kind: 'staff', user }, { ...need, summary }, entry, input)
  })
}

type InterviewResult =
  { status: 'ok'; changed: boolean } | { status: 'conflict' } | { status: 'refused'; message: string }

/** 面談の日時と場所: set or changed by staff once the person agreed to talk; the person is told by mail. */
export async function scheduleShortlistInterview(
  context: AppLoadContext,
  user: SessionUser,
  needId: string,
  entryId: string,
  input: { interviewAt: Date; place: string; lockVersion: number },
): Promise<InterviewResult> {
  requireShortlistManager(user)
  const { db } = context.services.database
  const needRow = await requireNeedRow(db, user, needId)
  if (!isUuid(entryId)) throw entryNotFound()
  const summary = summaryOf(needRow)
  return db.transaction().execute(async (trx): Promise<InterviewResult> => {
    const entry = await findShortlistEntry(trx, needRow.id, entryId.toLowerCase(), { forUpdate: true })
    if (!entry) throw entryNotFound()
    if (entry.lock_version !== input.lockVersion) return { status: 'conflict' }
    const problem = interviewProblem(entry.status, Boolean(entry.accepted))
    if (problem) return { status: 'refused', message: problem }
    if (!(await setShortlistInterview(trx, entry.id, input))) return { status: 'conflict' }
    const changed = entry.interview_at !== null
    const at = formatDateTime(input.interviewAt)
    await insertShortlistEvent(trx, {
      entryId: entry.id,
      from: entry.status,
      to: entry.status,
      actorUserId: user.id,
      actorLabel: user.display_name,
      note: `面談の日程を${changed ? '変更' : '設定'}: ${at}${input.place ? `（${input.place}）` : ''}`,
    })
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'need_shortlist_entry',
      action: 'update_interview',
      entityId: entry.id,
      summary: `ニーズ「${summary.title}」の候補者の面談の日程を${changed ? '変更' : '設定'}しました`,
      prefectureCode: summary.prefectureCode,
      before: { interview_at: entry.interview_at, interview_place: entry.interview_place },
      after: { interview_at: input.interviewAt.toISOString(), interview_place: input.place },
    })
    const person = await findEntryPerson(trx, entry.profile_id)
    if (person && !person.deactivated_at)
      await queueMail(trx, person.email, {
        template: 'shortlist_interview',
        name: `${person.family_name} ${person.given_name}`,
        prefectureName: summary.prefectureName,
        needTitle: summary.title,
        at,
        place: input.place,
        changed,
        url: `${context.services.appUrl}/offers/${entry.id}`,
      })
    return { status: 'ok', changed }
  })
}

// ---- the professional's side ---------------------------------------------------------------------------------

type OwnEntry = NonNullable<Awaited<ReturnType<typeof findOwnShortlistEntry>>>

/** What the person sees of one of their entries (null: not theirs to see, e.g. closed while only 候補). */
function offerView(entry: Pick<OwnEntry, 'id' | 'status' | 'accepted' | 'interview_at' | 'interview_place'>) {
  const state = offerStateOf(entry.status, Boolean(entry.accepted))
  if (!state) return null
  return {
    entryId: entry.id,
    state,
    stateLabel: OFFER_STATE_LABELS[state],
    nextStep: OFFER_NEXT_STEP[state],
    interview:
      entry.interview_at && (state === 'accepted' || state === 'interview')
        ? { at: formatDateTime(entry.interview_at), place: entry.interview_place }
        : null,
    canAccept: state === 'waiting',
    canDecline: personMayDecline(state),
  }
}

/** The 打診 on the person's home, newest first. */
export async function getMyOffers(context: AppLoadContext, user: SessionUser) {
  const { db } = context.services.database
  const profile = await findProfileRefByUserId(db, user.id)
  if (!profile) return []
  const rows = await listOffersOfProfile(db, profile.id)
  return rows.flatMap((row) => {
    const view = offerView(row)
    return view ? [{ ...view, needTitle: row.need_title, prefectureName: row.prefecture_name }] : []
  })
}

async function requireOwnEntry(db: DbExecutor, user: SessionUser, entryId: string, forUpdate = false) {
  if (user.role !== 'professional') throw new Response('このページを表示する権限がありません。', { status: 403 })
  const profile = await findProfileRefByUserId(db, user.id)
  if (!profile || !isUuid(entryId)) throw entryNotFound()
  const entry = await findOwnShortlistEntry(db, entryId.toLowerCase(), profile.id, { forUpdate })
  // From 打診 on only: an entry closed while it was still 候補 never reached the person.
  if (!entry || !entry.was_contacted) throw new Response('このお声がけは見つかりません。', { status: 404 })
  return { entry, profileId: profile.id }
}

/** The offer page: the job description (without the prefecture's internal notes) and the answer buttons. */
export async function getOfferPage(context: AppLoadContext, user: SessionUser, entryId: string) {
  const { db } = context.services.database
  const { entry } = await requireOwnEntry(db, user, entryId)
  const view = offerView(entry)
  const row = await findNeed(db, { kind: 'national' }, entry.need_id)
  if (!view || !row) throw new Response('このお声がけは見つかりません。', { status: 404 })
  const { lockVersion: _lock, managementNote: _note, ...need } = describeNeed(row, await loadNeedCatalogue(db))
  return { offer: { ...view, needTitle: entry.need_title, prefectureName: entry.prefecture_name }, need }
}

export type OfferAnswerResult = { status: 'ok'; message: string } | { status: 'refused'; message: string }

/** 「話を聞く（応募する）」 or 「辞退する」, by the person the 打診 was for. */
export async function answerOffer(
  context: AppLoadContext,
  user: SessionUser,
  entryId: string,
  input: { answer: 'accept' | 'decline'; message: string },
): Promise<OfferAnswerResult> {
  const { db } = context.services.database
  const { entry: seen } = await requireOwnEntry(db, user, entryId)
  const summary = await needSummary(db, seen.need_id)
  const result = await inMoveTransaction(context, async (trx): Promise<MoveResult> => {
    const need = await lockNeedForShortlist(trx, seen.need_id)
    const { entry: own } = await requireOwnEntry(trx, user, entryId, true)
    if (!need) throw entryNotFound()
    const state = offerStateOf(own.status, Boolean(own.accepted))
    if (input.answer === 'decline') {
      if (!state || !personMayDecline(state))
        return { status: 'refused', message: 'このお声がけはすでに終了しています。' }
      return moveEntry(trx, context, { kind: 'person', user }, { ...need, summary }, own, {
        to: 'declined',
        note: own.status === 'offered' ? '本人が内定を辞退' : '本人が辞退',
      })
    }
    if (state !== 'waiting')
      return {
        status: 'refused',
        message:
          state === 'accepted' ? 'このお声がけにはすでに応募しています。' : 'このお声がけにはもう回答できません。',
      }
    if (need.status !== 'published' && need.status !== 'selecting')
      return { status: 'refused', message: 'この募集は終了しました。' }
    await acceptInTransaction(trx, context, user, summary, own, input.message)
    return { status: 'ok', label: SHORTLIST_STATUS_LABELS[own.status] }
  })
  if (result.status === 'conflict' || result.status === 'refused')
    return {
      status: 'refused',
      message:
        result.status === 'refused' ? result.message : 'お声がけの状態が変わりました。ページを開き直してください。',
    }
  return {
    status: 'ok',
    message:
      input.answer === 'accept'
        ? `応募しました。${summary.prefectureName}の人材プールへの応募として届きます。面談の日程は担当者から連絡があります。`
        : 'お声がけを辞退しました。',
  }
}

/**
 * 「話を聞く」: the person's application to the prefecture's pool through the one join (joinPool) — filed,
 * reopened, or the membership they have — linked to the need like an expression of interest. The entry stays
 * 打診 (now 面談待ち) with an event; the staff hear of it by mail.
 */
async function acceptInTransaction(
  trx: DbExecutor,
  context: AppLoadContext,
  user: SessionUser,
  need: NeedSummary,
  entry: OwnEntry,
  message: string,
): Promise<void> {
  const joined = await joinPool(trx, {
    prefectureCode: need.prefectureCode,
    profileId: entry.profile_id,
    source: 'application',
    message,
  })
  const memberId = joined.memberId
  const actor = { actorUserId: user.id, actorLabel: '本人' }
  await recordOwnJoin(trx, joined, { actorUserId: user.id, note: `お声がけ「${need.title}」への応募` })
  await insertNeedInterest(trx, { needId: need.id, profileId: entry.profile_id, poolMemberId: memberId, message })
  await touchShortlistEntry(trx, entry.id)
  await insertShortlistEvent(trx, {
    entryId: entry.id,
    from: entry.status,
    to: entry.status,
    ...actor,
    note: '本人が「話を聞く（応募する）」と回答（人材プールに応募）',
  })
  // Applying shares the profile with the prefecture (its audience gains pref:NN).
  await enqueueSearchSync(trx, 'profile', [entry.profile_id])
  const audit: AuditActor = actorFrom(context, user)
  if (joined.kind !== 'member' || joined.claimedCopy)
    await recordAudit(trx, audit, {
      entity: 'pool_member',
      action: 'apply',
      entityId: memberId,
      summary: `${need.prefectureName}の人材プールに応募しました（お声がけ「${need.title}」への回答）`,
      prefectureCode: need.prefectureCode,
      after: { status: 'applied', message },
    })
  await recordAudit(trx, audit, {
    entity: 'need_shortlist_entry',
    action: 'accept_offer',
    entityId: entry.id,
    summary: `ニーズ「${need.title}」へのお声がけに応募しました`,
    prefectureCode: need.prefectureCode,
    after: { pool_member_id: memberId, message },
  })
  await mailStaff(trx, context, need, entry.id, 'accepted')
}
