// The 送信メール page (development only): admins read the mail the platform queued, within their scope.
// With SMTP configured the page does not exist: mail then really goes out.
// The links in these mails are credentials (verification, password reset, invitations): whoever holds one
// can verify, reset or take the account. So staff read only the copy queued with every token blanked out
// (mail_outbox.shown_body_text); an admin can trigger a reset for a colleague anonymously, and must not be
// able to read the link. Only the embedded demo (no DATABASE_URL, demo accounts on: nobody's real account)
// shows the live links, so the demo's sign-up and invitation flows can be tried without a mailbox.
import type { AppLoadContext } from '@remix-run/node'
import { countMail, type ListedMail, listMail } from '../../db/queries/mail-outbox'
import { MAIL_MAX_ATTEMPTS } from '../../jobs/mail-worker'
import type { SessionUser } from '../utils/auth.server'
import { formatTimestamp } from '../utils/dates'
import { loadPage, type PageInfo } from '../utils/pagination'
import { userHasPermission } from '../utils/permissions'
import { isEmbeddedDemo } from './bootstrap.server'

export function mailPageAvailable(context: AppLoadContext): boolean {
  return context.services.env.SMTP_URL === undefined
}

/** Whether the page may show the links as sent (with their tokens): the embedded demo only. */
export function mailPageShowsLiveLinks(context: AppLoadContext): boolean {
  return mailPageAvailable(context) && isEmbeddedDemo(context.services.env)
}

/** A mail body cut into text and http(s) links, so the page can link them without rendering HTML. */
export type BodyPart = { kind: 'text'; text: string } | { kind: 'link'; href: string }

export interface MailViewRow {
  id: number
  to: string
  subject: string
  body: string
  bodyParts: BodyPart[]
  template: string
  createdAt: string
  sentAt: string | null
  status: 'sent' | 'pending' | 'failed'
  statusLabel: '送信済み' | '未送信' | '送信失敗'
  attempts: number
  lastError: string | null
  /** For a failed mail: when it is tried again, or that it no longer is. */
  retryNote: string | null
}

// Characters a URL may contain (RFC 3986); Japanese text or whitespace ends it.
const URL_PATTERN = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g
// Sentence punctuation right after a link is not part of it.
const TRAILING_PUNCTUATION = /[.,;:!?'")\]]+$/

export function splitBodyLinks(body: string): BodyPart[] {
  const parts: BodyPart[] = []
  let last = 0
  const pushText = (text: string) => {
    if (!text) return
    const previous = parts.at(-1)
    if (previous?.kind === 'text') previous.text += text
    else parts.push({ kind: 'text', text })
  }
  for (const match of body.matchAll(URL_PATTERN)) {
    const href = match[0].replace(TRAILING_PUNCTUATION, '')
    const start = match.index
    pushText(body.slice(last, start))
    if (isHttpUrl(href)) parts.push({ kind: 'link', href })
    else pushText(href)
    last = start + href.length
  }
  pushText(body.slice(last))
  return parts
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}

function toViewRow(row: ListedMail): MailViewRow {
  const failed = !row.sent_at && row.last_error !== null
  const status = row.sent_at ? 'sent' : failed ? 'failed' : 'pending'
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    body: row.body || '（このメールの本文は表示できません）',
    bodyParts: splitBodyLinks(row.body || '（このメールの本文は表示できません）'),
    template: row.template,
    createdAt: formatTimestamp(row.created_at, { seconds: false }),
    sentAt: row.sent_at ? formatTimestamp(row.sent_at, { seconds: false }) : null,
    status,
    statusLabel: status === 'sent' ? '送信済み' : status === 'failed' ? '送信失敗' : '未送信',
    attempts: row.attempts,
    lastError: row.sent_at ? null : row.last_error,
    retryNote: !failed
      ? null
      : row.attempts >= MAIL_MAX_ATTEMPTS
        ? `${row.attempts}回失敗したため、再送を停止しました。`
        : `${row.attempts}回失敗しました。${formatTimestamp(row.next_attempt_at, { seconds: false })} 以降に再送します。`,
  }
}

/**
 * One page of the mails the admin may read, newest first: all of them for a ministry admin, only their
 * prefecture's for a prefecture admin (mail with no prefecture is national, for the ministry only). The scope
 * is in the query.
 */
export async function listSentMailForAdmin(
  context: AppLoadContext,
  admin: Pick<SessionUser, 'role' | 'prefecture_code'>,
  page: number,
): Promise<{ mails: MailViewRow[]; paged: PageInfo }> {
  let scope: { prefectureCode?: string }
  if (userHasPermission(admin, 'read:mail:any')) {
    scope = {}
  } else if (userHasPermission(admin, 'read:mail:own-prefecture') && admin.prefecture_code) {
    scope = { prefectureCode: admin.prefecture_code }
  } else {
    // The route's guard already answered 403; this keeps the model safe on its own.
    throw new Response('この操作を行う権限がありません。', { status: 403 })
  }
  const { db } = context.services.database
  const body = mailPageShowsLiveLinks(context) ? 'live' : 'shown'
  const { rows, ...paged } = await loadPage(page, countMail(db, scope), (range) =>
    listMail(db, scope, { ...range, body }),
  )
  return { mails: rows.map(toViewRow), paged }
}
