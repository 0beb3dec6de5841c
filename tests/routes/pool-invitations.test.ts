// 「メールで登録を依頼」 through the real routes: staff send a single-use link (resending replaces it); the
// person signs up or logs in, creates a profile if needed, and accepts (the member is linked to the profile,
// the prefecture can find it in search) or declines; an existing membership in that pool is refused.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as deleteAccountAction } from '../../app/routes/account_.delete/route'
import { action as acceptAction, loader as acceptLoader } from '../../app/routes/pool-invitations.accept/route'
import { action as memberAction, loader as memberLoader } from '../../app/routes/pools.$memberId/route'
import { action as addAction } from '../../app/routes/pools.new/route'
import { action as basicsAction, loader as basicsLoader } from '../../app/routes/profile.basics/route'
import { action as signupAction } from '../../app/routes/signup/route'
import { action as verifyAction } from '../../app/routes/verify-email/route'
import type { Services } from '../../app/services.server'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { searchProfiles } from '../../search/queries/profiles'
import { createProfile, loginAs, TEST_PASSWORD } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
let staff: string
beforeAll(async () => {
  services = await createTestServices()
  staff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34', displayName: '広島 担当' })).cookie
})
afterAll(async () => {
  await services?.close()
})

const db = () => services.database.db

async function drain() {
  for (let i = 0; i < 10; i++)
    if ((await drainSearchOutboxOnce({ db: db(), search: services.search })).claimed === 0) return
}

/** The link in the newest mail to this address (the only place the token exists). */
async function mailedToken(to: string): Promise<string> {
  const mail = await db()
    .selectFrom('mail_outbox')
    .select(['body_text', 'template'])
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  expect(mail.template).toBe('pool_invitation')
  const match = /\/pool-invitations\/accept\?token=([A-Za-z0-9_-]+)/.exec(mail.body_text)
  expect(match).not.toBeNull()
  return match![1]!
}

async function addDirect(form: Record<string, string>, cookie = staff): Promise<string> {
  const response = (await addAction(
    routeArgs(services, '/pools/new', { cookie, form: { source: 'referral', ...form } }),
  )) as Response
  expect(response.status).toBe(302)
  return response.headers.get('Location')!.split('/').pop()!
}

const page = async (token: string, cookie?: string) =>
  unwrap(
    await acceptLoader(routeArgs(services, `/pool-invitations/accept?token=${encodeURIComponent(token)}`, { cookie })),
  ).body
const respond = (token: string, intent: 'accept' | 'decline', cookie?: string) =>
  acceptAction(
    routeArgs(services, `/pool-invitations/accept?token=${encodeURIComponent(token)}`, {
      cookie,
      form: { token, intent },
    }),
  )
const member = (memberId: string, cookie = staff) =>
  memberLoader(routeArgs(services, `/pools/${memberId}`, { cookie, params: { memberId } }))

describe('sending an invitation', () => {
  it('sends one while adding a person: the mail carries the only copy of the token; status, history and audit say so', async () => {
    const memberId = await addDirect({ name: '招待 一郎', email: 'ichiro@example.jp', sendInvitation: 'on' })
    const token = await mailedToken('ichiro@example.jp')
    const stored = await db().selectFrom('auth_token').selectAll().where('purpose', '=', 'pool_invitation').execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]!.token_hash).not.toBe(token)
    expect(stored[0]!.payload).toMatchObject({ poolMemberId: memberId, prefectureCode: '34' })
    const days = (new Date(stored[0]!.expires_at).getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(13.9)
    expect(days).toBeLessThanOrEqual(14)

    const view = await member(memberId)
    expect(view.invitation).toMatchObject({
      state: 'open',
      stateLabel: '送信済み（回答待ち）',
      sentTo: 'ichiro@example.jp',
    })
    expect(view.history.map((e) => e.note)).toEqual(
      expect.arrayContaining([expect.stringContaining('登録依頼のメールを送信')]),
    )
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'prefecture_code'])
      .where('entity_id', '=', memberId)
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'create', prefecture_code: '34' },
      { action: 'send_invitation', prefecture_code: '34' },
    ])
  })

  it('asks for an address when asked to send at once; refuses a member without one', async () => {
    const result = unwrap(
      await addAction(
        routeArgs(services, '/pools/new', {
          cookie: staff,
          form: { name: '宛先 なし', source: 'referral', sendInvitation: 'on' },
        }),
      ),
    )
    expect(result.status).toBe(400)
    expect((result.body as { fieldErrors: Record<string, string[]> }).fieldErrors.email).toEqual([
      '登録を依頼するには、メールアドレスを入力してください',
    ])
    const memberId = await addDirect({ name: '宛先 なし' })
    expect((await member(memberId)).canInvite).toBe(false)
    const refused = unwrap(
      await memberAction(
        routeArgs(services, `/pools/${memberId}`, { cookie: staff, params: { memberId }, form: { intent: 'invite' } }),
      ),
    )
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('メールアドレスが登録されていないため')
  })

  it('resending invalidates the old link; another prefecture cannot send for this member', async () => {
    const memberId = await addDirect({ name: '再送 花子', email: 'resend@example.jp', sendInvitation: 'on' })
    const first = await mailedToken('resend@example.jp')
    const resent = (await memberAction(
      routeArgs(services, `/pools/${memberId}`, { cookie: staff, params: { memberId }, form: { intent: 'invite' } }),
    )) as Response
    expect(resent.status).toBe(302)
    const second = await mailedToken('resend@example.jp')
    expect(second).not.toBe(first)
    expect(await page(first)).toMatchObject({
      page: { status: 'invalid', message: expect.stringContaining('すでに使用されています') },
    })
    expect(await page(second)).toMatchObject({
      page: {
        status: 'valid',
        poolLabel: '広島県の人材プール',
        orgLabel: '広島県',
        inviter: '広島 担当',
        viewer: 'anonymous',
      },
    })
    const open = await db()
      .selectFrom('auth_token')
      .select('id')
      .where('purpose', '=', 'pool_invitation')
      .where('email', '=', 'resend@example.jp')
      .where('used_at', 'is', null)
      .execute()
    expect(open).toHaveLength(1)

    const tokyo = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })).cookie
    expect(
      (
        await thrownResponse(() =>
          memberAction(
            routeArgs(services, `/pools/${memberId}`, {
              cookie: tokyo,
              params: { memberId },
              form: { intent: 'invite' },
            }),
          ),
        )
      ).status,
    ).toBe(404)
  })
})

describe('answering an invitation', () => {
  it('brings a new person through sign-up, e-mail verification, login and profile basics back to the link, then links the profile', async () => {
    const memberId = await addDirect({
      name: '新規 三郎',
      email: 'saburo@example.jp',
      birthYear: '1988',
      sendInvitation: 'on',
    })
    const token = await mailedToken('saburo@example.jp')
    const back = `/pool-invitations/accept?token=${token}`

    // Not logged in: the page offers login and sign-up, both returning here.
    const anonymous = await page(token)
    expect(anonymous.page).toMatchObject({ status: 'valid', viewer: 'anonymous', personName: '新規 三郎' })
    expect(decodeURIComponent(anonymous.signupUrl)).toBe(`/signup?redirectTo=${back}`)
    expect(decodeURIComponent(anonymous.loginUrl)).toBe(`/login?redirectTo=${back}`)
    // Accepting needs a login.
    const needsLogin = await thrownResponse(() => respond(token, 'accept'))
    expect(needsLogin.status).toBe(302)

    // Sign-up keeps the way back through the verification link.
    await signupAction(
      routeArgs(services, '/signup', {
        form: {
          displayName: '新規 三郎',
          email: 'saburo@example.jp',
          password: 'a long enough password',
          confirmPassword: 'a long enough password',
          agree: 'on',
          redirectTo: back,
        },
      }),
    )
    const verifyMail = await db()
      .selectFrom('mail_outbox')
      .select('body_text')
      .where('to_address', '=', 'saburo@example.jp')
      .where('template', '=', 'email_verification')
      .executeTakeFirstOrThrow()
    const verifyToken = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(verifyMail.body_text)![1]!
    const verified = (await verifyAction(
      routeArgs(services, '/verify-email', { form: { token: verifyToken } }),
    )) as Response
    expect(verified.headers.get('Location')).toBe(`/login?${new URLSearchParams({ redirectTo: back })}`)

    const user = await db()
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'saburo@example.jp')
      .executeTakeFirstOrThrow()
    const { sessionCookieFor } = await import('../factories')
    const cookie = await sessionCookieFor(services, user.id)

    // Logged in without a profile: the basics page first, then back to the link.
    expect((await page(token, cookie)).page).toMatchObject({ viewer: 'no-profile' })
    const toBasics = await thrownResponse(() => respond(token, 'accept', cookie))
    expect(toBasics.status).toBe(302)
    const basicsUrl = `/profile/basics?redirectTo=${encodeURIComponent(back)}`
    expect(unwrap(await basicsLoader(routeArgs(services, basicsUrl, { cookie }))).body.redirectTo).toBe(back)
    const saved = (await basicsAction(
      routeArgs(services, basicsUrl, {
        cookie,
        form: {
          redirectTo: back,
          familyName: '新規',
          givenName: '三郎',
          familyNameKana: 'しんき',
          givenNameKana: 'さぶろう',
          contactEmail: 'saburo.work@example.jp',
          residencePrefectureCode: '34',
          yearsPrivateIt: '8',
          yearsPublicSector: '0',
        },
      }),
    )) as Response
    expect(saved.headers.get('Location')).toBe(back)

    // Ready: what accepting shares is spelled out; accepting links the member.
    const ready = await page(token, cookie)
    expect(ready.page).toMatchObject({ viewer: 'ready', orgLabel: '広島県' })
    const accepted = (await respond(token, 'accept', cookie)) as Response
    expect(accepted.status).toBe(302)
    expect(accepted.headers.get('Location')).toBe('/applications')

    const row = await db().selectFrom('pool_member').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow()
    const profile = await db()
      .selectFrom('profile')
      .select(['id', 'visibility'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      profile_id: profile.id,
      person_name: '新規 三郎',
      person_email: null,
      person_birth_year: null,
    })
    const view = await member(memberId)
    expect(view).toMatchObject({
      registered: true,
      email: 'saburo.work@example.jp',
      canInvite: false,
      invitation: { state: 'accepted', stateLabel: '承諾済み' },
    })
    expect(view.history.at(-1)).toMatchObject({ actor: '本人', note: '登録依頼を承諾（本人のプロフィールと紐づけ）' })
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'before', 'after'])
      .where('entity_id', '=', memberId)
      .where('action', '=', 'accept_invitation')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      actor_user_id: user.id,
      before: { profile_id: null, person_email: 'saburo@example.jp' },
      after: { profile_id: profile.id },
    })

    // The profile is shared with nobody, yet 広島県 now finds it (the membership is the consent).
    expect(profile.visibility).toBe('none')
    await drain()
    expect((await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '34' }, {})).ids).toContain(
      profile.id,
    )
    expect((await searchProfiles(services.search, { kind: 'prefecture', prefectureCode: '13' }, {})).ids).not.toContain(
      profile.id,
    )

    // Single use.
    expect((await page(token, cookie)).page).toMatchObject({ status: 'invalid' })
    expect(unwrap(await respond(token, 'accept', cookie)).status).toBe(400)
  })

  it('refuses a professional who is already in that pool, without using the link up, and says to ask for a merge', async () => {
    const pro = await loginAs(services, { role: 'professional' })
    const profileId = await createProfile(db(), pro.user.id, { familyName: '既存' })
    await db()
      .insertInto('pool_member')
      .values({
        id: crypto.randomUUID(),
        prefecture_code: '34',
        profile_id: profileId,
        status: 'screening',
        source: 'application',
      })
      .execute()
    const memberId = await addDirect({
      name: '既存 太郎',
      email: 'twice@example.jp',
      sendInvitation: 'on',
      confirmed: 'yes',
    })
    const token = await mailedToken('twice@example.jp')

    const view = await page(token, pro.cookie)
    expect(view.page).toMatchObject({ viewer: 'already-member', refusal: expect.stringContaining('統合') })
    const refused = unwrap(await respond(token, 'accept', pro.cookie))
    expect(refused.status).toBe(400)
    expect((refused.body as { error: string }).error).toContain(
      'すでに広島県の人材プールに登録（または応募）されています',
    )
    expect(
      (await db().selectFrom('pool_member').select('profile_id').where('id', '=', memberId).executeTakeFirstOrThrow())
        .profile_id,
    ).toBeNull()
    expect((await member(memberId)).invitation).toMatchObject({ state: 'open' })
  })

  it('staff accounts cannot accept; the person can decline without an account', async () => {
    const memberId = await addDirect({ name: '辞退 四郎', email: 'shiro@example.jp', sendInvitation: 'on' })
    const token = await mailedToken('shiro@example.jp')
    expect((await page(token, staff)).page).toMatchObject({ viewer: 'not-professional' })
    expect(unwrap(await respond(token, 'accept', staff)).status).toBe(400)

    const declined = (await respond(token, 'decline')) as Response
    expect(declined.status).toBe(302)
    const view = await member(memberId)
    expect(view.invitation).toMatchObject({ state: 'declined', stateLabel: '辞退' })
    expect(view.statusLabel).toBe('応募') // the staff decide what follows
    expect(view.history.at(-1)).toMatchObject({ note: '登録依頼を辞退' })
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('entity_id', '=', memberId)
      .where('action', '=', 'decline_invitation')
      .executeTakeFirstOrThrow()
    expect(audit.actor_label).toBe('本人（登録依頼の辞退）')
    expect((await page(token)).page).toMatchObject({ status: 'invalid' })
  })

  it('an expired link is explained, and the member page shows 期限切れ', async () => {
    const memberId = await addDirect({ name: '期限 五郎', email: 'goro@example.jp', sendInvitation: 'on' })
    const token = await mailedToken('goro@example.jp')
    await db()
      .updateTable('auth_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('purpose', '=', 'pool_invitation')
      .where('email', '=', 'goro@example.jp')
      .execute()
    expect((await page(token)).page).toMatchObject({
      status: 'invalid',
      message: expect.stringContaining('有効期限が切れています'),
    })
    expect((await member(memberId)).invitation).toMatchObject({ state: 'expired', stateLabel: '期限切れ' })
  })
})

describe('leaving the platform after joining a pool', () => {
  it('an applicant can still delete their account; the pool keeps an anonymous row of its history', async () => {
    const pro = await loginAs(services, { role: 'professional' })
    const profileId = await createProfile(db(), pro.user.id, { familyName: '退会' })
    const memberId = crypto.randomUUID()
    await db()
      .insertInto('pool_member')
      .values({
        id: memberId,
        prefecture_code: '34',
        profile_id: profileId,
        status: 'screening',
        source: 'application',
      })
      .execute()
    const deleted = (await deleteAccountAction(
      routeArgs(services, '/account/delete', { cookie: pro.cookie, form: { password: TEST_PASSWORD, confirm: 'on' } }),
    )) as Response
    expect(deleted.status).toBe(302)
    expect(await db().selectFrom('profile').select('id').where('id', '=', profileId).executeTakeFirst()).toBeUndefined()
    expect(await member(memberId)).toMatchObject({ name: '（退会済み）', registered: false, email: null })
  })
})
