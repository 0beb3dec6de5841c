// Abuse of the account flows by someone who is not the account's owner: flooding an address with mail,
// and squatting an address with an unverified sign-up so that a staff invitation cannot reach it.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNT_MAIL_LIMITS } from '../../app/models/account.server'
import { TAKEOVER_MESSAGES } from '../../app/models/users.server'
import { action as inviteAction } from '../../app/routes/admin.users.invite/route'
import { action as forgotAction } from '../../app/routes/forgot-password/route'
import { action as acceptAction } from '../../app/routes/invitations.accept/route'
import { action as loginAction } from '../../app/routes/login/route'
import { action as resetAction } from '../../app/routes/reset-password/route'
import { action as signupAction } from '../../app/routes/signup/route'
import { action as verifyAction } from '../../app/routes/verify-email/route'
import type { Services } from '../../app/services.server'
import { createProfile, createUser, loginAs } from '../factories'
import { createTestServices, routeArgs, unwrap } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

const db = () => services.database.db
const PASSWORD = 'a long enough password'

async function mailsTo(address: string): Promise<Array<{ body_text: string; template: string }>> {
  return db()
    .selectFrom('mail_outbox')
    .select(['body_text', 'template'])
    .where('to_address', '=', address)
    .orderBy('id')
    .execute()
}

function tokenIn(body: string): string {
  const token = body.match(/[?&]token=([A-Za-z0-9_-]+)/)?.[1]
  if (!token) throw new Error('no token in mail')
  return token
}

async function forgot(email: string, ip: string) {
  return unwrap(await forgotAction(routeArgs(services, '/forgot-password', { form: { email }, ip })))
}

async function signup(email: string, ip: string, displayName = '新規 太郎') {
  return unwrap(
    await signupAction(
      routeArgs(services, '/signup', {
        form: { displayName, email, password: PASSWORD, confirmPassword: PASSWORD, agree: 'on' },
        ip,
      }),
    ),
  )
}

async function resend(email: string, ip: string) {
  return unwrap(
    await loginAction(routeArgs(services, '/login', { form: { intent: 'resend-verification', email }, ip })),
  )
}

/** Ages every limit record, as if the window had passed. */
async function passWindow() {
  await db()
    .updateTable('account_mail_request')
    .set({ created_at: sql`now() - make_interval(mins => ${ACCOUNT_MAIL_LIMITS.windowMinutes + 1})` })
    .execute()
}

describe('mail limits (no flooding any address, no enumeration)', () => {
  it('sends at most 3 reset mails an hour to one address, from however many IPs, with one answer throughout', async () => {
    const victim = await createUser(db(), { role: 'prefecture_admin' })
    const answers = []
    for (let i = 0; i < ACCOUNT_MAIL_LIMITS.perAddress + 4; i++)
      answers.push(await forgot(victim.email, `198.51.100.${i + 1}`))
    expect(await mailsTo(victim.email)).toHaveLength(ACCOUNT_MAIL_LIMITS.perAddress)
    const unknown = await forgot('nobody@example.jp', '198.51.100.99')
    for (const answer of answers) expect(answer).toEqual(unknown)
    expect(unknown.status).toBe(200)

    // The window passes: the owner can ask again.
    await passWindow()
    await forgot(victim.email, '198.51.100.50')
    expect(await mailsTo(victim.email)).toHaveLength(ACCOUNT_MAIL_LIMITS.perAddress + 1)
  })

  it('counts every request of an IP: past 20 an hour it sends nothing, to anyone; other IPs are unaffected', async () => {
    await passWindow()
    const ip = '203.0.113.77'
    for (let i = 0; i < ACCOUNT_MAIL_LIMITS.perIp; i++) await forgot(`unknown-${i}@example.jp`, ip)
    const target = await createUser(db())
    const limited = await forgot(target.email, ip)
    expect(await mailsTo(target.email)).toHaveLength(0)
    expect(limited).toEqual(await forgot('unknown-x@example.jp', '203.0.113.78'))
    // The same request from another address goes out.
    await forgot(target.email, '203.0.113.79')
    expect(await mailsTo(target.email)).toHaveLength(1)
    // A sign-up from the limited IP creates nothing and sends nothing, yet answers like any sign-up.
    const blocked = await signup('blocked-signup@example.jp', ip)
    expect(blocked.body).toMatchObject({ sentTo: 'blocked-signup@example.jp' })
    expect(
      await db().selectFrom('app_user').select('id').where('email', '=', 'blocked-signup@example.jp').execute(),
    ).toEqual([])
    expect(await mailsTo('blocked-signup@example.jp')).toEqual([])
  })

  it('limits sign-up mails to a taken address, and resend-verification mails, per address', async () => {
    await passWindow()
    const owner = await createUser(db())
    for (let i = 0; i < ACCOUNT_MAIL_LIMITS.perAddress + 3; i++) {
      expect((await signup(owner.email, `192.0.2.${i + 1}`)).body).toMatchObject({ sentTo: owner.email })
    }
    expect((await mailsTo(owner.email)).map((mail) => mail.template)).toEqual(
      Array(ACCOUNT_MAIL_LIMITS.perAddress).fill('signup_existing'),
    )

    await passWindow()
    const pending = 'pending@example.jp'
    await signup(pending, '192.0.2.100')
    const answers = []
    for (let i = 0; i < ACCOUNT_MAIL_LIMITS.perAddress + 2; i++)
      answers.push(await resend(pending, `192.0.2.${110 + i}`))
    expect((await mailsTo(pending)).map((mail) => mail.template)).toEqual(
      Array(ACCOUNT_MAIL_LIMITS.perAddress).fill('email_verification'),
    )
    const unknown = await resend('nobody-pending@example.jp', '192.0.2.150')
    for (const answer of answers) expect(answer).toEqual(unknown)
  })
})

describe('an invitation takes over an unverified sign-up on its address', () => {
  async function invite(email: string) {
    const ministry = await loginAs(services, { role: 'ministry_admin' })
    return inviteAction(
      routeArgs(services, '/admin/users/invite', {
        cookie: ministry.cookie,
        form: { email, role: 'prefecture_staff', prefectureCode: '34' },
      }),
    )
  }

  it('lets the invitee (who proves the mailbox) take the account: the squatter’s password, links and sessions stop working', async () => {
    await passWindow()
    const address = 'official@pref.hiroshima.example.jp'
    // Someone signs up first with the official's address (and never verifies: they cannot read the mail).
    await signup(address, '192.0.2.200', '乗っ取り 花子')
    const squatter = await db()
      .selectFrom('app_user')
      .select(['id', 'password_hash'])
      .where('email', '=', address)
      .executeTakeFirstOrThrow()
    const squatterVerification = tokenIn((await mailsTo(address))[0]!.body_text)
    // A session row for it (as if created some other way): it must end too.
    await db()
      .insertInto('user_session')
      .values({
        id: 'squatter-session',
        user_id: squatter.id,
        expires_at: new Date(Date.now() + 3600_000),
        absolute_expires_at: new Date(Date.now() + 3600_000),
        ip: null,
        user_agent: null,
      })
      .execute()

    const invited = (await invite(address)) as Response
    expect(invited.status).toBe(302)
    const invitation = tokenIn((await mailsTo(address)).at(-1)!.body_text)
    const officialPassword = 'the official’s own long password'
    const accepted = (await acceptAction(
      routeArgs(services, '/invitations/accept', {
        form: {
          token: invitation,
          displayName: '広島 県職員',
          password: officialPassword,
          confirmPassword: officialPassword,
        },
      }),
    )) as Response
    expect(accepted.status).toBe(302)

    const after = await db().selectFrom('app_user').selectAll().where('email', '=', address).executeTakeFirstOrThrow()
    expect(after).toMatchObject({
      id: squatter.id,
      role: 'prefecture_staff',
      prefecture_code: '34',
      municipality_code: null,
      display_name: '広島 県職員',
    })
    expect(after.email_verified_at).not.toBeNull()
    expect(after.password_hash).not.toBe(squatter.password_hash)
    expect(await db().selectFrom('user_session').select('id').where('user_id', '=', squatter.id).execute()).toEqual([])
    // The squatter's password no longer logs in; the official's does.
    expect(
      unwrap(
        await loginAction(
          routeArgs(services, '/login', {
            form: { email: address, password: PASSWORD, redirectTo: '' },
            ip: '192.0.2.201',
          }),
        ),
      ).status,
    ).toBe(400)
    expect(
      (
        (await loginAction(
          routeArgs(services, '/login', {
            form: { email: address, password: officialPassword, redirectTo: '' },
            ip: '192.0.2.202',
          }),
        )) as Response
      ).status,
    ).toBe(302)
    // The sign-up's verification link is dead.
    expect(
      unwrap(await verifyAction(routeArgs(services, '/verify-email', { form: { token: squatterVerification } })))
        .status,
    ).toBe(400)
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'prefecture_code'])
      .where('entity_id', '=', squatter.id)
      .orderBy('id')
      .execute()
    expect(audit.map((row) => row.action)).toEqual(['create', 'takeover_unverified'])
    expect(audit.at(-1)!.prefecture_code).toBe('34')
  })

  it('also takes over a sign-up made after the invitation was sent, and a reset link issued to the squatted account dies', async () => {
    const address = 'late-squat@pref.hiroshima.example.jp'
    await invite(address)
    const invitation = tokenIn((await mailsTo(address)).at(-1)!.body_text)
    await signup(address, '192.0.2.210')
    await forgot(address, '192.0.2.211')
    const reset = tokenIn((await mailsTo(address)).at(-1)!.body_text)
    const password = 'the official’s own long password'
    const accepted = (await acceptAction(
      routeArgs(services, '/invitations/accept', {
        form: { token: invitation, displayName: '遅い 招待', password, confirmPassword: password },
      }),
    )) as Response
    expect(accepted.status).toBe(302)
    const stale = unwrap(
      await resetAction(
        routeArgs(services, '/reset-password', {
          form: { token: reset, password: 'attacker long password', confirmPassword: 'attacker long password' },
        }),
      ),
    )
    expect(stale.status).toBe(400)
    expect(
      (await db().selectFrom('app_user').select('role').where('email', '=', address).executeTakeFirstOrThrow()).role,
    ).toBe('prefecture_staff')
  })

  it('refuses, with a Japanese message to staff, when the unverified account holds a profile; a verified account is never taken', async () => {
    const withProfile = await createUser(db(), { verified: false, email: 'has-profile@example.jp' })
    await createProfile(db(), withProfile.id)
    const refused = unwrap(await invite(withProfile.email))
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain(TAKEOVER_MESSAGES['has-profile'])

    // The profile appears between invitation and acceptance: the invitation stays unused, the account untouched.
    const later = await createUser(db(), { verified: false, email: 'profile-later@example.jp' })
    await invite(later.email)
    const invitation = tokenIn((await mailsTo(later.email)).at(-1)!.body_text)
    await createProfile(db(), later.id)
    const password = 'the official’s own long password'
    const accept = unwrap(
      await acceptAction(
        routeArgs(services, '/invitations/accept', {
          form: { token: invitation, displayName: 'x', password, confirmPassword: password },
        }),
      ),
    )
    expect(accept.status).toBe(400)
    expect(JSON.stringify(accept.body)).toContain('プロフィールが登録されたアカウント')
    expect(
      (await db().selectFrom('app_user').select('role').where('id', '=', later.id).executeTakeFirstOrThrow()).role,
    ).toBe('professional')
    expect(
      (
        await db()
          .selectFrom('auth_token')
          .select('used_at')
          .where('purpose', '=', 'invitation')
          .where('email', '=', later.email)
          .executeTakeFirstOrThrow()
      ).used_at,
    ).toBeNull()

    const verified = await createUser(db(), { email: 'verified@example.jp' })
    const taken = unwrap(await invite(verified.email))
    expect(JSON.stringify(taken.body)).toContain(TAKEOVER_MESSAGES['email-taken'])
  })
})
