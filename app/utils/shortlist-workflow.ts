// The life of a need's shortlist entry: 候補 → 打診（声をかける）→ 面談 → 内定, with 見送り and 辞退 from any open
// state, and 辞退 from 内定 too (the person turns the post down, and the need is open for selection again).
// Pure, so the pages offer only the moves the server will accept and say why the others are refused.
import type { NeedStatus, ShortlistStatus } from '../../db/schema'
import { NEED_STATUS_LABELS, SHORTLIST_STATUS_LABELS } from './labels'
import { type Role, userHasPermission } from './permissions'

const TRANSITIONS: Record<ShortlistStatus, readonly ShortlistStatus[]> = {
  shortlisted: ['contacted', 'passed', 'declined'],
  contacted: ['interview', 'passed', 'declined'],
  interview: ['offered', 'passed', 'declined'],
  offered: ['declined'],
  passed: [],
  declined: [],
}

/** What the button for each move says. */
export const SHORTLIST_TRANSITION_LABELS: Record<Exclude<ShortlistStatus, 'shortlisted'>, string> = {
  contacted: '声をかける（打診）',
  interview: '面談に進む',
  offered: '内定にする（ニーズを充足に）',
  passed: '見送る',
  declined: '辞退として記録する',
}

/** Statuses in which the entry is still moving (見送り and 辞退 are final; 内定 is the decision). */
export function isOpenShortlistStatus(status: ShortlistStatus): boolean {
  return status === 'shortlisted' || status === 'contacted' || status === 'interview'
}

export interface ShortlistMoveFacts {
  from: ShortlistStatus
  to: ShortlistStatus
  /** The person answered the 打診 with 「話を聞く（応募する）」 (their application is linked to the need). */
  accepted: boolean
  needStatus: NeedStatus
}

/** Why the server refuses a move, as the page says it; null when the move is allowed. */
export function shortlistMoveProblem({ from, to, accepted, needStatus }: ShortlistMoveFacts): string | null {
  if (!TRANSITIONS[from].includes(to))
    return `「${SHORTLIST_STATUS_LABELS[from]}」から「${SHORTLIST_STATUS_LABELS[to]}」には変更できません。`
  if (needStatus === 'closed' || needStatus === 'withdrawn')
    return `ニーズが「${NEED_STATUS_LABELS[needStatus]}」のため、候補者の状態は変更できません。`
  if (needStatus === 'filled' && to !== 'passed' && to !== 'declined')
    return 'ニーズはすでに「充足」です。ほかの候補者は「見送り」か「辞退」にだけ変更できます。'
  if ((to === 'contacted' || to === 'offered') && needStatus !== 'published' && needStatus !== 'selecting')
    return to === 'contacted'
      ? '公開前のニーズでは声をかけられません。先にニーズを公開してください。'
      : '公開中または選考中のニーズでだけ内定にできます。'
  if (to === 'interview' && !accepted) return '本人が「話を聞く（応募する）」と回答してから、面談に進めます。'
  return null
}

/** The moves the page offers: those the server would accept now. */
export function allowedShortlistMoves(facts: Omit<ShortlistMoveFacts, 'to'>): ShortlistStatus[] {
  return TRANSITIONS[facts.from].filter((to) => shortlistMoveProblem({ ...facts, to }) === null)
}

/** The interview date may be set once the person agreed to talk, and while the interview is ahead. */
export function interviewProblem(status: ShortlistStatus, accepted: boolean): string | null {
  if (status === 'interview' || (status === 'contacted' && accepted)) return null
  return status === 'contacted'
    ? '本人が「話を聞く（応募する）」と回答してから、面談の日程を設定できます。'
    : `「${SHORTLIST_STATUS_LABELS[status]}」の候補者には面談の日程を設定できません。`
}

/** What the staff do next with an entry (the need page's list). */
export function shortlistNextStep(status: ShortlistStatus, accepted: boolean, hasInterview: boolean): string {
  switch (status) {
    case 'shortlisted':
      return '声をかける（打診）か、見送るかを決めてください。'
    case 'contacted':
      return accepted
        ? hasInterview
          ? '本人が応募しました。面談の日程を伝えてあります。面談に進めてください。'
          : '本人が応募しました。面談の日程を決めてください。'
        : '本人の回答を待っています。'
    case 'interview':
      return hasInterview ? '面談の結果を記録してください（内定・見送り）。' : '面談の日程を決めてください。'
    case 'offered':
      return '内定。配置の手続きに進めます。'
    case 'passed':
    case 'declined':
      return '—'
  }
}

/**
 * Whether the person hears about a move: every step after they were contacted. An entry closed while it was
 * still only 候補 is the prefecture's own business: the person never knew of it.
 */
export function personIsToldOf(from: ShortlistStatus, to: ShortlistStatus): boolean {
  if (to === 'passed' || to === 'declined') return from !== 'shortlisted'
  return to === 'contacted' || to === 'interview' || to === 'offered'
}

/** The professional's side of an entry: what their home and the offer page show. */
export type OfferState = 'waiting' | 'accepted' | 'interview' | 'offered' | 'passed' | 'declined'

export const OFFER_STATE_LABELS: Record<OfferState, string> = {
  waiting: 'お声がけ（回答待ち）',
  accepted: '応募済み（面談の日程待ち）',
  interview: '面談',
  offered: '内定',
  passed: '見送り',
  declined: '辞退',
}

export function offerStateOf(status: ShortlistStatus, accepted: boolean): OfferState | null {
  switch (status) {
    case 'shortlisted':
      return null
    case 'contacted':
      return accepted ? 'accepted' : 'waiting'
    default:
      return status
  }
}

/** What the person is asked to do next. */
export const OFFER_NEXT_STEP: Record<OfferState, string> = {
  waiting: '「話を聞く（応募する）」か「辞退する」を選んでください。',
  accepted: '担当者から面談の日程の連絡があります。お待ちください。',
  interview: '面談の日時と場所を確認してください。',
  offered: '内定です。着任の手続きについて担当者から連絡があります。',
  passed: '今回は見送りとなりました。',
  declined: '辞退しました。',
}

/** The person may turn it down until it is over (a 内定 too: 内定辞退). */
export function personMayDecline(state: OfferState): boolean {
  return state === 'waiting' || state === 'accepted' || state === 'interview' || state === 'offered'
}

/** Who moves people on a need's shortlist: the staff of the need's prefecture (the ministry reads it). */
export function mayManageShortlist(user: { role: Role; prefecture_code: string | null }): boolean {
  return user.prefecture_code !== null && userHasPermission(user, 'update:need:own-prefecture')
}
