// The Japanese words for each enumeration in db/schema.ts (and the skill-level scale), in one place for the
// server and the browser. Each map is a Record over its enum, so adding a status without a label fails the
// typecheck; lists and selects are built from these maps, never retyped.
import type {
  AppointmentChecklistItem,
  AppointmentEndReason,
  AppointmentStatus,
  DirectoryVisibility,
  DxStructureReportStatus,
  DxStructureRequirement,
  EmploymentForm,
  IssueStatus,
  IssueUrgency,
  ItStaffing,
  NeedEmployer,
  NeedStatus,
  PayUnit,
  PlacementEmployment,
  PlacementEndReason,
  PlacementKind,
  PlacementStatus,
  PoolSource,
  PoolStatus,
  ProfileVisibility,
  ShortlistStatus,
} from '../../db/schema'
import type { SkillLevel } from '../../db/skill-standard-content'

/** 人材プールの状態: 応募 → 書類確認 → 面接 → 研修 → 登録 / 見送り / 辞退 */
export const POOL_STATUS_LABELS: Record<PoolStatus, string> = {
  applied: '応募',
  screening: '書類確認',
  interview: '面接',
  training: '研修',
  registered: '登録',
  declined: '見送り',
  withdrawn: '辞退',
}

/** Every pool status in workflow order (for z.enum in the browser, where db/schema.ts's values cannot go). */
export const POOL_STATUS_VALUES = Object.keys(POOL_STATUS_LABELS) as [PoolStatus, ...PoolStatus[]]

export const ISSUE_STATUS_LABELS: Record<IssueStatus, string> = {
  submitted: '提出済み',
  reviewing: '県で確認中',
  in_need: 'ニーズに反映済み',
  closed: '対応終了',
  withdrawn: '取下げ',
}

export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  draft: '下書き',
  published: '公開',
  selecting: '選考中',
  filled: '充足',
  closed: '終了',
  withdrawn: '取下げ',
}

/** 経路 of a pool member, as the pages and the audit log name it. */
export const POOL_SOURCE_LABELS: Record<PoolSource, string> = {
  application: '本人の応募',
  public_call: '公募（書面等での応募）',
  company_recommendation: '企業推薦',
  national_list: '国のリスト',
  referral: '紹介',
}

/** 経路 of a pool member, as the pool CSV writes it and the pool CSV import reads it back. */
export const POOL_SOURCE_CSV_LABELS: Record<PoolSource, string> = {
  application: '公募（本人応募）',
  public_call: '公募',
  company_recommendation: '企業推薦',
  national_list: '国のリスト',
  referral: '紹介',
}

/** The sources a prefecture records itself (adding a person directly or by CSV), in the order they are offered. */
export const DIRECT_POOL_SOURCES = [
  'company_recommendation',
  'national_list',
  'referral',
  'public_call',
] as const satisfies ReadonlyArray<PoolSource>

/** 勤務形態 (domain README §5), of a professional's wishes and of a need. */
export const EMPLOYMENT_FORM_LABELS: Record<EmploymentForm, string> = {
  full_time: '常勤（任期付を含む）',
  part_time: '非常勤',
  special_part_time: '特別職非常勤（CIO補佐官等）',
  contract: '業務委託',
  side_job: '副業・兼業',
}
export const EMPLOYMENT_FORM_OPTIONS = optionsOf(EMPLOYMENT_FORM_LABELS)

/** The unit of an amount of pay (報酬の単位). */
export const PAY_UNIT_LABELS: Record<PayUnit, string> = {
  hour: '時給',
  day: '日額',
  month: '月額',
  year: '年額',
}
export const PAY_UNIT_OPTIONS = optionsOf(PAY_UNIT_LABELS)

/** 緊急度 of an issue, short (lists) and as the issue form offers it. */
export const URGENCY_LABELS: Record<IssueUrgency, string> = { high: '高', medium: '中', low: '低' }
export const URGENCY_OPTIONS = optionsOf<IssueUrgency>({
  high: '高い（半年以内に対応が必要）',
  medium: '中程度（1年以内）',
  low: '低い（中長期の課題）',
})

/** 情報担当の体制 of a municipality. */
export const IT_STAFFING_LABELS: Record<ItStaffing, string> = {
  none: '情報担当の専任職員がいない',
  one: '一人情シス（専任1人）',
  few: '2〜4人',
  team: '5人以上',
}
export const IT_STAFFING_OPTIONS = optionsOf(IT_STAFFING_LABELS)

/** Who employs the person of a need (domain README §5; dispatch by a contracted company: 002:428). */
export const EMPLOYER_LABELS: Record<NeedEmployer, string> = {
  prefecture: '都道府県が採用',
  dispatch_company: '委託先の企業から派遣',
  joint: '都道府県と市町村の共同採用',
}
export const EMPLOYER_OPTIONS = optionsOf(EMPLOYER_LABELS)

/** 公開範囲 of a profile (to prefectures). */
export const PROFILE_VISIBILITY_LABELS: Record<ProfileVisibility, string> = {
  none: 'まだ公開しない',
  selected: '選んだ都道府県にだけ公開する',
  all: 'すべての都道府県に公開する',
}

/** ショートリスト（ニーズの候補者）の状態: 候補 → 打診 → 面談 → 内定 / 見送り / 辞退 */
export const SHORTLIST_STATUS_LABELS: Record<ShortlistStatus, string> = {
  shortlisted: '候補',
  contacted: '打診',
  interview: '面談',
  offered: '内定',
  passed: '見送り',
  declined: '辞退',
}

/** Every shortlist status in workflow order (for z.enum in the browser). */
export const SHORTLIST_STATUS_VALUES = Object.keys(SHORTLIST_STATUS_LABELS) as [ShortlistStatus, ...ShortlistStatus[]]

/** 配置の種別: a 都道府県等's staff supporting its municipalities, or a 市町村's own CIO補佐官等. */
export const PLACEMENT_KIND_LABELS: Record<PlacementKind, string> = {
  municipal_support: '市町村支援（都道府県等）',
  cio_adviser: 'CIO補佐官等（市町村）',
}

/** 配置の状態: 下書き → 配置中 → 終了 */
export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  draft: '下書き',
  active: '配置中',
  ended: '終了',
}

/** The employment form of a placement (domain README §5); 任期付 is a separate yes/no. */
export const PLACEMENT_EMPLOYMENT_LABELS: Record<PlacementEmployment, string> = {
  full_time: '常勤',
  part_time: '非常勤',
  special_part_time: '特別職非常勤',
  contract: '業務委託',
}
export const PLACEMENT_EMPLOYMENT_OPTIONS = optionsOf(PLACEMENT_EMPLOYMENT_LABELS)

/** Why a placement ended. */
export const PLACEMENT_END_REASON_LABELS: Record<PlacementEndReason, string> = {
  term_end: '任期満了',
  resignation: '辞職',
  transfer: '異動',
  other: 'その他',
}
export const PLACEMENT_END_REASON_OPTIONS = optionsOf(PLACEMENT_END_REASON_LABELS)

/** 任命の状態: 推薦 → (差戻し → 再提出) → 任命 / 見送り; 任命 → 終了 / 取消し. */
export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  nominated: '審査中',
  returned: '差戻し（追加情報の依頼）',
  withdrawn: '推薦の取下げ',
  declined: '見送り',
  appointed: '任命中',
  ended: '任命終了',
  revoked: '任命取消し',
}

export const APPOINTMENT_END_REASON_LABELS: Record<AppointmentEndReason, string> = {
  term_end: '任期満了',
  resignation: '辞任',
  revoked: '取消し',
  other: 'その他',
}
/** The reasons staff choose when ending an appointment (取消し is its own action). */
export const APPOINTMENT_END_REASON_OPTIONS = optionsOf(APPOINTMENT_END_REASON_LABELS).filter(
  (o) => o.value !== 'revoked',
)

/** The ministry's review checklist for 「一定の経験・資格」 (002:405) and the planned placement. */
export const APPOINTMENT_CHECKLIST_LABELS: Record<AppointmentChecklistItem, string> = {
  experience: 'デジタル分野の一定の実務経験が職歴で確認できる',
  skills: 'スキルとレベルが推薦する人材像に合っている',
  training: '行政研修（自治大学校等）を修了している、または受講の予定がある',
  placement_form: '配置の形態（常勤・非常勤・委託）が確認できる',
  main_duty: '主たる業務（市町村支援か）が確認できる',
}

/** 推進体制の4要件 (002:297-322). */
export const DX_STRUCTURE_REQUIREMENT_LABELS: Record<DxStructureRequirement, string> = {
  1: '① 市町村との会議体等を設置',
  2: '② ヒアリング等を通じ市町村の現状・課題を把握',
  3: '③ 市町村支援のために一定の専門人材を確保',
  4: '④ システム共同調達など推進体制下での取組テーマを設定',
}

export const DX_STRUCTURE_REPORT_STATUS_LABELS: Record<DxStructureReportStatus, string> = {
  reported: '確認待ち',
  confirmed: '確認済み',
  returned: '差戻し',
}

/** Who sees an accelerator's directory entry. */
export const DIRECTORY_VISIBILITY_LABELS: Record<DirectoryVisibility, string> = {
  hidden: '掲載しない',
  accelerators: '他のアクセラレータにだけ表示',
  public: '公開ページにも表示',
}
export const DIRECTORY_VISIBILITY_OPTIONS = optionsOf(DIRECTORY_VISIBILITY_LABELS)

/** 経費の費目 of a placement's cost lines (the funding rules name them, 002:428-474). */
// The funding engine's words for them, so a page and a reason never name a cost differently.
export { COST_ITEM_LABELS } from '../funding/labels'

/** The platform's four skill levels (the sources define none; explained on the catalogue page). */
export const SKILL_LEVEL_LABELS: Record<SkillLevel, string> = {
  1: '知識',
  2: '実務',
  3: '主導',
  4: '指導',
}

/** 「1 知識」… for selects, lowest level first. */
export const SKILL_LEVEL_OPTIONS = (Object.keys(SKILL_LEVEL_LABELS).map(Number) as SkillLevel[]).map((level) => ({
  level,
  label: `${level} ${SKILL_LEVEL_LABELS[level]}`,
}))

/** A list change in the audit log whose items stayed the same: only their order moved. */
export const AUDIT_REORDERED_LABEL = '並び順の変更のみ'

/** The label of a value that may be missing ('' then). */
export function labelOf<Value extends string>(labels: Record<Value, string>, value: Value | null | undefined): string {
  return value ? labels[value] : ''
}

/** A label map's values, in the map's order, for z.enum (db/schema.ts's value lists are server-only). */
export function valuesOf<Value extends string>(labels: Record<Value, string>): [Value, ...Value[]] {
  return Object.keys(labels) as [Value, ...Value[]]
}

/** A label map as the options of a select or a group of choices, in the map's order. */
function optionsOf<Value extends string>(labels: Record<Value, string>): Array<{ value: Value; label: string }> {
  return (Object.keys(labels) as Value[]).map((value) => ({ value, label: labels[value] }))
}
