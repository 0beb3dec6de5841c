// Templates for starting a need (ニーズ) from the ministry's list of municipal support tasks
// (市町村支援業務の想定事例, 002:415-424). Each prefills the job description: the task, a fitting role (人材像)
// and the catalogue skills with a minimum level. Skill and role ids refer to the skill standard's stable
// registry ids; an id the current published version no longer has is dropped when the template is applied.
import type { EmploymentForm } from '../db/schema'

export interface NeedTemplate {
  id: string
  title: string
  /** A starting text for 背景と課題, to be rewritten with the municipalities' own situation. */
  background: string
  taskSkillIds: string[]
  taskDetails: string
  roleId: string
  employmentForm: EmploymentForm
  /** Typical days a week per municipality served (県が採用 → A市 週1日・B町 週1日, 002:426). */
  daysPerMunicipality: number
  skills: Array<{ skillId: string; minLevel: number; essential: boolean }>
  source: string
}

const SOURCE = '002:415-424（市町村支援業務の想定事例）'
const SELECTION_DEFAULT = '書類選考のうえ面接（オンライン可）'
export const DEFAULT_SELECTION_PROCESS = SELECTION_DEFAULT

export const NEED_TEMPLATES: readonly NeedTemplate[] = [
  {
    id: 'dx-plan',
    title: 'DX・情報化計画の策定・見直し支援',
    background:
      '管内の市町村で、DX推進計画・情報化計画の策定や見直しが進んでいない。職員だけでは計画づくりの知見が不足している。',
    taskSkillIds: ['dx-plan'],
    taskDetails:
      'DX推進計画・情報化計画等の策定・見直し案の作成を支援する。現状把握、重点取組の整理、庁内の合意形成を行政職員と進める。',
    roleId: 'producer',
    employmentForm: 'part_time',
    daysPerMunicipality: 1,
    skills: [
      { skillId: 'dx-plan', minLevel: 3, essential: true },
      { skillId: 'project-planning', minLevel: 3, essential: true },
      { skillId: 'national-digital-policy', minLevel: 2, essential: true },
      { skillId: 'stakeholder-coordination', minLevel: 2, essential: false },
    ],
    source: SOURCE,
  },
  {
    id: 'standardization-advice',
    title: '標準化・クラウド化に向けた助言・仕様調整',
    background:
      '基幹業務システムの標準化とガバメントクラウドへの移行について、小規模な市町村では情報担当が少なく、ベンダーとの仕様調整や移行計画の判断が難しい。',
    taskSkillIds: ['standardization-advice'],
    taskDetails:
      '標準準拠システムへの移行とガバメントクラウド利用に向けて、市町村に助言し、ベンダーとの仕様調整・移行スケジュールの管理を支援する。',
    roleId: 'engineer',
    employmentForm: 'part_time',
    daysPerMunicipality: 1,
    skills: [
      { skillId: 'standardization-advice', minLevel: 3, essential: true },
      { skillId: 'government-cloud', minLevel: 3, essential: true },
      { skillId: 'vendor-management', minLevel: 2, essential: true },
      { skillId: 'specification-writing', minLevel: 2, essential: false },
      { skillId: 'infrastructure', minLevel: 2, essential: false },
    ],
    source: SOURCE,
  },
  {
    id: 'bpr-procurement-support',
    title: '業務見直し（BPR）・システム発注支援',
    background: '窓口や内部事務の業務が紙と手作業に頼っており、システム調達の仕様書づくりや事業者選定にも不安がある。',
    taskSkillIds: ['bpr-procurement-support'],
    taskDetails:
      'デジタル技術も活用した業務見直し（BPR）を職員と進め、システム調達の仕様書作成・事業者選定・契約を支援する。',
    roleId: 'project-manager',
    employmentForm: 'part_time',
    daysPerMunicipality: 1,
    skills: [
      { skillId: 'bpr-procurement-support', minLevel: 3, essential: true },
      { skillId: 'bpr', minLevel: 3, essential: true },
      { skillId: 'specification-writing', minLevel: 2, essential: true },
      { skillId: 'front-yard', minLevel: 2, essential: false },
    ],
    source: SOURCE,
  },
  {
    id: 'data-utilization-advice',
    title: 'データ利活用に関する助言',
    background: '庁内にデータはあるが、整備・分析・公開が進まず、政策立案に生かせていない。',
    taskSkillIds: ['data-utilization-advice'],
    taskDetails: '庁内データの整備・分析・オープンデータ化と、政策（EBPM）への活用について市町村に助言する。',
    roleId: 'service-designer',
    employmentForm: 'contract',
    daysPerMunicipality: 0.5,
    skills: [
      { skillId: 'data-utilization-advice', minLevel: 3, essential: true },
      { skillId: 'data-analysis', minLevel: 3, essential: true },
      { skillId: 'open-data', minLevel: 2, essential: false },
      { skillId: 'ebpm', minLevel: 2, essential: false },
    ],
    source: SOURCE,
  },
  {
    id: 'hr-development',
    title: '人材育成（研修企画・講師等）',
    background: '職員のデジタルに関する知識にばらつきがあり、DX推進リーダーの育成も進んでいない。',
    taskSkillIds: ['hr-development'],
    taskDetails: '職員向け研修の企画と講師、DX推進リーダーの育成支援を行う。',
    // DX推進リーダー itself is an internal role (002:452-474); the trainer is external.
    roleId: 'service-designer',
    employmentForm: 'contract',
    daysPerMunicipality: 0.5,
    skills: [
      { skillId: 'hr-development', minLevel: 3, essential: true },
      { skillId: 'change-leadership', minLevel: 2, essential: false },
      { skillId: 'national-digital-policy', minLevel: 2, essential: false },
    ],
    source: SOURCE,
  },
  {
    id: 'security-training-audit',
    title: 'セキュリティ研修・監査支援',
    background: '情報セキュリティポリシーの運用や自己点検・監査が形だけになっており、職員研修も十分でない。',
    taskSkillIds: ['security-training-audit'],
    taskDetails: '情報セキュリティ研修の実施と、セキュリティ監査・自己点検の支援を行う。',
    roleId: 'engineer',
    employmentForm: 'contract',
    daysPerMunicipality: 0.5,
    skills: [
      { skillId: 'security-training-audit', minLevel: 3, essential: true },
      { skillId: 'information-security', minLevel: 3, essential: true },
      { skillId: 'hr-development', minLevel: 2, essential: false },
    ],
    source: SOURCE,
  },
]

export function findNeedTemplate(id: string): NeedTemplate | undefined {
  return NEED_TEMPLATES.find((template) => template.id === id)
}
