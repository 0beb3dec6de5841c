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
import type {
  EmploymentForm,
  IssueUrgency,
  ItStaffing,
  LocalGovernmentKind,
  NeedEmployer,
  NeedStatus,
  PayUnit,
  PlacementEmployment,
  PlacementEndReason,
  PlacementKind,
  PoolStatus,
  ShortlistStatus,
} from '../../../db/schema'
import { fiscalYearOfIsoDate } from '../../funding/fiscal-year'
import { loadLocalGovernmentRows } from '../../../seeds/local-governments'
import { NEED_TEMPLATES, type NeedTemplate } from '../../../seeds/need-templates'
import type { CostLineKey } from '../../utils/placement-validation'
import { demoName, type DemoName, fullKana, fullName } from './names'
import { createRng, type Rng } from './random'

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

export type DemoRoleId = 'producer' | 'project-manager' | 'service-designer' | 'engineer' | 'cio-adviser'

const ROLE_SKILLS: Record<DemoRoleId, { core: string[]; extra: string[]; label: string }> = {
  producer: {
    label: 'プロデューサー',
    core: ['project-planning', 'national-digital-policy', 'change-leadership', 'dx-plan', 'stakeholder-coordination'],
    extra: ['service-design', 'data-analysis', 'information-security', 'ebpm', 'front-yard', 'hr-development'],
  },
  'project-manager': {
    label: 'プロジェクトマネージャー',
    core: [
      'project-planning',
      'schedule-management',
      'cost-management',
      'quality-management',
      'stakeholder-coordination',
    ],
    extra: [
      'specification-writing',
      'vendor-management',
      'administrative-practice',
      'bpr-procurement-support',
      'joint-procurement',
      'standardization-advice',
      'government-cloud',
    ],
  },
  'service-designer': {
    label: 'サービスデザイナー',
    core: ['service-design', 'ui-ux', 'bpr'],
    extra: [
      'front-yard',
      'data-analysis',
      'web-publishing',
      'digital-divide',
      'my-number-card',
      'data-utilization-advice',
      'hr-development',
      'open-data',
    ],
  },
  engineer: {
    label: 'エンジニア',
    core: ['low-code', 'ai-rpa', 'specification-writing', 'infrastructure', 'information-security'],
    extra: [
      'vendor-management',
      'helpdesk',
      'government-cloud',
      'standardization-advice',
      'security-training-audit',
      'el-qr',
      'telework',
    ],
  },
  'cio-adviser': {
    label: 'CIO補佐官等',
    core: ['change-leadership', 'national-digital-policy', 'dx-plan', 'information-security'],
    extra: ['government-cloud', 'administrative-practice', 'standardization-advice', 'ebpm', 'joint-procurement'],
  },
}

const QUALIFICATIONS = [
  'ipa-ip',
  'ipa-sg',
  'ipa-fe',
  'ipa-ap',
  'ipa-st',
  'ipa-sa',
  'ipa-pm',
  'ipa-nw',
  'ipa-db',
  'ipa-sm',
  'ipa-au',
  'ipa-riss',
  'pmp',
  'it-coordinator',
  'pe-information',
]

const COMPANIES = [
  'みらい情報システム株式会社',
  'あおば総合研究所',
  'ひかりITソリューションズ株式会社',
  '株式会社さくらデジタル',
  'つばさコンサルティング株式会社',
  '株式会社しずくデータ',
  'やまびこシステムズ株式会社',
  '株式会社こもれびデザイン',
  'ほしぞらネットワーク株式会社',
  '株式会社みなとクラウド',
]
const PUBLIC_BODIES = ['〇〇市役所 情報政策課', '〇〇県庁 デジタル推進課', '〇〇町役場 総務課', '〇〇広域連合 事務局']

const ROLE_TITLES: Record<DemoRoleId, string[]> = {
  producer: ['事業部長', 'コンサルティングマネージャー', 'DX推進室長'],
  'project-manager': ['PM', 'プロジェクトリーダー', 'PMO'],
  'service-designer': ['サービスデザイナー', 'UXデザイナー', '業務改革コンサルタント'],
  engineer: ['エンジニア', 'インフラエンジニア', 'アーキテクト'],
  'cio-adviser': ['CIO補佐官', 'ITアドバイザー', '情報化推進監'],
}

const TOPIC_PHRASES: Record<string, string> = {
  'dx-plan': 'DX推進計画の策定',
  'standardization-advice': '基幹業務システムの標準化',
  'government-cloud': 'ガバメントクラウドへの移行',
  'bpr-procurement-support': 'システム調達の仕様書づくり',
  'data-utilization-advice': 'データ利活用',
  'hr-development': '職員研修の企画',
  'security-training-audit': 'セキュリティ監査',
  'front-yard': '書かない窓口',
  'my-number-card': 'マイナンバーカードの利活用',
  'ai-rpa': 'RPA・生成AIの導入',
  'information-security': '情報セキュリティ対策',
  'service-design': 'サービスデザイン',
  'ui-ux': '住民向けサイトのUI改善',
  bpr: '窓口業務のBPR',
  'data-analysis': 'データ分析',
  'low-code': 'ローコードでの業務アプリ開発',
  infrastructure: 'ネットワーク・基盤の設計',
  'project-planning': '大規模プロジェクトの企画',
  'vendor-management': 'ベンダーとの仕様調整',
  'change-leadership': '組織変革の推進',
  'national-digital-policy': '国のデジタル政策への対応',
}

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

const APPLICATION_MESSAGES = [
  '週2日程度、オンライン中心で支援できます。',
  '地元の町村の役に立ちたいと思い応募しました。',
  '標準化・クラウド移行の経験を生かしたいです。',
  '副業として関わりたいと考えています。',
  '',
]

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

const ISSUE_TEXT: Record<string, { title: string; situation: string; outcome: string; topics: string[] }> = {
  'dx-plan': {
    title: 'DX推進計画の見直しが進まない',
    situation: 'DX推進計画を策定したが、重点取組の進み具合を測れず、見直しの手が回っていない。',
    outcome: '現状を整理し、次期計画の骨子を職員と一緒に作りたい。',
    topics: ['dx-plan'],
  },
  'standardization-advice': {
    title: '標準化・ガバメントクラウド移行の仕様調整が追いつかない',
    situation:
      '基幹業務システムの標準化とガバメントクラウドへの移行で、ベンダーとの仕様調整と移行計画づくりが追いつかない。',
    outcome: '移行計画を立て、ベンダーと対等に仕様を調整できるよう、週1日程度の助言がほしい。',
    topics: ['standardization-advice', 'government-cloud'],
  },
  'bpr-procurement-support': {
    title: '窓口業務の見直しとシステム調達に不安がある',
    situation: '窓口の手続きが紙中心で、次のシステム調達の仕様書を自前で書ける職員がいない。',
    outcome: '書かない窓口に向けた業務の見直しと、仕様書・事業者選定を支援してほしい。',
    topics: ['bpr-procurement-support', 'front-yard'],
  },
  'data-utilization-advice': {
    title: '庁内データを政策に生かせていない',
    situation: '各課にデータはあるが整理されておらず、分析や公開に手が回らない。',
    outcome: 'データの棚卸しと、EBPMの小さな実践を一緒に進めたい。',
    topics: ['data-utilization-advice', 'open-data'],
  },
  'hr-development': {
    title: '職員のデジタル研修を企画できる人がいない',
    situation: '職員のデジタルに関する知識にばらつきがあり、DX推進リーダーの育成計画もない。',
    outcome: '年間の研修計画と、リーダー向け研修の講師をお願いしたい。',
    topics: ['hr-development'],
  },
  'security-training-audit': {
    title: '情報セキュリティの自己点検が形だけになっている',
    situation: 'セキュリティポリシーの自己点検と研修が毎年同じ内容で、監査の指摘にも対応しきれていない。',
    outcome: '点検項目の見直しと、職員研修・内部監査の支援がほしい。',
    topics: ['security-training-audit', 'information-security'],
  },
}

const STAFFING_NOTE: Record<ItStaffing, string> = {
  none: '情報担当の専任はおらず、総務課の職員が兼務している。',
  one: '情報担当は総務課の職員1人（一人情シス）。',
  few: '情報担当は3人。',
  team: '情報政策課に6人。',
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
  const { prefectures, municipalities } = loadCountry()
  const root = createRng(options.seed)
  const { today } = options
  const fy = fiscalYearOfIsoDate(today)
  const scale = Math.min(1, Math.max(0.15, options.professionals / DEMO_PROFESSIONALS))
  const prefectureName = new Map(prefectures.map((p) => [p.prefectureCode, p.name]))
  const prefectureBody = new Map(prefectures.map((p) => [p.prefectureCode, p.code]))

  // People.
  const peopleRng = root.fork('people')
  const professionals = Array.from({ length: options.professionals }, (_, i) => planProfessional(peopleRng, i, today))
  const complete = professionals.filter((p) => p.complete && p.experiences.length > 0)

  // Appointments: who, where, when (the pools below make each person a registered member there).
  const appointments = planAppointments(root.fork('appointments'), professionals, complete, scale, today)

  // Pools.
  const poolRng = root.fork('pools')
  const memberships: PlannedMembership[] = []
  const memberOf = new Map<string, PlannedMembership>()
  const addMembership = (m: PlannedMembership) => {
    const key = `${m.pool}:${m.person}`
    if (memberOf.has(key)) return false
    memberOf.set(key, m)
    memberships.push(m)
    return true
  }
  const membership = (person: PlannedProfessional, pool: string, status: PoolStatus): PlannedMembership => ({
    person: person.index,
    pool,
    via: 'application',
    status,
    ...membershipPath(poolRng, status),
    training: status === 'training' || status === 'registered' ? poolRng.chance(0.85) : false,
    targetRole: status === 'training' || status === 'registered' ? person.role : null,
    interview:
      status === 'interview' && poolRng.chance(0.7)
        ? {
            at: `${addDays(today, poolRng.int(3, 21))}T${poolRng.pick(['10:00', '13:30', '15:00'])}:00+09:00`,
            place: poolRng.pick(['オンライン（Teams）', '県庁 本庁舎 会議室', 'オンライン（Zoom）']),
          }
        : null,
    message: poolRng.pick(APPLICATION_MESSAGES),
  })
  for (const a of appointments) {
    const person = professionals[a.person]!
    addMembership({ ...membership(person, a.prefectureCode, 'registered'), training: true, targetRole: a.roleId })
  }
  // Every pool holds someone at every status.
  for (const prefecture of prefectures) {
    const code = prefecture.prefectureCode
    const residents = complete.filter((p) => p.basics.residencePrefectureCode === code)
    for (const status of [
      'applied',
      'screening',
      'interview',
      'training',
      'registered',
      'declined',
      'withdrawn',
    ] as const) {
      const candidates = [...residents, ...poolRng.sample(complete, 30)].filter(
        (p) => !memberOf.has(`${code}:${p.index}`),
      )
      addMembership(membership(poolRng.pick(candidates), code, status))
    }
  }
  for (const person of complete) {
    if (poolRng.chance(0.32)) {
      const status = poolRng.weighted(POOL_STATUS_WEIGHTS)
      addMembership(membership(person, person.basics.residencePrefectureCode, status))
    }
    if (poolRng.chance(0.07)) {
      const other = poolRng.pick(prefectures).prefectureCode
      addMembership(membership(person, other, poolRng.weighted(POOL_STATUS_WEIGHTS)))
    }
  }
  // The national list: people the ministry screened, who consent to be listed for the prefectures.
  const nationalRng = root.fork('national')
  const listed = nationalRng.sample(
    complete.filter((p) => p.consent.visibility !== 'none' && p.index !== 0),
    Math.max(8, Math.round(options.professionals * 0.03)),
  )
  for (const person of listed) {
    person.consent.nationalListConsent = true
    const status = nationalRng.weighted<PoolStatus>({
      registered: 75,
      training: 8,
      interview: 7,
      screening: 5,
      applied: 5,
      declined: 0,
      withdrawn: 0,
    })
    addMembership({ ...membership(person, '00', status), via: 'invitation', interview: null, message: '' })
  }
  // A few prefectures copy registered people from the list into their own pools.
  const copyable = listed.filter(
    (p) => p.consent.visibility === 'all' && memberOf.get(`00:${p.index}`)?.status === 'registered',
  )
  for (const person of nationalRng.sample(copyable, Math.min(copyable.length, 4))) {
    const pool = nationalRng.pick(prefectures.filter((p) => p.prefectureCode !== HIROSHIMA)).prefectureCode
    addMembership({
      person: person.index,
      pool,
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

  // Who a prefecture can see (consent, as profile-visibility.ts defines it): shared with all prefectures, with it,
  // or a pool of it the person joined themselves and has not withdrawn from.
  const joined = new Set(
    memberships
      .filter((m) => m.via !== 'copy' && m.status !== 'withdrawn' && m.pool !== '00')
      .map((m) => `${m.pool}:${m.person}`),
  )
  const visibleTo = (person: PlannedProfessional, pool: string) =>
    person.complete &&
    (person.consent.visibility === 'all' ||
      (person.consent.visibility === 'selected' && person.consent.visiblePrefectureCodes.includes(pool)) ||
      joined.has(`${pool}:${person.index}`))

  // 課題 and needs.
  const needRng = root.fork('needs')
  const needCount = Math.max(12, Math.round(options.professionals * 0.15))
  const needPrefectures: string[] = []
  const base = needCount >= prefectures.length * 3 ? 3 : needCount >= prefectures.length ? 1 : 0
  for (const p of prefectures) for (let i = 0; i < base; i++) needPrefectures.push(p.prefectureCode)
  const smallBodies = (code: string) =>
    (municipalities.get(code) ?? []).filter((m) => m.kind === 'town' || m.kind === 'village').length
  while (needPrefectures.length < needCount)
    needPrefectures.push(
      needRng.weightedPick(prefectures.map((p) => [p.prefectureCode, smallBodies(p.prefectureCode) + 3])),
    )
  const statuses = needRng.shuffle(
    Array.from({ length: needCount }, (_, i) =>
      i < 6
        ? (['draft', 'published', 'selecting', 'filled', 'closed', 'withdrawn'] as const)[i]!
        : needRng.weighted<NeedStatus>({
            draft: 14,
            published: 22,
            selecting: 20,
            filled: 14,
            closed: 22,
            withdrawn: 8,
          }),
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
    const template = needRng.weightedPick(
      templates.map(
        (t) =>
          [
            t,
            t.id === 'standardization-advice' ? 3 : t.id === 'dx-plan' || t.id === 'bpr-procurement-support' ? 2 : 1.5,
          ] as const,
      ),
    )
    const bodies = municipalities.get(prefectureCode) ?? []
    const count = Math.min(bodies.length, Number(needRng.weighted({ '1': 55, '2': 35, '3': 10 })))
    const chosen: DemoBody[] = []
    while (chosen.length < count) {
      const body = needRng.weightedPick(
        bodies.filter((b) => !chosen.includes(b)).map((b) => [b, NEED_KIND_WEIGHT[b.kind]] as const),
      )
      chosen.push(body)
    }
    chosen.sort((a, b) => (a.code < b.code ? -1 : 1))
    const employmentForm = needRng.weightedPick<EmploymentForm>([
      [template.employmentForm, 55],
      ['full_time', 20],
      ['contract', template.employmentForm === 'contract' ? 0 : 15],
      ['part_time', template.employmentForm === 'part_time' ? 0 : 10],
      ['special_part_time', 10],
    ])
    const perBody = employmentForm === 'full_time' ? Math.max(1, 4 / chosen.length) : template.daysPerMunicipality
    const days = chosen.map(() =>
      Math.min(5, Math.max(0.5, Math.round((perBody + needRng.pick([0, 0, 0.5, 1, -0.5])) * 2) / 2)),
    )
    const openCall = status === 'draft' ? needRng.chance(0.5) : needRng.chance(0.8)
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
          : needRng.pick([fyStart(fy - 2), `${fy - 2}-10-01`, fyStart(fy - 1), `${fy - 1}-07-01`, `${fy - 1}-10-01`])
        : needRng.pick([nextFy, nextFy, nextFy, addMonths(today, 1), addMonths(today, 2)])
    const endOn = needRng.chance(0.6) ? fyEnd(fiscalYearOfIsoDate(startOn) + needRng.int(0, 1)) : null
    const filledBy = status === 'filled' || status === 'closed' ? (needRng.chance(0.8) ? 'offer' : 'manual') : null
    const pay =
      employmentForm === 'part_time'
        ? { min: needRng.int(25, 35) * 1000, max: needRng.int(36, 50) * 1000, unit: 'day' as const }
        : employmentForm === 'full_time'
          ? { min: needRng.int(38, 48) * 10000, max: needRng.int(50, 68) * 10000, unit: 'month' as const }
          : employmentForm === 'special_part_time'
            ? { min: needRng.int(12, 20) * 10000, max: needRng.int(21, 32) * 10000, unit: 'month' as const }
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
          ? needRng.pick(['prefecture', 'dispatch_company'] as const)
          : needRng.chance(0.15)
            ? 'joint'
            : 'prefecture',
      status,
      filledBy,
      openCall,
      startOn,
      endOn: endOn && endOn >= startOn ? endOn : null,
      applicationDeadline:
        status === 'published' && openCall && needRng.chance(0.7) ? addDays(today, needRng.int(21, 70)) : null,
      remoteDaysPerWeek: needRng.pick([0, 0, 0.5, 1, 1, 2]),
      pay,
      budgetYen: employmentForm === 'contract' ? needRng.int(30, 120) * 100_000 : null,
      issue: needRng.chance(0.45) ? issueFor(needRng, template, chosen[0]!, false) : null,
      shortlist: [],
      placement: null,
    }
    planShortlist(needRng, need, template, professionals, visibleTo, offered, entriesOf, memberOf)
    if (need.filledBy === 'offer' && !need.shortlist.some((e) => e.final === 'offered')) need.filledBy = 'manual'
    if (need.filledBy === 'offer') need.placement = planOfferPlacement(needRng, need, today)
    needs.push(need)
  }
  // Accepting a 打診 files an application to the need's prefecture (shortlist.server.ts): they can see them too.
  for (const need of needs)
    for (const entry of need.shortlist) if (entry.accepted) joined.add(`${need.prefectureCode}:${entry.person}`)

  const issues: PlannedIssue[] = []
  const issueRng = root.fork('issues')
  for (let i = 0; i < Math.round(needCount * 0.25); i++) {
    const prefectureCode = issueRng.pick(prefectures).prefectureCode
    const bodies = municipalities.get(prefectureCode) ?? []
    const body = issueRng.weightedPick(bodies.map((b) => [b, NEED_KIND_WEIGHT[b.kind]] as const))
    issues.push(issueFor(issueRng, issueRng.pick(NEED_TEMPLATES), body, issueRng.chance(0.4)))
  }

  // Placements recorded directly: accelerators' own (常勤 mostly), others employed without an appointment, and
  // municipalities' CIO補佐官等.
  const placementRng = root.fork('placements')
  const placements: PlannedPlacement[] = []
  for (const a of appointments) {
    if (a.prefectureCode === HIROSHIMA || a.appointedOn === null) continue
    if (!(a.person === 0 || placementRng.chance(0.45))) continue
    const person = professionals[a.person]!
    a.placement = placements.length
    placements.push(
      prefecturePlacement(
        placementRng,
        placements.length,
        person,
        a.prefectureCode,
        prefectureBody.get(a.prefectureCode)!,
        {
          startOn: a.appointedOn,
          closedOn: a.closedOn,
          employment:
            a.person === 0
              ? 'full_time'
              : placementRng.weighted<PlacementEmployment>({
                  full_time: 55,
                  part_time: 25,
                  contract: 15,
                  special_part_time: 5,
                }),
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
  for (const m of placementRng.sample(registeredOthers, Math.max(2, Math.round(options.professionals * 0.008)))) {
    const person = professionals[m.person]!
    const startOn = placementRng.pick([
      fyStart(fy - 2),
      `${fy - 2}-10-01`,
      fyStart(fy - 1),
      `${fy - 1}-07-01`,
      fyStart(fy),
    ])
    const plan = prefecturePlacement(placementRng, placements.length, person, m.pool, prefectureBody.get(m.pool)!, {
      startOn,
      employment: 'full_time',
      today,
      municipalities: municipalities.get(m.pool) ?? [],
    })
    // Some of them have finished their term.
    if (startOn < fyStart(fy - 1) && placementRng.chance(0.4)) {
      plan.ended = { on: fyEnd(fy - 1), reason: 'term_end' }
      plan.endOn = fyEnd(fy - 1)
      plan.costs = plan.costs.filter((c) => c.fy <= fy - 1)
    }
    placements.push(plan)
  }
  const cioBodies: DemoBody[] = []
  const cioCount = Math.max(4, Math.round(options.professionals * 0.01))
  const cioCandidates = prefectures
    .filter((p) => p.prefectureCode !== HIROSHIMA)
    .flatMap((p) => municipalities.get(p.prefectureCode) ?? [])
    .filter((b) => b.kind !== 'designated_city')
  for (let i = 0; i < cioCount; i++) {
    // The first body has four: more than the three persons B1 counts per body (002:450).
    const body =
      i < 4 && cioBodies[0]
        ? cioBodies[0]
        : placementRng.weightedPick(
            cioCandidates.filter((b) => !cioBodies.includes(b)).map((b) => [b, b.kind === 'city' ? 2 : 1] as const),
          )
    if (!cioBodies.includes(body)) cioBodies.push(body)
    placements.push(cioPlacement(placementRng, placements.length, body, today))
  }

  const structure = planStructure(root.fork('structure'), appointments)
  const directory = planDirectory(root.fork('directory'), professionals, appointments)

  // Last, so that every way of being seen by 広島県 is known (see the header).
  for (const person of professionals) {
    if (!visibleTo(person, HIROSHIMA)) continue
    person.skills = person.skills
      .filter((s) => s.skillId !== 'infrastructure')
      .map((s) => (s.skillId === 'standardization-advice' && s.level > 2 ? { ...s, level: 2 } : s))
    for (const exp of person.experiences) {
      exp.skillIds = exp.skillIds.filter((id) => id !== 'infrastructure')
      if (exp.skillIds.length === 0) exp.skillIds = [person.skills[0]!.skillId]
    }
  }

  return {
    options,
    professionals,
    memberships,
    issues,
    needs,
    placements,
    appointments,
    structure,
    directory,
    municipalEmployers: cioBodies.map((b) => b.code),
  }
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

const WEEKDAY_SETS = [['月', '水'], ['火', '木'], ['水'], ['月'], ['木'], ['火', '金'], ['月', '火', '水', '木', '金']]

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
      appointments.push({
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
    appointments.push({
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
      Math.max(5, Math.round(current.length * 0.2)),
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
