// The national demo as data: who the fictional professionals are, which pools they join and how far they get,
// the needs of real municipalities (small 町・村 first) and who is shortlisted, the placements and their costs,
// the accelerator appointments since the programme began (53 in 21 prefectures on 2025-07-14, 002:324, and
// growing since) and the 推進体制 reports behind the published R6年度末 figures (002:297-322). Pure: the same
// seed, size and day give the same plan, which generator.server.ts then writes through the models.
//
// Three choices keep the hand-made demo (demo-content.server.ts, demo-candidates.server.ts) what the pages and
// the browser tests explain with it:
// - nobody generated whom 広島県 can see holds 標準化 at level 3 or more, or インフラ at all, so the demo need's
//   hand-made candidates stay first and narrowing them to インフラ leaves 鈴木 美咲 and 山田 花子;
// - 広島県's generated needs are not about 標準化 (its list opens the demo need by that word), and its own body
//   employs nobody with costs in 令和7年度 (the funding journey reads 広島県's total for that year);
// - an open call for a 非常勤 asks for more than three days a week in total, so a newcomer who can work three
//   days finds the hand-made open call among the ten that fit them.
import {
  NEED_STATUSES,
  POOL_STATUSES,
  type EmploymentForm,
  type IssueUrgency,
  type ItStaffing,
  type LocalGovernmentKind,
  type NeedEmployer,
  type NeedStatus,
  type PayUnit,
  type PlacementEmployment,
  type PlacementEndReason,
  type PlacementKind,
  type PoolStatus,
  type ShortlistStatus,
} from '../../../db/schema'
import { fiscalYearOfIsoDate } from '../../funding/fiscal-year'
import { loadLocalGovernmentRows } from '../../../seeds/local-governments'
import { NEED_TEMPLATES, type NeedTemplate } from '../../../seeds/need-templates'
import type { CostLineKey } from '../../utils/placement-validation'
import { demoName, type DemoName, fullKana, fullName } from './names'
import { createRng, type Rng } from './random'
import {
  APPLICATION_MESSAGES,
  COMPANIES,
  type DemoRoleId,
  ISSUE_TEXT,
  PUBLIC_BODIES,
  QUALIFICATIONS,
  ROLE_SKILLS,
  ROLE_TITLES,
  STAFFING_NOTE,
  TOPIC_PHRASES,
  WEEKDAY_SETS,
} from './vocabulary'

export type { DemoRoleId }

export const DEMO_EMAIL_DOMAIN = 'demo.dx500.example.jp'
/** The seed of the demo `npm start` builds (any number gives another, equally plausible country). */
export const DEMO_SEED = 20250714
/** The full size: how many professionals `npm start` creates. */
export const DEMO_PROFESSIONALS = 2000
/** The published baseline (002:324): 「アクセラレータ数 53名 (21団体)」 on 2025-07-14. */
export const APPOINTMENT_BASELINE = { on: '2025-07-14', appointed: 53, prefectures: 21 } as const
/** 推進体制 at the end of R6 (002:297-322): prefectures meeting ①〜④, and all four. */
export const DX_STRUCTURE_R6_END = { asOf: '2025-03-31', met: [47, 43, 38, 45] as const, metAll: 32 } as const
/** The appointed accelerator whose login the console prints (a professional with a full story). */
export const DEMO_ACCELERATOR_EMAIL = `accelerator@${DEMO_EMAIL_DOMAIN}`

const HIROSHIMA = '34'
const NAGANO = '20'

export interface DemoPlanOptions {
  seed: number
  /** How many professionals; pools, needs, placements and the growth of appointments scale with it. */
  professionals: number
  /** The day the demo is built (YYYY-MM-DD, Tokyo): future dates are after it, past events before it. */
  today: string
}

// ---- dates --------------------------------------------------------------------------------------------------

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

function addMonths(iso: string, months: number): string {
  const [y, m] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))]
  const index = y * 12 + (m - 1) + months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`
}

const firstOfMonth = (iso: string) => `${iso.slice(0, 7)}-01`
const fyStart = (fy: number) => `${fy}-04-01`
const fyEnd = (fy: number) => `${fy + 1}-03-31`

/** Whole months of [start, end] inside a fiscal year (a month with at least one day counts). */
function monthsIn(fy: number, start: string, end: string | null): number {
  const from = start > fyStart(fy) ? start : fyStart(fy)
  const to = end && end < fyEnd(fy) ? end : fyEnd(fy)
  if (to < from) return 0
  const index = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7))
  return index(to) - index(from) + 1
}

const roundTo = (value: number, unit: number) => Math.round(value / unit) * unit

// ---- the country -------------------------------------------------------------------------------------------

export interface DemoBody {
  code: string
  name: string
  kind: LocalGovernmentKind
  prefectureCode: string
}

interface Country {
  prefectures: DemoBody[]
  municipalities: Map<string, DemoBody[]>
}

let country: Country | undefined
function loadCountry(): Country {
  if (country) return country
  const rows = loadLocalGovernmentRows()
    .filter((r) => r.active !== false)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
  const prefectures: DemoBody[] = []
  const municipalities = new Map<string, DemoBody[]>()
  for (const r of rows) {
    const body = { code: r.code, name: r.name, kind: r.kind, prefectureCode: r.prefecture_code }
    if (r.kind === 'prefecture') prefectures.push(body)
    else municipalities.set(r.prefecture_code, [...(municipalities.get(r.prefecture_code) ?? []), body])
  }
  prefectures.sort((a, b) => (a.prefectureCode < b.prefectureCode ? -1 : 1))
  country = { prefectures, municipalities }
  return country
}

/** Where people live, roughly by population (the rest weigh 1). */
const POPULATION_WEIGHT: Record<string, number> = {
  '01': 4,
  '04': 2,
  '08': 2,
  '11': 5,
  '12': 4,
  '13': 12,
  '14': 7,
  '22': 3,
  '23': 6,
  '26': 2,
  '27': 7,
  '28': 4,
  '34': 2,
  '40': 4,
}

/** Small bodies need outside help most (一人情シス): a 村 or 町 is far likelier to post a need than a city. */
const NEED_KIND_WEIGHT: Record<LocalGovernmentKind, number> = {
  prefecture: 0,
  designated_city: 0.15,
  city: 1,
  special_ward: 0.3,
  town: 4,
  village: 5,
}

// ---- professionals --------------------------------------------------------------------------------------------

export interface PlannedProfessional {
  index: number
  email: string
  name: DemoName
  role: DemoRoleId
  /** 1 若手 / 2 中堅 / 3 熟練 */
  seniority: 1 | 2 | 3
  /** Only the basics are saved (a profile someone started and left). */
  complete: boolean
  basics: {
    residencePrefectureCode: string
    birthYear: number
    introduction: string
    yearsPrivateIt: number
    yearsPublicSector: number
    languages: string[]
  }
  availability: {
    employmentForms: EmploymentForm[]
    daysPerWeek: number
    availableFrom: string | null
    workArea: 'all' | 'selected'
    workPrefectureCodes: string[]
    remoteOk: boolean
    onsiteDaysPerMonth: number | null
    payMinYen: number | null
    payMaxYen: number | null
    payUnit: PayUnit | null
  }
  consent: {
    visibility: 'none' | 'selected' | 'all'
    visiblePrefectureCodes: string[]
    nationalListConsent: boolean
    publicDirectoryConsent: boolean
  }
  skills: Array<{ skillId: string; level: number }>
  qualifications: Array<{ qualificationId: string; acquiredYear: number }>
  experiences: Array<{
    organization: string
    title: string
    startMonth: string
    endMonth: string | null
    description: string
    skillIds: string[]
  }>
}

function planProfessional(rng: Rng, index: number, today: string): PlannedProfessional {
  const { prefectures } = loadCountry()
  const name = demoName(rng)
  const role = rng.weighted<DemoRoleId>({
    producer: 15,
    'project-manager': 25,
    'service-designer': 20,
    engineer: 30,
    'cio-adviser': 10,
  })
  const seniority = Number(rng.weighted({ '1': 30, '2': 45, '3': 25 })) as 1 | 2 | 3
  const residence = rng.weightedPick(
    prefectures.map((p) => [p.prefectureCode, POPULATION_WEIGHT[p.prefectureCode] ?? 1]),
  )
  const currentYear = Number(today.slice(0, 4))
  const age = seniority === 1 ? rng.int(26, 34) : seniority === 2 ? rng.int(33, 48) : rng.int(45, 64)
  const careerYears = Math.max(2, age - 23)
  const yearsPublicSector = rng.chance(0.35) ? rng.int(1, Math.min(15, careerYears)) : 0
  const yearsPrivateIt = Math.max(0, careerYears - yearsPublicSector - rng.int(0, 3))
  const complete = index === 0 || !rng.chance(0.07)

  // Skills: the role's core at about the person's seniority, and a few of its extras a little lower.
  const { core, extra, label } = ROLE_SKILLS[role]
  const level = (base: number) => Math.max(1, Math.min(4, base + rng.int(-1, 1)))
  const skills = [
    ...rng.sample(core, rng.int(Math.max(2, core.length - 2), core.length)).map((skillId) => ({
      skillId,
      level: level(seniority + 1),
    })),
    ...rng.sample(extra, rng.int(1, 4)).map((skillId) => ({ skillId, level: level(seniority) })),
  ]
  const qualifications = rng.chance(0.45)
    ? rng.sample(QUALIFICATIONS, rng.int(1, 3)).map((qualificationId) => ({
        qualificationId,
        acquiredYear: rng.int(currentYear - careerYears + 1, currentYear - 1),
      }))
    : []

  // Work history: one to three entries, the newest still going; each names a few of the skills as evidence.
  const experienceCount = Number(rng.weighted({ '1': 50, '2': 35, '3': 15 }))
  const experiences: PlannedProfessional['experiences'] = []
  let end: string | null = null
  let cursorYear = currentYear
  for (let e = 0; e < experienceCount; e++) {
    const span = Math.max(1, Math.floor(careerYears / experienceCount) - rng.int(0, 1))
    const startYear = Math.max(currentYear - careerYears, cursorYear - span)
    const publicJob = yearsPublicSector > 0 && e === experienceCount - 1
    const evidence = rng.sample(
      skills.map((s) => s.skillId),
      rng.int(1, 3),
    )
    const topic = TOPIC_PHRASES[evidence[0]!] ?? 'DX推進'
    experiences.push({
      organization: publicJob ? rng.pick(PUBLIC_BODIES) : rng.pick(COMPANIES),
      title: publicJob ? rng.pick(['主任', '係長', '課長補佐']) : rng.pick(ROLE_TITLES[role]),
      startMonth: `${startYear}-${rng.pick(['04', '07', '10', '01'])}`,
      endMonth: end,
      description: `${topic}を担当。${publicJob ? '庁内の関係課や事業者と調整しながら進めた。' : '自治体・企業の案件で要件整理から運用まで関わった。'}`,
      skillIds: evidence,
    })
    end = `${startYear - 1}-03`
    cursorYear = startYear - 1
  }
  // An end before its start (a short career) is moved to the start month.
  for (const exp of experiences) if (exp.endMonth && exp.endMonth < exp.startMonth) exp.endMonth = exp.startMonth

  const forms = rng.weightedPick<EmploymentForm[]>([
    [['part_time', 'side_job'], 25],
    [['part_time'], 14],
    [['contract'], 10],
    [['full_time'], 12],
    [['full_time', 'part_time'], 8],
    [['side_job'], 10],
    [['contract', 'side_job'], 8],
    [['special_part_time', 'part_time'], 8],
    [['part_time', 'contract'], 5],
  ])
  const daysPerWeek = forms.includes('full_time')
    ? 5
    : forms.length === 1 && forms[0] === 'side_job'
      ? rng.pick([0.5, 1, 1, 1.5, 2])
      : rng.pick([1, 2, 2, 3, 3, 4])
  const selectedArea = rng.chance(0.45)
  const workPrefectureCodes = selectedArea
    ? [
        ...new Set([
          residence,
          ...rng.sample(
            prefectures.map((p) => p.prefectureCode),
            rng.int(0, 2),
          ),
        ]),
      ].sort()
    : []
  const remoteOk = rng.chance(0.7)
  const payUnit = rng.weighted<'none' | PayUnit>({ none: 40, day: 30, month: 20, hour: 10, year: 0 })
  const pay =
    payUnit === 'none'
      ? { payMinYen: null, payMaxYen: null, payUnit: null }
      : payUnit === 'day'
        ? { payMinYen: rng.int(25, 40) * 1000, payMaxYen: rng.int(41, 60) * 1000, payUnit }
        : payUnit === 'month'
          ? { payMinYen: rng.int(35, 55) * 10000, payMaxYen: rng.int(56, 80) * 10000, payUnit }
          : { payMinYen: rng.int(30, 50) * 100, payMaxYen: rng.int(51, 80) * 100, payUnit }

  const visibility = rng.weighted<'none' | 'selected' | 'all'>({ all: 30, selected: 35, none: 35 })
  const visiblePrefectureCodes =
    visibility === 'selected'
      ? [
          ...new Set([
            residence,
            ...rng.sample(
              prefectures.map((p) => p.prefectureCode),
              rng.int(0, 3),
            ),
          ]),
        ].sort()
      : []
  const topic = TOPIC_PHRASES[skills[0]!.skillId] ?? 'DX推進'
  // The printed accelerator (index 0) shares a full profile with every prefecture and the public directory.
  const accelerator = index === 0
  return {
    index,
    email: index === 0 ? DEMO_ACCELERATOR_EMAIL : `pro-${String(index).padStart(4, '0')}@${DEMO_EMAIL_DOMAIN}`,
    name,
    role,
    seniority,
    complete,
    basics: {
      residencePrefectureCode: residence,
      birthYear: currentYear - age,
      introduction: `${label}として${careerYears}年。${topic}の経験を生かして、小規模な市町村の支援に関わりたいと考えています。（デモ用の架空の人物です）`,
      yearsPrivateIt,
      yearsPublicSector,
      languages: rng.chance(0.15) ? ['日本語', '英語'] : [],
    },
    availability: {
      employmentForms: forms,
      daysPerWeek,
      availableFrom: rng.chance(0.3) ? addMonths(today, rng.int(1, 9)) : null,
      workArea: selectedArea ? 'selected' : 'all',
      workPrefectureCodes,
      remoteOk,
      onsiteDaysPerMonth: remoteOk ? rng.int(2, 8) : null,
      ...pay,
    },
    consent: {
      visibility: accelerator ? 'all' : visibility,
      visiblePrefectureCodes: accelerator ? [] : visiblePrefectureCodes,
      nationalListConsent: visibility !== 'none' && rng.chance(0.12),
      publicDirectoryConsent: accelerator || rng.chance(0.15),
    },
    skills,
    qualifications:
      accelerator && qualifications.length === 0
        ? [{ qualificationId: 'ipa-ap', acquiredYear: currentYear - 5 }]
        : qualifications,
    experiences,
  }
}

// ---- pools ----------------------------------------------------------------------------------------------------

export interface PlannedMembership {
  person: number
  /** A prefecture's code, or '00' for the national list. */
  pool: string
  /** application: the person applies; invitation: staff add them and they accept the mailed link (the national
   * list); copy: a prefecture copies them from the national list. */
  via: 'application' | 'invitation' | 'copy'
  status: PoolStatus
  /** The staff's moves in order. */
  steps: PoolStatus[]
  /** After the steps, the person withdraws (辞退). */
  withdrawnByPerson: boolean
  training: boolean
  targetRole: DemoRoleId | null
  interview: { at: string; place: string } | null
  message: string
}

const STAGES: PoolStatus[] = ['screening', 'interview', 'training', 'registered']

function membershipPath(rng: Rng, status: PoolStatus): Pick<PlannedMembership, 'steps' | 'withdrawnByPerson'> {
  switch (status) {
    case 'applied':
      return { steps: [], withdrawnByPerson: false }
    case 'screening':
    case 'interview':
    case 'training':
    case 'registered':
      return { steps: STAGES.slice(0, STAGES.indexOf(status) + 1), withdrawnByPerson: false }
    case 'declined':
      return { steps: [...STAGES.slice(0, rng.int(0, 3)), 'declined'], withdrawnByPerson: false }
    case 'withdrawn':
      return { steps: STAGES.slice(0, rng.int(0, 4)), withdrawnByPerson: true }
  }
}

const POOL_STATUS_WEIGHTS: Record<PoolStatus, number> = {
  applied: 14,
  screening: 12,
  interview: 10,
  training: 10,
  registered: 36,
  declined: 10,
  withdrawn: 8,
}

// ---- needs and shortlists --------------------------------------------------------------------------------------

export interface PlannedEntry {
  person: number
  /** Where the entry ends: shortlisted, contacted (waiting or accepted), interview, offered, passed, declined. */
  final: ShortlistStatus
  /** The person answered 「話を聞く（応募する）」 (needed for 面談 and 内定). */
  accepted: boolean
  /** For passed/declined: how far it got first. */
  reached: 'shortlisted' | 'contacted' | 'interview'
  /** For declined: the person's own answer (else staff record it). */
  declinedByPerson: boolean
}

export type PlannedCosts = Array<{ fy: number; lines: Partial<Record<CostLineKey, number>> }>

export interface PlannedOfferPlacement {
  startOn: string
  plannedEndOn: string | null
  employment: PlacementEmployment
  fixedTerm: boolean
  weekdays: string[]
  /** Started (配置中) after the 内定; else it stays the draft the 内定 created, with its planned start. */
  activate: boolean
  ended: { on: string; reason: PlacementEndReason } | null
  costs: PlannedCosts
}

export interface PlannedIssue {
  prefectureCode: string
  municipalityCode: string
  title: string
  currentSituation: string
  desiredOutcome: string
  urgency: IssueUrgency
  itStaffing: ItStaffing
  topicSkillIds: string[]
  /** The prefecture has started looking at it (検討中). */
  reviewing: boolean
}

export interface PlannedNeed {
  index: number
  prefectureCode: string
  prefectureName: string
  title: string
  templateId: string
  municipalities: Array<{ code: string; name: string; kind: LocalGovernmentKind; daysPerWeek: number }>
  employmentForm: EmploymentForm
  employer: NeedEmployer
  status: NeedStatus
  /** How a 充足・終了 need was filled: by a 内定 on its shortlist, or recorded by hand. */
  filledBy: 'offer' | 'manual' | null
  openCall: boolean
  startOn: string
  endOn: string | null
  applicationDeadline: string | null
  remoteDaysPerWeek: number
  pay: { min: number; max: number; unit: PayUnit } | null
  budgetYen: number | null
  /** The 課題 the need was made from (entered by the prefecture after a hearing). */
  issue: PlannedIssue | null
  shortlist: PlannedEntry[]
  placement: PlannedOfferPlacement | null
}

function issueFor(rng: Rng, template: NeedTemplate, body: DemoBody, reviewing: boolean): PlannedIssue {
  const text = ISSUE_TEXT[template.id]!
  const itStaffing: ItStaffing =
    body.kind === 'village' || body.kind === 'town'
      ? rng.weighted<ItStaffing>({ none: 35, one: 55, few: 10, team: 0 })
      : rng.weighted<ItStaffing>({ none: 0, one: 10, few: 60, team: 30 })
  return {
    prefectureCode: body.prefectureCode,
    municipalityCode: body.code,
    title: text.title,
    currentSituation: `${STAFFING_NOTE[itStaffing]}${text.situation}`,
    desiredOutcome: text.outcome,
    urgency: rng.weighted<IssueUrgency>({ high: 35, medium: 45, low: 20 }),
    itStaffing,
    topicSkillIds: text.topics,
    reviewing,
  }
}

// ---- placements -------------------------------------------------------------------------------------------------

export interface PlannedPlacement {
  index: number
  kind: PlacementKind
  employerCode: string
  prefectureCode: string
  /** A registered member of the employer's prefecture pool (linked by the placement), or null (named only). */
  person: number | null
  personName: string
  personKana: string
  jobTitle: string
  employment: PlacementEmployment
  fixedTerm: boolean
  mainDutyMunicipalSupport: boolean
  designatedDxLeader: boolean
  planDraftingOnly: boolean
  startOn: string
  endOn: string | null
  municipalities: Array<{ code: string; daysPerWeek: number; weekdays: string }>
  /** Ended when the placement phase runs (an accelerator's placement ends with their appointment instead). */
  ended: { on: string; reason: PlacementEndReason } | null
  costs: PlannedCosts
  note: string
}

// ---- appointments -------------------------------------------------------------------------------------------------

export type AppointmentOutcome = 'appointed' | 'ended' | 'revoked' | 'nominated' | 'returned' | 'declined' | 'withdrawn'

export interface PlannedAppointment {
  prefectureCode: string
  person: number
  roleId: DemoRoleId
  outcome: AppointmentOutcome
  appointedOn: string | null
  termEndOn: string | null
  closedOn: string | null
  endReason: 'term_end' | 'resignation' | 'other' | null
  /** A placement planned for the person (nominated with it; it ends with the appointment). */
  placement: number | null
  statement: string
}

// ---- 推進体制 and the directory --------------------------------------------------------------------------------------

export interface PlannedStructureReport {
  prefectureCode: string
  requirement: 1 | 2 | 3 | 4
  met: boolean
  asOf: string
  status: 'confirmed' | 'reported'
  reportedAt: string
  reviewedAt: string | null
  note: string
}

export interface PlannedDirectoryEntry {
  person: number
  visibility: 'accelerators' | 'public'
  headline: string
  introduction: string
  contact: string
  showPrefecture: boolean
  showSkills: boolean
}

export interface DemoPlan {
  options: DemoPlanOptions
  professionals: PlannedProfessional[]
  memberships: PlannedMembership[]
  issues: PlannedIssue[]
  needs: PlannedNeed[]
  placements: PlannedPlacement[]
  appointments: PlannedAppointment[]
  structure: PlannedStructureReport[]
  directory: PlannedDirectoryEntry[]
  /** The bodies whose staff record CIO補佐官等 (they need an account to act as). */
  municipalEmployers: string[]
}

// ---- the plan ---------------------------------------------------------------------------------------------------

export function planDemo(options: DemoPlanOptions): DemoPlan {
  const root = createRng(options.seed)
  const { today } = options
  const scale = Math.min(1, Math.max(0.15, options.professionals / DEMO_PROFESSIONALS))

  const peopleRng = root.fork('people')
  const professionals = Array.from({ length: options.professionals }, (_, i) => planProfessional(peopleRng, i, today))
  const complete = professionals.filter((p) => p.complete && p.experiences.length > 0)
  // Who is appointed where and when comes first: the pools then make each of them a registered member there.
  const appointments = planAppointments(root.fork('appointments'), professionals, complete, scale, today)
  const pools = planPools(root.fork('pools'), professionals, complete, appointments, today)
  planNationalList(root.fork('national'), pools, complete, options.professionals)

  // Who a prefecture can see (consent, as profile-visibility.ts defines it): shared with all prefectures, with it,
  // or a pool of it the person joined themselves and has not withdrawn from.
  const joined = new Set(
    pools.memberships
      .filter((m) => m.via !== 'copy' && m.status !== 'withdrawn' && m.pool !== '00')
      .map((m) => `${m.pool}:${m.person}`),
  )
  const visibleTo = (person: PlannedProfessional, pool: string) =>
    person.complete &&
    (person.consent.visibility === 'all' ||
      (person.consent.visibility === 'selected' && person.consent.visiblePrefectureCodes.includes(pool)) ||
      joined.has(`${pool}:${person.index}`))

  const needs = planNeeds(root.fork('needs'), options, professionals, visibleTo, pools.memberOf)
  // Accepting a 打診 files an application to the need's prefecture (shortlist.server.ts): they can see them too.
  for (const need of needs)
    for (const entry of need.shortlist) if (entry.accepted) joined.add(`${need.prefectureCode}:${entry.person}`)
  const issues = planIssues(root.fork('issues'), Math.round(needs.length * 0.25))
  const { placements, municipalEmployers } = planPlacements(
    root.fork('placements'),
    options,
    professionals,
    appointments,
    pools.memberships,
  )
  const structure = planStructure(root.fork('structure'), appointments)
  const directory = planDirectory(root.fork('directory'), professionals, appointments)

  // Last, so that every way of being seen by 広島県 is known (see the header).
  for (const person of professionals) if (visibleTo(person, HIROSHIMA)) keepOutOfTheDemoNeedsWay(person)

  return {
    options,
    professionals,
    memberships: pools.memberships,
    issues,
    needs,
    placements,
    appointments,
    structure,
    directory,
    municipalEmployers,
  }
}

/** No 標準化 above level 2 and no インフラ: the hand-made candidates of 広島県's demo need stay ahead (header). */
function keepOutOfTheDemoNeedsWay(person: PlannedProfessional) {
  person.skills = person.skills
    .filter((s) => s.skillId !== 'infrastructure')
    .map((s) => (s.skillId === 'standardization-advice' && s.level > 2 ? { ...s, level: 2 } : s))
  for (const exp of person.experiences) {
    exp.skillIds = exp.skillIds.filter((id) => id !== 'infrastructure')
    if (exp.skillIds.length === 0) exp.skillIds = [person.skills[0]!.skillId]
  }
}

interface PoolsPlan {
  memberships: PlannedMembership[]
  /** By `${pool}:${person}`. */
  memberOf: Map<string, PlannedMembership>
  add: (m: PlannedMembership) => void
  membership: (person: PlannedProfessional, pool: string, status: PoolStatus) => PlannedMembership
}

/** The accelerators' memberships (registered), someone at every status in every pool, and people who applied. */
function planPools(
  rng: Rng,
  professionals: PlannedProfessional[],
  complete: PlannedProfessional[],
  appointments: PlannedAppointment[],
  today: string,
): PoolsPlan {
  const { prefectures } = loadCountry()
  const memberships: PlannedMembership[] = []
  const memberOf = new Map<string, PlannedMembership>()
  const add = (m: PlannedMembership) => {
    const key = `${m.pool}:${m.person}`
    if (memberOf.has(key)) return
    memberOf.set(key, m)
    memberships.push(m)
  }
  const membership = (person: PlannedProfessional, pool: string, status: PoolStatus): PlannedMembership => ({
    person: person.index,
    pool,
    via: 'application',
    status,
    ...membershipPath(rng, status),
    training: status === 'training' || status === 'registered' ? rng.chance(0.85) : false,
    targetRole: status === 'training' || status === 'registered' ? person.role : null,
    interview:
      status === 'interview' && rng.chance(0.7)
        ? {
            at: `${addDays(today, rng.int(3, 21))}T${rng.pick(['10:00', '13:30', '15:00'])}:00+09:00`,
            place: rng.pick(['オンライン（Teams）', '県庁 本庁舎 会議室', 'オンライン（Zoom）']),
          }
        : null,
    message: rng.pick(APPLICATION_MESSAGES),
  })
  for (const a of appointments) {
    const person = professionals[a.person]!
    add({ ...membership(person, a.prefectureCode, 'registered'), training: true, targetRole: a.roleId })
  }
  // Every pool holds someone at every status.
  for (const prefecture of prefectures) {
    const code = prefecture.prefectureCode
    const residents = complete.filter((p) => p.basics.residencePrefectureCode === code)
    for (const status of POOL_STATUSES) {
      const candidates = [...residents, ...rng.sample(complete, 30)].filter((p) => !memberOf.has(`${code}:${p.index}`))
      add(membership(rng.pick(candidates), code, status))
    }
  }
  for (const person of complete) {
    if (rng.chance(0.32))
      add(membership(person, person.basics.residencePrefectureCode, rng.weighted(POOL_STATUS_WEIGHTS)))
    if (rng.chance(0.07))
      add(membership(person, rng.pick(prefectures).prefectureCode, rng.weighted(POOL_STATUS_WEIGHTS)))
  }
  return { memberships, memberOf, add, membership }
}

/** The national list: people the ministry screened, who consent to be listed; a few prefectures copy some of them. */
function planNationalList(rng: Rng, pools: PoolsPlan, complete: PlannedProfessional[], size: number) {
  const { prefectures } = loadCountry()
  const listed = rng.sample(
    complete.filter((p) => p.consent.visibility !== 'none' && p.index !== 0),
    Math.max(8, Math.round(size * 0.03)),
  )
  for (const person of listed) {
    person.consent.nationalListConsent = true
    const status = rng.weighted<PoolStatus>({
      registered: 75,
      training: 8,
      interview: 7,
      screening: 5,
      applied: 5,
      declined: 0,
      withdrawn: 0,
    })
    pools.add({ ...pools.membership(person, '00', status), via: 'invitation', interview: null, message: '' })
  }
  const copyable = listed.filter(
    (p) => p.consent.visibility === 'all' && pools.memberOf.get(`00:${p.index}`)?.status === 'registered',
  )
  for (const person of rng.sample(copyable, Math.min(copyable.length, 4)))
    pools.add({
      person: person.index,
      pool: rng.pick(prefectures.filter((p) => p.prefectureCode !== HIROSHIMA)).prefectureCode,
      via: 'copy',
      status: 'applied',
      steps: [],
      withdrawnByPerson: false,
      training: false,
      targetRole: null,
      interview: null,
      message: '',
    })
}

/** Needs in every prefecture (weighted by its small bodies), each status present, with shortlists and 内定. */
function planNeeds(
  rng: Rng,
  options: DemoPlanOptions,
  professionals: PlannedProfessional[],
  visibleTo: (person: PlannedProfessional, pool: string) => boolean,
  memberOf: Map<string, PlannedMembership>,
): PlannedNeed[] {
  const { prefectures, municipalities } = loadCountry()
  const { today } = options
  const fy = fiscalYearOfIsoDate(today)
  const prefectureName = new Map(prefectures.map((p) => [p.prefectureCode, p.name]))
  const needCount = Math.max(12, Math.round(options.professionals * 0.15))
  const needPrefectures: string[] = []
  const base = needCount >= prefectures.length * 3 ? 3 : needCount >= prefectures.length ? 1 : 0
  for (const p of prefectures) for (let i = 0; i < base; i++) needPrefectures.push(p.prefectureCode)
  const smallBodies = (code: string) =>
    (municipalities.get(code) ?? []).filter((m) => m.kind === 'town' || m.kind === 'village').length
  while (needPrefectures.length < needCount)
    needPrefectures.push(
      rng.weightedPick(prefectures.map((p) => [p.prefectureCode, smallBodies(p.prefectureCode) + 3])),
    )
  const statuses = rng.shuffle(
    Array.from({ length: needCount }, (_, i) =>
      i < NEED_STATUSES.length
        ? NEED_STATUSES[i]!
        : rng.weighted<NeedStatus>({ draft: 14, published: 22, selecting: 20, filled: 14, closed: 22, withdrawn: 8 }),
    ),
  )
  const offered = new Set<number>()
  const entriesOf = new Map<number, number>()
  const needs: PlannedNeed[] = []
  const titles = new Set<string>()
  for (let i = 0; i < needCount; i++) {
    const prefectureCode = needPrefectures[i]!
    const status = statuses[i]!
    const templates = NEED_TEMPLATES.filter((t) => prefectureCode !== HIROSHIMA || t.id !== 'standardization-advice')
    const template = rng.weightedPick(
      templates.map(
        (t) =>
          [
            t,
            t.id === 'standardization-advice' ? 3 : t.id === 'dx-plan' || t.id === 'bpr-procurement-support' ? 2 : 1.5,
          ] as const,
      ),
    )
    const bodies = municipalities.get(prefectureCode) ?? []
    const count = Math.min(bodies.length, Number(rng.weighted({ '1': 55, '2': 35, '3': 10 })))
    const chosen: DemoBody[] = []
    while (chosen.length < count)
      chosen.push(
        rng.weightedPick(bodies.filter((b) => !chosen.includes(b)).map((b) => [b, NEED_KIND_WEIGHT[b.kind]] as const)),
      )
    chosen.sort((a, b) => (a.code < b.code ? -1 : 1))
    const employmentForm = rng.weightedPick<EmploymentForm>([
      [template.employmentForm, 55],
      ['full_time', 20],
      ['contract', template.employmentForm === 'contract' ? 0 : 15],
      ['part_time', template.employmentForm === 'part_time' ? 0 : 10],
      ['special_part_time', 10],
    ])
    const perBody = employmentForm === 'full_time' ? Math.max(1, 4 / chosen.length) : template.daysPerMunicipality
    const days = chosen.map(() =>
      Math.min(5, Math.max(0.5, Math.round((perBody + rng.pick([0, 0, 0.5, 1, -0.5])) * 2) / 2)),
    )
    const openCall = status === 'draft' ? rng.chance(0.5) : rng.chance(0.8)
    // A 非常勤 open call that is still 公開 asks for more than three days a week in total (see the header).
    if (status === 'published' && openCall && employmentForm === 'part_time') {
      const total = days.reduce((a, b) => a + b, 0)
      if (total <= 3) days[0] = Math.min(5, days[0]! + (3.5 - total))
    }
    let title = `${template.title}（${chosen.map((b) => b.name).join('・')}）`
    for (let n = 2; titles.has(title); n++)
      title = `${template.title}（${chosen.map((b) => b.name).join('・')}・その${n}）`
    titles.add(title)
    const nextFy = fyStart(fy + 1)
    const startOn =
      status === 'closed'
        ? prefectureCode === HIROSHIMA
          ? fyStart(fy)
          : rng.pick([fyStart(fy - 2), `${fy - 2}-10-01`, fyStart(fy - 1), `${fy - 1}-07-01`, `${fy - 1}-10-01`])
        : rng.pick([nextFy, nextFy, nextFy, addMonths(today, 1), addMonths(today, 2)])
    const endOn = rng.chance(0.6) ? fyEnd(fiscalYearOfIsoDate(startOn) + rng.int(0, 1)) : null
    const filledBy = status === 'filled' || status === 'closed' ? (rng.chance(0.8) ? 'offer' : 'manual') : null
    const pay =
      employmentForm === 'part_time'
        ? { min: rng.int(25, 35) * 1000, max: rng.int(36, 50) * 1000, unit: 'day' as const }
        : employmentForm === 'full_time'
          ? { min: rng.int(38, 48) * 10000, max: rng.int(50, 68) * 10000, unit: 'month' as const }
          : employmentForm === 'special_part_time'
            ? { min: rng.int(12, 20) * 10000, max: rng.int(21, 32) * 10000, unit: 'month' as const }
            : null
    const need: PlannedNeed = {
      index: i,
      prefectureCode,
      prefectureName: prefectureName.get(prefectureCode)!,
      title,
      templateId: template.id,
      municipalities: chosen.map((b, k) => ({ code: b.code, name: b.name, kind: b.kind, daysPerWeek: days[k]! })),
      employmentForm,
      employer:
        employmentForm === 'contract'
          ? rng.pick(['prefecture', 'dispatch_company'] as const)
          : rng.chance(0.15)
            ? 'joint'
            : 'prefecture',
      status,
      filledBy,
      openCall,
      startOn,
      endOn: endOn && endOn >= startOn ? endOn : null,
      applicationDeadline:
        status === 'published' && openCall && rng.chance(0.7) ? addDays(today, rng.int(21, 70)) : null,
      remoteDaysPerWeek: rng.pick([0, 0, 0.5, 1, 1, 2]),
      pay,
      budgetYen: employmentForm === 'contract' ? rng.int(30, 120) * 100_000 : null,
      issue: rng.chance(0.45) ? issueFor(rng, template, chosen[0]!, false) : null,
      shortlist: [],
      placement: null,
    }
    planShortlist(rng, need, template, professionals, visibleTo, offered, entriesOf, memberOf)
    if (need.filledBy === 'offer' && !need.shortlist.some((e) => e.final === 'offered')) need.filledBy = 'manual'
    if (need.filledBy === 'offer') need.placement = planOfferPlacement(rng, need, today)
    needs.push(need)
  }
  return needs
}

/** 課題 that are not (yet) in a need: submitted, some being looked at. */
function planIssues(rng: Rng, count: number): PlannedIssue[] {
  const { prefectures, municipalities } = loadCountry()
  const issues: PlannedIssue[] = []
  for (let i = 0; i < count; i++) {
    const bodies = municipalities.get(rng.pick(prefectures).prefectureCode) ?? []
    const body = rng.weightedPick(bodies.map((b) => [b, NEED_KIND_WEIGHT[b.kind]] as const))
    issues.push(issueFor(rng, rng.pick(NEED_TEMPLATES), body, rng.chance(0.4)))
  }
  return issues
}

/**
 * Placements recorded directly: accelerators' own (常勤 mostly; not 広島県's, see the header), others a prefecture
 * employs without an appointment, and municipalities' CIO補佐官等 (one body with four, one more than B1 counts).
 */
function planPlacements(
  rng: Rng,
  options: DemoPlanOptions,
  professionals: PlannedProfessional[],
  appointments: PlannedAppointment[],
  memberships: PlannedMembership[],
) {
  const { prefectures, municipalities } = loadCountry()
  const { today } = options
  const fy = fiscalYearOfIsoDate(today)
  const prefectureBody = new Map(prefectures.map((p) => [p.prefectureCode, p.code]))
  const placements: PlannedPlacement[] = []
  for (const a of appointments) {
    if (a.prefectureCode === HIROSHIMA || a.appointedOn === null) continue
    if (!(a.person === 0 || rng.chance(0.45))) continue
    a.placement = placements.length
    placements.push(
      prefecturePlacement(
        rng,
        placements.length,
        professionals[a.person]!,
        a.prefectureCode,
        prefectureBody.get(a.prefectureCode)!,
        {
          startOn: a.appointedOn,
          closedOn: a.closedOn,
          employment:
            a.person === 0
              ? 'full_time'
              : rng.weighted<PlacementEmployment>({ full_time: 55, part_time: 25, contract: 15, special_part_time: 5 }),
          today,
          municipalities: municipalities.get(a.prefectureCode) ?? [],
        },
      ),
    )
  }
  const appointedPeople = new Set(appointments.map((a) => `${a.prefectureCode}:${a.person}`))
  const registeredOthers = memberships.filter(
    (m) =>
      m.status === 'registered' &&
      m.via === 'application' &&
      m.pool !== '00' &&
      m.pool !== HIROSHIMA &&
      !appointedPeople.has(`${m.pool}:${m.person}`),
  )
  for (const m of rng.sample(registeredOthers, Math.max(2, Math.round(options.professionals * 0.008)))) {
    const startOn = rng.pick([fyStart(fy - 2), `${fy - 2}-10-01`, fyStart(fy - 1), `${fy - 1}-07-01`, fyStart(fy)])
    const plan = prefecturePlacement(
      rng,
      placements.length,
      professionals[m.person]!,
      m.pool,
      prefectureBody.get(m.pool)!,
      {
        startOn,
        employment: 'full_time',
        today,
        municipalities: municipalities.get(m.pool) ?? [],
      },
    )
    // Some of them have finished their term.
    if (startOn < fyStart(fy - 1) && rng.chance(0.4)) {
      plan.ended = { on: fyEnd(fy - 1), reason: 'term_end' }
      plan.endOn = fyEnd(fy - 1)
      plan.costs = plan.costs.filter((c) => c.fy <= fy - 1)
    }
    placements.push(plan)
  }
  const cioBodies: DemoBody[] = []
  const cioCandidates = prefectures
    .filter((p) => p.prefectureCode !== HIROSHIMA)
    .flatMap((p) => municipalities.get(p.prefectureCode) ?? [])
    .filter((b) => b.kind !== 'designated_city')
  for (let i = 0; i < Math.max(4, Math.round(options.professionals * 0.01)); i++) {
    // The first body has four: more than the three persons B1 counts per body (002:450).
    const body =
      i < 4 && cioBodies[0]
        ? cioBodies[0]
        : rng.weightedPick(
            cioCandidates.filter((b) => !cioBodies.includes(b)).map((b) => [b, b.kind === 'city' ? 2 : 1] as const),
          )
    if (!cioBodies.includes(body)) cioBodies.push(body)
    placements.push(cioPlacement(rng, placements.length, body, today))
  }
  return { placements, municipalEmployers: cioBodies.map((b) => b.code) }
}

function planShortlist(
  rng: Rng,
  need: PlannedNeed,
  template: NeedTemplate,
  professionals: PlannedProfessional[],
  visibleTo: (person: PlannedProfessional, pool: string) => boolean,
  offered: Set<number>,
  entriesOf: Map<number, number>,
  memberOf: Map<string, PlannedMembership>,
) {
  const size =
    need.status === 'selecting'
      ? rng.int(3, 5)
      : need.status === 'filled' || need.status === 'closed'
        ? need.filledBy === 'offer'
          ? rng.int(2, 4)
          : rng.int(0, 2)
        : need.status === 'published' && rng.chance(0.3)
          ? rng.int(1, 2)
          : 0
  if (size === 0) return
  const wanted = new Set(template.skills.map((s) => s.skillId))
  // Accepting would reopen a membership the person withdrew from or was declined in: such people are not asked.
  const reopenable = (p: PlannedProfessional) => {
    const m = memberOf.get(`${need.prefectureCode}:${p.index}`)
    return m !== undefined && (m.status === 'withdrawn' || m.status === 'declined' || m.via === 'copy')
  }
  const pool = professionals.filter(
    (p) =>
      p.index !== 0 &&
      visibleTo(p, need.prefectureCode) &&
      !offered.has(p.index) &&
      (entriesOf.get(p.index) ?? 0) < 3 &&
      !reopenable(p),
  )
  const scored = pool
    .map((p) => ({ p, score: p.skills.filter((s) => wanted.has(s.skillId)).length + rng.next() * 1.5 }))
    .sort((a, b) => b.score - a.score)
    .slice(0, size * 3)
  const chosen = rng.sample(scored, size).map((s) => s.p)
  chosen.forEach((person, k) => {
    entriesOf.set(person.index, (entriesOf.get(person.index) ?? 0) + 1)
    let entry: PlannedEntry
    if ((need.status === 'filled' || need.status === 'closed') && k === 0 && need.filledBy === 'offer') {
      offered.add(person.index)
      entry = { person: person.index, final: 'offered', accepted: true, reached: 'interview', declinedByPerson: false }
    } else if (need.status === 'filled' || need.status === 'closed') {
      const reached = rng.pick(['shortlisted', 'contacted', 'interview'] as const)
      const declined = rng.chance(0.35)
      entry = {
        person: person.index,
        final: declined ? 'declined' : 'passed',
        accepted: reached === 'interview' || (reached === 'contacted' && rng.chance(0.5)),
        reached,
        declinedByPerson: declined && reached !== 'shortlisted',
      }
    } else if (need.status === 'published') {
      entry = {
        person: person.index,
        final: rng.chance(0.5) ? 'contacted' : 'shortlisted',
        accepted: false,
        reached: 'shortlisted',
        declinedByPerson: false,
      }
    } else {
      const final = rng.weighted<'shortlisted' | 'contacted' | 'accepted' | 'interview' | 'passed' | 'declined'>({
        shortlisted: 3,
        contacted: 3,
        accepted: 2,
        interview: 2,
        passed: 2,
        declined: 1,
      })
      const reached =
        final === 'passed' || final === 'declined'
          ? rng.pick(['shortlisted', 'contacted', 'interview'] as const)
          : 'shortlisted'
      entry = {
        person: person.index,
        final: final === 'accepted' ? 'contacted' : final,
        accepted:
          final === 'accepted' ||
          final === 'interview' ||
          reached === 'interview' ||
          (reached === 'contacted' && rng.chance(0.5)),
        reached,
        declinedByPerson: final === 'declined' && reached !== 'shortlisted' && rng.chance(0.7),
      }
    }
    need.shortlist.push(entry)
  })
}

function costsFor(
  rng: Rng,
  employment: PlacementEmployment,
  startOn: string,
  endOn: string | null,
  lastFy: number,
  daysPerWeek: number,
  { directTravel }: { directTravel: boolean },
): PlannedCosts {
  const costs: PlannedCosts = []
  const annualSalary = rng.int(60, 84) * 100_000
  const dayRate = rng.int(25, 40) * 1000
  const monthly = rng.int(15, 30) * 10_000
  const commission = rng.int(30, 80) * 10_000
  for (let year = fiscalYearOfIsoDate(startOn); year <= lastFy; year++) {
    const months = monthsIn(year, startOn, endOn)
    if (months === 0) continue
    const lines: Partial<Record<CostLineKey, number>> = {}
    if (employment === 'full_time') lines.salary = roundTo((annualSalary * months) / 12, 1000)
    if (employment === 'part_time') lines.salary = roundTo(dayRate * daysPerWeek * 4 * months, 1000)
    if (employment === 'special_part_time') lines.remuneration = monthly * months
    if (employment === 'contract') {
      lines.commission = commission * months
      lines.travel = rng.int(2, 6) * 10_000 * months
    } else if (directTravel) lines.travel = rng.int(1, 4) * 100_000
    if (year === fiscalYearOfIsoDate(startOn) && rng.chance(0.35)) lines.recruitment = rng.int(2, 9) * 100_000
    costs.push({ fy: year, lines })
  }
  return costs
}

function planOfferPlacement(rng: Rng, need: PlannedNeed, today: string): PlannedOfferPlacement {
  const fy = fiscalYearOfIsoDate(today)
  const employment = need.employmentForm === 'side_job' ? 'part_time' : need.employmentForm
  const days = need.municipalities.reduce((sum, m) => sum + m.daysPerWeek, 0)
  if (need.status === 'filled')
    return {
      startOn: need.startOn,
      plannedEndOn: need.endOn,
      employment,
      fixedTerm: employment === 'full_time',
      weekdays: need.municipalities.map(() => rng.pick(WEEKDAY_SETS).join('・')),
      activate: false,
      ended: null,
      costs: [],
    }
  // 終了 needs: the person started (and some have since left).
  const ended = rng.chance(0.4)
    ? {
        on:
          [need.endOn, fyEnd(fiscalYearOfIsoDate(need.startOn)), addDays(today, -1)]
            .filter((d): d is string => d !== null && d >= need.startOn && d < today)
            .sort()[0] ?? addDays(today, -1),
        reason: rng.pick(['term_end', 'term_end', 'resignation'] as const),
      }
    : null
  const end = ended?.on ?? need.endOn
  return {
    startOn: need.startOn,
    plannedEndOn: need.endOn,
    employment,
    fixedTerm: employment === 'full_time' && rng.chance(0.7),
    weekdays: need.municipalities.map(() => rng.pick(WEEKDAY_SETS).join('・')),
    activate: true,
    ended,
    costs: costsFor(rng, employment, need.startOn, end, fy, days, { directTravel: rng.chance(0.2) }),
  }
}

function prefecturePlacement(
  rng: Rng,
  index: number,
  person: PlannedProfessional,
  prefectureCode: string,
  employerCode: string,
  options: {
    startOn: string
    /** The appointment ends (and the placement with it) on this day: no costs after it. */
    closedOn?: string | null
    employment: PlacementEmployment
    today: string
    municipalities: DemoBody[]
  },
): PlannedPlacement {
  const fy = fiscalYearOfIsoDate(options.today)
  const served = rng
    .sample(
      options.municipalities.filter((m) => m.kind !== 'designated_city'),
      rng.int(1, 3),
    )
    .sort((a, b) => (a.code < b.code ? -1 : 1))
  const daysEach = options.employment === 'full_time' ? 2 : 1
  const employment = options.employment
  const startFy = fiscalYearOfIsoDate(options.startOn)
  const endOn = fyEnd(Math.max(startFy + rng.int(1, 2), fy))
  const costsUntil = options.closedOn ?? endOn
  const accelerator = person.index === 0
  return {
    index,
    kind: 'municipal_support',
    employerCode,
    prefectureCode,
    person: person.index,
    personName: fullName(person.name),
    personKana: fullKana(person.name),
    jobTitle: rng.pick(['デジタル推進専門員', '市町村DX支援員', 'DXアドバイザー', '']),
    employment,
    fixedTerm: employment === 'full_time' && (accelerator || rng.chance(0.75)),
    mainDutyMunicipalSupport: accelerator || rng.chance(0.92),
    designatedDxLeader: rng.chance(0.1),
    planDraftingOnly: false,
    startOn: options.startOn,
    endOn,
    municipalities: served.map((m) => ({
      code: m.code,
      daysPerWeek: daysEach,
      weekdays: rng.pick(WEEKDAY_SETS).join('・'),
    })),
    ended: null,
    costs: costsFor(
      rng,
      employment,
      options.startOn,
      costsUntil,
      Math.min(fy, fiscalYearOfIsoDate(costsUntil)),
      daysEach * served.length,
      {
        directTravel: employment !== 'contract' && rng.chance(0.3),
      },
    ).map((c) =>
      rng.chance(0.1) && employment !== 'contract'
        ? { ...c, lines: { ...c.lines, trainingProgramme: rng.int(1, 3) * 100_000 } }
        : c,
    ),
    note: '',
  }
}

function cioPlacement(rng: Rng, index: number, body: DemoBody, today: string): PlannedPlacement {
  const fy = fiscalYearOfIsoDate(today)
  const name = demoName(rng)
  const employment = rng.weighted<PlacementEmployment>({
    special_part_time: 70,
    contract: 30,
    full_time: 0,
    part_time: 0,
  })
  const startOn = rng.pick([fyStart(fy - 2), `${fy - 2}-07-01`, fyStart(fy - 1)])
  return {
    index,
    kind: 'cio_adviser',
    employerCode: body.code,
    prefectureCode: body.prefectureCode,
    person: null,
    personName: fullName(name),
    personKana: fullKana(name),
    jobTitle: 'CIO補佐官',
    employment,
    fixedTerm: false,
    mainDutyMunicipalSupport: false,
    designatedDxLeader: false,
    planDraftingOnly: employment === 'contract' && rng.chance(0.15),
    startOn,
    endOn: fyEnd(fy),
    municipalities: [
      { code: body.code, daysPerWeek: rng.pick([0.5, 1, 1, 2]), weekdays: rng.pick(['月', '水', '金', '火・木']) },
    ],
    ended: null,
    costs: costsFor(rng, employment, startOn, fyEnd(fy), fy, 1, { directTravel: rng.chance(0.3) }),
    note: '（デモ用の架空の人物です）',
  }
}

function planAppointments(
  rng: Rng,
  professionals: PlannedProfessional[],
  complete: PlannedProfessional[],
  scale: number,
  today: string,
): PlannedAppointment[] {
  const { prefectures } = loadCountry()
  const codes = prefectures.map((p) => p.prefectureCode)
  const weight = (code: string) => POPULATION_WEIGHT[code] ?? 1
  // The 21 prefectures of the baseline (長野県 among them: the printed accelerator is one of its first).
  const baselinePrefectures = [
    NAGANO,
    ...rng.sample(
      codes.filter((c) => c !== NAGANO),
      APPOINTMENT_BASELINE.prefectures - 1,
    ),
  ].sort()
  const counts = new Map(baselinePrefectures.map((c) => [c, 1]))
  for (let i = baselinePrefectures.length; i < APPOINTMENT_BASELINE.appointed; i++) {
    const code = rng.weightedPick(baselinePrefectures.map((c) => [c, weight(c)] as const))
    counts.set(code, counts.get(code)! + 1)
  }
  const used = new Set<number>()
  const personFor = (code: string): PlannedProfessional => {
    const residents = complete.filter(
      (p) => p.basics.residencePrefectureCode === code && !used.has(p.index) && p.index !== 0,
    )
    const person =
      residents.length > 0 ? rng.pick(residents) : rng.pick(complete.filter((p) => !used.has(p.index) && p.index !== 0))
    used.add(person.index)
    return person
  }
  const statementOf = (person: PlannedProfessional, code: string) =>
    `${ROLE_SKILLS[person.role].label}として${person.basics.yearsPrivateIt + person.basics.yearsPublicSector}年の経験があり、${
      prefectures.find((p) => p.prefectureCode === code)!.name
    }の人材プールで研修を修了しました。管内の小規模町村の${TOPIC_PHRASES[person.skills[0]!.skillId] ?? 'DX推進'}を支援します。`
  const appointments: PlannedAppointment[] = []
  const termEnd = (on: string) => fyEnd(fiscalYearOfIsoDate(on) + 1)
  /** An appointment in force from `appointedOn` (its term to the end of the next 年度). */
  const appointedCase = (code: string, person: PlannedProfessional, appointedOn: string): PlannedAppointment => ({
    prefectureCode: code,
    person: person.index,
    roleId: person.role,
    outcome: 'appointed',
    appointedOn,
    termEndOn: termEnd(appointedOn),
    closedOn: null,
    endReason: null,
    placement: null,
    statement: statementOf(person, code),
  })
  for (const code of baselinePrefectures) {
    for (let i = 0; i < counts.get(code)!; i++) {
      const person = code === NAGANO && i === 0 ? professionals[0]! : personFor(code)
      const appointedOn =
        person.index === 0
          ? '2025-04-01'
          : rng.weightedPick([
              ['2025-04-01', 5],
              ['2025-05-01', 2],
              ['2025-06-01', 2],
              ['2025-07-01', 2],
              [APPOINTMENT_BASELINE.on, 1],
            ] as const)
      appointments.push(appointedCase(code, person, appointedOn))
    }
  }
  // Growth since: monthly rounds up to last month, more prefectures joining as the programme spreads.
  const growth = Math.round(160 * scale)
  const months: string[] = []
  for (let month = '2025-08-01'; month < firstOfMonth(today); month = addMonths(month, 1)) months.push(month)
  const appointedIn = new Set(baselinePrefectures)
  for (let i = 0; i < growth && months.length > 0; i++) {
    const appointedOn = rng.weightedPick(months.map((m, k) => [m, 1 + k / 3] as const))
    const code = rng.weightedPick(codes.map((c) => [c, weight(c) * (appointedIn.has(c) ? 1 : 3)] as const))
    appointedIn.add(code)
    const person = personFor(code)
    appointments.push(appointedCase(code, person, appointedOn))
  }
  // Some have left (never before the baseline day, so the 53 stand on it), one was revoked.
  const lastDay = addDays(today, -7)
  const closable = appointments.filter((a) => a.person !== 0)
  for (const a of rng.sample(closable, Math.round(closable.length * 0.07) + 1)) {
    const earliest = [addDays(a.appointedOn!, 150), '2025-09-30'].sort()[1]!
    if (earliest > lastDay) continue
    const span = Math.max(0, Math.round((Date.parse(lastDay) - Date.parse(earliest)) / 86_400_000))
    a.closedOn = addDays(earliest, rng.int(0, span))
    a.outcome = 'ended'
    a.endReason = rng.weighted({ resignation: 55, term_end: 25, other: 20 })
  }
  const revocable = appointments.filter(
    (a) => a.outcome === 'appointed' && a.person !== 0 && a.appointedOn! < '2026-01-01',
  )
  if (revocable.length > 0) {
    const a = rng.pick(revocable)
    const earliest = [addDays(a.appointedOn!, 120), '2025-10-01'].sort()[1]!
    if (earliest <= lastDay) {
      a.outcome = 'revoked'
      a.closedOn = earliest
    }
  }
  // Cases still open or closed without an appointment: under review, returned for more, declined, withdrawn.
  const open: Array<[AppointmentOutcome, number]> = [
    ['nominated', Math.max(3, Math.round(8 * scale))],
    ['returned', Math.max(2, Math.round(4 * scale))],
    ['declined', 2],
    ['withdrawn', 1],
  ]
  for (const [outcome, count] of open)
    for (let i = 0; i < count; i++) {
      const code = rng.weightedPick(codes.map((c) => [c, weight(c)] as const))
      const person = personFor(code)
      appointments.push({
        prefectureCode: code,
        person: person.index,
        roleId: person.role,
        outcome,
        appointedOn: null,
        termEndOn: null,
        closedOn: null,
        endReason: null,
        placement: null,
        statement: statementOf(person, code),
      })
    }
  return appointments
}

/**
 * 推進体制 ①〜④: a mid-year report of R6 (fewer met) and the R6年度末 report matching the published figures —
 * ① everywhere, ② missing in 4, ③ in 9, ④ in 2, none missing two (so 32 meet all four) — confirmed by the
 * ministry; a few prefectures have since reported again (awaiting confirmation, nothing changed).
 */
function planStructure(rng: Rng, appointments: PlannedAppointment[]): PlannedStructureReport[] {
  const { prefectures } = loadCountry()
  const codes = prefectures.map((p) => p.prefectureCode)
  const withAccelerators = new Set(
    appointments.filter((a) => a.appointedOn && a.appointedOn <= APPOINTMENT_BASELINE.on).map((a) => a.prefectureCode),
  )
  // ③ (専門人材の確保) is missing only where no accelerator was appointed early.
  const [unmet2Count, unmet3Count, unmet4Count] = DX_STRUCTURE_R6_END.met.slice(1).map((m) => codes.length - m) as [
    number,
    number,
    number,
  ]
  const unmet3 = rng.sample(
    codes.filter((c) => !withAccelerators.has(c)),
    unmet3Count,
  )
  const rest = rng.shuffle(codes.filter((c) => !unmet3.includes(c)))
  const unmet2 = rest.slice(0, unmet2Count)
  const unmet4 = rest.slice(unmet2Count, unmet2Count + unmet4Count)
  const unmetAtEnd: Record<1 | 2 | 3 | 4, Set<string>> = {
    1: new Set(),
    2: new Set(unmet2),
    3: new Set(unmet3),
    4: new Set(unmet4),
  }
  // Half a year earlier, more were missing.
  const unmetMidYear: Record<1 | 2 | 3 | 4, Set<string>> = {
    1: new Set(rng.sample(codes, 3)),
    2: new Set([...unmet2, ...rng.sample(codes, 6)]),
    3: new Set([...unmet3, ...rng.sample(codes, 7)]),
    4: new Set([...unmet4, ...rng.sample(codes, 5)]),
  }
  const NOTES: Record<1 | 2 | 3 | 4, [string, string]> = {
    1: ['県・市町村DX推進連絡会議を設置（年4回開催）', '会議体は設置に向けて調整中'],
    2: ['全市町村へのヒアリングを実施し、課題を一覧に整理', 'ヒアリングは一部の市町村で未実施'],
    3: ['人材プールを設置し、専門人材を確保', '専門人材は募集中'],
    4: ['システムの共同調達を取組テーマに設定', '取組テーマは検討中'],
  }
  const reports: PlannedStructureReport[] = []
  for (const [round, asOf, reportedAt, reviewedAt, unmet] of [
    ['mid', '2024-09-30', '2024-10-15T10:00:00+09:00', '2024-11-05T15:00:00+09:00', unmetMidYear],
    ['end', DX_STRUCTURE_R6_END.asOf, '2025-04-18T10:00:00+09:00', '2025-05-12T15:00:00+09:00', unmetAtEnd],
  ] as const) {
    void round
    for (const code of codes)
      for (const requirement of [1, 2, 3, 4] as const) {
        const met = !unmet[requirement].has(code)
        reports.push({
          prefectureCode: code,
          requirement,
          met,
          asOf,
          status: 'confirmed',
          reportedAt,
          reviewedAt,
          note: NOTES[requirement][met ? 0 : 1],
        })
      }
  }
  for (const code of rng.sample(
    codes.filter((c) => !unmetAtEnd[3].has(c)),
    3,
  ))
    reports.push({
      prefectureCode: code,
      requirement: 3,
      met: true,
      asOf: '2025-09-30',
      status: 'reported',
      reportedAt: '2025-10-10T10:00:00+09:00',
      reviewedAt: null,
      note: 'アクセラレータの任命が進み、専門人材を増員',
    })
  return reports
}

function planDirectory(
  rng: Rng,
  professionals: PlannedProfessional[],
  appointments: PlannedAppointment[],
): PlannedDirectoryEntry[] {
  const current = appointments.filter((a) => a.outcome === 'appointed')
  const chosen = [
    ...current.filter((a) => a.person === 0),
    ...rng.sample(
      current.filter((a) => a.person !== 0),
      Math.max(5, Math.round(current.length * 0.06)),
    ),
  ]
  return chosen.map((a) => {
    const person = professionals[a.person]!
    return {
      person: a.person,
      visibility: a.person === 0 || rng.chance(0.5) ? 'public' : 'accelerators',
      headline: `${ROLE_SKILLS[person.role].label}｜${TOPIC_PHRASES[person.skills[0]!.skillId] ?? 'DX推進'}`,
      introduction: person.basics.introduction,
      contact: person.email,
      showPrefecture: true,
      showSkills: rng.chance(0.6),
    }
  })
}
