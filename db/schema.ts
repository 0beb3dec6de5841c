// Table types for Kysely, written by hand (one source of truth; no codegen).
// Migrations are frozen and do not import this file; keep the two in step when a migration lands.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** 団体区分: the kinds of local government we keep. Wards of designated cities are not bodies here. */
export const LOCAL_GOVERNMENT_KINDS = [
  'prefecture', // 都道府県
  'designated_city', // 指定都市
  'city', // 市
  'special_ward', // 特別区
  'town', // 町
  'village', // 村
] as const
export type LocalGovernmentKind = (typeof LOCAL_GOVERNMENT_KINDS)[number]

/** 団体区分の表示名 (what officials read on every page and in search documents). */
export const LOCAL_GOVERNMENT_KIND_LABELS = {
  prefecture: '都道府県',
  designated_city: '指定都市',
  city: '市',
  special_ward: '特別区',
  town: '町',
  village: '村',
} as const satisfies Record<LocalGovernmentKind, string>

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface LocalGovernmentTable {
  /** 全国地方公共団体コード: 6 digits, the last a check digit (JIS X 0401/0402). */
  code: string
  /** e.g. 横浜市 */
  name: string
  /** 読み in hiragana, e.g. よこはまし */
  name_kana: string
  kind: LocalGovernmentKind
  /** JIS X 0401 prefecture code, 2 digits ("01" … "47"). */
  prefecture_code: string
  /** false for the six 北方領土 villages: kept resolvable, never offered in pickers. */
  active: boolean
  updated_at: Timestamp
}

/**
 * The kinds of search document, one Meilisearch index each, wired in search/registry.ts. The names are
 * stored in search_outbox.entity: renaming one strands the rows already written.
 */
export const SEARCH_ENTITIES = ['local_government', 'skill_catalogue', 'profile', 'need'] as const
export type SearchEntity = (typeof SEARCH_ENTITIES)[number]

/** Transactional outbox feeding Meilisearch (ADR 002). One row per (entity, entity_id); re-upserted on every write. */
export interface SearchOutboxTable {
  id: Generated<number>
  /** Written only as a SearchEntity; read as text, since a row may name an entity this deploy does not know. */
  entity: ColumnType<string, SearchEntity, SearchEntity>
  entity_id: string
  enqueued_at: Timestamp
  /** Bumped on every re-enqueue; a worker confirms only the generation it claimed. */
  generation: ColumnType<number, number | undefined, number>
  attempts: ColumnType<number, number | undefined, number>
  last_error: string | null
  next_attempt_at: Timestamp
  /** Lease: a claimed row is not handed out again before this time (a crashed worker's rows come back). */
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export const ROLES = [
  'professional', // デジタル人材
  'municipal_staff', // 市区町村職員
  'prefecture_staff', // 都道府県職員
  'prefecture_admin', // 都道府県職員（管理者）
  'ministry_staff', // 総務省・デジタル庁職員
  'ministry_admin', // 総務省・デジタル庁職員（管理者）
] as const
export type Role = (typeof ROLES)[number]

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export interface AppUserTable {
  id: string
  email: string
  email_verified_at: NullableTimestamp
  /** argon2id; null only transiently (never for an account that can log in). */
  password_hash: string | null
  display_name: string
  role: Role
  prefecture_code: string | null
  municipality_code: string | null
  deactivated_at: NullableTimestamp
  created_at: Timestamp
  updated_at: Timestamp
}

/** lucia v3 sessions; `expires_at` slides (idle expiry), `absolute_expires_at` never moves. */
export interface UserSessionTable {
  id: string
  user_id: string
  expires_at: ColumnType<Date, Date | string, Date | string>
  absolute_expires_at: ColumnType<Date, Date | string, Date | string>
  created_at: Timestamp
  ip: string | null
  user_agent: string | null
}

/** pool_invitation: a pool member added directly is asked by e-mail to register (payload.poolMemberId). */
export type AuthTokenPurpose =
  'email_verification' | 'password_reset' | 'invitation' | 'email_change' | 'pool_invitation'

export interface AuthTokenTable {
  id: string
  purpose: AuthTokenPurpose
  /** SHA-256 of the token; the token itself exists only in the mailed link. */
  token_hash: string
  user_id: string | null
  email: string
  payload: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>>
  created_by: string | null
  expires_at: ColumnType<Date, Date | string, Date | string>
  used_at: NullableTimestamp
  created_at: Timestamp
}

export interface LoginAttemptTable {
  id: Generated<number>
  email: string
  ip: string
  succeeded: boolean
  created_at: Timestamp
}

export interface MailOutboxTable {
  id: Generated<number>
  to_address: string
  subject: string
  body_text: string
  /** The body as staff may see it: every one-time token blanked out ('' = nothing may be shown). */
  shown_body_text: ColumnType<string, string | undefined, string>
  template: string
  prefecture_code: string | null
  created_at: Timestamp
  sent_at: NullableTimestamp
  attempts: ColumnType<number, number | undefined, number>
  last_error: string | null
  next_attempt_at: Timestamp
}

export type AccountMailKind = 'password_reset' | 'signup' | 'resend_verification'

export interface AccountMailRequestTable {
  id: Generated<number>
  kind: AccountMailKind
  email_digest: string
  ip: string
  mail_sent: boolean
  created_at: Timestamp
}

export interface AuditLogTable {
  id: Generated<number>
  occurred_at: Timestamp
  actor_user_id: string | null
  actor_label: string
  actor_role: Role | null
  action: string
  entity: string
  entity_id: string
  prefecture_code: string | null
  municipality_code: string | null
  summary: string
  before: ColumnType<Record<string, unknown> | null, Record<string, unknown> | null | undefined, never>
  after: ColumnType<Record<string, unknown> | null, Record<string, unknown> | null | undefined, never>
  request_id: string | null
  ip: string | null
}

export type SkillStandardStatus = 'draft' | 'published' | 'archived'

export interface SkillStandardVersionTable {
  id: string
  version_no: number
  status: SkillStandardStatus
  title: string
  change_note: ColumnType<string, string | undefined, string>
  based_on_version_id: string | null
  lock_version: ColumnType<number, number | undefined, number>
  created_by: string | null
  created_at: Timestamp
  published_at: NullableTimestamp
  published_by: string | null
}

export interface RegistryTable {
  id: string
  created_at: Timestamp
}

interface RevisionColumns {
  version_id: string
  name: string
  description: ColumnType<string, string | undefined, string>
  sort_order: ColumnType<number, number | undefined, number>
  retired: ColumnType<boolean, boolean | undefined, boolean>
  lock_version: ColumnType<number, number | undefined, number>
}

type JsonStrings = ColumnType<string[], string[] | undefined, string[]>

export interface SkillAreaRevisionTable extends RevisionColumns {
  area_id: string
}

export interface SkillRevisionTable extends RevisionColumns {
  skill_id: string
  area_id: string
  /** Exactly four descriptors: levels 1 知識 / 2 実務 / 3 主導 / 4 指導. */
  level_descriptors: ColumnType<string[], string[], string[]>
  synonyms: JsonStrings
  source: ColumnType<string, string | undefined, string>
  ipa_skill: string | null
}

export interface RoleRevisionTable extends RevisionColumns {
  role_id: string
  display_group: string | null
  duties: ColumnType<string, string | undefined, string>
  source: ColumnType<string, string | undefined, string>
  /** DX推進リーダー: an internal staff role, not a pool role. */
  internal: ColumnType<boolean, boolean | undefined, boolean>
  synonyms: JsonStrings
  ipa_role: string | null
  itss_level: number | null
}

export interface RoleRequirementTable {
  version_id: string
  role_id: string
  skill_id: string
  min_level: number
  essential: boolean
}

export interface QualificationRevisionTable extends RevisionColumns {
  qualification_id: string
  category: string
  issuer: ColumnType<string, string | undefined, string>
  itss_level: number | null
  synonyms: JsonStrings
}

export const EMPLOYMENT_FORMS = ['full_time', 'part_time', 'special_part_time', 'contract', 'side_job'] as const
export type EmploymentForm = (typeof EMPLOYMENT_FORMS)[number]
export type ProfileVisibility = 'none' | 'selected' | 'all'

export interface ProfileTable {
  id: string
  user_id: string
  family_name: string
  given_name: string
  family_name_kana: string
  given_name_kana: string
  contact_email: string
  phone: string | null
  residence_prefecture_code: string | null
  birth_year: number | null
  introduction: ColumnType<string, string | undefined, string>
  years_private_it: ColumnType<number, number | undefined, number>
  years_public_sector: ColumnType<number, number | undefined, number>
  languages: JsonStrings
  employment_forms: ColumnType<EmploymentForm[], EmploymentForm[] | undefined, EmploymentForm[]>
  /** numeric(2,1): read as a string by the drivers; use Number(). */
  days_per_week: ColumnType<string | null, number | string | null | undefined, number | string | null>
  available_from: ColumnType<Date | null, string | null | undefined, string | null>
  work_area: ColumnType<'all' | 'selected', 'all' | 'selected' | undefined, 'all' | 'selected'>
  work_prefecture_codes: JsonStrings
  remote_ok: ColumnType<boolean, boolean | undefined, boolean>
  onsite_days_per_month: number | null
  pay_min_yen: number | null
  pay_max_yen: number | null
  pay_unit: 'hour' | 'day' | 'month' | 'year' | null
  visibility: ColumnType<ProfileVisibility, ProfileVisibility | undefined, ProfileVisibility>
  visible_prefecture_codes: JsonStrings
  national_list_consent: ColumnType<boolean, boolean | undefined, boolean>
  public_directory_consent: ColumnType<boolean, boolean | undefined, boolean>
  /** A weekly mail of newly published open calls that fit the person. */
  fitting_needs_digest: ColumnType<boolean, boolean | undefined, boolean>
  fitting_needs_digest_since: NullableTimestamp
  consent_updated_at: NullableTimestamp
  lock_version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ProfileSkillTable {
  profile_id: string
  skill_id: string
  level: number
}

export interface ProfileExperienceTable {
  id: string
  profile_id: string
  organization: string
  title: ColumnType<string, string | undefined, string>
  started_on: ColumnType<Date, string, string>
  ended_on: ColumnType<Date | null, string | null | undefined, string | null>
  description: ColumnType<string, string | undefined, string>
  skill_ids: JsonStrings
  sort_order: ColumnType<number, number | undefined, number>
}

/** The search index's reading of a profile's introduction, with a key of the text it was made from. */
export interface ProfileSearchReadingTable {
  profile_id: string
  source_key: string
  reading: string
}

export interface ProfileQualificationTable {
  profile_id: string
  qualification_id: string
  acquired_year: number | null
}

/** 応募 → 書類確認 → 面接 → 研修 → 登録 / 見送り / 辞退 */
export const POOL_STATUSES = [
  'applied',
  'screening',
  'interview',
  'training',
  'registered',
  'declined',
  'withdrawn',
] as const
export type PoolStatus = (typeof POOL_STATUSES)[number]
/** 公募（本人の応募を含む）, 企業推薦, 国のリスト, 紹介 */
export const POOL_SOURCES = [
  'application',
  'public_call',
  'company_recommendation',
  'national_list',
  'referral',
] as const
export type PoolSource = (typeof POOL_SOURCES)[number]
/** The ministry's national list (国の外部人材リスト) is the pool with this code; prefectures are 01–47. */
export const NATIONAL_LIST_CODE = '00'

export interface PoolMemberTable {
  id: string
  prefecture_code: string
  profile_id: string | null
  status: PoolStatus
  source: PoolSource
  application_message: ColumnType<string, string | undefined, string>
  target_role_ids: JsonStrings
  interview_at: NullableTimestamp
  interview_place: string | null
  notes: ColumnType<string, string | undefined, string>
  lock_version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
  /** For people added directly (no profile yet). */
  person_name: ColumnType<string | null, string | null | undefined, string | null>
  person_name_kana: ColumnType<string | null, string | null | undefined, string | null>
  person_email: ColumnType<string | null, string | null | undefined, string | null>
  person_birth_year: ColumnType<number | null, number | null | undefined, number | null>
  partner_company_id: ColumnType<string | null, string | null | undefined, string | null>
  /** Copied by the prefecture from the national list: its record only, no sharing of the profile. */
  copied_from_national_list: ColumnType<boolean, boolean | undefined, boolean>
}

export interface PoolMemberEventTable {
  id: Generated<number>
  pool_member_id: string
  from_status: PoolStatus | null
  to_status: PoolStatus
  occurred_at: Timestamp
  actor_user_id: string | null
  actor_label: string
  note: ColumnType<string, string | undefined, string>
}

export interface TrainingRecordTable {
  id: string
  pool_member_id: string
  title: string
  provider: ColumnType<string, string | undefined, string>
  completed_on: ColumnType<Date | null, string | null | undefined, string | null>
  note: ColumnType<string, string | undefined, string>
  created_at: Timestamp
}

export interface PartnerCompanyTable {
  id: string
  name: string
  name_kana: ColumnType<string, string | undefined, string>
  corporate_number: string | null
  contact_name: ColumnType<string, string | undefined, string>
  contact_email: ColumnType<string, string | undefined, string>
  contact_phone: ColumnType<string, string | undefined, string>
  website: ColumnType<string, string | undefined, string>
  note: ColumnType<string, string | undefined, string>
  active: ColumnType<boolean, boolean | undefined, boolean>
  lock_version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
}

/** 課題 posted by a municipality (or entered by the prefecture after a hearing). */
export const ISSUE_STATUSES = ['submitted', 'reviewing', 'in_need', 'closed', 'withdrawn'] as const
export type IssueStatus = (typeof ISSUE_STATUSES)[number]
export const ISSUE_URGENCIES = ['high', 'medium', 'low'] as const
export type IssueUrgency = (typeof ISSUE_URGENCIES)[number]
/** 情報担当の体制: 専任なし / 一人情シス / 2〜4人 / 5人以上 */
export const IT_STAFFING = ['none', 'one', 'few', 'team'] as const
export type ItStaffing = (typeof IT_STAFFING)[number]

export interface MunicipalIssueTable {
  id: string
  prefecture_code: string
  municipality_code: string
  title: string
  current_situation: string
  desired_outcome: string
  urgency: IssueUrgency
  topic_skill_ids: JsonStrings
  it_staffing: ItStaffing
  size_note: ColumnType<string, string | undefined, string>
  contact_name: string
  contact_department: ColumnType<string, string | undefined, string>
  contact_email: string
  contact_phone: ColumnType<string, string | undefined, string>
  status: ColumnType<IssueStatus, IssueStatus | undefined, IssueStatus>
  entered_by_prefecture: ColumnType<boolean, boolean | undefined, boolean>
  prefecture_note: ColumnType<string, string | undefined, string>
  created_by: string | null
  lock_version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
}

/** 下書き → 公開 → 選考中 → 充足 → 終了 (and 取下げ). */
export const NEED_STATUSES = ['draft', 'published', 'selecting', 'filled', 'closed', 'withdrawn'] as const
export type NeedStatus = (typeof NEED_STATUSES)[number]
/** Who employs: the prefecture, a company contracted to dispatch (002:428), or joint hiring with municipalities. */
export const NEED_EMPLOYERS = ['prefecture', 'dispatch_company', 'joint'] as const
export type NeedEmployer = (typeof NEED_EMPLOYERS)[number]
export type PayUnit = 'hour' | 'day' | 'month' | 'year'

type NumericColumn = ColumnType<string | null, number | string | null | undefined, number | string | null>
type DateColumn = ColumnType<Date | null, string | null | undefined, string | null>

export interface NeedTable {
  id: string
  prefecture_code: string
  status: ColumnType<NeedStatus, NeedStatus | undefined, NeedStatus>
  template_id: ColumnType<string | null, string | null | undefined, string | null>
  title: string
  background: ColumnType<string, string | undefined, string>
  task_skill_ids: JsonStrings
  task_details: ColumnType<string, string | undefined, string>
  role_id: ColumnType<string | null, string | null | undefined, string | null>
  employment_form: ColumnType<EmploymentForm | null, EmploymentForm | null | undefined, EmploymentForm | null>
  employer: ColumnType<NeedEmployer, NeedEmployer | undefined, NeedEmployer>
  employer_note: ColumnType<string, string | undefined, string>
  work_place: ColumnType<string, string | undefined, string>
  /** numeric(2,1): read as a string by the drivers; use Number(). */
  remote_days_per_week: NumericColumn
  start_on: DateColumn
  end_on: DateColumn
  pay_min_yen: ColumnType<number | null, number | null | undefined, number | null>
  pay_max_yen: ColumnType<number | null, number | null | undefined, number | null>
  pay_unit: ColumnType<PayUnit | null, PayUnit | null | undefined, PayUnit | null>
  /** bigint: read as a string by the drivers. */
  budget_yen: ColumnType<string | null, number | string | null | undefined, number | string | null>
  selection_process: ColumnType<string, string | undefined, string>
  supervisor: ColumnType<string, string | undefined, string>
  management_note: ColumnType<string, string | undefined, string>
  contact: ColumnType<string, string | undefined, string>
  open_call: ColumnType<boolean, boolean | undefined, boolean>
  application_deadline: DateColumn
  published_at: NullableTimestamp
  created_by: string | null
  lock_version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface NeedMunicipalityTable {
  need_id: string
  municipality_code: string
  days_per_week: ColumnType<string, number | string, number | string>
  sort_order: ColumnType<number, number | undefined, number>
}

export interface NeedSkillTable {
  need_id: string
  skill_id: string
  min_level: number
  essential: boolean
  sort_order: ColumnType<number, number | undefined, number>
}

export interface NeedIssueTable {
  need_id: string
  issue_id: string
}

export interface NeedEventTable {
  id: Generated<number>
  need_id: string
  from_status: NeedStatus | null
  to_status: NeedStatus
  occurred_at: Timestamp
  actor_user_id: string | null
  actor_label: string
  note: ColumnType<string, string | undefined, string>
}

export interface NeedInterestTable {
  need_id: string
  profile_id: string
  pool_member_id: string
  message: ColumnType<string, string | undefined, string>
  created_at: Timestamp
}

export interface NeedSavedSearchTable {
  id: string
  need_id: string
  name: string
  /** The match page's query string without `page`. */
  query: string
  created_by: string | null
  created_at: Timestamp
}

/** 候補 → 打診 → 面談 → 内定 / 見送り / 辞退 */
export const SHORTLIST_STATUSES = ['shortlisted', 'contacted', 'interview', 'offered', 'passed', 'declined'] as const
export type ShortlistStatus = (typeof SHORTLIST_STATUSES)[number]

export interface NeedShortlistEntryTable {
  id: string
  need_id: string
  profile_id: string
  status: ColumnType<ShortlistStatus, ShortlistStatus | undefined, ShortlistStatus>
  note: ColumnType<string, string | undefined, string>
  interview_at: NullableTimestamp
  /** 面談の場所・方法 ('' = not given). At most 200 characters. */
  interview_place: ColumnType<string, string | undefined, string>
  created_by: string | null
  lock_version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface NeedShortlistEventTable {
  id: Generated<number>
  entry_id: string
  from_status: ShortlistStatus | null
  to_status: ShortlistStatus
  note: ColumnType<string, string | undefined, string>
  actor_user_id: string | null
  actor_label: string
  occurred_at: Timestamp
}

export const PLACEMENT_KINDS = ['municipal_support', 'cio_adviser'] as const
/** 市町村支援 by a 都道府県等, or a 市町村's own CIO補佐官等. */
export type PlacementKind = (typeof PLACEMENT_KINDS)[number]
export const PLACEMENT_STATUSES = ['draft', 'active', 'ended'] as const
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number]
/** The employment forms a placement can take (副業・兼業 is a wish of a profile, not a form of appointment). */
export const PLACEMENT_EMPLOYMENTS = ['full_time', 'part_time', 'special_part_time', 'contract'] as const
export type PlacementEmployment = (typeof PLACEMENT_EMPLOYMENTS)[number]
export const PLACEMENT_END_REASONS = ['term_end', 'resignation', 'transfer', 'other'] as const
export type PlacementEndReason = (typeof PLACEMENT_END_REASONS)[number]
export const COST_ITEMS = [
  'salary',
  'remuneration',
  'commission',
  'travel',
  'communication',
  'recruitment',
  'training',
  'municipal_contribution',
  'other',
] as const
export type CostItem = (typeof COST_ITEMS)[number]

export interface PlacementTable {
  id: string
  employer_code: string
  prefecture_code: string
  kind: PlacementKind
  status: ColumnType<PlacementStatus, PlacementStatus | undefined, PlacementStatus>
  person_name: string
  person_kana: ColumnType<string, string | undefined, string>
  profile_id: ColumnType<string | null, string | null | undefined, string | null>
  pool_member_id: ColumnType<string | null, string | null | undefined, string | null>
  need_id: ColumnType<string | null, string | null | undefined, string | null>
  shortlist_entry_id: ColumnType<string | null, string | null | undefined, string | null>
  job_title: ColumnType<string, string | undefined, string>
  employment: PlacementEmployment
  fixed_term: ColumnType<boolean, boolean | undefined, boolean>
  main_duty_municipal_support: ColumnType<boolean, boolean | undefined, boolean>
  appointed_accelerator: ColumnType<boolean, boolean | undefined, boolean>
  designated_dx_leader: ColumnType<boolean, boolean | undefined, boolean>
  plan_drafting_only: ColumnType<boolean, boolean | undefined, boolean>
  start_on: DateColumn
  end_on: DateColumn
  end_reason: ColumnType<PlacementEndReason | null, PlacementEndReason | null | undefined, PlacementEndReason | null>
  end_note: ColumnType<string, string | undefined, string>
  note: ColumnType<string, string | undefined, string>
  created_by: string | null
  lock_version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface PlacementMunicipalityTable {
  placement_id: string
  municipality_code: string
  /** numeric(2,1): read as a string by the drivers. */
  days_per_week: ColumnType<string, number | string, number | string>
  weekdays: ColumnType<string, string | undefined, string>
  sort_order: ColumnType<number, number | undefined, number>
}

export interface PlacementCostTable {
  placement_id: string
  fiscal_year: number
  item: CostItem
  in_programme: ColumnType<boolean, boolean | undefined, boolean>
  /** bigint yen: read as a string by the drivers. */
  amount: ColumnType<string, number | string, number | string>
}

export interface PlacementEventTable {
  id: Generated<number>
  placement_id: string
  action: string
  from_status: PlacementStatus | null
  to_status: PlacementStatus
  note: ColumnType<string, string | undefined, string>
  actor_user_id: string | null
  actor_label: string
  occurred_at: Timestamp
}

export interface FundingRuleTable {
  measure: string
  version: number
  /** Validated by FundingRuleSchema (app/funding/rules.ts) when read. */
  rule: ColumnType<unknown, Record<string, unknown>, Record<string, unknown>>
  change_note: ColumnType<string, string | undefined, string>
  created_by: string | null
  created_at: Timestamp
}

export interface FundingDecisionTable {
  placement_id: string
  fiscal_year: number
  measure: string
  decision: 'eligible' | 'not_eligible'
  /** bigint yen: read as a string by the drivers. */
  amount: ColumnType<string, number | string | undefined, number | string>
  note: string
  decided_by: string | null
  decided_at: Timestamp
}

export interface FundingSelectionTable {
  employer_code: string
  fiscal_year: number
  measure: string
  placement_ids: JsonStrings
  decided_by: string | null
  decided_at: Timestamp
}

/** An accelerator case: 推薦 → (差戻し) → 任命 or 見送り; later 任期満了等 (ended) or 取消 (revoked). */
export const APPOINTMENT_STATUSES = [
  'nominated',
  'returned',
  'withdrawn',
  'declined',
  'appointed',
  'ended',
  'revoked',
] as const
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number]
export const APPOINTMENT_END_REASONS = ['term_end', 'resignation', 'revoked', 'other'] as const
export type AppointmentEndReason = (typeof APPOINTMENT_END_REASONS)[number]
/** The review checklist (002:405 「一定の経験・資格」, the training, the placement as 常勤/非常勤/委託 and its duty). */
export const APPOINTMENT_CHECKLIST_ITEMS = ['experience', 'skills', 'training', 'placement_form', 'main_duty'] as const
export type AppointmentChecklistItem = (typeof APPOINTMENT_CHECKLIST_ITEMS)[number]

/** The evidence as submitted with a nomination (a snapshot: the review reads what the prefecture sent). */
export interface AppointmentEvidence {
  experiences: {
    id: string
    organization: string
    title: string
    startedOn: string
    endedOn: string | null
    description: string
  }[]
  skills: { skillId: string; name: string; level: number }[]
  qualifications: { qualificationId: string; name: string; acquiredYear: number | null }[]
  trainings: { title: string; provider: string; completedOn: string | null }[]
}

export type ReviewChecklist = Partial<Record<AppointmentChecklistItem, boolean>>

export interface AcceleratorAppointmentTable {
  id: string
  prefecture_code: string
  pool_member_id: string | null
  profile_id: string | null
  person_name: string
  person_kana: ColumnType<string, string | undefined, string>
  role_id: string
  role_name: string
  status: ColumnType<AppointmentStatus, AppointmentStatus | undefined, AppointmentStatus>
  nomination_statement: ColumnType<string, string | undefined, string>
  /** jsonb: written as an object (a string would be stored as a JSON string by postgres.js). */
  evidence: ColumnType<AppointmentEvidence, AppointmentEvidence | undefined, AppointmentEvidence>
  placement_id: ColumnType<string | null, string | null | undefined, string | null>
  planned_employment: ColumnType<
    PlacementEmployment | null,
    PlacementEmployment | null | undefined,
    PlacementEmployment | null
  >
  planned_main_duty_municipal_support: ColumnType<boolean | null, boolean | null | undefined, boolean | null>
  planned_placement_note: ColumnType<string, string | undefined, string>
  review_checklist: ColumnType<ReviewChecklist, ReviewChecklist | undefined, ReviewChecklist>
  review_comment: ColumnType<string, string | undefined, string>
  fiscal_year: ColumnType<number | null, number | null | undefined, number | null>
  serial: ColumnType<number | null, number | null | undefined, number | null>
  appointed_on: DateColumn
  term_end_on: DateColumn
  ended_on: DateColumn
  end_reason: ColumnType<
    AppointmentEndReason | null,
    AppointmentEndReason | null | undefined,
    AppointmentEndReason | null
  >
  end_note: ColumnType<string, string | undefined, string>
  nominated_by: string | null
  decided_by: ColumnType<string | null, string | null | undefined, string | null>
  lock_version: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AppointmentNumberCounterTable {
  fiscal_year: number
  last_serial: number
}

export interface AcceleratorAppointmentEventTable {
  id: Generated<number>
  appointment_id: string
  action: string
  from_status: AppointmentStatus | null
  to_status: AppointmentStatus
  note: ColumnType<string, string | undefined, string>
  actor_user_id: string | null
  actor_label: string
  occurred_at: Timestamp
}

export interface AcceleratorSnapshotTable {
  snapshot_on: ColumnType<Date, string, string>
  appointed: number
  bodies: number
  by_prefecture: ColumnType<Record<string, number>, string | undefined, string>
  source: 'published' | 'daily'
  source_note: ColumnType<string, string | undefined, string>
  created_at: Timestamp
}

/** 推進体制 ① 会議体等 ② 現状・課題の把握 ③ 専門人材の確保 ④ 取組テーマの設定 (002:297-322). */
export const DX_STRUCTURE_REQUIREMENTS = [1, 2, 3, 4] as const
export type DxStructureRequirement = (typeof DX_STRUCTURE_REQUIREMENTS)[number]
export const DX_STRUCTURE_REPORT_STATUSES = ['reported', 'confirmed', 'returned'] as const
export type DxStructureReportStatus = (typeof DX_STRUCTURE_REPORT_STATUSES)[number]

export interface DxStructureReportTable {
  id: string
  prefecture_code: string
  requirement: DxStructureRequirement
  met: boolean
  as_of: ColumnType<Date, string, string>
  note: ColumnType<string, string | undefined, string>
  status: ColumnType<DxStructureReportStatus, DxStructureReportStatus | undefined, DxStructureReportStatus>
  reported_by: string | null
  reported_at: Timestamp
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>
  reviewed_at: NullableTimestamp
  review_note: ColumnType<string, string | undefined, string>
}

export interface DxStructureNationalFigureTable {
  as_of: ColumnType<Date, string, string>
  met_1: number
  met_2: number
  met_3: number
  met_4: number
  met_all: number
  source: string
}

export const DIRECTORY_VISIBILITIES = ['hidden', 'accelerators', 'public'] as const
export type DirectoryVisibility = (typeof DIRECTORY_VISIBILITIES)[number]

export interface AcceleratorDirectoryEntryTable {
  profile_id: string
  visibility: ColumnType<DirectoryVisibility, DirectoryVisibility | undefined, DirectoryVisibility>
  display_name: string
  headline: ColumnType<string, string | undefined, string>
  introduction: ColumnType<string, string | undefined, string>
  contact: ColumnType<string, string | undefined, string>
  show_prefecture: ColumnType<boolean, boolean | undefined, boolean>
  show_skills: ColumnType<boolean, boolean | undefined, boolean>
  updated_at: Timestamp
}

export interface AcceleratorNoticeTable {
  id: string
  title: string
  body: string
  published_at: Timestamp
  created_by: string | null
}

export interface DB {
  local_government: LocalGovernmentTable
  search_outbox: SearchOutboxTable
  app_user: AppUserTable
  user_session: UserSessionTable
  auth_token: AuthTokenTable
  login_attempt: LoginAttemptTable
  mail_outbox: MailOutboxTable
  account_mail_request: AccountMailRequestTable
  audit_log: AuditLogTable
  skill_standard_version: SkillStandardVersionTable
  skill_area: RegistryTable
  skill: RegistryTable
  standard_role: RegistryTable
  qualification: RegistryTable
  skill_area_revision: SkillAreaRevisionTable
  skill_revision: SkillRevisionTable
  role_revision: RoleRevisionTable
  role_requirement: RoleRequirementTable
  qualification_revision: QualificationRevisionTable
  profile: ProfileTable
  profile_skill: ProfileSkillTable
  profile_experience: ProfileExperienceTable
  profile_search_reading: ProfileSearchReadingTable
  profile_qualification: ProfileQualificationTable
  pool_member: PoolMemberTable
  pool_member_event: PoolMemberEventTable
  training_record: TrainingRecordTable
  partner_company: PartnerCompanyTable
  municipal_issue: MunicipalIssueTable
  need: NeedTable
  need_municipality: NeedMunicipalityTable
  need_skill: NeedSkillTable
  need_issue: NeedIssueTable
  need_event: NeedEventTable
  need_interest: NeedInterestTable
  need_saved_search: NeedSavedSearchTable
  need_shortlist_entry: NeedShortlistEntryTable
  need_shortlist_event: NeedShortlistEventTable
  placement: PlacementTable
  placement_municipality: PlacementMunicipalityTable
  placement_cost: PlacementCostTable
  placement_event: PlacementEventTable
  funding_rule: FundingRuleTable
  funding_decision: FundingDecisionTable
  funding_selection: FundingSelectionTable
  accelerator_appointment: AcceleratorAppointmentTable
  appointment_number_counter: AppointmentNumberCounterTable
  accelerator_appointment_event: AcceleratorAppointmentEventTable
  accelerator_snapshot: AcceleratorSnapshotTable
  dx_structure_report: DxStructureReportTable
  dx_structure_national_figure: DxStructureNationalFigureTable
  accelerator_directory_entry: AcceleratorDirectoryEntryTable
  accelerator_notice: AcceleratorNoticeTable
}

export type AppUser = Selectable<AppUserTable>
export type NewAppUser = Insertable<AppUserTable>
export type AuditLogEntry = Selectable<AuditLogTable>
export type MailOutboxRow = Selectable<MailOutboxTable>

export type LocalGovernment = Selectable<LocalGovernmentTable>
export type NewLocalGovernment = Insertable<LocalGovernmentTable>
