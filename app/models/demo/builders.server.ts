// Building blocks for demo data and tests, written through the same models the pages call (validation by the
// forms' own schemas, history, audit, search outbox, mail): an account, a professional's profile section by
// section, a pool member moved to a status, a need published in a municipality, a shortlist entry taken to a
// status, a placement with its cost lines per fiscal year, an accelerator case from nomination to its outcome.
// Every refusal from a model is a mistake in the caller's data: it throws DemoBuildError with the model's answer.
// The demo generator (generator.server.ts) and tests/factories.ts share them.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import type { DbExecutor } from '../../../db/client'
import { currentLockVersion, findNewestInvitationMailBody, listExperienceIdsOfMember } from '../../../db/queries/demo'
import { insertUser } from '../../../db/queries/users'
import type {
  AppUser,
  EmploymentForm,
  NeedEmployer,
  NeedStatus,
  PayUnit,
  PlacementEmployment,
  PlacementEndReason,
  PoolStatus,
  Role,
} from '../../../db/schema'
import type { RequestInfo } from '../../services.server'
import type { SessionUser } from '../../utils/auth.server'
import { AppointSchema, NominationSchema } from '../../utils/appointment-validation'
import { NeedSchema } from '../../utils/need-validation'
import {
  PlacementCostsSchema,
  PlacementEndSchema,
  PlacementSchema,
  type CostLineKey,
} from '../../utils/placement-validation'
import {
  AvailabilitySchema,
  BasicsSchema,
  ConsentSchema,
  ExperienceSchema,
  QualificationsSchema,
  SkillsSchema,
} from '../../utils/profile-validation'
import { userAttributesOf } from '../../utils/session.server'
import { appoint, closeAppointment, nominate, replyToNomination, withdrawNomination } from '../appointment.server'
import { recordAudit, userSnapshot } from '../audit.server'
import { changeIssueStatus, createIssue } from '../issue.server'
import { changeNeedStatus, createNeed, getNeedEditPage, saveNeed } from '../need.server'
import {
  activatePlacement,
  createPlacement,
  endPlacement,
  savePlacement,
  savePlacementCosts,
} from '../placement.server'
import { applyToPool, withdrawApplication } from '../pool-application.server'
import { acceptPoolInvitation } from '../pool-invitation.server'
import { addFromNationalList } from '../pool-national-list.server'
import {
  addPoolMemberDirectly,
  addTrainingRecord,
  changePoolStatus,
  updateInterview,
  updateTargetRoles,
} from '../pool.server'
import {
  saveAvailability,
  saveBasics,
  saveConsent,
  saveExperience,
  saveQualifications,
  saveSkills,
} from '../profile.server'
import { addToShortlist, answerOffer, changeShortlistStatus } from '../shortlist.server'

/** A model refused a step of the demo data: the data is wrong, not the model. */
export class DemoBuildError extends Error {
  override name = 'DemoBuildError'
}

function expectOk<T extends { status: string }>(step: string, result: T, ok: readonly string[] = ['ok']): T {
  if (!ok.includes(result.status)) throw new DemoBuildError(`${step}: ${JSON.stringify(result)}`)
  return result
}

async function lockOf(context: AppLoadContext, table: Parameters<typeof currentLockVersion>[1], id: string) {
  const version = await currentLockVersion(context.services.database.db, table, id)
  if (version === undefined) throw new DemoBuildError(`${table} ${id} not found`)
  return version
}

export function sessionUserOf(row: AppUser): SessionUser {
  return { id: row.id, ...userAttributesOf(row) }
}

// ---- accounts -------------------------------------------------------------------------------------------------

export interface DemoAccountSpec {
  email: string
  displayName: string
  role: Role
  prefectureCode?: string | null
  municipalityCode?: string | null
  /** How the audit log names it, e.g. 「広島県 職員」. */
  label: string
}

/** An account as the start-up demo creates it (verified, with the given hash), with its audit entry. */
export async function createDemoAccount(
  db: DbExecutor,
  requestInfo: RequestInfo,
  account: DemoAccountSpec,
  passwordHash: string,
): Promise<AppUser> {
  const user = await insertUser(db, {
    id: crypto.randomUUID(),
    email: account.email,
    display_name: account.displayName,
    password_hash: passwordHash,
    email_verified_at: new Date(),
    role: account.role,
    prefecture_code: account.prefectureCode ?? null,
    municipality_code: account.municipalityCode ?? null,
  })
  await recordAudit(
    db,
    { user: null, label: 'システム（デモデータ）', requestInfo },
    {
      action: 'create',
      entity: 'user',
      entityId: user.id,
      summary: `デモ用アカウント（${account.label}）を作成しました`,
      prefectureCode: user.prefecture_code,
      municipalityCode: user.municipality_code,
      after: userSnapshot(user),
    },
  )
  return user
}

// ---- a professional's profile ----------------------------------------------------------------------------------

export interface ProfileSpec {
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  contactEmail: string
  residencePrefectureCode: string
  birthYear?: number | null
  introduction?: string
  yearsPrivateIt?: number
  yearsPublicSector?: number
  languages?: string[]
  availability?: {
    employmentForms: EmploymentForm[]
    daysPerWeek: number
    availableFrom?: string | null
    workArea: 'all' | 'selected'
    workPrefectureCodes?: string[]
    remoteOk: boolean
    onsiteDaysPerMonth?: number | null
    payMinYen?: number | null
    payMaxYen?: number | null
    payUnit?: PayUnit | null
  }
  consent?: {
    visibility: 'none' | 'selected' | 'all'
    visiblePrefectureCodes?: string[]
    nationalListConsent?: boolean
    publicDirectoryConsent?: boolean
    fittingNeedsDigest?: boolean
  }
  skills?: Array<{ skillId: string; level: number }>
  qualifications?: Array<{ qualificationId: string; acquiredYear: number | null }>
  experiences?: Array<{
    organization: string
    title?: string
    startMonth: string
    endMonth?: string | null
    description?: string
    skillIds?: string[]
  }>
}

const orUndefined = <T>(value: T | null | undefined) => value ?? undefined

/** Saves the sections given, as the profile pages do (basics first: it creates the profile). Returns its id. */
export async function buildProfile(context: AppLoadContext, user: SessionUser, spec: ProfileSpec): Promise<string> {
  const created = expectOk(
    'saveBasics',
    await saveBasics(
      context,
      user,
      BasicsSchema.parse({
        familyName: spec.familyName,
        givenName: spec.givenName,
        familyNameKana: spec.familyNameKana,
        givenNameKana: spec.givenNameKana,
        contactEmail: spec.contactEmail,
        residencePrefectureCode: spec.residencePrefectureCode,
        birthYear: orUndefined(spec.birthYear),
        introduction: spec.introduction,
        yearsPrivateIt: spec.yearsPrivateIt ?? 0,
        yearsPublicSector: spec.yearsPublicSector ?? 0,
        languages: (spec.languages ?? []).join('、') || undefined,
      }),
    ),
  )
  if (created.status !== 'ok') throw new DemoBuildError('saveBasics: no profile afterwards')
  // Each save bumps the lock version by one; the first save left it at 0.
  let lockVersion = 0
  const { availability, consent } = spec
  if (availability)
    expectOk(
      'saveAvailability',
      await saveAvailability(
        context,
        user,
        AvailabilitySchema.parse({
          lockVersion: lockVersion++,
          employmentForms: availability.employmentForms,
          daysPerWeek: availability.daysPerWeek,
          availableFrom: orUndefined(availability.availableFrom),
          workArea: availability.workArea,
          workPrefectureCodes: availability.workPrefectureCodes,
          remoteOk: availability.remoteOk,
          onsiteDaysPerMonth: orUndefined(availability.onsiteDaysPerMonth),
          payMinYen: orUndefined(availability.payMinYen),
          payMaxYen: orUndefined(availability.payMaxYen),
          payUnit: orUndefined(availability.payUnit),
        }),
      ),
    )
  if (consent)
    expectOk(
      'saveConsent',
      await saveConsent(
        context,
        user,
        ConsentSchema.parse({
          lockVersion: lockVersion++,
          visibility: consent.visibility,
          visiblePrefectureCodes: consent.visiblePrefectureCodes,
          nationalListConsent: consent.nationalListConsent,
          publicDirectoryConsent: consent.publicDirectoryConsent,
          fittingNeedsDigest: consent.fittingNeedsDigest,
        }),
      ),
    )
  if (spec.skills?.length)
    expectOk(
      'saveSkills',
      await saveSkills(context, user, SkillsSchema.parse({ lockVersion: lockVersion++, skills: spec.skills })),
    )
  if (spec.qualifications?.length)
    expectOk(
      'saveQualifications',
      await saveQualifications(
        context,
        user,
        QualificationsSchema.parse({
          lockVersion: lockVersion++,
          qualifications: spec.qualifications.map((q) => ({
            qualificationId: q.qualificationId,
            held: true,
            acquiredYear: orUndefined(q.acquiredYear),
          })),
        }),
      ),
    )
  for (const experience of spec.experiences ?? [])
    expectOk(
      'saveExperience',
      await saveExperience(
        context,
        user,
        ExperienceSchema.parse({
          lockVersion: lockVersion++,
          organization: experience.organization,
          title: experience.title,
          startMonth: experience.startMonth,
          endMonth: orUndefined(experience.endMonth),
          description: experience.description,
          skillIds: experience.skillIds,
        }),
      ),
    )
  return created.profileId
}

// ---- pools --------------------------------------------------------------------------------------------------------

export interface PoolPathSpec {
  /** The staff's moves in order (each allowed from the one before: applied → screening → … or → declined). */
  steps?: PoolStatus[]
  /** After the steps, the person withdraws (辞退) from their own page. */
  withdrawnByPerson?: boolean
  /** Recorded when the member reaches 研修 (or at once, when there is no such step). */
  training?: { title: string; provider: string; completedOn: string | null } | null
  /** Recorded when the member reaches 面接. */
  interview?: { at: Date; place: string } | null
  /** 人材像 (catalogue role ids), set after the steps. */
  targetRoleIds?: string[]
}

/** Moves an existing member along its path, as the pool pages (and the person's own page) do. */
async function movePoolMember(
  context: AppLoadContext,
  staff: SessionUser,
  person: SessionUser | null,
  memberId: string,
  path: PoolPathSpec,
) {
  // Read once: each status change, interview and role change below bumps it by one, as the page's next form would
  // carry it.
  let lockVersion = await lockOf(context, 'pool_member', memberId)
  for (const to of path.steps ?? []) {
    expectOk(
      `changePoolStatus → ${to}`,
      await changePoolStatus(context, staff, memberId, {
        to,
        note: to === 'declined' ? '今回は見送り（デモデータ）' : '',
        lockVersion: lockVersion++,
      }),
    )
    if (to === 'interview' && path.interview)
      expectOk(
        'updateInterview',
        await updateInterview(context, staff, memberId, {
          interviewAt: path.interview.at,
          interviewPlace: path.interview.place,
          notes: '',
          lockVersion: lockVersion++,
        }),
      )
    if (to === 'training' && path.training)
      await addTrainingRecord(context, staff, memberId, { ...path.training, note: '' })
  }
  if (path.training && !path.steps?.includes('training'))
    await addTrainingRecord(context, staff, memberId, { ...path.training, note: '' })
  if (path.targetRoleIds?.length)
    expectOk(
      'updateTargetRoles',
      await updateTargetRoles(context, staff, memberId, {
        roleIds: path.targetRoleIds,
        lockVersion: lockVersion++,
      }),
    )
  if (path.withdrawnByPerson) {
    if (!person) throw new DemoBuildError('withdrawApplication: no person to withdraw')
    if (!(await withdrawApplication(context, person, memberId))) throw new DemoBuildError('withdrawApplication refused')
  }
}

/**
 * A professional applies to a prefecture's pool and its staff move them along `path`. Returns the member's id.
 */
export async function poolMemberAt(
  context: AppLoadContext,
  {
    staff,
    person,
    prefectureCode,
    message = '',
    ...path
  }: PoolPathSpec & { staff: SessionUser; person: SessionUser; prefectureCode: string; message?: string },
): Promise<string> {
  const applied = expectOk('applyToPool', await applyToPool(context, person, { prefectureCode, message }))
  if (applied.status !== 'ok') throw new DemoBuildError('applyToPool: no membership afterwards')
  await movePoolMember(context, staff, person, applied.memberId, path)
  return applied.memberId
}

/**
 * The ministry adds a person to the national list and mails them a link; the person accepts it (the link from the
 * mail, as they would click it) and the ministry moves them along `path`. Returns the member's id.
 */
export async function nationalListMemberAt(
  context: AppLoadContext,
  {
    ministry,
    person,
    name,
    nameKana,
    ...path
  }: PoolPathSpec & { ministry: SessionUser; person: SessionUser; name: string; nameKana: string },
): Promise<string> {
  const added = expectOk(
    'addPoolMemberDirectly',
    await addPoolMemberDirectly(context, ministry, {
      name,
      nameKana,
      email: person.email,
      birthYear: null,
      source: 'referral',
      partnerCompanyId: null,
      note: '',
      confirmed: true,
      sendInvitation: true,
    }),
  ) as { status: 'ok'; memberId: string }
  const body = await findNewestInvitationMailBody(context.services.database.db, person.email)
  const token = body && /token=([A-Za-z0-9_-]+)/.exec(body)?.[1]
  if (!token) throw new DemoBuildError('pool invitation: no link in the mail')
  expectOk('acceptPoolInvitation', await acceptPoolInvitation(context, person, token), ['accepted'])
  await movePoolMember(context, ministry, person, added.memberId, path)
  return added.memberId
}

/** A prefecture copies a registered person from the national list into its own pool (then moves them). */
export async function copyFromNationalList(
  context: AppLoadContext,
  { staff, nationalMemberId, ...path }: PoolPathSpec & { staff: SessionUser; nationalMemberId: string },
): Promise<string> {
  const copied = expectOk('addFromNationalList', await addFromNationalList(context, staff, nationalMemberId)) as {
    status: 'ok'
    memberId: string
  }
  await movePoolMember(context, staff, null, copied.memberId, path)
  return copied.memberId
}

// ---- 課題 and needs -------------------------------------------------------------------------------------------------

export interface IssueSpec {
  municipalityCode: string
  title: string
  currentSituation: string
  desiredOutcome: string
  urgency: 'high' | 'medium' | 'low'
  itStaffing: 'none' | 'one' | 'few' | 'team'
  topicSkillIds: string[]
  contactName: string
  contactEmail: string
  reviewing?: boolean
}

/** A 課題 the prefecture enters for a municipality after a hearing (or, with its own staff, the municipality posts). */
export async function issueOf(context: AppLoadContext, staff: SessionUser, spec: IssueSpec): Promise<string> {
  const created = expectOk(
    'createIssue',
    await createIssue(context, staff, {
      lockVersion: null,
      municipalityCode: staff.municipality_code ? null : spec.municipalityCode,
      title: spec.title,
      currentSituation: spec.currentSituation,
      desiredOutcome: spec.desiredOutcome,
      urgency: spec.urgency,
      topicSkillIds: spec.topicSkillIds,
      itStaffing: spec.itStaffing,
      sizeNote: '',
      contactName: spec.contactName,
      contactDepartment: '総務課',
      contactEmail: spec.contactEmail,
      contactPhone: '',
      prefectureNote: staff.municipality_code ? '' : 'ヒアリングで聞き取り（デモデータ）',
    }),
  ) as { status: 'ok'; id: string }
  if (spec.reviewing) expectOk('changeIssueStatus', await changeIssueStatus(context, staff, created.id, 'reviewing'))
  return created.id
}

export interface NeedSpec {
  templateId: string
  title: string
  issueIds?: string[]
  municipalities: Array<{ code: string; daysPerWeek: number }>
  employmentForm: EmploymentForm
  employer?: NeedEmployer
  employerNote?: string
  workPlace?: string
  remoteDaysPerWeek?: number | null
  startOn: string
  endOn?: string | null
  pay?: { min: number; max: number; unit: PayUnit } | null
  budgetYen?: number | null
  supervisor: string
  contact?: string
  openCall: boolean
  applicationDeadline?: string | null
  /** Status changes after the job description is saved, in order (e.g. published, selecting). */
  statuses?: NeedStatus[]
}

/** A need from a template, with its job description written and its status moved. Returns its id. */
export async function needIn(context: AppLoadContext, staff: SessionUser, spec: NeedSpec): Promise<string> {
  const created = expectOk(
    'createNeed',
    await createNeed(context, staff, { templateId: spec.templateId, title: null, issueIds: spec.issueIds ?? [] }),
  ) as { status: 'ok'; id: string }
  const page = await getNeedEditPage(context, staff, created.id)
  const input = NeedSchema.parse({
    lockVersion: page.lockVersion,
    title: spec.title,
    background: page.defaults.background,
    taskSkillIds: page.defaults.taskSkillIds,
    taskDetails: page.defaults.taskDetails,
    roleId: page.defaults.roleId || undefined,
    employmentForm: spec.employmentForm,
    employer: spec.employer ?? 'prefecture',
    employerNote: spec.employerNote,
    municipalities: spec.municipalities,
    workPlace: spec.workPlace,
    remoteDaysPerWeek: orUndefined(spec.remoteDaysPerWeek),
    startOn: spec.startOn,
    endOn: orUndefined(spec.endOn),
    payMinYen: spec.pay?.min,
    payMaxYen: spec.pay?.max,
    payUnit: spec.pay?.unit,
    budgetYen: orUndefined(spec.budgetYen),
    skills: page.defaults.skills
      .filter((s) => s.minLevel)
      .map((s) => ({ skillId: s.skillId, minLevel: Number(s.minLevel), essential: s.essential })),
    selectionProcess: page.defaults.selectionProcess,
    supervisor: spec.supervisor,
    managementNote: '',
    contact: spec.contact,
    openCall: spec.openCall,
    applicationDeadline: orUndefined(spec.applicationDeadline),
  })
  expectOk('saveNeed', await saveNeed(context, staff, created.id, input))
  for (const to of spec.statuses ?? [])
    expectOk(
      `changeNeedStatus → ${to}`,
      await changeNeedStatus(context, staff, created.id, {
        to,
        lockVersion: await lockOf(context, 'need', created.id),
        note: 'デモデータ',
      }),
    )
  return created.id
}

/** A later status change of a need (e.g. 終了 after its 内定 filled it). */
export async function moveNeed(context: AppLoadContext, staff: SessionUser, needId: string, to: NeedStatus) {
  expectOk(
    `changeNeedStatus → ${to}`,
    await changeNeedStatus(context, staff, needId, {
      to,
      lockVersion: await lockOf(context, 'need', needId),
      note: 'デモデータ',
    }),
  )
}

/**
 * The way of a shortlist entry, step by step: staff moves (contacted, interview, offered, passed, declined) and the
 * person's answers from their home (accept: 「話を聞く（応募する）」, decline: 「辞退する」).
 */
export type ShortlistStep =
  'contacted' | 'interview' | 'offered' | 'passed' | 'declined' | 'person-accepts' | 'person-declines'

/** Takes a person onto a need's shortlist and along `steps`. Returns the entry's id. */
export async function shortlistEntryAt(
  context: AppLoadContext,
  {
    staff,
    person,
    needId,
    profileId,
    steps,
  }: { staff: SessionUser; person: SessionUser; needId: string; profileId: string; steps: ShortlistStep[] },
): Promise<string> {
  const added = expectOk('addToShortlist', await addToShortlist(context, staff, needId, profileId), ['added'])
  const entryId = (added as { entryId: string }).entryId
  // A new entry starts at lock version 0; every step below (the person's answer included) bumps it by one.
  let lockVersion = 0
  for (const step of steps) {
    if (step === 'person-accepts' || step === 'person-declines') {
      expectOk(
        `answerOffer ${step}`,
        await answerOffer(context, person, entryId, {
          answer: step === 'person-accepts' ? 'accept' : 'decline',
          message: step === 'person-accepts' ? 'ぜひお話を伺いたいです。' : '',
        }),
      )
      lockVersion++
      continue
    }
    expectOk(
      `changeShortlistStatus → ${step}`,
      await changeShortlistStatus(context, staff, needId, entryId, {
        to: step,
        note: step === 'passed' ? '今回は見送り（デモデータ）' : '',
        lockVersion: lockVersion++,
      }),
    )
  }
  return entryId
}

// ---- placements -------------------------------------------------------------------------------------------------------

export interface PlacementSpec {
  /** A registered member of the employer prefecture's pool (the name comes from it), or a name. */
  poolMemberId?: string | null
  personName?: string
  personKana?: string
  jobTitle?: string
  employment: PlacementEmployment
  fixedTerm?: boolean
  mainDutyMunicipalSupport?: boolean
  appointedAccelerator?: boolean
  designatedDxLeader?: boolean
  planDraftingOnly?: boolean
  startOn?: string | null
  endOn?: string | null
  municipalities: Array<{ code: string; daysPerWeek: number; weekdays?: string }>
  note?: string
  /** Cost lines per fiscal year (amounts in yen; a key left out writes no line). */
  costs?: Array<{ fy: number; lines: Partial<Record<CostLineKey, number>> }>
  /** 配置中 from its start date. */
  activate?: boolean
  /** Then 終了 (a past date). */
  ended?: { on: string; reason: PlacementEndReason; note?: string } | null
}

function placementInput(spec: PlacementSpec, lockVersion: number | undefined) {
  return PlacementSchema.parse({
    lockVersion,
    poolMemberId: orUndefined(spec.poolMemberId),
    personName: spec.personName,
    personKana: spec.personKana,
    jobTitle: spec.jobTitle,
    employment: spec.employment,
    fixedTerm: spec.fixedTerm,
    mainDutyMunicipalSupport: spec.mainDutyMunicipalSupport,
    appointedAccelerator: spec.appointedAccelerator,
    designatedDxLeader: spec.designatedDxLeader,
    planDraftingOnly: spec.planDraftingOnly,
    startOn: orUndefined(spec.startOn),
    endOn: orUndefined(spec.endOn),
    municipalities: spec.municipalities.map((m) => ({
      code: m.code,
      daysPerWeek: m.daysPerWeek,
      weekdays: m.weekdays,
    })),
    note: spec.note,
  })
}

/**
 * A placement as its employer records it: created (or, given `placementId`, the draft a 内定 created is completed),
 * its cost lines saved year by year, started and ended as the spec says. Returns its id.
 */
export async function placementWithCosts(
  context: AppLoadContext,
  staff: SessionUser,
  spec: PlacementSpec & { placementId?: string },
): Promise<string> {
  let id = spec.placementId
  if (id)
    expectOk(
      'savePlacement',
      await savePlacement(context, staff, id, placementInput(spec, await lockOf(context, 'placement', id))),
    )
  else
    id = (
      expectOk('createPlacement', await createPlacement(context, staff, placementInput(spec, undefined))) as {
        id: string
      }
    ).id
  for (const { fy, lines } of spec.costs ?? [])
    expectOk(
      `savePlacementCosts ${fy}`,
      await savePlacementCosts(
        context,
        staff,
        id,
        PlacementCostsSchema.parse({
          lockVersion: await lockOf(context, 'placement', id),
          fiscalYear: fy,
          ...Object.fromEntries(Object.entries(lines).map(([key, yen]) => [key, yen.toLocaleString('ja-JP')])),
        }),
      ),
    )
  if (spec.activate)
    expectOk(
      'activatePlacement',
      await activatePlacement(context, staff, id, { lockVersion: await lockOf(context, 'placement', id), note: '' }),
    )
  if (spec.ended) await endPlacementOn(context, staff, id, spec.ended)
  return id
}

export async function endPlacementOn(
  context: AppLoadContext,
  staff: SessionUser,
  placementId: string,
  ended: { on: string; reason: PlacementEndReason; note?: string },
) {
  expectOk(
    'endPlacement',
    await endPlacement(
      context,
      staff,
      placementId,
      PlacementEndSchema.parse({
        lockVersion: await lockOf(context, 'placement', placementId),
        endOn: ended.on,
        endReason: ended.reason,
        endNote: ended.note,
      }),
    ),
  )
}

// ---- accelerator appointments ---------------------------------------------------------------------------------------

export interface NominationSpec {
  roleId: string
  statement: string
  /** A placement of the person recorded in the prefecture; else the planned form and duty. */
  placementId?: string | null
  plannedEmployment?: PlacementEmployment
}

/** The prefecture nominates a registered member with every experience of the profile as evidence. Returns the case id. */
export async function nominateMember(
  context: AppLoadContext,
  staff: SessionUser,
  memberId: string,
  spec: NominationSpec,
): Promise<string> {
  // The experiences the nomination page offers as evidence (the profile's own), read without the rest of the page.
  const experienceIds = await listExperienceIdsOfMember(context.services.database.db, memberId)
  const result = expectOk(
    'nominate',
    await nominate(
      context,
      staff,
      memberId,
      NominationSchema.parse({
        roleId: spec.roleId,
        statement: spec.statement,
        experienceIds,
        placementId: orUndefined(spec.placementId),
        plannedEmployment: spec.placementId ? undefined : (spec.plannedEmployment ?? 'full_time'),
        plannedMainDuty: spec.placementId ? undefined : 'yes',
        plannedNote: '',
        consent: true,
      }),
    ),
  ) as { status: 'ok'; id: string }
  return result.id
}

const CHECKLIST = { experience: true, skills: true, training: true, placement_form: true, main_duty: true }

/** The ministry appoints (a number in the fiscal year of `appointedOn`, in the order of the calls). */
export async function appointCase(
  context: AppLoadContext,
  ministry: SessionUser,
  id: string,
  { appointedOn, termEndOn, comment = '' }: { appointedOn: string; termEndOn?: string | null; comment?: string },
) {
  expectOk(
    'appoint',
    await appoint(
      context,
      ministry,
      id,
      AppointSchema.parse({
        lockVersion: await lockOf(context, 'accelerator_appointment', id),
        ...CHECKLIST,
        comment,
        appointedOn,
        termEndOn: orUndefined(termEndOn),
      }),
    ),
  )
}

/** 任期満了・辞任等 or 取消し of an appointment. */
export async function closeCase(
  context: AppLoadContext,
  ministry: SessionUser,
  id: string,
  close:
    | { kind: 'end'; endedOn: string; endReason: 'term_end' | 'resignation' | 'other' }
    | { kind: 'revoke'; endedOn: string },
) {
  const lockVersion = await lockOf(context, 'accelerator_appointment', id)
  expectOk(
    `closeAppointment ${close.kind}`,
    await closeAppointment(
      context,
      ministry,
      id,
      close.kind === 'end'
        ? { kind: 'end', lockVersion, endedOn: close.endedOn, endReason: close.endReason, endNote: '' }
        : {
            kind: 'revoke',
            lockVersion,
            endedOn: close.endedOn,
            endNote: '配置先との合意により任命を取り消し（デモデータ）',
          },
    ),
  )
}

/** The ministry returns a nomination for more information, or declines it. */
export async function replyToCase(
  context: AppLoadContext,
  ministry: SessionUser,
  id: string,
  decision: 'return' | 'decline',
  comment: string,
) {
  expectOk(
    `replyToNomination ${decision}`,
    await replyToNomination(context, ministry, id, decision, {
      lockVersion: await lockOf(context, 'accelerator_appointment', id),
      ...CHECKLIST,
      placement_form: decision !== 'return',
      comment,
    }),
  )
}

/** The prefecture withdraws its nomination. */
export async function withdrawCase(context: AppLoadContext, staff: SessionUser, id: string, note: string) {
  expectOk(
    'withdrawNomination',
    await withdrawNomination(context, staff, id, {
      lockVersion: await lockOf(context, 'accelerator_appointment', id),
      note,
    }),
  )
}
