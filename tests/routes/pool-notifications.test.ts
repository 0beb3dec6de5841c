// Staff hear of a new application or expression of interest by mail: the staff of that pool only (active,
// verified accounts), and the mail names no applicant (they read the person on the site, as consent allows).
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expressInterest } from '../../app/models/open-call.server'
import { applyToPool } from '../../app/models/pool-application.server'
import type { Services } from '../../app/services.server'
import { createProfile, createUser } from '../factories'
import { createTestServices, routeArgs } from '../services'

let services: Services
const db = () => services.database.db
const context = () => routeArgs(services, '/').context

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

async function mailsTo(emails: string[]) {
  if (emails.length === 0) return []
  return db()
    .selectFrom('mail_outbox')
    .select(['to_address', 'subject', 'body_text', 'template'])
    .where('to_address', 'in', emails)
    .execute()
}

describe('mail to pool staff', () => {
  it('tells the pool’s active staff of a new application, and nobody else', async () => {
    const staff = await createUser(db(), { role: 'prefecture_staff', prefectureCode: '33' })
    const admin = await createUser(db(), { role: 'prefecture_admin', prefectureCode: '33' })
    const gone = await createUser(db(), { role: 'prefecture_staff', prefectureCode: '33', deactivated: true })
    const unverified = await createUser(db(), { role: 'prefecture_staff', prefectureCode: '33', verified: false })
    const other = await createUser(db(), { role: 'prefecture_staff', prefectureCode: '13' })
    const applicant = await createUser(db(), { role: 'professional' })
    await createProfile(db(), applicant.id, { familyName: '応募者' })

    expect(
      await applyToPool(context(), applicant, { prefectureCode: '33', message: 'よろしくお願いします' }),
    ).toMatchObject({
      status: 'ok',
    })
    const mails = await mailsTo([staff.email, admin.email, gone.email, unverified.email, other.email])
    expect(mails.map((m) => m.to_address).sort()).toEqual([staff.email, admin.email].sort())
    expect(mails[0]).toMatchObject({
      template: 'pool_new_application',
      subject: expect.stringContaining('岡山県の人材プールに新しい応募'),
    })
    expect(mails[0]!.body_text).toMatch(/\/pools\/[0-9a-f-]{36}/)
    expect(mails.map((m) => m.body_text).join('')).not.toContain('応募者')
  })

  it('tells them of an expression of interest in an open call', async () => {
    const staff = await createUser(db(), { role: 'prefecture_staff', prefectureCode: '32' })
    const applicant = await createUser(db(), { role: 'professional' })
    await createProfile(db(), applicant.id)
    const needId = crypto.randomUUID()
    await db()
      .insertInto('need')
      .values({
        id: needId,
        prefecture_code: '32',
        status: 'published',
        title: '公募の試験',
        open_call: true,
        published_at: new Date(),
      })
      .execute()
    expect(await expressInterest(context(), applicant, needId, '')).toMatchObject({ status: 'ok' })
    const [mail] = await mailsTo([staff.email])
    expect(mail).toMatchObject({ subject: expect.stringContaining('島根県の人材プールに新しい関心表明') })
    expect(mail!.body_text).toContain(`/needs/${needId}`)
  })
})
