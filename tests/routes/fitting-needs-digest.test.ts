// The weekly mail of fitting open calls, on real Postgres: asked for on the consent page (audited), sent only to
// those who asked, listing only open calls published since the last one that the person fits, at most once a
// week, and never to a deactivated account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIGEST_INTERVAL_MS, sendFittingNeedsDigests } from '../../app/models/match.server'
import * as consentRoute from '../../app/routes/profile.consent/route'
import type { Services } from '../../app/services.server'
import { createProfile, createPublishedNeed, createUser, sessionCookieFor } from '../factories'
import { createTestServices, routeArgs } from '../services'

let services: Services
const db = () => services.database.db
const appUrl = 'https://dx500.example.jp'

interface Person {
  userId: string
  profileId: string
  email: string
  cookie: string
}

async function person(name: string, forms: Array<'part_time' | 'full_time'>): Promise<Person> {
  const user = await createUser(db(), { role: 'professional' })
  const profileId = await createProfile(db(), user.id, { familyName: name })
  await db()
    .updateTable('profile')
    .set({ employment_forms: forms, days_per_week: 3, work_area: 'all' })
    .where('id', '=', profileId)
    .execute()
  await db().insertInto('profile_skill').values({ profile_id: profileId, skill_id: 'bpr', level: 4 }).execute()
  return { userId: user.id, profileId, email: user.email, cookie: await sessionCookieFor(services, user.id) }
}

async function askForDigest(p: Person, on: boolean) {
  const row = await db()
    .selectFrom('profile')
    .select('lock_version')
    .where('id', '=', p.profileId)
    .executeTakeFirstOrThrow()
  const form: Record<string, string> = { lockVersion: String(row.lock_version), visibility: 'none' }
  if (on) form.fittingNeedsDigest = 'on'
  const response = await consentRoute.action(routeArgs(services, '/profile/consent', { cookie: p.cookie, form }))
  expect((response as Response).status).toBe(302)
}

async function digestsTo(p: Person) {
  return db()
    .selectFrom('mail_outbox')
    .select(['subject', 'body_text', 'template'])
    .where('to_address', '=', p.email)
    .where('template', '=', 'fitting_needs_digest')
    .orderBy('id')
    .execute()
}

let wanted: Person
let notAsked: Person
let fullTimeOnly: Person
let partTimeNeed: string

beforeAll(async () => {
  services = await createTestServices()
  wanted = await person('希望', ['part_time'])
  notAsked = await person('希望なし', ['part_time'])
  fullTimeOnly = await person('常勤希望', ['full_time'])
  await askForDigest(wanted, true)
  await askForDigest(fullTimeOnly, true)
  partTimeNeed = await createPublishedNeed(db(), {
    title: '業務改革の伴走支援',
    employmentForm: 'part_time',
    skills: [{ skillId: 'bpr', minLevel: 3, essential: true }],
  })
})

afterAll(async () => {
  await services?.close()
})

describe('the weekly mail of fitting open calls', () => {
  it('is asked for on the consent page, and the change is in the audit log', async () => {
    const row = await db()
      .selectFrom('profile')
      .select(['fitting_needs_digest', 'fitting_needs_digest_since'])
      .where('id', '=', wanted.profileId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ fitting_needs_digest: true, fitting_needs_digest_since: null })
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', wanted.profileId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ action: 'update_consent', after: { fitting_needs_digest: true } })
  })

  it('mails those who asked the new open calls they fit, with links, and nobody else', async () => {
    const now = new Date()
    const first = await sendFittingNeedsDigests(db(), { appUrl, now })
    expect(first.checked).toBeGreaterThanOrEqual(2)
    const mails = await digestsTo(wanted)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toMatch(/^【自治体DXアクセラレータ500】あなたに合う新しい公募（\d+件）$/)
    expect(mails[0]!.body_text).toContain('■ 業務改革の伴走支援（広島県）')
    expect(mails[0]!.body_text).toContain(`${appUrl}/open-calls/${partTimeNeed}`)
    expect(mails[0]!.body_text).toContain(`${appUrl}/profile/consent`)
    // Asked, but the only new open call is 非常勤 and the person wants 常勤 only: no mail, and none to those who
    // never asked.
    expect(await digestsTo(fullTimeOnly)).toEqual([])
    expect(await digestsTo(notAsked)).toEqual([])
  })

  it('sends at most one a week, and then only open calls published since the last', async () => {
    const sent = await db()
      .selectFrom('profile')
      .select('fitting_needs_digest_since')
      .where('id', '=', wanted.profileId)
      .executeTakeFirstOrThrow()
    expect(sent.fitting_needs_digest_since).not.toBeNull()
    const last = sent.fitting_needs_digest_since!
    const another = await createPublishedNeed(db(), {
      title: '窓口DXの推進',
      employmentForm: 'part_time',
      skills: [{ skillId: 'bpr', minLevel: 2, essential: true }],
    })
    await db()
      .updateTable('need')
      .set({ published_at: new Date(last.getTime() + 60_000) })
      .where('id', '=', another)
      .execute()
    // Too soon: nothing.
    await sendFittingNeedsDigests(db(), { appUrl, now: new Date(last.getTime() + DIGEST_INTERVAL_MS / 2) })
    expect(await digestsTo(wanted)).toHaveLength(1)
    // A week later: the new one only.
    await sendFittingNeedsDigests(db(), { appUrl, now: new Date(last.getTime() + DIGEST_INTERVAL_MS + 1000) })
    const mails = await digestsTo(wanted)
    expect(mails).toHaveLength(2)
    expect(mails[1]!.body_text).toContain('窓口DXの推進')
    expect(mails[1]!.body_text).not.toContain('業務改革の伴走支援')
  })

  it('stops when the person turns it off, and never mails a deactivated account', async () => {
    const later = new Date(Date.now() + 30 * DIGEST_INTERVAL_MS)
    await createPublishedNeed(db(), {
      title: 'データ利活用の支援',
      employmentForm: 'part_time',
      skills: [{ skillId: 'bpr', minLevel: 1, essential: true }],
    })
    await askForDigest(wanted, false)
    const before = (await digestsTo(wanted)).length
    await db()
      .updateTable('app_user')
      .set({ deactivated_at: new Date() })
      .where('id', '=', fullTimeOnly.userId)
      .execute()
    await db()
      .updateTable('profile')
      .set({ employment_forms: ['part_time'] })
      .where('id', '=', fullTimeOnly.profileId)
      .execute()
    await sendFittingNeedsDigests(db(), { appUrl, now: later })
    expect(await digestsTo(wanted)).toHaveLength(before)
    expect(await digestsTo(fullTimeOnly)).toEqual([])
  })
})
