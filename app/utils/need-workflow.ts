// The life of a need: 下書き → 公開 → 選考中 → 充足 → 終了, and 取下げ from any open state.
// Pure, so the page can offer only the moves the server will accept.
import type { NeedStatus } from '../../db/schema'
import { isoDate } from './dates'

const TRANSITIONS: Record<NeedStatus, readonly NeedStatus[]> = {
  draft: ['published', 'withdrawn'],
  // Back to 下書き = 公開停止 (taken off the open calls, e.g. to rework the description).
  published: ['selecting', 'draft', 'withdrawn'],
  // Back to 公開 = selection reopened (no suitable candidate yet).
  selecting: ['filled', 'published', 'withdrawn'],
  // Back to 選考中 when the chosen person does not take up the post.
  filled: ['closed', 'selecting'],
  closed: [],
  withdrawn: [],
}

export const TRANSITION_LABELS: Record<NeedStatus, string> = {
  draft: '公開を停止して下書きに戻す',
  published: '公開する',
  selecting: '選考中にする（公募を締め切る）',
  filled: '充足（採用決定）にする',
  closed: '終了にする',
  withdrawn: '取り下げる',
}

export function allowedTransitions(from: NeedStatus): readonly NeedStatus[] {
  return TRANSITIONS[from]
}

export function canTransition(from: NeedStatus, to: NeedStatus): boolean {
  return TRANSITIONS[from].includes(to)
}

/** Needs in these states can still be edited (job description, municipalities, skills). */
export function isEditable(status: NeedStatus): boolean {
  return status === 'draft' || status === 'published' || status === 'selecting'
}

export interface PublishableNeed {
  title: string
  role_id: string | null
  employment_form: string | null
  start_on: Date | string | null
  task_skill_ids: string[]
  task_details: string
  supervisor: string
  municipalityCount: number
  application_deadline: Date | string | null
}

/**
 * What a job description must state before it is published, each as a sentence the official can act on:
 * the three steps of 001:246-250 (the tasks and role, then the employment form and management set-up).
 */
export function publishProblems(need: PublishableNeed, today: string): string[] {
  const problems: string[] = []
  if (need.task_skill_ids.length === 0 && !need.task_details.trim())
    problems.push('支援する業務を選ぶか、業務内容の詳細を書いてください')
  if (!need.role_id) problems.push('人材像を選んでください')
  if (need.municipalityCount === 0) problems.push('支援する市区町村を1つ以上、週の日数とともに入力してください')
  if (!need.employment_form) problems.push('任用・契約の形態を選んでください')
  if (!need.start_on) problems.push('開始日を入力してください')
  if (!need.supervisor.trim()) problems.push('県の管理体制（担当課・監督者）を入力してください')
  const deadline = need.application_deadline ? isoDate(need.application_deadline) : null
  if (deadline && deadline < today) problems.push('応募締切日が過ぎています。締切日を直してから公開してください')
  return problems
}
