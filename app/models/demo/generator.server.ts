// The national demo for the embedded setup: writes the plan (plan.ts) through the models, in batches
// (batch.server.ts), phase by phase — the staff who act in it, the professionals and their profiles, the pools,
// the 課題 and needs with their shortlists, the placements, the accelerator appointments, and last the 推進体制
// history and directory entries. Resumable: each batch commits whole, and a batch already written is skipped, so a
// start interrupted half-way continues on the next start; once the last phase is written, nothing is done again.
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import {
  findAppointmentRefsOfMember,
  findIssueRef,
  findNeedRefByTitle,
  findPlacementIdOfEntry,
  findPlacementRefOf,
  findPoolMemberRef,
  findProfileIdsByEmails,
  findUsersByEmails,
  hasDxStructureReportsAsOf,
  insertDemoDirectoryEntries,
  insertDemoDxStructureReports,
} from '../../../db/queries/demo'
import { listLocalGovernmentsByCodes, listPrefectures } from '../../../db/queries/local-government'
import type { AppUser } from '../../../db/schema'
import type { DbExecutor } from '../../../db/client'
import type { Services } from '../../services.server'
import type { SessionUser } from '../../utils/auth.server'
import { hashPassword } from '../../utils/auth.server'
import { tokyoIsoDate } from '../../utils/dates'
import { inDemoBatch } from './batch.server'
import { DEMO_BUILT_LINE } from './console'
import {
  appointCase,
  buildProfile,
  closeCase,
  copyFromNationalList,
  createDemoAccount,
  type DemoAccountSpec,
  endPlacementOn,
  issueOf,
  moveNeed,
  nationalListMemberAt,
  needIn,
  nominateMember,
  placementWithCosts,
  poolMemberAt,
  replyToCase,
  sessionUserOf,
  shortlistEntryAt,
  type ShortlistStep,
  withdrawCase,
} from './builders.server'
import { fullKana, fullName } from './names'
import {
  DEMO_EMAIL_DOMAIN,
  DEMO_PROFESSIONALS,
  DEMO_SEED,
  DX_STRUCTURE_R6_END,
  planDemo,
  type DemoPlan,
  type PlannedAppointment,
  type PlannedEntry,
  type PlannedMembership,
  type PlannedNeed,
  type PlannedPlacement,
  type PlannedProfessional,
} from './plan.server'

export type DemoPhase = 'staff' | 'professionals' | 'pools' | 'needs' | 'placements' | 'appointments' | 'structure'

export const DEMO_PHASE_LABELS: Record<DemoPhase, string> = {
  staff: '担当者',
  professionals: '専門人材',
  pools: '人材プール',
  needs: 'ニーズ',
  placements: '配置',
  appointments: '任命',
  structure: '推進体制',
}

export interface DemoProgress {
  phase: DemoPhase
  label: string
  done: number
  total: number
}

export interface NationalDemoOptions {
  seed?: number
  /** How many professionals (DEMO_PROFESSIONALS by default; tests build smaller). */
  professionals?: number
  /** The day the demo is built for (YYYY-MM-DD); today in Tokyo by default. */
  today?: string
  onProgress?: (progress: DemoProgress) => void
  /** Asked between batches: true stops the build there (it resumes on the next call). */
  shouldStop?: () => boolean
}

export type NationalDemoResult = { status: 'built' | 'already-built' | 'stopped'; plan: DemoPlan | null }

const REQUEST_ID = 'demo-data'
const TRAINING = { title: '自治体DXアクセラレータ行政実務研修', provider: '自治大学校' }

/** Whether the demo has been written to the end (its last phase is there). */
export function isNationalDemoBuilt(services: Services): Promise<boolean> {
  return hasDxStructureReportsAsOf(services.database.db, DX_STRUCTURE_R6_END.asOf)
}

class Stopped extends Error {}

export interface Actors {
  ministry: SessionUser
  prefectures: Map<string, SessionUser>
  municipalities: Map<string, SessionUser>
}

/** The staff who act in the demo: one per prefecture, the ministry's reviewer, the municipalities with CIO補佐官等. */
function actorSpecs(plan: DemoPlan, prefectureNames: Map<string, string>, municipalityNames: Map<string, string>) {
  const specs: DemoAccountSpec[] = [
    {
      email: `ministry-review@${DEMO_EMAIL_DOMAIN}`,
      displayName: '総務省 審査担当（デモ）',
      role: 'ministry_staff',
      label: '総務省 審査担当',
    },
  ]
  for (const [code, name] of prefectureNames)
    specs.push({
      email: `pref-${code}@${DEMO_EMAIL_DOMAIN}`,
      displayName: `${name} デジタル推進担当（デモ）`,
      role: 'prefecture_staff',
      prefectureCode: code,
      label: `${name} 担当`,
    })
  for (const code of plan.municipalEmployers)
    specs.push({
      email: `muni-${code}@${DEMO_EMAIL_DOMAIN}`,
      displayName: `${municipalityNames.get(code)} 情報担当（デモ）`,
      role: 'municipal_staff',
      prefectureCode: code.slice(0, 2),
      municipalityCode: code,
      label: `${municipalityNames.get(code)} 担当`,
    })
  return specs
}

export async function buildNationalDemo(
  services: Services,
  options: NationalDemoOptions = {},
): Promise<NationalDemoResult> {
  if (await isNationalDemoBuilt(services)) return { status: 'already-built', plan: null }
  const plan = planDemo({
    seed: options.seed ?? DEMO_SEED,
    professionals: options.professionals ?? DEMO_PROFESSIONALS,
    today: options.today ?? tokyoIsoDate(),
  })
  const progress = (phase: DemoPhase, done: number, total: number) =>
    options.onProgress?.({ phase, label: DEMO_PHASE_LABELS[phase], done, total })
  const stopCheck = () => {
    if (options.shouldStop?.()) throw new Stopped()
  }
  // Accounts nobody logs in to: a password nobody knows (one hash: argon2id is slow on purpose).
  const passwordHash = await hashPassword(crypto.randomBytes(24).toString('base64url'))
  const db = () => services.database.db
  try {
    const actors = await buildStaff(services, plan, passwordHash)
    progress('staff', 1, 1)

    // Professionals: accounts and profiles, 20 to a batch.
    const people = plan.professionals
    for (let i = 0; i < people.length; i += 20) {
      stopCheck()
      const batch = people.slice(i, i + 20)
      const written = await findProfileIdsByEmails(db(), [batch[0]!.email])
      if (written.size === 0)
        await inDemoBatch(services, REQUEST_ID, async (context) => {
          const existing = new Map(
            (
              await findUsersByEmails(
                context.services.database.db,
                batch.map((p) => p.email),
              )
            ).map((u) => [u.email, u]),
          )
          for (const person of batch) await buildProfessional(context, person, existing.get(person.email), passwordHash)
        })
      progress('professionals', Math.min(i + 20, people.length), people.length)
    }
    const users = new Map(
      (
        await findUsersByEmails(
          db(),
          people.map((p) => p.email),
        )
      ).map((u) => [u.email, sessionUserOf(u)]),
    )
    const profiles = await findProfileIdsByEmails(
      db(),
      people.map((p) => p.email),
    )
    const userOf = (index: number) => users.get(people[index]!.email)!
    const profileOf = (index: number) => profiles.get(people[index]!.email)!

    // Pools, 25 memberships to a batch (the national list's before the copies made from it).
    const memberships = plan.memberships
    for (let i = 0; i < memberships.length; i += 25) {
      stopCheck()
      const batch = memberships.slice(i, i + 25)
      const first = batch[0]!
      if (!(await findPoolMemberRef(db(), first.pool, profileOf(first.person))))
        await inDemoBatch(services, REQUEST_ID, async (context) => {
          for (const m of batch) await buildMembership(context, plan, m, actors, userOf, profileOf)
        })
      progress('pools', Math.min(i + 25, memberships.length), memberships.length)
    }

    // 課題 not (yet) in a need, then the needs, 5 to a batch.
    const firstIssue = plan.issues[0]
    if (firstIssue && !(await findIssueRef(db(), firstIssue.municipalityCode, firstIssue.title)))
      await inDemoBatch(services, REQUEST_ID, async (context) => {
        for (const issue of plan.issues)
          await issueOf(context, actors.prefectures.get(issue.prefectureCode)!, {
            ...issue,
            contactName: '総務課 担当者',
            contactEmail: `contact-${issue.municipalityCode}@${DEMO_EMAIL_DOMAIN}`,
          })
      })
    for (let i = 0; i < plan.needs.length; i += 5) {
      stopCheck()
      const batch = plan.needs.slice(i, i + 5)
      const first = batch[0]!
      if (!(await findNeedRefByTitle(db(), first.prefectureCode, first.title)))
        await inDemoBatch(services, REQUEST_ID, async (context) => {
          for (const need of batch) await buildNeed(context, need, actors, userOf, profileOf)
        })
      progress('needs', Math.min(i + 5, plan.needs.length), plan.needs.length)
    }

    // Placements recorded directly, 10 to a batch.
    for (let i = 0; i < plan.placements.length; i += 10) {
      stopCheck()
      const batch = plan.placements.slice(i, i + 10)
      const first = batch[0]!
      if (!(await findPlannedPlacement(db(), first, profileOf)))
        await inDemoBatch(services, REQUEST_ID, async (context) => {
          for (const placement of batch) await buildPlacement(context, placement, actors, profileOf)
        })
      progress('placements', Math.min(i + 10, plan.placements.length), plan.placements.length)
    }

    // Appointments in the order they happened (so the numbers of each 年度 run in date order), then the ends,
    // then the cases still open or closed without an appointment.
    const steps = appointmentSteps(plan.appointments)
    for (let i = 0; i < steps.length; i += 10) {
      stopCheck()
      const batch = steps.slice(i, i + 10)
      await inDemoBatch(services, REQUEST_ID, async (context) => {
        for (const step of batch) await buildAppointmentStep(context, plan, step, actors, profileOf)
      })
      progress('appointments', Math.min(i + 10, steps.length), steps.length)
    }

    // Last: the 推進体制 history and the directory (writing them marks the demo as built).
    stopCheck()
    await inDemoBatch(services, REQUEST_ID, async (context) => {
      await insertDemoDirectory(context, plan, profileOf)
      await insertDemoDxStructureHistory(context, plan, actors)
    })
    progress('structure', 1, 1)
  } catch (error) {
    if (error instanceof Stopped) return { status: 'stopped', plan }
    throw error
  }
  services.worker?.wake()
  return { status: 'built', plan }
}

async function buildStaff(services: Services, plan: DemoPlan, passwordHash: string): Promise<Actors> {
  const { db } = services.database
  const prefectureNames = new Map((await listPrefectures(db)).map((b) => [b.prefecture_code, b.name]))
  const municipalityNames = new Map(
    (await listLocalGovernmentsByCodes(db, plan.municipalEmployers)).map((b) => [b.code, b.name]),
  )
  const specs = actorSpecs(plan, prefectureNames, municipalityNames)
  const existing = new Map(
    (
      await findUsersByEmails(
        db,
        specs.map((s) => s.email),
      )
    ).map((u) => [u.email, u]),
  )
  const missing = specs.filter((s) => !existing.has(s.email))
  if (missing.length > 0)
    await inDemoBatch(services, REQUEST_ID, async (context) => {
      for (const spec of missing)
        existing.set(
          spec.email,
          await createDemoAccount(context.services.database.db, context.requestInfo, spec, passwordHash),
        )
    })
  const user = (email: string) => sessionUserOf(existing.get(email)!)
  return {
    ministry: user(`ministry-review@${DEMO_EMAIL_DOMAIN}`),
    prefectures: new Map([...prefectureNames.keys()].map((code) => [code, user(`pref-${code}@${DEMO_EMAIL_DOMAIN}`)])),
    municipalities: new Map(plan.municipalEmployers.map((code) => [code, user(`muni-${code}@${DEMO_EMAIL_DOMAIN}`)])),
  }
}

async function buildProfessional(
  context: AppLoadContext,
  person: PlannedProfessional,
  existing: AppUser | undefined,
  passwordHash: string,
) {
  const row =
    existing ??
    (await createDemoAccount(
      context.services.database.db,
      context.requestInfo,
      { email: person.email, displayName: fullName(person.name), role: 'professional', label: 'デジタル人材' },
      passwordHash,
    ))
  const { basics } = person
  await buildProfile(context, sessionUserOf(row), {
    ...person.name,
    contactEmail: person.email,
    ...basics,
    ...(person.complete
      ? {
          availability: person.availability,
          consent: { ...person.consent, fittingNeedsDigest: false },
          skills: person.skills,
          qualifications: person.qualifications,
          experiences: person.experiences,
        }
      : {}),
  })
}

async function buildMembership(
  context: AppLoadContext,
  plan: DemoPlan,
  m: PlannedMembership,
  actors: Actors,
  userOf: (index: number) => SessionUser,
  profileOf: (index: number) => string,
) {
  const person = plan.professionals[m.person]!
  const path = {
    steps: m.steps,
    withdrawnByPerson: m.withdrawnByPerson,
    training: m.training ? { ...TRAINING, completedOn: m.steps.includes('registered') ? '2025-06-20' : null } : null,
    interview: m.interview ? { at: new Date(m.interview.at), place: m.interview.place } : null,
    targetRoleIds: m.targetRole ? [m.targetRole] : [],
  }
  if (m.via === 'invitation') {
    await nationalListMemberAt(context, {
      ministry: actors.ministry,
      person: userOf(m.person),
      name: fullName(person.name),
      nameKana: fullKana(person.name),
      ...path,
    })
    return
  }
  if (m.via === 'copy') {
    const national = await findPoolMemberRef(context.services.database.db, '00', profileOf(m.person))
    if (!national) throw new Error(`demo: ${person.email} is not on the national list`)
    await copyFromNationalList(context, {
      staff: actors.prefectures.get(m.pool)!,
      nationalMemberId: national.id,
      ...path,
    })
    return
  }
  await poolMemberAt(context, {
    staff: actors.prefectures.get(m.pool)!,
    person: userOf(m.person),
    prefectureCode: m.pool,
    message: m.message,
    ...path,
  })
}

/** The staff moves and the person's answers that take an entry to where the plan ends it. */
function shortlistSteps(entry: PlannedEntry): ShortlistStep[] {
  const reach: ShortlistStep[] =
    entry.final === 'offered' || entry.final === 'interview'
      ? ['contacted', 'person-accepts', 'interview']
      : entry.final === 'contacted'
        ? ['contacted', ...(entry.accepted ? (['person-accepts'] as const) : [])]
        : entry.final === 'shortlisted'
          ? []
          : entry.reached === 'interview'
            ? ['contacted', 'person-accepts', 'interview']
            : entry.reached === 'contacted'
              ? ['contacted', ...(entry.accepted ? (['person-accepts'] as const) : [])]
              : []
  if (entry.final === 'offered') return [...reach, 'offered']
  if (entry.final === 'passed') return [...reach, 'passed']
  if (entry.final === 'declined') return [...reach, entry.declinedByPerson ? 'person-declines' : 'declined']
  return reach
}

async function buildNeed(
  context: AppLoadContext,
  need: PlannedNeed,
  actors: Actors,
  userOf: (index: number) => SessionUser,
  profileOf: (index: number) => string,
) {
  const staff = actors.prefectures.get(need.prefectureCode)!
  const issueIds = need.issue
    ? [
        await issueOf(context, staff, {
          ...need.issue,
          contactName: '総務課 担当者',
          contactEmail: `contact-${need.issue.municipalityCode}@${DEMO_EMAIL_DOMAIN}`,
        }),
      ]
    : []
  const publish = need.status !== 'draft'
  const needId = await needIn(context, staff, {
    templateId: need.templateId,
    title: need.title,
    issueIds,
    municipalities: need.municipalities.map((m) => ({ code: m.code, daysPerWeek: m.daysPerWeek })),
    employmentForm: need.employmentForm,
    employer: need.employer,
    employerNote: need.employer === 'dispatch_company' ? '県が事業者と委託契約し、事業者が人材を派遣' : '',
    workPlace: `${need.prefectureName}庁（デジタル推進担当）、${need.municipalities.map((m) => `${m.name}役場`).join('・')}`,
    remoteDaysPerWeek: need.remoteDaysPerWeek,
    startOn: need.startOn,
    endOn: need.endOn,
    pay: need.pay,
    budgetYen: need.budgetYen,
    supervisor: `${need.prefectureName} デジタル推進担当課長（月1回の面談）`,
    contact: `${need.prefectureName} デジタル推進担当（デモ）`,
    openCall: need.openCall,
    applicationDeadline: need.applicationDeadline,
    statuses: publish ? ['published'] : [],
  })
  // The shortlist: the others first (a need filled by a 内定 takes no one else), the 内定 last.
  const ordered = [...need.shortlist].sort((a, b) => Number(a.final === 'offered') - Number(b.final === 'offered'))
  let offerEntryId: string | null = null
  for (const entry of ordered) {
    const entryId = await shortlistEntryAt(context, {
      staff,
      person: userOf(entry.person),
      needId,
      profileId: profileOf(entry.person),
      steps: shortlistSteps(entry),
    })
    if (entry.final === 'offered') offerEntryId = entryId
  }
  // What is left of the need's way: 選考中, 充足 by hand, 終了, 取下げ.
  const moves: Array<Parameters<typeof moveNeed>[3]> =
    need.status === 'selecting'
      ? ['selecting']
      : need.status === 'withdrawn'
        ? ['withdrawn']
        : need.status === 'filled' || need.status === 'closed'
          ? [
              ...(need.filledBy === 'manual' ? (['selecting', 'filled'] as const) : []),
              ...(need.status === 'closed' ? (['closed'] as const) : []),
            ]
          : []
  // An offered need is 充足 already; its placement (the draft the 内定 made) is completed before the need is closed.
  if (offerEntryId && need.placement) {
    const placementId = await findPlacementIdOfEntry(context.services.database.db, offerEntryId)
    if (!placementId) throw new Error(`demo: no placement from the 内定 of ${need.title}`)
    const p = need.placement
    await placementWithCosts(context, staff, {
      placementId,
      poolMemberId: (
        await findPoolMemberRef(
          context.services.database.db,
          need.prefectureCode,
          profileOf(need.shortlist.find((e) => e.final === 'offered')!.person),
        )
      )?.id,
      employment: p.employment,
      fixedTerm: p.fixedTerm,
      mainDutyMunicipalSupport: true,
      startOn: p.startOn,
      endOn: p.plannedEndOn,
      municipalities: need.municipalities.map((m, k) => ({
        code: m.code,
        daysPerWeek: m.daysPerWeek,
        weekdays: p.weekdays[k],
      })),
      costs: p.costs,
      activate: p.activate,
      ended: p.ended,
    })
  }
  for (const to of moves) await moveNeed(context, staff, needId, to)
}

/** The placement built from a planned one: by its pool member when the person is in the pool, else by name. */
async function findPlannedPlacement(db: DbExecutor, placement: PlannedPlacement, profileOf: (index: number) => string) {
  const member =
    placement.person === null
      ? undefined
      : await findPoolMemberRef(db, placement.prefectureCode, profileOf(placement.person))
  return findPlacementRefOf(
    db,
    placement.employerCode,
    member ? { poolMemberId: member.id } : { personName: placement.personName },
  )
}

async function buildPlacement(
  context: AppLoadContext,
  placement: PlannedPlacement,
  actors: Actors,
  profileOf: (index: number) => string,
) {
  const staff =
    placement.kind === 'cio_adviser'
      ? actors.municipalities.get(placement.employerCode)!
      : actors.prefectures.get(placement.prefectureCode)!
  const member =
    placement.person === null
      ? undefined
      : await findPoolMemberRef(context.services.database.db, placement.prefectureCode, profileOf(placement.person))
  await placementWithCosts(context, staff, {
    poolMemberId: member?.id ?? null,
    personName: placement.personName,
    personKana: placement.personKana,
    jobTitle: placement.jobTitle,
    employment: placement.employment,
    fixedTerm: placement.fixedTerm,
    mainDutyMunicipalSupport: placement.mainDutyMunicipalSupport,
    designatedDxLeader: placement.designatedDxLeader,
    planDraftingOnly: placement.planDraftingOnly,
    startOn: placement.startOn,
    endOn: placement.endOn,
    municipalities: placement.municipalities,
    note: placement.note,
    costs: placement.costs,
    activate: true,
    ended: placement.ended,
  })
}

type AppointmentStep =
  | { kind: 'appoint'; appointment: PlannedAppointment }
  | { kind: 'close'; appointment: PlannedAppointment }
  | { kind: 'open'; appointment: PlannedAppointment }

function appointmentSteps(appointments: PlannedAppointment[]): AppointmentStep[] {
  const appointed = appointments.filter((a) => a.appointedOn !== null)
  const byDate = (key: (a: PlannedAppointment) => string) => (a: PlannedAppointment, b: PlannedAppointment) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0
  return [
    ...[...appointed]
      .sort(byDate((a) => a.appointedOn!))
      .map((appointment) => ({ kind: 'appoint' as const, appointment })),
    ...appointed
      .filter((a) => a.closedOn !== null)
      .sort(byDate((a) => a.closedOn!))
      .map((appointment) => ({ kind: 'close' as const, appointment })),
    ...appointments
      .filter((a) => a.appointedOn === null)
      .map((appointment) => ({ kind: 'open' as const, appointment })),
  ]
}

const REVIEW_COMMENTS = {
  return: '職歴の記載からデジタル分野の実務経験の年数が読み取れません。経験の内容を補足してください。',
  decline: '推薦された人材像と、スキル・経験の内容が合っていないため、今回は見送ります。',
}

async function buildAppointmentStep(
  context: AppLoadContext,
  plan: DemoPlan,
  step: AppointmentStep,
  actors: Actors,
  profileOf: (index: number) => string,
) {
  const a = step.appointment
  const db = context.services.database.db
  const staff = actors.prefectures.get(a.prefectureCode)!
  const member = await findPoolMemberRef(db, a.prefectureCode, profileOf(a.person))
  if (!member) throw new Error(`demo: ${plan.professionals[a.person]!.email} is not in pool ${a.prefectureCode}`)
  const cases = await findAppointmentRefsOfMember(db, member.id)
  const placement = a.placement === null ? null : plan.placements[a.placement]!
  if (step.kind === 'close') {
    const current = cases.find((c) => c.status === 'appointed')
    if (!current) return // closed already
    await closeCase(
      context,
      actors.ministry,
      current.id,
      a.outcome === 'revoked'
        ? { kind: 'revoke', endedOn: a.closedOn! }
        : { kind: 'end', endedOn: a.closedOn!, endReason: a.endReason ?? 'other' },
    )
    if (placement) {
      const ref = await findPlacementRefOf(db, placement.employerCode, { poolMemberId: member.id })
      if (ref?.status === 'active')
        await endPlacementOn(context, staff, ref.id, {
          on: a.closedOn!,
          reason: a.endReason === 'resignation' ? 'resignation' : a.endReason === 'term_end' ? 'term_end' : 'other',
        })
    }
    return
  }
  if (cases.length > 0) return // nominated (and decided) already
  const placementId = placement
    ? ((await findPlacementRefOf(db, placement.employerCode, { poolMemberId: member.id }))?.id ?? null)
    : null
  const id = await nominateMember(context, staff, member.id, {
    roleId: a.roleId,
    statement: a.statement,
    placementId,
    plannedEmployment: 'full_time',
  })
  if (step.kind === 'appoint') {
    await appointCase(context, actors.ministry, id, {
      appointedOn: a.appointedOn!,
      termEndOn: a.termEndOn,
      comment: '',
    })
    return
  }
  if (a.outcome === 'returned') await replyToCase(context, actors.ministry, id, 'return', REVIEW_COMMENTS.return)
  if (a.outcome === 'declined') await replyToCase(context, actors.ministry, id, 'decline', REVIEW_COMMENTS.decline)
  if (a.outcome === 'withdrawn') await withdrawCase(context, staff, id, '本人の都合により推薦を取り下げます。')
}

async function insertDemoDirectory(context: AppLoadContext, plan: DemoPlan, profileOf: (index: number) => string) {
  await insertDemoDirectoryEntries(
    context.services.database.db,
    plan.directory.map((entry) => {
      const person = plan.professionals[entry.person]!
      return {
        profile_id: profileOf(entry.person),
        visibility: entry.visibility,
        display_name: fullName(person.name),
        headline: entry.headline,
        introduction: entry.introduction,
        contact: entry.contact,
        show_prefecture: entry.showPrefecture,
        show_skills: entry.showSkills,
      }
    }),
  )
}

/**
 * 推進体制 ①〜④ as the prefectures reported them and the ministry confirmed them: the R6 mid-year round and the R6年度末
 * round that the published figures count (002:297-322), plus a few newer reports awaiting confirmation. Written
 * as rows until the 推進体制 model can take them (then this becomes its report and confirm calls).
 */
export async function insertDemoDxStructureHistory(context: AppLoadContext, plan: DemoPlan, actors: Actors) {
  await insertDemoDxStructureReports(
    context.services.database.db,
    plan.structure.map((r) => ({
      id: crypto.randomUUID(),
      prefecture_code: r.prefectureCode,
      requirement: r.requirement,
      met: r.met,
      as_of: r.asOf,
      note: r.note,
      status: r.status,
      reported_by: actors.prefectures.get(r.prefectureCode)!.id,
      reported_at: r.reportedAt,
      reviewed_by: r.reviewedAt ? actors.ministry.id : null,
      reviewed_at: r.reviewedAt,
      review_note: r.reviewedAt ? '確認しました' : '',
    })),
  )
}

// ---- in the background of a starting server -------------------------------------------------------------------

export interface RunningDemoBuild {
  /** Settles when the build has finished, stopped or failed (it never rejects). */
  done: Promise<void>
  /** Stops after the batch in progress (for shutdown); resolves once it has stopped. */
  stop(): Promise<void>
}

/**
 * Builds the national demo after the server is listening, printing progress (「デモデータを作成しています… 専門人材
 * 500/2000」) every few seconds and at the end of each phase. Nothing is printed when it was built before.
 */
export function startNationalDemoBuild(
  services: Services,
  { log, professionals }: { log: (line: string) => void; professionals?: number },
): RunningDemoBuild {
  let stopping = false
  const started = Date.now()
  let lastPrinted = 0
  let announced = false
  const onProgress = (progress: DemoProgress) => {
    if (!announced) {
      announced = true
      log('全国のデモデータを作成しています。作成中もサイトは使えます（ページの内容は作成が進むにつれて増えます）。')
    }
    const now = Date.now()
    if (progress.done < progress.total && now - lastPrinted < 5000) return
    lastPrinted = now
    log(`デモデータを作成しています… ${progress.label} ${progress.done}/${progress.total}`)
  }
  // The embedded database builds it in its own process, beside the data (twice as fast: no pipe per statement).
  let stopInDatabase: (() => void) | null = null
  const build = async (): Promise<NationalDemoResult['status']> => {
    const { buildDemo } = services.database
    if (!buildDemo)
      return (await buildNationalDemo(services, { professionals, shouldStop: () => stopping, onProgress })).status
    const running = await buildDemo(
      { professionals, appUrl: services.appUrl, dataDir: services.env.DATA_DIR },
      (progress) => onProgress(progress as DemoProgress),
    )
    stopInDatabase = running.stop
    if (stopping) running.stop()
    return (await running.done).status
  }
  const done = (async () => {
    try {
      if (await isNationalDemoBuilt(services)) return
      const status = await build()
      if (status === 'built')
        log(
          `${DEMO_BUILT_LINE}（${Math.round((Date.now() - started) / 1000)}秒）。検索への反映はこのあと少し続きます。`,
        )
      else if (status === 'stopped') log('デモデータの作成を中断しました。次回の起動で続きから作成します。')
    } catch (error) {
      log(
        `デモデータの作成に失敗しました（次回の起動で続きから作成します）: ${error instanceof Error ? error.message : String(error)}`,
      )
      // Where it failed, for whoever reads the log (a model refusing the demo's data is a bug in the plan).
      console.error(error)
    }
  })()
  // The embedded database's statistics wait for the end of the build: it runs faster on the plans of its start.
  services.maintenance?.holdDuring(done)
  return {
    done,
    async stop() {
      stopping = true
      stopInDatabase?.()
      await done
    },
  }
}
