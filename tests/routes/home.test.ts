// The home page of each role: what needs attention, counted in the viewer's scope, and nothing of others.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getMyProfile, getMyProfileCompletion } from '../../app/models/profile.server'
import { loader } from '../../app/routes/_index'
import type { Services } from '../../app/services.server'
import type { PoolStatus } from '../../db/schema'
import { createProfile, loginAs } from '../factories'
import { createTestServices, loaderArgs, routeArgs } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

const home = async (cookie?: string) => (await loader(routeArgs(services, '/', { cookie }))).home

async function addMember(
  prefectureCode: string,
  status: PoolStatus,
  profileId: string | null,
  interviewAt: Date | null = null,
) {
  await services.database.db
    .insertInto('pool_member')
    .values({
      id: crypto.randomUUID(),
      prefecture_code: prefectureCode,
      profile_id: profileId,
      status,
      source: profileId ? 'application' : 'referral',
      person_name: profileId ? null : '直接 追加',
      interview_at: interviewAt,
      interview_place: interviewAt ? '県庁3階' : null,
    })
    .execute()
}

async function addIssue(municipalityCode: string, title: string) {
  await services.database.db
    .insertInto('municipal_issue')
    .values({
      id: crypto.randomUUID(),
      prefecture_code: municipalityCode.slice(0, 2),
      municipality_code: municipalityCode,
      title,
      current_situation: '現状',
      desired_outcome: '目標',
      urgency: 'medium',
      topic_skill_ids: [],
      it_staffing: 'one',
      contact_name: '担当',
      contact_email: 'contact@example.jp',
    })
    .execute()
}

describe('home page per role', () => {
  it('anonymous visitors see what the platform offers, with the live count of open calls', async () => {
    const result = await home()
    expect(result.kind).toBe('public')
    if (result.kind !== 'public') return
    expect(result.figures.openCalls).toBe(0)
  })

  it('prefecture staff see their own inbox only; the professional sees the interview date staff set', async () => {
    const { user: professional, cookie: professionalCookie } = await loginAs(services, { role: 'professional' })
    const profileId = await createProfile(services.database.db, professional.id, { visibility: 'all' })
    const interviewAt = new Date(Date.now() + 3 * 86_400_000)
    await addMember('34', 'interview', profileId, interviewAt)
    await addMember('34', 'applied', null)
    await addMember('34', 'applied', null)
    await addMember('34', 'registered', null)
    await addMember('33', 'applied', null)
    await addIssue('343684', '安芸太田町の課題')
    await addIssue('332038', '岡山県内の課題')

    const hiroshima = await home((await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie)
    expect(hiroshima.kind).toBe('prefecture')
    if (hiroshima.kind !== 'prefecture') return
    expect(hiroshima.counts).toMatchObject({
      new_applications: 2,
      in_screening: 1,
      upcoming_interviews: 1,
      registered: 1,
      new_issues: 1,
      draft_needs: 0,
    })

    const okayama = await home((await loginAs(services, { role: 'prefecture_admin', prefectureCode: '33' })).cookie)
    if (okayama.kind !== 'prefecture') throw new Error(okayama.kind)
    expect(okayama.counts).toMatchObject({
      new_applications: 1,
      in_screening: 0,
      upcoming_interviews: 0,
      new_issues: 1,
    })

    const mine = await home(professionalCookie)
    if (mine.kind !== 'professional') throw new Error(mine.kind)
    expect(mine.applications).toHaveLength(1)
    expect(mine.applications[0]).toMatchObject({
      poolName: '広島県の人材プール',
      status: 'interview',
      statusLabel: '面接',
    })
    expect(mine.applications[0]!.interview?.place).toBe('県庁3階')
    expect(mine.applications[0]!.interview?.at).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$/)
    expect(mine.completion.total).toBeGreaterThan(mine.completion.done)
    expect(mine.completion.next?.href).toMatch(/^\/profile\//)
  })

  it('tells a professional how complete the profile is by the same rules as the profile page', async () => {
    const context = loaderArgs(services, '/').context
    const { user } = await loginAs(services, { role: 'professional' })
    const sameAsProfilePage = async () =>
      expect(await getMyProfileCompletion(context, user)).toEqual((await getMyProfile(context, user)).completion)

    // No profile yet: nothing is done, and the first step is the basic information.
    await sameAsProfilePage()
    expect((await getMyProfileCompletion(context, user)).filter((c) => c.done)).toEqual([])

    // Shared with every prefecture, with one skill: basics, consent and skills are done, the rest are not.
    const profileId = await createProfile(services.database.db, user.id, { visibility: 'all' })
    await services.database.db
      .updateTable('profile')
      .set({ consent_updated_at: new Date() })
      .where('id', '=', profileId)
      .execute()
    await services.database.db
      .insertInto('profile_skill')
      .values({ profile_id: profileId, skill_id: 'bpr', level: 2 })
      .execute()
    await sameAsProfilePage()
    const done = (await getMyProfileCompletion(context, user)).filter((c) => c.done).map((c) => c.section)
    expect(done).toEqual(['basics', 'consent', 'skills'])
  })

  it('municipal staff see their own 課題, never another body’s', async () => {
    await addIssue('343684', '安芸太田町の二つ目の課題')
    const result = await home((await loginAs(services, { role: 'municipal_staff', municipalityCode: '343684' })).cookie)
    if (result.kind !== 'municipality') throw new Error(result.kind)
    expect(result.issues.map((i) => i.title).sort()).toEqual(['安芸太田町の二つ目の課題', '安芸太田町の課題'])
    expect(result.issues.map((i) => i.status)).toEqual(['submitted', 'submitted'])
    const other = await home((await loginAs(services, { role: 'municipal_staff', municipalityCode: '343021' })).cookie)
    if (other.kind !== 'municipality') throw new Error(other.kind)
    expect(other.issues).toEqual([])
  })

  it('ministry staff see the national inbox; only admins see pending staff invitations', async () => {
    const staff = await home((await loginAs(services, { role: 'ministry_staff' })).cookie)
    if (staff.kind !== 'ministry') throw new Error(staff.kind)
    expect(staff.isAdmin).toBe(false)
    expect(staff.counts.new_issues).toBeGreaterThanOrEqual(2)
    const admin = await home((await loginAs(services, { role: 'ministry_admin' })).cookie)
    if (admin.kind !== 'ministry') throw new Error(admin.kind)
    expect(admin.isAdmin).toBe(true)
    expect(admin.counts.catalogue_drafts).toBe(0)
  })
})
