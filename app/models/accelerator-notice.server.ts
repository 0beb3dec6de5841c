// The ministry's notices to appointed accelerators (総務省からのお知らせ). Publishing one writes the notice, a mail
// to every accelerator now and the audit row in one transaction: the mails go out only if the notice is there.
// The accelerators read the notices on their own page (accelerator.server.ts).
import crypto from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import { insertAcceleratorNotice, listAcceleratorNotices, listAppointedRecipients } from '../../db/queries/accelerators'
import type { NoticeInput } from '../utils/accelerator-validation'
import type { SessionUser } from '../utils/auth.server'
import { formatDateTime } from '../utils/dates'
import { actorFrom, recordAudit } from './audit.server'
import { queueMail } from './mail.server'

const NOTICES_ON_ADMIN_PAGE = 100

export async function getNoticeAdminPage(context: AppLoadContext) {
  const { db } = context.services.database
  const [notices, recipients] = await Promise.all([
    listAcceleratorNotices(db, { limit: NOTICES_ON_ADMIN_PAGE }),
    listAppointedRecipients(db),
  ])
  return {
    /** How many accelerators the next notice is mailed to. */
    recipients: recipients.length,
    notices: notices.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      publishedAt: formatDateTime(n.published_at),
      authorName: n.author_name ?? '（削除されたアカウント）',
    })),
  }
}

/** Publishes the notice and mails it to every accelerator now; returns how many mails were queued. */
export async function publishNotice(
  context: AppLoadContext,
  user: SessionUser,
  input: NoticeInput,
): Promise<{ mailed: number }> {
  const { db } = context.services.database
  const url = `${context.services.appUrl}/accelerator`
  return db.transaction().execute(async (trx) => {
    const notice = await insertAcceleratorNotice(trx, {
      id: crypto.randomUUID(),
      title: input.title,
      body: input.body,
      createdBy: user.id,
    })
    const recipients = await listAppointedRecipients(trx)
    for (const person of recipients)
      await queueMail(trx, person.email, {
        template: 'accelerator_notice',
        name: `${person.family_name} ${person.given_name}`.trim(),
        title: input.title,
        body: input.body,
        url,
      })
    await recordAudit(trx, actorFrom(context, user), {
      entity: 'accelerator_notice',
      action: 'publish',
      entityId: notice.id,
      summary: `アクセラレータへのお知らせ「${input.title}」を掲載し、${recipients.length}人にメールを送りました`,
      after: { title: input.title, body_length: Array.from(input.body).length, mailed: recipients.length },
    })
    return { mailed: recipients.length }
  })
}
