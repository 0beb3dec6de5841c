// A status shown with its meaning, not only its word: colour and a shape mark per tone (so colour is never
// the only cue, WCAG 1.4.1). Tones follow the デジタル庁デザインシステム's notification colours.
import type {
  AppointmentStatus,
  IssueStatus,
  NeedStatus,
  PlacementStatus,
  PoolStatus,
  ShortlistStatus,
} from '../../db/schema'

export type StatusTone = 'action' | 'progress' | 'done' | 'closed' | 'stopped'

const MARK: Record<StatusTone, string> = { action: '●', progress: '◐', done: '✓', closed: '―', stopped: '×' }

/** Which tone each workflow status has: waiting for staff, moving, reached its goal, over, or stopped. */
export const STATUS_TONES = {
  pool: {
    applied: 'action',
    screening: 'progress',
    interview: 'progress',
    training: 'progress',
    registered: 'done',
    declined: 'stopped',
    withdrawn: 'closed',
  } satisfies Record<PoolStatus, StatusTone>,
  issue: {
    submitted: 'action',
    reviewing: 'progress',
    in_need: 'done',
    closed: 'closed',
    withdrawn: 'closed',
  } satisfies Record<IssueStatus, StatusTone>,
  need: {
    draft: 'action',
    published: 'progress',
    selecting: 'progress',
    filled: 'done',
    closed: 'closed',
    withdrawn: 'stopped',
  } satisfies Record<NeedStatus, StatusTone>,
  /** A need's shortlist, as staff see it: 候補 waits for them, 打診 and 面談 move, 内定 is the goal. */
  shortlist: {
    shortlisted: 'action',
    contacted: 'progress',
    interview: 'progress',
    offered: 'done',
    passed: 'stopped',
    declined: 'closed',
  } satisfies Record<ShortlistStatus, StatusTone>,
  /** A placement: a draft waits for its employer to start it; 配置中 is the goal; 終了 is over. */
  placement: { draft: 'action', active: 'done', ended: 'closed' } satisfies Record<PlacementStatus, StatusTone>,
  /** A prefecture's お声がけ (打診) as the professional sees it: an answer is waiting for them first. */
  offer: {
    waiting: 'action',
    accepted: 'progress',
    interview: 'progress',
    offered: 'done',
    passed: 'stopped',
    declined: 'closed',
  } satisfies Record<'waiting' | 'accepted' | 'interview' | 'offered' | 'passed' | 'declined', StatusTone>,
  /** An accelerator case: waiting for the ministry, back with the prefecture, appointed, or over. */
  appointment: {
    nominated: 'action',
    returned: 'progress',
    withdrawn: 'closed',
    declined: 'stopped',
    appointed: 'done',
    ended: 'closed',
    revoked: 'stopped',
  } satisfies Record<AppointmentStatus, StatusTone>,
  /** A funding result: counted, not counted, or waiting for the ministry's decision. */
  funding: { eligible: 'done', not_eligible: 'closed', needs_confirmation: 'action' } satisfies Record<
    'eligible' | 'not_eligible' | 'needs_confirmation',
    StatusTone
  >,
  /** A staff account: usable, or stopped by an admin. */
  user: { active: 'done', deactivated: 'stopped' } satisfies Record<'active' | 'deactivated', StatusTone>,
  /** A pool's 「メールで登録を依頼」, from sending to the person's answer. */
  poolInvitation: {
    open: 'action',
    expired: 'closed',
    accepted: 'done',
    declined: 'stopped',
  } satisfies Record<'open' | 'expired' | 'accepted' | 'declined', StatusTone>,
  /** An open call as the professional who expressed interest sees it. */
  interest: {
    open: 'progress',
    selecting: 'progress',
    filled: 'done',
    ended: 'closed',
  } satisfies Record<'open' | 'selecting' | 'filled' | 'ended', StatusTone>,
} as const

export function StatusBadge({ tone, label }: { tone: StatusTone; label: string }) {
  return (
    <span className={`status-badge status-badge--${tone}`}>
      <span aria-hidden="true">{MARK[tone]} </span>
      {label}
    </span>
  )
}
