// The mail outbox worker against a real SMTP server (smtp-server) that this file starts, stops and restarts.
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueMail } from '../app/models/mail.server'
import type { Database } from '../db/client'
import { createTestDatabase, outboxNotificationsFor } from '../tests/db'
import { createMailTransport, type MailTransport } from './mail-transport'
import { drainMailOutboxOnce, startMailWorker } from './mail-worker'

const FROM = '自治体DXアクセラレータ500 <no-reply@dx-accelerator.example.jp>'
const REFUSED_RECIPIENT = 'nobody@example.jp'

interface ReceivedMail {
  mailFrom: string
  rcptTo: string[]
  raw: string
}

let database: Database
let smtp: SMTPServer | undefined
let port = 0
let transport: MailTransport
const received: ReceivedMail[] = []

/** Listens on 127.0.0.1 (a random port the first time, the same one after a restart), plain text, no auth. */
async function startSmtp(): Promise<void> {
  const server = new SMTPServer({
    authOptional: true,
    // No STARTTLS: nodemailer would upgrade to it and refuse smtp-server's self-signed test certificate.
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Pooled client connections stay open: close them quickly when the test "stops" the server.
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (address.address !== REFUSED_RECIPIENT) return callback()
      callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  port = (server.server.address() as AddressInfo).port
  smtp = server
}

async function stopSmtp(): Promise<void> {
  const server = smtp
  smtp = undefined
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
}

// --- Just enough MIME decoding to read what the server received (RFC 2045/2047). ---

function splitMessage(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n')
  const headerText = raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ')
  const headers = new Map<string, string>()
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':')
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim())
  }
  return { headers, body: raw.slice(end + 4) }
}

function hexBytes(text: string): Buffer {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      bytes.push(text.charCodeAt(i))
    }
  }
  return Buffer.from(bytes)
}

/** Decodes encoded-words; adjacent ones are joined as bytes first (a character may span two of them). */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)+/gi, (run) =>
      Buffer.concat(
        [...run.matchAll(/=\?[^?]+\?([BQ])\?([^?]*)\?=/gi)].map(([, encoding, text = '']) =>
          encoding!.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : hexBytes(text.replace(/_/g, ' ')),
        ),
      ).toString('utf8'),
    )
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase()
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') return hexBytes(body.replace(/=\r\n/g, '')).toString('utf8')
  return body
}

function readMail(mail: ReceivedMail) {
  const { headers, body } = splitMessage(mail.raw)
  return {
    from: decodeHeader(headers.get('from') ?? ''),
    to: decodeHeader(headers.get('to') ?? ''),
    subject: decodeHeader(headers.get('subject') ?? ''),
    contentType: headers.get('content-type') ?? '',
    autoSubmitted: headers.get('auto-submitted'),
    text: decodeBody(headers, body).replace(/\r\n/g, '\n'),
  }
}

async function mailRow(to: string) {
  return database.db
    .selectFrom('mail_outbox')
    .select(['id', 'sent_at', 'attempts', 'last_error', 'next_attempt_at'])
    .where('to_address', '=', to)
    .executeTakeFirstOrThrow()
}

async function makeDue(to: string) {
  await database.db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: sql`now() - interval '1 minute'` })
    .where('to_address', '=', to)
    .execute()
}

beforeAll(async () => {
  database = await createTestDatabase()
  await startSmtp()
  transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM })
})

afterAll(async () => {
  transport?.close()
  await stopSmtp()
  await database?.close()
})

describe('mail worker over SMTP', () => {
  it('sends the mail queued in a transaction, in Japanese, and marks it sent', async () => {
    const url = 'http://localhost:3000/verify-email?token=abc123'
    await database.db.transaction().execute(async (trx) => {
      await queueMail(
        trx,
        'yamada@example.jp',
        { template: 'email_verification', name: '山田 太郎', url },
        { prefectureCode: '34' },
      )
      await queueMail(trx, 'suzuki@example.jp', {
        template: 'password_reset',
        url: 'http://localhost:3000/reset-password?token=xyz',
      })
    })
    expect(transport.kind).toBe('smtp')

    expect(await drainMailOutboxOnce({ db: database.db, transport })).toMatchObject({
      sent: 2,
      failed: 0,
      transportUnavailable: false,
    })

    expect(received.map((mail) => mail.rcptTo)).toEqual([['yamada@example.jp'], ['suzuki@example.jp']])
    const verification = readMail(received[0]!)
    expect(received[0]!.mailFrom).toBe('no-reply@dx-accelerator.example.jp')
    expect(verification.from).toBe(FROM)
    expect(verification.to).toBe('yamada@example.jp')
    expect(verification.subject).toBe('【自治体DXアクセラレータ500】メールアドレスの確認')
    expect(verification.contentType).toMatch(/^text\/plain; charset=utf-8/i)
    expect(verification.autoSubmitted).toBe('auto-generated')
    expect(verification.text).toContain('山田 太郎 様')
    expect(verification.text).toContain(url)
    expect(readMail(received[1]!).subject).toBe('【自治体DXアクセラレータ500】パスワードの再設定')

    for (const to of ['yamada@example.jp', 'suzuki@example.jp']) {
      expect(await mailRow(to)).toMatchObject({ sent_at: expect.any(Date), attempts: 0, last_error: null })
    }
    // Sent mail is never sent again.
    expect(await drainMailOutboxOnce({ db: database.db, transport })).toMatchObject({ claimed: 0, sent: 0 })
    expect(received).toHaveLength(2)
  })

  it('sends nothing for a transaction that rolled back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await queueMail(trx, 'rollback@example.jp', { template: 'password_reset', url: 'http://localhost:3000/r' })
        throw new Error('the write failed')
      }),
    ).rejects.toThrow('the write failed')

    expect(await drainMailOutboxOnce({ db: database.db, transport })).toMatchObject({ claimed: 0, sent: 0 })
    const rows = await database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('to_address', '=', 'rollback@example.jp')
      .execute()
    expect(rows).toEqual([])
  })

  it('keeps mail through an SMTP outage and sends it once the server is back', async () => {
    const before = received.length
    await stopSmtp()
    await database.db.transaction().execute(async (trx) => {
      await queueMail(trx, 'outage-1@example.jp', {
        template: 'password_reset',
        url: 'http://localhost:3000/reset-password?token=o1',
      })
      await queueMail(trx, 'outage-2@example.jp', {
        template: 'password_reset',
        url: 'http://localhost:3000/reset-password?token=o2',
      })
    })

    expect(await drainMailOutboxOnce({ db: database.db, transport })).toMatchObject({
      claimed: 2,
      sent: 0,
      failed: 1,
      transportUnavailable: true,
    })
    // The first was tried and failed; the second went back to the queue untried. Both stay unsent.
    const tried = await mailRow('outage-1@example.jp')
    expect(tried).toMatchObject({ sent_at: null, attempts: 1 })
    expect(tried.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/)
    expect(tried.next_attempt_at.getTime()).toBeGreaterThan(Date.now())
    expect(await mailRow('outage-2@example.jp')).toMatchObject({ sent_at: null, attempts: 0, last_error: null })
    // Not due yet: the next drain does not hammer the server.
    expect(await drainMailOutboxOnce({ db: database.db, transport })).toMatchObject({ claimed: 0 })

    await startSmtp()
    await makeDue('outage-1@example.jp')
    await makeDue('outage-2@example.jp')
    expect(await drainMailOutboxOnce({ db: database.db, transport })).toMatchObject({
      sent: 2,
      failed: 0,
      transportUnavailable: false,
    })
    expect(received.slice(before).map((mail) => mail.rcptTo[0])).toEqual(['outage-1@example.jp', 'outage-2@example.jp'])
    expect(await mailRow('outage-1@example.jp')).toMatchObject({
      sent_at: expect.any(Date),
      attempts: 1,
      last_error: null,
    })
  })

  it('never lets an outage use up the last attempt', async () => {
    await queueMail(database.db, 'long-outage@example.jp', {
      template: 'password_reset',
      url: 'http://localhost:3000/r',
    })
    await database.db
      .updateTable('mail_outbox')
      .set({ attempts: 7 })
      .where('to_address', '=', 'long-outage@example.jp')
      .execute()
    await stopSmtp()
    try {
      expect(await drainMailOutboxOnce({ db: database.db, transport, maxAttempts: 8 })).toMatchObject({
        transportUnavailable: true,
      })
      expect(await mailRow('long-outage@example.jp')).toMatchObject({ sent_at: null, attempts: 7 })
    } finally {
      await startSmtp()
    }
    await makeDue('long-outage@example.jp')
    expect(await drainMailOutboxOnce({ db: database.db, transport, maxAttempts: 8 })).toMatchObject({ sent: 1 })
  })

  it('counts a refused recipient toward giving up, and still sends the rest of the batch', async () => {
    await queueMail(database.db, REFUSED_RECIPIENT, { template: 'password_reset', url: 'http://localhost:3000/r' })
    await queueMail(database.db, 'after-refusal@example.jp', {
      template: 'password_reset',
      url: 'http://localhost:3000/r',
    })

    expect(await drainMailOutboxOnce({ db: database.db, transport })).toMatchObject({
      sent: 1,
      failed: 1,
      transportUnavailable: false,
    })
    const refused = await mailRow(REFUSED_RECIPIENT)
    expect(refused).toMatchObject({ sent_at: null, attempts: 1 })
    expect(refused.last_error).toContain('550')
    expect(await mailRow('after-refusal@example.jp')).toMatchObject({ sent_at: expect.any(Date) })

    // After maxAttempts refusals it is no longer claimed.
    await makeDue(REFUSED_RECIPIENT)
    expect(await drainMailOutboxOnce({ db: database.db, transport, maxAttempts: 2 })).toMatchObject({
      claimed: 1,
      failed: 1,
    })
    await makeDue(REFUSED_RECIPIENT)
    expect(await drainMailOutboxOnce({ db: database.db, transport, maxAttempts: 2 })).toMatchObject({ claimed: 0 })
    // It is due but given up under maxAttempts 2; the other tests run with the default 8, so take it away.
    await database.db.deleteFrom('mail_outbox').where('to_address', '=', REFUSED_RECIPIENT).execute()
  })

  it('claims a mail once: a second worker skips a batch that is being sent', async () => {
    await queueMail(database.db, 'lease@example.jp', { template: 'password_reset', url: 'http://localhost:3000/r' })
    let releaseSend: (() => void) | undefined
    const slowTransport: MailTransport = {
      kind: 'smtp',
      send: () => new Promise<void>((resolve) => (releaseSend = resolve)),
      close() {},
    }
    const first = drainMailOutboxOnce({ db: database.db, transport: slowTransport })
    await expect.poll(() => releaseSend !== undefined).toBe(true)
    expect(await drainMailOutboxOnce({ db: database.db, transport })).toMatchObject({ claimed: 0 })
    releaseSend!()
    expect(await first).toMatchObject({ sent: 1 })
  })

  it('runs as a loop: wake() sends newly queued mail, stop() ends it', async () => {
    const worker = startMailWorker({
      db: database.db,
      transport: createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM }),
      pollMs: 60_000,
    })
    try {
      await queueMail(database.db, 'loop@example.jp', { template: 'password_reset', url: 'http://localhost:3000/r' })
      worker.wake()
      await expect
        .poll(() => received.some((mail) => mail.rcptTo.includes('loop@example.jp')), { timeout: 10_000 })
        .toBe(true)
      await expect.poll(() => mailRow('loop@example.jp').then((row) => row.sent_at !== null)).toBe(true)
    } finally {
      await worker.stop()
    }
  })
})

describe('mail worker woken by the commit', () => {
  it('sends a mail as soon as the transaction that queued it commits, with no poll due', async () => {
    const worker = startMailWorker({
      db: database.db,
      transport: createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM }),
      // No look at the outbox for a minute after the first: only the notification can bring the mail out.
      pollMs: 60_000,
      notifications: await outboxNotificationsFor(database),
    })
    try {
      expect(await worker.listening).toBe(true)
      await database.db
        .transaction()
        .execute((trx) =>
          queueMail(trx, 'notified@example.jp', { template: 'password_reset', url: 'http://localhost:3000/r' }),
        )
      await expect
        .poll(() => received.some((mail) => mail.rcptTo.includes('notified@example.jp')), { timeout: 10_000 })
        .toBe(true)
    } finally {
      await worker.stop()
    }
  })
})

describe('console transport (no SMTP configured)', () => {
  it('prints recipient, subject and the clickable link, and the worker marks the mail sent', async () => {
    const lines: string[] = []
    const consoleTransport = createMailTransport({ from: FROM, log: (line) => lines.push(line) })
    expect(consoleTransport.kind).toBe('console')
    const url = 'http://localhost:3000/reset-password?token=console-token'
    await queueMail(database.db, 'console@example.jp', { template: 'password_reset', url })

    expect(await drainMailOutboxOnce({ db: database.db, transport: consoleTransport })).toMatchObject({ sent: 1 })
    const output = lines.join('\n')
    expect(output).toContain('宛先: console@example.jp')
    expect(output).toContain('件名: 【自治体DXアクセラレータ500】パスワードの再設定')
    // On a line of its own, so a terminal makes it clickable.
    expect(output.split('\n')).toContain(url)
    expect(await mailRow('console@example.jp')).toMatchObject({ sent_at: expect.any(Date) })
  })
})
