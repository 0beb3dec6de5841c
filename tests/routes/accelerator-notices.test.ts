// The ministry's notices to appointed accelerators, through the real route on real Postgres: only holders of
// publish:accelerator-notice:any publish; bad input is refused in Japanese at the field with nothing written;
// a notice, its audit row and one mail to each accelerator now (active, verified accounts; not the ended, the
// revoked or the merely nominated) are written together; the accelerators' page then shows it.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as acceleratorLoader } from '../../app/routes/accelerator._index/route'
import { action, loader } from '../../app/routes/admin.accelerator-notices/route'
import type { Services } from '../../app/services.server'
import { createAccelerator, insertAppointment } from '../accelerator-rows'
import { createProfile, createUser, loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
const db = () => services.database.db

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

async function noticeMails() {
  return db()
    .selectFrom('mail_outbox')
    .select(['to_address', 'subject', 'body_text'])
    .where('template', '=', 'accelerator_notice')
    .orderBy('to_address')
    .execute()
}

const countNotices = async () =>
  Number(
    (
      await db()
        .selectFrom('accelerator_notice')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('notices to accelerators', () => {
  let ministry: { user: { id: string }; cookie: string }
  let ministryAdmin: string
  let prefectureAdmin: string
  let accelerator: Awaited<ReturnType<typeof createAccelerator>>
  let second: Awaited<ReturnType<typeof createAccelerator>>
  let ended: Awaited<ReturnType<typeof createAccelerator>>
  let revoked: Awaited<ReturnType<typeof createAccelerator>>
  let nominated: Awaited<ReturnType<typeof createAccelerator>>
  let deactivatedEmail: string
  let unverifiedEmail: string

  beforeAll(async () => {
    ministry = await loginAs(services, { role: 'ministry_staff', displayName: '総務 一郎' })
    ministryAdmin = (await loginAs(services, { role: 'ministry_admin' })).cookie
    prefectureAdmin = (await loginAs(services, { role: 'prefecture_admin' })).cookie
    accelerator = await createAccelerator(services, { familyName: '秋山', appointment: { prefectureCode: '34' } })
    // Two appointments in force (two pools): still one mail.
    second = await createAccelerator(services, { familyName: '石井', appointment: { prefectureCode: '13' } })
    await insertAppointment(db(), { profileId: second.profileId, prefectureCode: '14' })
    ended = await createAccelerator(services, { familyName: '上田', appointment: { status: 'ended' } })
    revoked = await createAccelerator(services, { familyName: '遠藤', appointment: { status: 'revoked' } })
    nominated = await createAccelerator(services, { familyName: '大野', appointment: { status: 'nominated' } })
    // Appointed, but the account is stopped / was never confirmed: no mail to an address that may not be theirs.
    for (const [options, assign] of [
      [{ deactivated: true }, (email: string) => (deactivatedEmail = email)],
      [{ verified: false }, (email: string) => (unverifiedEmail = email)],
    ] as const) {
      const user = await createUser(db(), { role: 'professional', ...options })
      const profileId = await createProfile(db(), user.id, { familyName: '停止' })
      await insertAppointment(db(), { profileId })
      assign(user.email)
    }
  })

  it('is for the ministry only: everyone else is refused before anything is written', async () => {
    const form = { title: 'お知らせ', body: '本文です。' }
    for (const cookie of [prefectureAdmin, accelerator.cookie, nominated.cookie]) {
      expect(
        (await thrownResponse(() => loader(routeArgs(services, '/admin/accelerator-notices', { cookie })))).status,
      ).toBe(403)
      expect(
        (await thrownResponse(() => action(routeArgs(services, '/admin/accelerator-notices', { cookie, form }))))
          .status,
      ).toBe(403)
    }
    const anonymous = await thrownResponse(() => action(routeArgs(services, '/admin/accelerator-notices', { form })))
    expect(anonymous.status).toBe(302)
    expect(await countNotices()).toBe(0)
    expect(await noticeMails()).toEqual([])
    const page = await loader(routeArgs(services, '/admin/accelerator-notices', { cookie: ministryAdmin }))
    // 秋山, 石井 (one account), not the ended, revoked, nominated, stopped or unconfirmed.
    expect(page).toEqual({ recipients: 2, notices: [] })
  })

  it('refuses bad input with Japanese messages at the field, writing nothing', async () => {
    const post = async (form: Record<string, string>) =>
      unwrap(await action(routeArgs(services, '/admin/accelerator-notices', { cookie: ministry.cookie, form })))
    const errorsOf = (result: { body: unknown }) =>
      (result.body as { result: { error: Record<string, string[]> } }).result.error

    const empty = await post({})
    expect(empty.status).toBe(400)
    expect(errorsOf(empty)).toEqual({ title: ['件名を入力してください'], body: ['本文を入力してください'] })
    expect(errorsOf(await post({ title: 'あ'.repeat(201), body: 'い'.repeat(5001) }))).toEqual({
      title: ['件名は200文字以内で入力してください'],
      body: ['本文は5000文字以内で入力してください'],
    })
    expect(errorsOf(await post({ title: '件名\r\nBcc: x@example.jp', body: '本文\u0000' }))).toEqual({
      title: ['件名に改行は使えません。1行で入力してください'],
      body: ['本文に使用できない制御文字が含まれています。文字を入力し直してください'],
    })
    expect(errorsOf(await post({ title: '   ', body: '\n\n' }))).toEqual({
      title: ['件名を入力してください'],
      body: ['本文を入力してください'],
    })
    const notAForm = await thrownResponse(() =>
      action({
        ...routeArgs(services, '/admin/accelerator-notices'),
        request: new Request('http://localhost/admin/accelerator-notices', {
          method: 'POST',
          headers: { Cookie: ministry.cookie, 'Content-Type': 'text/plain' },
          body: 'title=x',
        }),
      }),
    )
    expect(notAForm.status).toBe(400)
    expect(await countNotices()).toBe(0)
    expect(await noticeMails()).toEqual([])
  })

  it('publishes the notice, mails each accelerator now once, and audits it in the same transaction', async () => {
    const response = await action(
      routeArgs(services, '/admin/accelerator-notices', {
        cookie: ministry.cookie,
        form: { title: '連絡会のご案内', body: '第1回の連絡会を開きます。\n日時: 2月10日 14時から' },
      }),
    )
    expect(response).toBeInstanceOf(Response)
    expect((response as Response).headers.get('Location')).toBe('/admin/accelerator-notices')

    const notice = await db().selectFrom('accelerator_notice').selectAll().executeTakeFirstOrThrow()
    expect(notice).toMatchObject({
      title: '連絡会のご案内',
      body: '第1回の連絡会を開きます。\n日時: 2月10日 14時から',
      created_by: ministry.user.id,
    })
    const mails = await noticeMails()
    expect(mails.map((m) => m.to_address)).toEqual([accelerator.user.email, second.user.email].sort())
    for (const mail of mails) {
      expect(mail.subject).toBe('【自治体DXアクセラレータ500】総務省からのお知らせ：連絡会のご案内')
      expect(mail.body_text).toContain('日時: 2月10日 14時から')
      expect(mail.body_text).toContain('http://localhost:3000/accelerator')
    }
    expect(mails.find((m) => m.to_address === accelerator.user.email)!.body_text).toContain('秋山 太郎 様')
    const addresses = mails.map((m) => m.to_address)
    for (const other of [ended, revoked, nominated]) expect(addresses).not.toContain(other.user.email)
    expect(addresses).not.toContain(deactivatedEmail)
    expect(addresses).not.toContain(unverifiedEmail)

    const audit = await db()
      .selectFrom('audit_log')
      .select(['entity', 'action', 'entity_id', 'actor_user_id', 'after', 'summary'])
      .where('entity', '=', 'accelerator_notice')
      .execute()
    expect(audit).toEqual([
      {
        entity: 'accelerator_notice',
        action: 'publish',
        entity_id: notice.id,
        actor_user_id: ministry.user.id,
        after: { title: '連絡会のご案内', body_length: 29, mailed: 2 },
        summary: 'アクセラレータへのお知らせ「連絡会のご案内」を掲載し、2人にメールを送りました',
      },
    ])

    const page = await loader(routeArgs(services, '/admin/accelerator-notices', { cookie: ministry.cookie }))
    expect(page.notices).toEqual([
      expect.objectContaining({ id: notice.id, title: '連絡会のご案内', authorName: '総務 一郎' }),
    ])
    const mine = await acceleratorLoader(routeArgs(services, '/accelerator', { cookie: accelerator.cookie }))
    expect(mine.notices).toEqual([expect.objectContaining({ id: notice.id, title: '連絡会のご案内' })])
  })

  it('writes nothing at all when the transaction fails part-way', async () => {
    const before = { notices: await countNotices(), mails: (await noticeMails()).length }
    // The outbox refuses this mail (a check added for the test): the insert fails after the notice was written.
    await sql`alter table mail_outbox add constraint test_refuse_mail check (subject not like '%失敗%')`.execute(db())
    try {
      await expect(
        action(
          routeArgs(services, '/admin/accelerator-notices', {
            cookie: ministry.cookie,
            form: { title: '失敗するお知らせ', body: '本文' },
          }),
        ),
      ).rejects.toBeDefined()
    } finally {
      await sql`alter table mail_outbox drop constraint test_refuse_mail`.execute(db())
    }
    expect({ notices: await countNotices(), mails: (await noticeMails()).length }).toEqual(before)
    const audits = await db()
      .selectFrom('audit_log')
      .select('summary')
      .where('entity', '=', 'accelerator_notice')
      .execute()
    expect(audits).toHaveLength(1)
  })
})
