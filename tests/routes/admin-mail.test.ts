import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueMail } from '../../app/models/mail.server'
import { loader } from '../../app/routes/admin.mail/route'
import type { Services } from '../../app/services.server'
import { markMailFailed, markMailSent } from '../../db/queries/mail-outbox'
import type { Role } from '../../db/schema'
import { loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
const HIROSHIMA_URL = 'http://localhost:3000/verify-email?token=hiroshima-token'

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
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
    const { body } = unwrap(await pageAs('prefecture_admin'))
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
