// Accounts end to end through the real route actions and loaders: sessions, throttling, tokens,
// invitations and cross-tenant probes, with the audit rows each change must leave.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as accountAction, loader as accountLoader } from '../../app/routes/account/route'
import { action as confirmAction } from '../../app/routes/confirm-email/route'
import { action as deactivateAction, loader as usersLoader } from '../../app/routes/admin.users._index/route'
import { action as inviteAction } from '../../app/routes/admin.users.invite/route'
import { action as forgotAction } from '../../app/routes/forgot-password/route'
import { action as acceptAction, loader as acceptLoader } from '../../app/routes/invitations.accept/route'
import { action as loginAction } from '../../app/routes/login/route'
import { action as resetAction } from '../../app/routes/reset-password/route'
import { action as signupAction } from '../../app/routes/signup/route'
import { action as verifyAction } from '../../app/routes/verify-email/route'
import type { Services } from '../../app/services.server'
import { getUser, LOGIN_MESSAGES, LOGIN_THROTTLE, pairDelaySeconds } from '../../app/utils/auth.server'
import { createUser, loginAs, TEST_PASSWORD } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

const db = () => services.database.db

async function userFor(cookie: string) {
  return getUser(routeArgs(services, '/', { cookie }).request, routeArgs(services, '/').context)
}

async function postLogin(
  email: string,
  password: string,
  options: { ip?: string; redirectTo?: string; cookie?: string } = {},
) {
  const response = await loginAction(
    routeArgs(services, '/login', {
      form: { email, password, redirectTo: options.redirectTo ?? '' },
      ip: options.ip,
      cookie: options.cookie,
    }),
  )
  return response
}

/** The Retry-After header of a throttled login (an action's data() carries its headers in init). */
function retryAfter(result: unknown): string | null {
  const init = (result as { init?: { headers?: HeadersInit } }).init
  return new Headers(init?.headers).get('Retry-After')
}

function sessionCookieFrom(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('dxp_session='))
  if (!cookie) throw new Error('no session cookie')
  return cookie.split(';')[0]!
}

/** The newest mail to an address, and the first link in it. */
async function lastMailLink(to: string): Promise<string> {
  const mail = await db()
    .selectFrom('mail_outbox')
    .select('body_text')
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  const match = mail.body_text.match(/https?:\/\/\S+/)
  if (!match) throw new Error('no link in mail')
  return match[0]
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await db()
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute()
  return rows.map((r) => r.action)
}

describe('login and sessions', () => {
  it('logs in with a new session id each time and redirects only within the site', async () => {
    const user = await createUser(db(), { role: 'prefecture_staff' })
    const first = (await postLogin(user.email, TEST_PASSWORD, { redirectTo: '/admin/users?x=1' })) as Response
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toBe('/admin/users?x=1')
    const cookieA = sessionCookieFrom(first)
    const cookieHeader = first.headers.getSetCookie().find((c) => c.startsWith('dxp_session='))!
    expect(cookieHeader).toMatch(/HttpOnly/i)
    expect(cookieHeader).toMatch(/SameSite=Lax/i)
    // A browser-session cookie: nothing on the disk outlives the session (the server ends it within 12 h).
    expect(cookieHeader).not.toMatch(/Max-Age|Expires/i)

    // Logging in again (e.g. over an old session) rotates the id.
    const second = (await postLogin(user.email, TEST_PASSWORD, { redirectTo: '//evil.example/steal' })) as Response
    expect(second.headers.get('Location')).toBe('/')
    const cookieB = sessionCookieFrom(second)
    expect(cookieB).not.toBe(cookieA)
    expect((await userFor(cookieB))?.id).toBe(user.id)
  })

  it('gives the same answer for a wrong password and an unknown address', async () => {
    const user = await createUser(db())
    const wrong = unwrap(await postLogin(user.email, 'not the password at all'))
    const unknown = unwrap(await postLogin('nobody-here@example.jp', 'not the password at all'))
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    expect(JSON.stringify(wrong.body)).toContain(LOGIN_MESSAGES.invalid)
    expect(JSON.stringify(unknown.body)).toContain(LOGIN_MESSAGES.invalid)
  })

  it('ends idle sessions and sessions past their absolute limit', async () => {
    const idle = await loginAs(services)
    await db()
      .updateTable('user_session')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('user_id', '=', idle.user.id)
      .execute()
    expect(await userFor(idle.cookie)).toBeNull()

    const old = await loginAs(services)
    await db()
      .updateTable('user_session')
      .set({ absolute_expires_at: sql`now() - interval '1 second'` })
      .where('user_id', '=', old.user.id)
      .execute()
    expect(await userFor(old.cookie)).toBeNull()
    expect(await db().selectFrom('user_session').select('id').where('user_id', '=', old.user.id).execute()).toEqual([])
  })

  it('throttles an (account, IP) pair with growing delays, never the owner at another address', async () => {
    const user = await createUser(db())
    const attacker = '198.51.100.1'
    const wrong = 'wrong password number x'
    for (let i = 0; i < LOGIN_THROTTLE.freePairFailures; i++)
      expect(unwrap(await postLogin(user.email, wrong, { ip: attacker })).status).toBe(400)
    // The attacker's address must now wait, even with the right password (no oracle while throttled).
    const throttled = await postLogin(user.email, TEST_PASSWORD, { ip: attacker })
    expect(unwrap(throttled).status).toBe(429)
    expect(JSON.stringify(unwrap(throttled).body)).toContain(LOGIN_MESSAGES.throttled)
    expect(Number(retryAfter(throttled))).toBeGreaterThan(0)
    expect(Number(retryAfter(throttled))).toBeLessThanOrEqual(LOGIN_THROTTLE.baseDelaySeconds)
    // The owner, from their own address, logs in at once while the attacker's address is throttled.
    expect(((await postLogin(user.email, TEST_PASSWORD, { ip: '198.51.100.2' })) as Response).status).toBe(302)
    expect(unwrap(await postLogin(user.email, TEST_PASSWORD, { ip: attacker })).status).toBe(429)

    // An unknown address answers exactly the same way.
    for (let i = 0; i < LOGIN_THROTTLE.freePairFailures; i++)
      await postLogin('ghost@example.jp', wrong, { ip: attacker })
    const ghost = unwrap(await postLogin('ghost@example.jp', wrong, { ip: attacker }))
    expect(ghost.status).toBe(429)
    const known = unwrap(await postLogin(user.email, wrong, { ip: attacker }))
    expect(known.status).toBe(429)
    const errorsOf = (body: unknown) => (body as { result: { error: unknown } }).result.error
    expect(errorsOf(ghost.body)).toEqual(errorsOf(known.body))

    // Throttled tries are not counted; after the wait, one more try, and each failure doubles the wait.
    const age = (seconds: number) =>
      db()
        .updateTable('login_attempt')
        .set({ created_at: sql`created_at - make_interval(secs => ${seconds})` })
        .where('email', '=', user.email)
        .where('ip', '=', attacker)
        .execute()
    await age(LOGIN_THROTTLE.baseDelaySeconds + 1)
    expect(unwrap(await postLogin(user.email, wrong, { ip: attacker })).status).toBe(400)
    await age(LOGIN_THROTTLE.baseDelaySeconds + 1)
    const doubled = await postLogin(user.email, wrong, { ip: attacker })
    expect(unwrap(doubled).status).toBe(429)
    expect(Number(retryAfter(doubled))).toBeGreaterThan(
      LOGIN_THROTTLE.baseDelaySeconds * 2 - LOGIN_THROTTLE.baseDelaySeconds - 2,
    )
    await age(LOGIN_THROTTLE.baseDelaySeconds)
    // Past the doubled wait the right password works from the attacker's address too, and resets the pair.
    expect(((await postLogin(user.email, TEST_PASSWORD, { ip: attacker })) as Response).status).toBe(302)
    expect(unwrap(await postLogin(user.email, wrong, { ip: attacker })).status).toBe(400)
  })

  it('caps the wait, and forgets a pair’s failures after its window', () => {
    expect(pairDelaySeconds(LOGIN_THROTTLE.freePairFailures - 1, 0)).toBe(0)
    expect(pairDelaySeconds(LOGIN_THROTTLE.freePairFailures, 0)).toBe(LOGIN_THROTTLE.baseDelaySeconds)
    expect(pairDelaySeconds(LOGIN_THROTTLE.freePairFailures + 1, 0)).toBe(LOGIN_THROTTLE.baseDelaySeconds * 2)
    expect(pairDelaySeconds(LOGIN_THROTTLE.freePairFailures + 30, 0)).toBe(LOGIN_THROTTLE.maxDelaySeconds)
    expect(pairDelaySeconds(LOGIN_THROTTLE.freePairFailures + 30, LOGIN_THROTTLE.maxDelaySeconds)).toBe(0)
  })

  it('stops an IP that sprays many accounts, and only that IP', async () => {
    const ip = '192.0.2.77'
    for (let i = 0; i < LOGIN_THROTTLE.maxIpFailures; i++)
      await postLogin(`spray-${i}@example.jp`, 'wrong password number x', { ip })
    const user = await createUser(db())
    expect(unwrap(await postLogin(user.email, TEST_PASSWORD, { ip })).status).toBe(429)
    expect(((await postLogin(user.email, TEST_PASSWORD, { ip: '192.0.2.78' })) as Response).status).toBe(302)
    // The IP window passes.
    await db()
      .updateTable('login_attempt')
      .set({ created_at: sql`now() - make_interval(mins => ${LOGIN_THROTTLE.ipWindowMinutes + 1})` })
      .where('ip', '=', ip)
      .execute()
    expect(((await postLogin(user.email, TEST_PASSWORD, { ip })) as Response).status).toBe(302)
  })

  it('refuses deactivated accounts and ends their sessions', async () => {
    const admin = await loginAs(services, { role: 'prefecture_admin' })
    const staff = await loginAs(services, { role: 'prefecture_staff' })
    const response = (await deactivateAction(
      routeArgs(services, '/admin/users', {
        cookie: admin.cookie,
        form: { intent: 'deactivate', userId: staff.user.id },
      }),
    )) as Response
    expect(response.status).toBe(302)
    expect(await userFor(staff.cookie)).toBeNull()
    expect(unwrap(await postLogin(staff.user.email, TEST_PASSWORD)).status).toBe(400)
    expect(await auditActions(staff.user.id)).toContain('deactivate')
  })

  it('changing the password ends the other sessions but keeps this one; logout everywhere ends all', async () => {
    const user = await createUser(db())
    const here = sessionCookieFrom((await postLogin(user.email, TEST_PASSWORD)) as Response)
    const elsewhere = sessionCookieFrom((await postLogin(user.email, TEST_PASSWORD)) as Response)
    const newPassword = 'a brand new long password'
    const changed = (await accountAction(
      routeArgs(services, '/account', {
        cookie: here,
        form: {
          intent: 'change-password',
          currentPassword: TEST_PASSWORD,
          password: newPassword,
          confirmPassword: newPassword,
        },
      }),
    )) as Response
    expect(changed.status).toBe(302)
    expect((await userFor(here))?.id).toBe(user.id)
    expect(await userFor(elsewhere)).toBeNull()
    expect(await auditActions(user.id)).toContain('change_password')

    const wrong = unwrap(
      await accountAction(
        routeArgs(services, '/account', {
          cookie: here,
          form: {
            intent: 'change-password',
            currentPassword: 'definitely not it',
            password: newPassword,
            confirmPassword: newPassword,
          },
        }),
      ),
    )
    expect(wrong.status).toBe(400)
    expect(JSON.stringify(wrong.body)).toContain('現在のパスワードが正しくありません')

    const sessions = await accountLoader(routeArgs(services, '/account', { cookie: here }))
    expect(sessions.sessions.filter((s) => s.current)).toHaveLength(1)
    await accountAction(routeArgs(services, '/account', { cookie: here, form: { intent: 'logout-everywhere' } }))
    expect(await userFor(here)).toBeNull()
  })
})

describe('changing the e-mail address', () => {
  it('changes it only when the new address confirms, tells the old one, and audits it', async () => {
    const { user, cookie } = await loginAs(services)
    const newEmail = `moved-${Date.now()}@example.jp`
    const requested = (await accountAction(
      routeArgs(services, '/account', {
        cookie,
        form: { intent: 'change-email', email: newEmail, currentPassword: TEST_PASSWORD },
      }),
    )) as Response
    expect(requested.status).toBe(302)
    // Nothing changes until the link is opened.
    expect(
      (await db().selectFrom('app_user').select('email').where('id', '=', user.id).executeTakeFirstOrThrow()).email,
    ).toBe(user.email)

    const token = new URL(await lastMailLink(newEmail)).searchParams.get('token')!
    const confirmed = (await confirmAction(routeArgs(services, '/confirm-email', { form: { token } }))) as Response
    expect(confirmed.status).toBe(302)
    expect(
      (await db().selectFrom('app_user').select('email').where('id', '=', user.id).executeTakeFirstOrThrow()).email,
    ).toBe(newEmail)
    const notice = await db()
      .selectFrom('mail_outbox')
      .select('subject')
      .where('to_address', '=', user.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(notice.subject).toContain('メールアドレスが変更されました')
    expect(await auditActions(user.id)).toContain('change_email')
  })

  it('refuses an address another account uses, and a wrong current password, on their fields', async () => {
    const { cookie } = await loginAs(services)
    const other = await createUser(db())
    const taken = unwrap(
      await accountAction(
        routeArgs(services, '/account', {
          cookie,
          form: { intent: 'change-email', email: other.email, currentPassword: TEST_PASSWORD },
        }),
      ),
    )
    expect((taken.body as { result: { error: Record<string, string[]> } }).result.error.email?.[0]).toContain(
      'すでに別のアカウント',
    )
    const wrong = unwrap(
      await accountAction(
        routeArgs(services, '/account', {
          cookie,
          form: { intent: 'change-email', email: 'fresh@example.jp', currentPassword: 'not my password' },
        }),
      ),
    )
    expect((wrong.body as { result: { error: Record<string, string[]> } }).result.error.currentPassword?.[0]).toContain(
      '正しくありません',
    )
  })
})

describe('sign-up, verification and password reset', () => {
  it('signs a professional up, verifies the address once, and logs in', async () => {
    const email = 'new-pro@example.jp'
    const password = 'a long enough password'
    const signed = unwrap(
      await signupAction(
        routeArgs(services, '/signup', {
          form: { displayName: '新規 太郎', email, password, confirmPassword: password, agree: 'on' },
        }),
      ),
    )
    expect(signed.body).toMatchObject({ sentTo: email })
    expect(unwrap(await postLogin(email, password)).body).toMatchObject({ unverifiedEmail: email })

    const token = new URL(await lastMailLink(email)).searchParams.get('token')!
    const verified = (await verifyAction(routeArgs(services, '/verify-email', { form: { token } }))) as Response
    expect(verified.status).toBe(302)
    const reused = unwrap(await verifyAction(routeArgs(services, '/verify-email', { form: { token } })))
    expect(reused.status).toBe(400)
    expect(JSON.stringify(reused.body)).toContain('すでに使用されています')

    expect(((await postLogin(email, password)) as Response).status).toBe(302)
    const user = await db().selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    expect(await auditActions(user.id)).toEqual(['create', 'verify_email'])
  })

  it('answers a taken address exactly like a new one, and tells the owner by mail', async () => {
    const existing = await createUser(db())
    const password = 'a long enough password'
    const signed = unwrap(
      await signupAction(
        routeArgs(services, '/signup', {
          form: { displayName: '別人', email: existing.email, password, confirmPassword: password, agree: 'on' },
        }),
      ),
    )
    expect(signed.body).toMatchObject({ sentTo: existing.email })
    expect(await lastMailLink(existing.email)).toContain('/forgot-password')
  })

  it('validates the sign-up form with Japanese messages on each field', async () => {
    const result = unwrap(
      await signupAction(
        routeArgs(services, '/signup', {
          form: { displayName: '', email: 'not-an-email', password: 'short', confirmPassword: 'other' },
        }),
      ),
    )
    expect(result.status).toBe(400)
    const errors = (result.body as { result: { error: Record<string, string[]> } }).result.error
    expect(errors.displayName).toEqual(['氏名を入力してください'])
    expect(errors.email?.[0]).toContain('メールアドレスの形式が正しくありません')
    expect(errors.password?.[0]).toContain('12文字以上')
    expect(errors.agree?.[0]).toContain('同意が必要です')
  })

  it('resets a password once with an expiring link, ending every session', async () => {
    const { user, cookie } = await loginAs(services)
    const forgot = unwrap(await forgotAction(routeArgs(services, '/forgot-password', { form: { email: user.email } })))
    const unknown = unwrap(
      await forgotAction(routeArgs(services, '/forgot-password', { form: { email: 'who@example.jp' } })),
    )
    expect(forgot.body).toEqual(unknown.body) // no enumeration

    const token = new URL(await lastMailLink(user.email)).searchParams.get('token')!
    const password = 'my renewed long password'
    const reset = (await resetAction(
      routeArgs(services, '/reset-password', { form: { token, password, confirmPassword: password } }),
    )) as Response
    expect(reset.status).toBe(302)
    expect(await userFor(cookie)).toBeNull()
    const again = unwrap(
      await resetAction(
        routeArgs(services, '/reset-password', { form: { token, password, confirmPassword: password } }),
      ),
    )
    expect(JSON.stringify(again.body)).toContain('すでに使用されています')
    expect(((await postLogin(user.email, password)) as Response).status).toBe(302)

    // An expired link explains itself.
    await forgotAction(routeArgs(services, '/forgot-password', { form: { email: user.email } }))
    const expiredToken = new URL(await lastMailLink(user.email)).searchParams.get('token')!
    await db()
      .updateTable('auth_token')
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where('purpose', '=', 'password_reset')
      .where('used_at', 'is', null)
      .execute()
    const expired = unwrap(
      await resetAction(
        routeArgs(services, '/reset-password', { form: { token: expiredToken, password, confirmPassword: password } }),
      ),
    )
    expect(JSON.stringify(expired.body)).toContain('有効期限が切れています')
  })
})

describe('invitations and tenant scope', () => {
  it('a ministry admin invites a prefecture admin, who accepts once and then invites municipal staff of their own prefecture only', async () => {
    const ministry = await loginAs(services, { role: 'ministry_admin' })
    const invited = (await inviteAction(
      routeArgs(services, '/admin/users/invite', {
        cookie: ministry.cookie,
        form: { email: 'pref-admin@pref.example.jp', role: 'prefecture_admin', prefectureCode: '34' },
      }),
    )) as Response
    expect(invited.status).toBe(302)
    const token = new URL(await lastMailLink('pref-admin@pref.example.jp')).searchParams.get('token')!
    const view = await acceptLoader(routeArgs(services, `/invitations/accept?token=${token}`))
    expect(view.invitation).toMatchObject({ scopeLabel: '広島県', roleLabel: '都道府県管理者' })

    const password = 'prefecture admin password'
    const accepted = (await acceptAction(
      routeArgs(services, '/invitations/accept', {
        form: { token, displayName: '広島 花子', password, confirmPassword: password },
      }),
    )) as Response
    expect(accepted.status).toBe(302)
    const reused = unwrap(
      await acceptAction(
        routeArgs(services, '/invitations/accept', {
          form: { token, displayName: 'x', password, confirmPassword: password },
        }),
      ),
    )
    expect(JSON.stringify(reused.body)).toContain('すでに使用されています')

    const prefAdmin = sessionCookieFrom((await postLogin('pref-admin@pref.example.jp', password)) as Response)
    // Own prefecture's municipality: fine. Another prefecture's (千代田区, 東京都): refused on the field.
    const ok = (await inviteAction(
      routeArgs(services, '/admin/users/invite', {
        cookie: prefAdmin,
        form: { email: 'town@akiota.example.jp', role: 'municipal_staff', municipalityCode: '343684' },
      }),
    )) as Response
    expect(ok.status).toBe(302)
    const foreign = unwrap(
      await inviteAction(
        routeArgs(services, '/admin/users/invite', {
          cookie: prefAdmin,
          form: { email: 'ward@chiyoda.example.jp', role: 'municipal_staff', municipalityCode: '131016' },
        }),
      ),
    )
    expect(foreign.status).toBe(400)
    expect(JSON.stringify(foreign.body)).toContain('管内の市区町村を選択してください')
    // A prefecture admin cannot mint admins.
    const escalate = unwrap(
      await inviteAction(
        routeArgs(services, '/admin/users/invite', {
          cookie: prefAdmin,
          form: { email: 'boss@example.jp', role: 'ministry_admin' },
        }),
      ),
    )
    expect(escalate.status).toBe(400)
    expect(JSON.stringify(escalate.body)).toContain('招待する権限がありません')

    const invitationAudit = await db()
      .selectFrom('audit_log')
      .select(['action', 'prefecture_code'])
      .where('entity', '=', 'invitation')
      .execute()
    expect(invitationAudit).toEqual(expect.arrayContaining([{ action: 'invite', prefecture_code: '34' }]))
  })

  it("keeps prefecture A's admin out of prefecture B's users (list and deactivate by id)", async () => {
    const hiroshima = await loginAs(services, { role: 'prefecture_admin', prefectureCode: '34' })
    const tokyoStaff = await createUser(db(), { role: 'prefecture_staff', prefectureCode: '13' })
    const ownStaff = await createUser(db(), { role: 'prefecture_staff', prefectureCode: '34' })

    const list = await usersLoader(routeArgs(services, '/admin/users', { cookie: hiroshima.cookie }))
    const ids = list.users.map((u) => u.id)
    expect(ids).toContain(ownStaff.id)
    expect(ids).not.toContain(tokyoStaff.id)

    const probe = await thrownResponse(() =>
      deactivateAction(
        routeArgs(services, '/admin/users', {
          cookie: hiroshima.cookie,
          form: { intent: 'deactivate', userId: tokyoStaff.id },
        }),
      ),
    )
    expect(probe.status).toBe(404)
    const still = await db()
      .selectFrom('app_user')
      .select('deactivated_at')
      .where('id', '=', tokyoStaff.id)
      .executeTakeFirstOrThrow()
    expect(still.deactivated_at).toBeNull()

    // A fellow prefecture admin is not "staff" the admin may stop.
    const peer = await createUser(db(), { role: 'prefecture_admin', prefectureCode: '34' })
    const peerProbe = await thrownResponse(() =>
      deactivateAction(
        routeArgs(services, '/admin/users', {
          cookie: hiroshima.cookie,
          form: { intent: 'deactivate', userId: peer.id },
        }),
      ),
    )
    expect(peerProbe.status).toBe(404)
  })

  it('does not invite an address that already has an account', async () => {
    const ministry = await loginAs(services, { role: 'ministry_admin' })
    const existing = await createUser(db(), { role: 'ministry_staff' })
    const result = unwrap(
      await inviteAction(
        routeArgs(services, '/admin/users/invite', {
          cookie: ministry.cookie,
          form: { email: existing.email, role: 'ministry_staff' },
        }),
      ),
    )
    expect(result.status).toBe(400)
    expect(JSON.stringify(result.body)).toContain('このメールアドレスのアカウントはすでに存在します')
  })

  it('refuses staff actions to roles without the permission (403), and anonymous users go to login', async () => {
    const staff = await loginAs(services, { role: 'prefecture_staff' })
    const forbidden = await thrownResponse(() =>
      inviteAction(
        routeArgs(services, '/admin/users/invite', {
          cookie: staff.cookie,
          form: { email: 'x@example.jp', role: 'prefecture_staff' },
        }),
      ),
    )
    expect(forbidden.status).toBe(403)
    expect(forbidden.text).toContain('権限がありません')
    const anonymous = await thrownResponse(() =>
      inviteAction(
        routeArgs(services, '/admin/users/invite', { form: { email: 'x@example.jp', role: 'prefecture_staff' } }),
      ),
    )
    expect(anonymous.status).toBe(302)
  })
})
