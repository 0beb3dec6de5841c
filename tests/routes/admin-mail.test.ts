import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueMail, TOKEN_PLACEHOLDER } from '../../app/models/mail.server'
import { loader } from '../../app/routes/admin.mail/route'
import { action as confirmAction } from '../../app/routes/confirm-email/route'
import { action as forgotAction } from '../../app/routes/forgot-password/route'
import { action as acceptAction } from '../../app/routes/invitations.accept/route'
import { action as inviteAction } from '../../app/routes/admin.users.invite/route'
import { action as resetAction } from '../../app/routes/reset-password/route'
import { action as signupAction } from '../../app/routes/signup/route'
import { action as verifyAction } from '../../app/routes/verify-email/route'
import { action as accountAction } from '../../app/routes/account/route'
import type { Services } from '../../app/services.server'
import { markMailFailed, markMailSent } from '../../db/queries/mail-outbox'
import type { Role } from '../../db/schema'
import { createUser, loginAs, TEST_PASSWORD } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

// The 送信メール page as a server deployment runs it (DATABASE_URL set): whatever backend the test itself uses.
let services: Services
// The same data, configured as the embedded demo (no DATABASE_URL, demo accounts on by default).
let demo: Services
const HIROSHIMA_URL = 'http://localhost:3000/verify-email?token=hiroshima-token'

beforeAll(async () => {
  const base = await createTestServices({ indexed: false })
  services = { ...base, env: { ...base.env, DATABASE_URL: 'postgres://db.example.jp:5432/dxp' } }
  demo = { ...base, env: { ...base.env, DATABASE_URL: undefined, DEMO_ACCOUNTS: undefined } }
  const { db } = services.database
  await db.transaction().execute(async (trx) => {
    await queueMail(
      trx,
      'hiroshima@example.jp',
      { template: 'email_verification', name: '広島 花子', url: HIROSHIMA_URL },
      { prefectureCode: '34' },
    )
    await queueMail(
      trx,
      'tokyo@example.jp',
      { template: 'password_reset', url: 'http://localhost:3000/reset-password?token=tokyo' },
      { prefectureCode: '13' },
    )
    await queueMail(trx, 'national@example.jp', {
      template: 'password_reset',
      url: 'http://localhost:3000/reset-password?token=national',
    })
    await queueMail(
      trx,
      'failing@example.jp',
      { template: 'password_reset', url: 'http://localhost:3000/r' },
      { prefectureCode: '34' },
    )
  })
  const ids = Object.fromEntries(
    (await db.selectFrom('mail_outbox').select(['id', 'to_address']).execute()).map((row) => [row.to_address, row.id]),
  )
  await markMailSent(db, ids['hiroshima@example.jp']!)
  await markMailFailed(db, ids['failing@example.jp']!, 'Error (ESOCKET): connect ECONNREFUSED 127.0.0.1:25')
})
afterAll(async () => {
  await services?.close()
})

async function pageAs(role: Role, target: Services = services) {
  const { cookie } = await loginAs(target, { role })
  return loader(routeArgs(target, '/admin/mail', { cookie }))
}

describe('/admin/mail (送信メール)', () => {
  it('shows a ministry admin the mail of every prefecture and the national mail, newest first', async () => {
    const { status, body } = unwrap(await pageAs('ministry_admin'))
    expect(status).toBe(200)
    expect(body.national).toBe(true)
    expect(body.mails.map((mail) => mail.to)).toEqual([
      'failing@example.jp',
      'national@example.jp',
      'tokyo@example.jp',
      'hiroshima@example.jp',
    ])
  })

  it('shows a prefecture admin only their own prefecture’s mail (広島県 34, never 東京都 13 or national)', async () => {
    const { status, body } = unwrap(await pageAs('prefecture_admin'))
    expect(status).toBe(200)
    expect(body.national).toBe(false)
    expect(body.mails.map((mail) => mail.to)).toEqual(['failing@example.jp', 'hiroshima@example.jp'])
    expect(JSON.stringify(body)).not.toContain('tokyo')
  })

  it('returns display rows: Tokyo times, status, last error, and the body with its links cut out', async () => {
    const { body } = unwrap(await pageAs('prefecture_admin', demo))
    const [failing, sent] = body.mails
    expect(sent).toMatchObject({
      subject: '【自治体DXアクセラレータ500】メールアドレスの確認',
      template: 'email_verification',
      status: 'sent',
      statusLabel: '送信済み',
      lastError: null,
    })
    expect(sent!.createdAt).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/)
    expect(sent!.sentAt).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/)
    expect(sent!.body).toContain('広島 花子 様')
    expect(sent!.bodyParts).toContainEqual({ kind: 'link', href: HIROSHIMA_URL })
    // Text around the link stays text, and the parts add up to the whole body.
    expect(sent!.bodyParts.map((part) => (part.kind === 'link' ? part.href : part.text)).join('')).toBe(sent!.body)
    expect(sent!.bodyParts.filter((part) => part.kind === 'link')).toHaveLength(1)

    expect(failing).toMatchObject({ status: 'failed', statusLabel: '送信失敗', attempts: 1, sentAt: null })
    expect(failing!.lastError).toContain('ECONNREFUSED')
    expect(failing!.retryNote).toMatch(/^1回失敗しました。\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 以降に再送します。$/)
  })

  it('answers 403 to every role without the permission', async () => {
    for (const role of ['prefecture_staff', 'municipal_staff', 'professional', 'ministry_staff'] as const) {
      const { status } = await thrownResponse(() => pageAs(role))
      expect(status, role).toBe(403)
    }
  })

  it('sends an anonymous visitor to the login page', async () => {
    const error = await loader(routeArgs(services, '/admin/mail')).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(Response)
    const response = error as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Fadmin%2Fmail')
  })

  it('does not exist (404) once SMTP is configured: mail then goes out for real', async () => {
    const withSmtp: Services = { ...services, env: { ...services.env, SMTP_URL: 'smtp://mail.example.jp:587' } }
    for (const role of ['ministry_admin', 'prefecture_admin'] as const) {
      const { status, text } = await thrownResponse(() => pageAs(role, withSmtp))
      expect(status, role).toBe(404)
      expect(text).toContain('開発環境')
    }
  })
})

/** Every token= value in a text (the live ones, read from the outbox as only the mailbox's owner could). */
function tokensIn(text: string): string[] {
  return [...text.matchAll(/[?&]token=([A-Za-z0-9_-]+)/g)].map((match) => match[1]!)
}

/** Tries a token the way its link would be used; answers the HTTP status. */
async function useToken(path: string, token: string): Promise<number> {
  const password = 'someone else’s new password'
  const form: Record<string, string> =
    path === '/reset-password' || path === '/invitations/accept'
      ? { token, displayName: '乗っ取り 太郎', password, confirmPassword: password }
      : { token }
  const action = {
    '/reset-password': resetAction,
    '/verify-email': verifyAction,
    '/confirm-email': confirmAction,
    '/invitations/accept': acceptAction,
  }[path]
  if (!action) throw new Error(`no action for ${path}`)
  const result = await action(routeArgs(services, path, { form, ip: '192.0.2.200' }))
  return result instanceof Response ? result.status : unwrap(result).status
}

describe('/admin/mail never shows a usable token (server deployment)', () => {
  it('shows each admin role the mails with their tokens blanked out, and what it shows does not work', async () => {
    const { db } = services.database
    const before = await db.selectFrom('mail_outbox').select('id').orderBy('id', 'desc').executeTakeFirst()
    // A fellow 広島県 admin: another admin triggers a reset for them anonymously (the attack that was seen).
    const colleague = await createUser(db, { role: 'prefecture_admin', prefectureCode: '34' })
    await forgotAction(routeArgs(services, '/forgot-password', { form: { email: colleague.email }, ip: '192.0.2.201' }))
    // An invitation to 広島県, a professional's sign-up, an e-mail change by a 広島県 staff member.
    const ministry = await loginAs(services, { role: 'ministry_admin' })
    await inviteAction(
      routeArgs(services, '/admin/users/invite', {
        cookie: ministry.cookie,
        form: { email: 'invitee@pref.example.jp', role: 'prefecture_staff', prefectureCode: '34' },
      }),
    )
    const password = 'a long enough password'
    await signupAction(
      routeArgs(services, '/signup', {
        form: {
          displayName: '新規 花子',
          email: 'signup@example.jp',
          password,
          confirmPassword: password,
          agree: 'on',
        },
        ip: '192.0.2.202',
      }),
    )
    const mover = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })
    await accountAction(
      routeArgs(services, '/account', {
        cookie: mover.cookie,
        form: { intent: 'change-email', email: 'moved@pref.example.jp', currentPassword: TEST_PASSWORD },
      }),
    )
    // A pool invitation's link, queued by another module through the same queue.
    await queueMail(
      db,
      'pool@example.jp',
      {
        template: 'pool_invitation',
        name: '人材 一郎',
        poolLabel: '広島県の人材プール',
        orgLabel: '広島県',
        inviter: '担当',
        url: 'http://localhost:3000/pool-invitations/accept?token=pool-secret-token-0123456789',
        expiresOn: '12月14日',
      },
      { prefectureCode: '34' },
    )

    const newMail = await db
      .selectFrom('mail_outbox')
      .select(['body_text', 'prefecture_code'])
      .where('id', '>', before?.id ?? 0)
      .execute()
    const liveTokens = newMail.flatMap((mail) => tokensIn(mail.body_text))
    expect(liveTokens).toHaveLength(5)

    for (const role of ['ministry_admin', 'prefecture_admin'] as const) {
      const { body } = unwrap(await pageAs(role))
      const pageData = JSON.stringify(body)
      for (const token of liveTokens) expect(pageData, role).not.toContain(token)
      // No token of any shape in the data the page receives.
      expect(tokensIn(pageData), role).toEqual([])
      const reset = body.mails.find((mail) => mail.to === colleague.email)!
      expect(reset.body).toContain(`/reset-password?token=${TOKEN_PLACEHOLDER}`)

      // Whatever the page shows after token= is tried on the link's own page: it never works.
      for (const mail of body.mails) {
        for (const part of mail.bodyParts) {
          if (part.kind !== 'link') continue
          const url = new URL(part.href)
          if (!url.searchParams.has('token')) continue
          const shownToken = mail.body.slice(mail.body.indexOf(part.href) + part.href.length).split('\n')[0]!
          for (const attempt of [
            url.searchParams.get('token')!,
            shownToken,
            `${url.searchParams.get('token')}${shownToken}`,
          ]) {
            if (url.pathname === '/pool-invitations/accept') continue // needs a session; its token is checked above
            expect(await useToken(url.pathname, attempt), `${role} ${url.pathname} ${attempt}`).toBe(400)
          }
        }
      }
    }

    // The colleague's password is unchanged, and the live link (in their mailbox only) still works: the
    // attempts above failed because the page holds no token, not because the link was broken.
    const liveReset = tokensIn(newMail.find((mail) => mail.body_text.includes('/reset-password'))!.body_text)[0]!
    expect(await useToken('/reset-password', liveReset)).toBe(302)
  })

  it('hides tokens with DATABASE_URL even when demo accounts are switched on, and on an embedded setup without demo accounts', async () => {
    for (const env of [
      { ...services.env, DATABASE_URL: 'postgres://db.example.jp/dxp', DEMO_ACCOUNTS: 'on' as const },
      { ...services.env, DATABASE_URL: undefined, DEMO_ACCOUNTS: 'off' as const },
    ]) {
      const { body } = unwrap(await pageAs('ministry_admin', { ...services, env }))
      expect(body.liveLinks).toBe(false)
      expect(JSON.stringify(body)).not.toContain('hiroshima-token')
    }
  })

  it('shows the live links in the embedded demo only', async () => {
    const { body } = unwrap(await pageAs('ministry_admin', demo))
    expect(body.liveLinks).toBe(true)
    expect(JSON.stringify(body)).toContain(HIROSHIMA_URL)
    const server = unwrap(await pageAs('ministry_admin'))
    expect(server.body.liveLinks).toBe(false)
    expect(JSON.stringify(server.body)).toContain(`/verify-email?token=${TOKEN_PLACEHOLDER}`)
  })
})
