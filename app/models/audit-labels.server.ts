// How the 監査ログ speaks Japanese: a name for every entity and every (entity, action) pair the models
// write (typed from AuditActions, so a new action without a label fails typecheck), a name for every
// snapshot field, and each stored value as an official would read it (labels, names, yen, dates).
import type {
  AppointmentStatus,
  DxStructureReportStatus,
  DxStructureRequirement,
  IssueStatus,
  IssueUrgency,
  NeedStatus,
  PlacementStatus,
  PoolStatus,
  ShortlistStatus,
} from '../../db/schema'
import { EMPLOYER_OPTIONS, IT_STAFFING_OPTIONS, URGENCY_LABELS } from '../utils/need-validation'
import { fiscalYearLabel, formatTimestamp } from '../utils/dates'
import {
  APPOINTMENT_STATUS_LABELS,
  DIRECTORY_VISIBILITY_LABELS,
  DX_STRUCTURE_REPORT_STATUS_LABELS,
  DX_STRUCTURE_REQUIREMENT_LABELS,
  ISSUE_STATUS_LABELS,
  NEED_STATUS_LABELS,
  PLACEMENT_EMPLOYMENT_LABELS,
  PLACEMENT_END_REASON_LABELS,
  PLACEMENT_KIND_LABELS,
  PLACEMENT_STATUS_LABELS,
  POOL_SOURCE_LABELS,
  POOL_STATUS_LABELS,
  SHORTLIST_STATUS_LABELS,
} from '../utils/labels'
import { ROLE_LABELS, type Role } from '../utils/permissions'
import { COST_LINES } from '../utils/placement-validation'
import { EMPLOYMENT_FORM_OPTIONS, PAY_UNIT_OPTIONS, VISIBILITY_OPTIONS } from '../utils/profile-validation'
import type { AuditActionOf, AuditEntity } from './audit.server'

export const AUDIT_ENTITY_LABELS: Record<AuditEntity, string> = {
  search_index: '検索インデックス',
  user: 'ユーザー',
  invitation: '招待',
  profile: 'プロフィール',
  pool_member: '人材プール',
  municipal_issue: '課題',
  need: 'ニーズ',
  need_shortlist_entry: 'ニーズの候補者',
  partner_company: 'パートナー企業',
  placement: '配置',
  funding_rule: '財政措置のルール',
  funding_decision: '財政措置（要確認）の判断',
  funding_selection: '財政措置の対象者の選択',
  accelerator_appointment: 'アクセラレータの任命',
  dx_structure_report: '推進体制の報告',
  accelerator_directory_entry: 'アクセラレータ名簿の掲載',
  accelerator_notice: 'アクセラレータへのお知らせ',
  skill_standard_version: 'スキル標準（版）',
  skill_standard_area: 'スキル標準（分野）',
  skill_standard_skill: 'スキル標準（スキル）',
  skill_standard_role: 'スキル標準（人材像）',
  skill_standard_qualification: 'スキル標準（資格）',
}

export const AUDIT_ACTION_LABELS: { [E in AuditEntity]: Record<AuditActionOf<E>, string> } = {
  search_index: { rebuild: '再構築' },
  user: {
    create: '作成',
    verify_email: 'メール確認',
    reset_password: 'パスワード再設定',
    change_password: 'パスワード変更',
    change_email: 'メールアドレス変更',
    deactivate: '停止',
    reactivate: '再開',
    revoke_session: 'セッション終了',
    logout_everywhere: '全端末ログアウト',
    takeover_unverified: '未確認アカウントの引継ぎ',
    delete_account: '退会',
  },
  invitation: { invite: '招待' },
  profile: {
    create: '登録',
    update_basics: '基本情報の更新',
    update_availability: '働き方の希望の更新',
    update_consent: '公開範囲と同意の更新',
    update_skills: 'スキルの更新',
    update_qualifications: '資格の更新',
    add_experience: '職歴の追加',
    update_experience: '職歴の更新',
    delete_experience: '職歴の削除',
  },
  pool_member: {
    create: '直接登録',
    apply: '応募',
    withdraw: '辞退',
    update: '面接・メモの更新',
    change_status: '状態の変更',
    add_training: '研修の記録',
    merge: '重複の統合',
    update_target_roles: '人材像の変更',
    send_invitation: '登録依頼の送信',
    accept_invitation: '登録依頼の受諾',
    decline_invitation: '登録依頼の辞退',
    add_from_national_list: '国のリストから追加',
  },
  municipal_issue: { create: '登録', update: '更新', change_status: '状態の変更' },
  need: {
    create: '作成',
    update: '更新',
    change_status: '状態の変更',
    link_issue: '課題の追加',
    unlink_issue: '課題の解除',
    express_interest: '関心表明',
  },
  need_shortlist_entry: {
    add: '候補に追加',
    change_status: '状態の変更',
    update_interview: '面談の日程',
    accept_offer: 'お声がけへの応募',
    decline_offer: '本人の辞退',
  },
  partner_company: { create: '登録', update: '更新' },
  placement: {
    create: '作成',
    update: '更新',
    update_costs: '経費の更新',
    activate: '配置の開始',
    end: '配置の終了',
    delete_draft: '下書きの削除（内定の取消し）',
  },
  funding_rule: { create: '措置の追加', new_version: '新しい版の登録' },
  funding_decision: { decide: '要確認の判断', withdraw: '判断の取消し' },
  funding_selection: { select: '対象者の選択', reset: '対象者の選択の解除' },
  accelerator_appointment: {
    nominate: '推薦',
    update_nomination: '推薦内容の更新',
    resubmit: '再提出',
    withdraw: '推薦の取下げ',
    return: '差戻し',
    decline: '見送り',
    appoint: '任命',
    end: '任命の終了',
    revoke: '任命の取消し',
  },
  dx_structure_report: { report: '報告', confirm: '確認', return: '差戻し' },
  accelerator_directory_entry: { update: '掲載内容の更新' },
  accelerator_notice: { publish: '掲載' },
  skill_standard_version: { create: '下書きの作成', delete: '下書きの削除', import: '取込み', publish: '公開' },
  skill_standard_area: { create: '追加', update: '更新' },
  skill_standard_skill: { create: '追加', update: '更新' },
  skill_standard_role: { create: '追加', update: '更新' },
  skill_standard_qualification: { create: '追加', update: '更新' },
}

const isEntity = (entity: string): entity is AuditEntity => Object.hasOwn(AUDIT_ENTITY_LABELS, entity)

/** The entity's name; a code the platform does not write (any more) is shown as it is. */
export function auditEntityLabel(entity: string): string {
  return isEntity(entity) ? AUDIT_ENTITY_LABELS[entity] : entity
}

export function auditActionLabel(entity: string, action: string): string {
  if (!isEntity(entity)) return action
  const labels: Record<string, string> = AUDIT_ACTION_LABELS[entity]
  return Object.hasOwn(labels, action) ? labels[action]! : action
}

export interface AuditOption {
  value: string
  label: string
}

/** For the filter form: each entity, each action code once (its labels joined when entities differ). */
export function auditFilterOptions(): {
  entities: AuditOption[]
  actions: AuditOption[]
  actionsByEntity: Record<string, AuditOption[]>
} {
  const entities = Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label }))
  const labelsOf = new Map<string, Set<string>>()
  const actionsByEntity: Record<string, AuditOption[]> = {}
  for (const [entity, actions] of Object.entries(AUDIT_ACTION_LABELS) as Array<[string, Record<string, string>]>) {
    actionsByEntity[entity] = Object.entries(actions).map(([value, label]) => ({ value, label }))
    for (const [value, label] of Object.entries(actions)) {
      labelsOf.set(value, (labelsOf.get(value) ?? new Set()).add(label))
    }
  }
  const actions = [...labelsOf].map(([value, labels]) => ({ value, label: [...labels].join('／') }))
  return { entities, actions, actionsByEntity }
}

// ---------------------------------------------------------------------------------------------------
// Snapshot fields

/** Japanese names of snapshot keys, in the order a change list shows them; unknown keys are shown as they are. */
export const FIELD_LABELS: Record<string, string> = {
  // Accounts and people
  email: 'メールアドレス',
  display_name: '氏名',
  name: '氏名・名称',
  name_kana: '氏名（かな）',
  phone: '電話番号',
  address: '住所',
  birth_year: '生年',
  role: '役割',
  prefecture_code: '都道府県',
  municipality_code: '市区町村',
  email_verified: 'メール確認',
  deactivated: '停止中',
  // userSnapshot stores the account's updated_at under this name: it moves on every change, not only passwords.
  password_changed_at: '最終更新日時',
  status: '状態',
  note: '理由・メモ',
  title: '件名・名称',
  // 課題
  urgency: '緊急度',
  topic_skill_ids: '分野・業務',
  it_staffing: '情報担当の体制',
  contact_name: '担当者',
  contact_email: '担当者のメールアドレス',
  // ニーズ
  template_id: 'ひな形',
  issue_ids: '元の課題',
  issue_id: '課題',
  role_id: '人材像',
  employment_form: '雇用形態',
  employer: '雇用の形',
  municipalities: '支援する市区町村（週の日数）',
  skills: 'スキル',
  start_on: '開始日',
  end_on: '終了日',
  pay_min_yen: '報酬（下限）',
  pay_max_yen: '報酬（上限）',
  budget_yen: '予算',
  open_call: '公募ページに掲載',
  pool_member_id: '人材プールの記録',
  message: 'メッセージ',
  // ニーズの候補者（ショートリスト）
  need_id: 'ニーズ',
  need_status: 'ニーズの状態',
  // 人材プール
  source: '登録の経路',
  duplicate_confirmed: '重複を確認済み',
  interview_at: '面接日時',
  interview_place: '面接場所',
  notes: 'メモ',
  provider: '実施機関',
  completed_on: '修了日',
  target_role_ids: '人材像',
  removed_id: '統合して削除した記録',
  removed_name: '統合して削除した人',
  removed_status: '削除した記録の状態',
  kept_id: '残した記録',
  kept_status: '残した記録の状態',
  token_id: '登録依頼のリンク',
  expires_at: '有効期限',
  profile_id: 'プロフィール',
  person_email: '本人のメールアドレス',
  national_member_id: '国のリストの記録',
  // プロフィール
  residence_prefecture_code: '居住地',
  introduction_length: '自己紹介（文字数）',
  years_private_it: '民間でのIT経験（年）',
  years_public_sector: '行政での経験（年）',
  languages: '言語',
  employment_forms: '希望する雇用形態',
  days_per_week: '週の勤務日数',
  available_from: '勤務開始可能日',
  work_area: '勤務地域',
  work_prefecture_codes: '勤務できる都道府県',
  remote_ok: 'リモート可',
  onsite_days_per_month: '月の出勤日数',
  pay_unit: '報酬の単位',
  visibility: '公開範囲',
  visible_prefecture_codes: '公開先の都道府県',
  national_list_consent: '国のリストへの掲載に同意',
  fitting_needs_digest: '合う公募のお知らせメール',
  public_directory_consent: '公開名簿への掲載に同意',
  qualifications: '資格（取得年）',
  experiences: '職歴',
  profile_deleted: 'プロフィールを削除',
  anonymised: 'アカウントを匿名化',
  // 配置
  employer_code: '雇用する団体',
  kind: '種別',
  job_title: '職名',
  employment: '任用・契約の形態',
  fixed_term: '任期付',
  main_duty_municipal_support: '主たる業務が市町村支援',
  appointed_accelerator: '任命された自治体DXアクセラレータ',
  designated_dx_leader: 'DX推進リーダーに指定',
  plan_drafting_only: '計画策定のみの委託',
  weekdays: '勤務する曜日',
  end_reason: '終了の理由',
  fiscal_year: '年度',
  ...Object.fromEntries(COST_LINES.map((line) => [`${line.key}_yen`, line.label])),
  // アクセラレータの推薦・任命
  role_name: '推薦する人材像',
  placement_id: '記録済みの配置',
  planned_employment: '予定する任用・契約の形態',
  trainings: '研修',
  review_comment: '審査のコメント',
  serial: '任命番号（年度内の通し番号）',
  appointed_on: '任命日',
  term_end_on: '任期の終了日',
  ended_on: '終了日',
  end_note: '終了の補足',
  // 推進体制
  requirement: '要件',
  met: '要件を満たしている',
  as_of: '時点',
  review_note: '総務省のコメント',
  // パートナー企業
  corporate_number: '法人番号',
  active: '有効',
  // スキル標準
  change_note: '変更内容の説明',
  changes: '変更した項目の数',
  areas: '分野',
  roles: '人材像',
  id: 'ID',
  areaId: '分野',
  description: '説明',
  levels: 'レベルの説明',
  duties: '業務',
  displayGroup: '表示の区分',
  internal: '内部人材',
  requirements: '必要なスキル',
  category: '区分',
  issuer: '実施団体',
  ipaRole: 'IPAの人材類型',
  itssLevel: 'ITSSレベル',
  synonyms: '同義語',
  retired: '廃止',
  sortOrder: '表示順',
  // アクセラレータ名簿・お知らせ
  directory_visibility: '名簿に掲載する範囲',
  headline: '肩書き・ひとこと',
  contact_given: '連絡先の記載',
  show_prefecture: '都道府県を表示',
  show_skills: 'スキルを表示',
  body_length: '本文（文字数）',
  mailed: 'メールを送った人数',
}

const FIELD_RANK = new Map(Object.keys(FIELD_LABELS).map((key, index) => [key, index]))

export function fieldLabel(key: string): string {
  return Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key]! : key
}

/** Known keys in FIELD_LABELS order, then the rest alphabetically (jsonb does not keep key order). */
export function compareFields(a: string, b: string): number {
  const rank = (key: string) => FIELD_RANK.get(key) ?? FIELD_RANK.size
  return rank(a) - rank(b) || a.localeCompare(b)
}

// ---------------------------------------------------------------------------------------------------
// Values

export interface AuditNames {
  prefectures: Map<string, string>
  municipalities: Map<string, string>
  skills: Map<string, string>
}

/** YYYY/MM/DD HH:mm:ss in Japan time (no daylight saving, so a fixed offset is exact). */

const optionLabels = (options: ReadonlyArray<{ value: string; label: string }>): Record<string, string> =>
  Object.fromEntries(options.map((o) => [o.value, o.label]))

const STATUS_LABELS: Partial<Record<AuditEntity, Record<string, string>>> = {
  pool_member: POOL_STATUS_LABELS satisfies Record<PoolStatus, string>,
  municipal_issue: ISSUE_STATUS_LABELS satisfies Record<IssueStatus, string>,
  need: NEED_STATUS_LABELS satisfies Record<NeedStatus, string>,
  need_shortlist_entry: SHORTLIST_STATUS_LABELS satisfies Record<ShortlistStatus, string>,
  placement: PLACEMENT_STATUS_LABELS satisfies Record<PlacementStatus, string>,
  accelerator_appointment: APPOINTMENT_STATUS_LABELS satisfies Record<AppointmentStatus, string>,
  dx_structure_report: DX_STRUCTURE_REPORT_STATUS_LABELS satisfies Record<DxStructureReportStatus, string>,
}

/** Value labels by key, whatever the entity. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  role: ROLE_LABELS satisfies Record<Role, string>,
  urgency: URGENCY_LABELS satisfies Record<IssueUrgency, string>,
  it_staffing: optionLabels(IT_STAFFING_OPTIONS),
  employer: optionLabels(EMPLOYER_OPTIONS),
  employment_form: optionLabels(EMPLOYMENT_FORM_OPTIONS),
  employment_forms: optionLabels(EMPLOYMENT_FORM_OPTIONS),
  pay_unit: optionLabels(PAY_UNIT_OPTIONS),
  visibility: optionLabels(VISIBILITY_OPTIONS),
  removed_status: POOL_STATUS_LABELS,
  need_status: NEED_STATUS_LABELS,
  kept_status: POOL_STATUS_LABELS,
  source: POOL_SOURCE_LABELS,
  kind: PLACEMENT_KIND_LABELS,
  employment: PLACEMENT_EMPLOYMENT_LABELS,
  planned_employment: PLACEMENT_EMPLOYMENT_LABELS,
  end_reason: PLACEMENT_END_REASON_LABELS,
  directory_visibility: DIRECTORY_VISIBILITY_LABELS,
}

const PREFECTURE_KEYS = new Set([
  'prefecture_code',
  'residence_prefecture_code',
  'work_prefecture_codes',
  'visible_prefecture_codes',
])
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/
/** A need's municipality as its snapshot keeps it: `343684:2` (code, days a week). */
const MUNICIPALITY_DAYS = /^(\d{6}):(\d+(?:\.\d+)?)$/

/** A need's skill as its snapshot keeps it: `bpr:3` or `bpr:2(任意)` (id, minimum level, optional). */
const NEED_SKILL = /^([a-z0-9][a-z0-9-]*):([1-4])(\(任意\))?$/
const SKILL_ID_KEYS = new Set(['topic_skill_ids', 'skill_ids'])

/** A placement's weekdays for one body: `343684:火・木` (code, the body's words). */
const MUNICIPALITY_WEEKDAYS = /^(\d{6}):(.+)$/

/**
 * The body codes a snapshot names (a code, an employer, a need's `343684:2`, a placement's weekdays), for looking
 * up their names.
 */
export function municipalityCodesIn(snapshot: Record<string, unknown> | null): string[] {
  if (!snapshot) return []
  const list = [snapshot.municipality_code, snapshot.employer_code, snapshot.municipalities, snapshot.weekdays].flat()
  return list.flatMap((value) => {
    if (typeof value !== 'string') return []
    const code = MUNICIPALITY_DAYS.exec(value)?.[1] ?? MUNICIPALITY_WEEKDAYS.exec(value)?.[1] ?? value
    return /^\d{6}$/.test(code) ? [code] : []
  })
}

/** The skill ids a snapshot names (a profile's skills, a need's skills, an issue's topics, a career's evidence). */
export function skillIdsIn(snapshot: Record<string, unknown> | null): string[] {
  if (!snapshot) return []
  const ids: string[] = []
  const { skills, topic_skill_ids: topics, experiences } = snapshot
  if (Array.isArray(skills)) {
    for (const item of skills) if (typeof item === 'string') ids.push(NEED_SKILL.exec(item)?.[1] ?? '')
  } else if (skills && typeof skills === 'object') ids.push(...Object.keys(skills))
  if (Array.isArray(topics)) ids.push(...topics.filter((id): id is string => typeof id === 'string'))
  if (Array.isArray(experiences)) {
    for (const e of experiences) {
      const evidence = (e as { skill_ids?: unknown } | null)?.skill_ids
      if (Array.isArray(evidence)) ids.push(...evidence.filter((id): id is string => typeof id === 'string'))
    }
  }
  return ids.filter(Boolean)
}

function scalar(entity: string, key: string, value: unknown, names: AuditNames): string {
  if (value === null || value === undefined || value === '') return '（なし）'
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ'
  if (typeof value === 'number') {
    if (key === 'fiscal_year') return fiscalYearLabel(value)
    if (key === 'requirement' && Object.hasOwn(DX_STRUCTURE_REQUIREMENT_LABELS, value))
      return DX_STRUCTURE_REQUIREMENT_LABELS[value as DxStructureRequirement]
    return key.endsWith('_yen') ? `${value.toLocaleString('ja-JP')}円` : String(value)
  }
  if (typeof value !== 'string') return JSON.stringify(value)
  const status = key === 'status' && isEntity(entity) ? STATUS_LABELS[entity] : undefined
  const labels = status ?? VALUE_LABELS[key]
  if (labels && Object.hasOwn(labels, value)) return labels[value]!
  if (PREFECTURE_KEYS.has(key)) return names.prefectures.get(value) ?? value
  if (key === 'municipality_code' || key === 'employer_code') return names.municipalities.get(value) ?? value
  if (SKILL_ID_KEYS.has(key)) return names.skills.get(value) ?? value
  if (key === 'skills') {
    const match = NEED_SKILL.exec(value)
    if (match) return `${names.skills.get(match[1]!) ?? match[1]} レベル${match[2]}以上${match[3] ? '（任意）' : ''}`
  }
  if (key === 'municipalities') {
    const match = MUNICIPALITY_DAYS.exec(value)
    if (match) return `${names.municipalities.get(match[1]!) ?? match[1]}（週${match[2]}日）`
  }
  if (key === 'weekdays') {
    const match = MUNICIPALITY_WEEKDAYS.exec(value)
    if (match) return `${names.municipalities.get(match[1]!) ?? match[1]}：${match[2]}`
  }
  if (ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) return formatTimestamp(new Date(value))
  return value
}

/** Values in an id → value map: a profile's skills (level) and qualifications (year acquired). */
const MAP_VALUE: Record<string, (value: unknown) => string | undefined> = {
  skills: (level) => (typeof level === 'number' ? `レベル${level}` : undefined),
  qualifications: (year) => (typeof year === 'number' ? `${year}年取得` : year === null ? '取得年なし' : undefined),
}

/**
 * A stored (already masked) value as text: lists joined with 「、」, a map of id → value (a profile's
 * skills and levels) as 「id: value」, an object in a list (a career entry) by its values.
 */
export function displayAuditValue(entity: string, key: string, value: unknown, names: AuditNames): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '（なし）'
    return value
      .map((item) =>
        item && typeof item === 'object' && !Array.isArray(item)
          ? Object.entries(item)
              .filter(([k]) => k !== 'id')
              .map(([k, v]) => displayAuditValue(entity, k, v, names))
              .join('・')
          : scalar(entity, key, item, names),
      )
      .join('、')
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
    if (entries.length === 0) return '（なし）'
    return entries
      .map(([id, v]) => {
        const name = key === 'skills' ? (names.skills.get(id) ?? id) : id
        return `${name}: ${MAP_VALUE[key]?.(v) ?? displayAuditValue(entity, id, v, names)}`
      })
      .join('、')
  }
  return scalar(entity, key, value, names)
}
