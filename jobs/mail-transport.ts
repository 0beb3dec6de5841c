// How queued mail leaves the process: by SMTP when SMTP_URL is configured, otherwise printed to the console
// (development), where a developer can open the link in the terminal or on the 送信メール page.
import { createTransport } from 'nodemailer'

export interface OutgoingMail {
  to: string
  subject: string
  text: string
}

export interface MailTransport {
  kind: 'smtp' | 'console'
  /**
   * Resolves once the server accepted the mail. Rejects with MailRefusedError when the server refused this
   * mail (its recipient or content); any other rejection means the server could not be used at all.
   */
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

export interface MailTransportOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; unset = console. */
  smtpUrl?: string
  /** The From header, e.g. `自治体DXアクセラレータ500 <no-reply@example.jp>`. */
  from: string
  log?: (line: string) => void
}

/** The server refused this mail (e.g. an unknown recipient): retrying it is counted toward giving up. */
export class MailRefusedError extends Error {
  override name = 'MailRefusedError'
  readonly responseCode: number | undefined

  constructor(message: string, responseCode: number | undefined) {
    super(message)
    this.responseCode = responseCode
  }
}

interface SmtpError {
  code?: string
  responseCode?: number
  response?: string
  message?: string
}

/**
 * Nodemailer's EENVELOPE/EMESSAGE are about the mail (a recipient refused, DATA rejected). Everything else
 * (refused connection, timeout, TLS, authentication, 421 "service not available") is about the server.
 */
function isRefusalOfTheMail(error: SmtpError): boolean {
  return (error.code === 'EENVELOPE' || error.code === 'EMESSAGE') && error.responseCode !== 421
}

export function createMailTransport(options: MailTransportOptions): MailTransport {
  return options.smtpUrl
    ? createSmtpTransport(options.smtpUrl, options.from)
    : createConsoleTransport(options.log ?? console.log)
}

function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = createTransport(
    {
      url: smtpUrl,
      pool: true,
      maxConnections: 2,
      // The worker's lease on a batch (jobs/mail-worker.ts) must outlast a slow server: fail fast, retry later.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    },
    { from },
  )
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        await transporter.sendMail({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          // Plain text only: the links are the content, and HTML mail from a government service is a phishing look.
          headers: { 'Auto-Submitted': 'auto-generated' },
        })
      } catch (error) {
        const smtpError = (error ?? {}) as SmtpError
        if (isRefusalOfTheMail(smtpError)) {
          throw new MailRefusedError(smtpError.response ?? smtpError.message ?? String(error), smtpError.responseCode)
        }
        throw error
      }
    },
    close() {
      transporter.close()
    },
  }
}

const RULE = '─'.repeat(60)

function createConsoleTransport(log: (line: string) => void): MailTransport {
  return {
    kind: 'console',
    async send(mail) {
      log(
        [
          RULE,
          'メール（SMTP が設定されていないため送信せず、ここに表示しています）',
          `宛先: ${mail.to}`,
          `件名: ${mail.subject}`,
          '',
          mail.text,
          RULE,
        ].join('\n'),
      )
    },
    close() {},
  }
}
