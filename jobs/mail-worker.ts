// The mail outbox worker: mails are queued in mail_outbox in the same transaction as the write that causes
// them (app/models/mail.server.ts); this worker claims due rows, hands each to the transport, then marks it
// sent or failed. Postgres stays the truth: while the mail server is down nothing is lost, rows wait and
// are retried (an outage never uses up a mail's last attempt; only the server refusing the mail itself does).
// Delivery is at least once: a crash between the server's "250 OK" and markMailSent sends that mail again.
import type { Kysely } from 'kysely'
import {
  claimUnsentMail,
  deferMail,
  MAIL_OUTBOX_CHANNEL,
  markMailFailed,
  markMailSent,
  releaseMail,
} from '../db/queries/mail-outbox'
import type { DB } from '../db/schema'
import { MailRefusedError, type MailTransport } from './mail-transport'
import { listenForOutbox, NOTIFIED_POLL_MS, type OutboxNotifications, UNNOTIFIED_POLL_MS } from './outbox-notifications'
import { type PollingLoop, startPollingLoop } from './polling-loop'

export const MAIL_MAX_ATTEMPTS = 8

export interface MailWorkerOptions {
  db: Kysely<DB>
  transport: MailTransport
  /** After this many refusals of the mail itself, it stays unsent as 送信失敗 (shown on the 送信メール page). */
  maxAttempts?: number
  batchSize?: number
  /** How long a claimed batch is ours; must outlast sending it (the SMTP transport times out within 60 s). */
  leaseSeconds?: number
  /** When the mail server is unreachable, the mails of the batch are due again after this delay. */
  outageRetrySeconds?: number
  log?: (message: string) => void
}

export interface MailDrainResult {
  claimed: number
  sent: number
  failed: number
  /** True when the mail server could not be used: the batch went back to the queue. */
  transportUnavailable: boolean
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`
}

/** Sends one batch of due mail. Exported for tests and for scripts. */
export async function drainMailOutboxOnce(options: MailWorkerOptions): Promise<MailDrainResult> {
  const { db, transport } = options
  const maxAttempts = options.maxAttempts ?? MAIL_MAX_ATTEMPTS
  const outageRetrySeconds = options.outageRetrySeconds ?? 30
  const result: MailDrainResult = { claimed: 0, sent: 0, failed: 0, transportUnavailable: false }

  const mails = await claimUnsentMail(db, {
    limit: options.batchSize ?? 20,
    maxAttempts,
    leaseSeconds: options.leaseSeconds ?? 300,
  })
  result.claimed = mails.length

  for (const [index, mail] of mails.entries()) {
    try {
      await transport.send({ to: mail.to_address, subject: mail.subject, text: mail.body_text })
      await markMailSent(db, mail.id)
      result.sent++
    } catch (error) {
      result.failed++
      if (error instanceof MailRefusedError) {
        options.log?.(`メール #${mail.id} は送信先のサーバーに拒否されました: ${error.message}`)
        await markMailFailed(db, mail.id, describe(error))
        continue
      }
      // The server itself is unreachable or refuses us: stop here, the rest of the batch waits untried.
      result.transportUnavailable = true
      await deferMail(db, mail.id, { error: describe(error), maxAttempts, retrySeconds: outageRetrySeconds })
      await releaseMail(
        db,
        mails.slice(index + 1).map((rest) => rest.id),
        { retrySeconds: outageRetrySeconds },
      )
      break
    }
  }
  return result
}

export interface MailWorker extends PollingLoop {
  /** Resolves once the worker hears commits (true), or when it will only poll (false). */
  listening: Promise<boolean>
}

/**
 * Runs the worker loop in this process (jobs/polling-loop.ts). While the mail server is down the loop backs
 * off up to `maxIdleMs` and tries again, so the backlog goes out by itself once the server is back.
 */
export function startMailWorker(
  options: MailWorkerOptions & { pollMs?: number; maxIdleMs?: number; notifications?: OutboxNotifications },
): MailWorker {
  let reportedDown = false
  const loop = startPollingLoop({
    pollMs: options.pollMs ?? (options.notifications ? NOTIFIED_POLL_MS : UNNOTIFIED_POLL_MS),
    maxIdleMs: options.maxIdleMs ?? 30_000,
    onError: (error) => options.log?.(`メール送信ワーカーでエラーが発生しました: ${describe(error)}`),
    async step() {
      const result = await drainMailOutboxOnce(options)
      if (result.transportUnavailable) {
        if (!reportedDown) options.log?.('メールサーバーに接続できません。未送信のメールは接続が戻りしだい送信します。')
        reportedDown = true
        return 'down'
      }
      if (reportedDown && result.sent > 0) {
        options.log?.('メールサーバーに再接続しました。未送信のメールを送信します。')
        reportedDown = false
      }
      // A non-empty batch means more may be waiting: continue at once.
      return result.claimed > 0 ? 'more' : 'idle'
    },
  })
  // Each commit that queues a mail wakes the loop (enqueueMail's NOTIFY).
  const listening = options.notifications
    ? listenForOutbox(options.notifications, MAIL_OUTBOX_CHANNEL, () => loop.wake()).catch((error: unknown) => {
        options.log?.(`メール送信の通知を受け取れません。${describe(error)}（定期的な確認で送信は続きます）`)
        return undefined
      })
    : undefined
  return {
    wake: loop.wake,
    listening: listening ? listening.then(Boolean) : Promise.resolve(false),
    /** Waits for the batch in flight, then closes the transport (the worker owns it once started). */
    async stop() {
      const unlisten = await listening
      await unlisten?.().catch(() => {})
      await loop.stop()
      options.transport.close()
    },
  }
}
