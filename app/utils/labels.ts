// The Japanese words for each enumeration in db/schema.ts (and the skill-level scale), in one place for the
// server and the browser. Each map is a Record over its enum, so adding a status without a label fails the
// typecheck; lists and selects are built from these maps, never retyped.
import type { IssueStatus, NeedStatus, PoolStatus, ShortlistStatus } from '../../db/schema'
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
