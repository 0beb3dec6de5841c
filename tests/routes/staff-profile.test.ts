// The staff-facing profile: what prefecture and ministry staff see of a professional (skills with their
// evidence, work history, availability, qualifications …), on the pool member page and through
// getProfileForStaff, and nothing at all — not a skill name, not a line of the introduction — where the
// person's consent does not reach the viewer. Contact details never come with it.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as applicationsAction } from '../../app/routes/applications/route'
import { loader as memberLoader } from '../../app/routes/pools.$memberId/route'
import { action as consentAction } from '../../app/routes/profile.consent/route'
import { getProfileForStaff } from '../../app/models/staff-profile.server'
import type { Services } from '../../app/services.server'
import type { AppUser } from '../../db/schema'
import { createProfile, loginAs } from '../factories'
import { createTestServices, routeArgs } from '../services'

let services: Services
const db = () => services.database.db
const context = () => routeArgs(services, '/').context

type Login = { user: AppUser; cookie: string }
let professional: Login
let hiroshima: Login
let tokyo: Login
let ministry: Login
let profileId: string
let memberId: string
const contactEmail = () => `${profileId}@example.jp`
const PHONE = '090-4321-8765'
const INTRODUCTION = '窓口のデジタル化を三つの町で支援しました。\n週2日、火曜と木曜に対応できます。'
const EXPERIENCE = {
  current: crypto.randomUUID(),
  previous: crypto.randomUUID(),
  unrelated: crypto.randomUUID(),
}

/** Every text of the profile that must never reach a viewer without consent. */
const PRIVATE_TEXTS = [
  '窓口のデジタル化',
  '北広島町役場',
  '株式会社サンプル総研',
  'BPR（業務改革）',
  '応用情報技術者試験',
]

beforeAll(async () => {
  services = await createTestServices()
  professional = await loginAs(services, { role: 'professional' })
  hiroshima = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })
  tokyo = await loginAs(services, { role: 'prefecture_staff', prefectureCode: '13' })
  ministry = await loginAs(services, { role: 'ministry_staff' })
  profileId = await createProfile(db(), professional.user.id, { familyName: '閲覧', visibility: 'none' })
  await db()
    .updateTable('profile')
    .set({
      phone: PHONE,
      residence_prefecture_code: '34',
      introduction: INTRODUCTION,
      years_private_it: 12,
      years_public_sector: 3,
      languages: ['日本語', '英語'],
      employment_forms: ['contract', 'side_job'],
      days_per_week: 2.5,
      available_from: '2027-04-01',
      work_area: 'selected',
      work_prefecture_codes: ['34', '35'],
      remote_ok: true,
      onsite_days_per_month: 4,
      pay_min_yen: 7777,
    })
    .where('id', '=', profileId)
    .execute()
  await db()
    .insertInto('profile_skill')
    .values([
      { profile_id: profileId, skill_id: 'data-analysis', level: 2 },
      { profile_id: profileId, skill_id: 'bpr', level: 3 },
      { profile_id: profileId, skill_id: 'ui-ux', level: 1 },
    ])
    .execute()
  await db()
    .insertInto('profile_experience')
    .values([
      {
        id: EXPERIENCE.previous,
        profile_id: profileId,
        organization: '株式会社サンプル総研',
        title: 'コンサルタント',
        started_on: '2012-04-01',
        ended_on: '2019-03-01',
        description: '自治体の業務改革を担当。',
        skill_ids: ['bpr'],
        sort_order: 1,
      },
      {
        id: EXPERIENCE.current,
        profile_id: profileId,
        organization: '北広島町役場',
        title: 'DX推進専門員',
        started_on: '2019-04-01',
        description: '窓口業務の見直しとデータ分析。',
        skill_ids: ['bpr', 'data-analysis'],
        sort_order: 0,
      },
      {
        id: EXPERIENCE.unrelated,
        profile_id: profileId,
        organization: '学習塾',
        started_on: '2008-04-01',
        ended_on: '2012-03-01',
        sort_order: 2,
      },
    ])
    .execute()
  await db()
    .insertInto('profile_qualification')
    .values([
      { profile_id: profileId, qualification_id: 'ipa-ap', acquired_year: 2015 },
      { profile_id: profileId, qualification_id: 'pmp', acquired_year: null },
    ])
    .execute()
  // The person applies to 広島県's pool: that alone shares the (otherwise private) profile with 広島県.
  const applied = (await applicationsAction(
    routeArgs(services, '/applications', { cookie: professional.cookie, form: { prefectureCode: '34', message: '' } }),
  )) as Response
  expect(applied.status).toBe(302)
  memberId = (
    await db()
      .selectFrom('pool_member')
      .select('id')
      .where('profile_id', '=', profileId)
      .where('prefecture_code', '=', '34')
      .executeTakeFirstOrThrow()
  ).id
  await db()
    .insertInto('training_record')
    .values({
      id: crypto.randomUUID(),
      pool_member_id: memberId,
      title: '行政実務研修',
      provider: '自治大学校',
      completed_on: '2026-11-20',
    })
    .execute()
}, 120_000)
afterAll(async () => {
  await services?.close()
})

async function memberPage(viewer: Login) {
  return memberLoader(routeArgs(services, `/pools/${memberId}`, { cookie: viewer.cookie, params: { memberId } }))
}

/** The person's own consent form, as they would save it. */
async function setConsent(consent: { visibility: 'none' | 'selected' | 'all'; codes?: string[]; national?: boolean }) {
  const { lock_version } = await db()
    .selectFrom('profile')
    .select('lock_version')
    .where('id', '=', profileId)
    .executeTakeFirstOrThrow()
  const form: Record<string, string | string[]> = { lockVersion: String(lock_version), visibility: consent.visibility }
  if (consent.codes) form.visiblePrefectureCodes = consent.codes
  if (consent.national) form.nationalListConsent = 'on'
  const response = (await consentAction(
    routeArgs(services, '/profile/consent', { cookie: professional.cookie, form }),
  )) as Response
  expect(response.status).toBe(302)
}

/** The page data carries no profile: no profile object, and none of its texts anywhere; never the phone. */
function expectNoProfile(page: Awaited<ReturnType<typeof memberPage>>) {
  expect(page.profile).toBeNull()
  expect(page.profileShared).toBe(false)
  const json = JSON.stringify(page)
  for (const text of PRIVATE_TEXTS) expect(json).not.toContain(text)
  expect(json).not.toContain(contactEmail())
  expect(json).not.toContain(PHONE)
  // The page still says who it is (the pool's record) and why nothing else is shown.
  expect(page.name).toBe('閲覧 太郎')
  expect(page.registered).toBe(true)
}

function expectProfile(page: Awaited<ReturnType<typeof memberPage>>) {
  expect(page.profile).not.toBeNull()
  expect(page.profile!.id).toBe(profileId)
  expect(page.profileShared).toBe(true)
  expect(JSON.stringify(page)).not.toContain(PHONE)
  // Contact details never come with the profile itself.
  expect(JSON.stringify(page.profile)).not.toContain(contactEmail())
}

describe('the staff-facing profile', () => {
  it('shows an applicant’s profile on the pool member page, from the catalogue, without contact details', async () => {
    const page = await memberPage(hiroshima)
    expectProfile(page)
    expect(page.profile).toMatchObject({
      name: '閲覧 太郎',
      kana: 'しけん たろう',
      residencePrefecture: '広島県',
      introduction: INTRODUCTION,
      yearsPrivateIt: 12,
      yearsPublicSector: 3,
      languages: ['日本語', '英語'],
      availability: {
        daysPerWeek: 2.5,
        availableFrom: '2027-04-01',
        employmentForms: [
          { value: 'contract', label: '業務委託' },
          { value: 'side_job', label: '副業・兼業' },
        ],
        workArea: 'selected',
        workPrefectures: ['広島県', '山口県'],
        remoteOk: true,
        onsiteDaysPerMonth: 4,
      },
      qualifications: [
        { id: 'ipa-ap', name: '応用情報技術者試験', retired: false, acquiredYear: 2015 },
        { id: 'pmp', name: 'PMP（Project Management Professional）', retired: false, acquiredYear: null },
      ],
      // This membership's training records are listed by the page itself, not twice.
      trainings: [],
    })
    expect(page.trainings.map((t) => t.title)).toEqual(['行政実務研修'])
    // Strongest skill first, with the catalogue's name and the platform's level words.
    expect(page.profile!.skills.map((s) => [s.id, s.level, s.levelLabel])).toEqual([
      ['bpr', 3, '主導'],
      ['data-analysis', 2, '実務'],
      ['ui-ux', 1, '知識'],
    ])
    expect(page.profile!.skills[0]).toMatchObject({ name: 'BPR（業務改革）', retired: false })
    expect(page.profile!.skills[0]!.levelDescription).toContain('主導')
    // Work history newest first.
    expect(page.profile!.experiences.map((e) => [e.organization, e.startMonth, e.endMonth])).toEqual([
      ['北広島町役場', '2019-04', null],
      ['株式会社サンプル総研', '2012-04', '2019-03'],
      ['学習塾', '2008-04', '2012-03'],
    ])
    // Desired pay and the consent settings are not part of what staff screen on.
    const json = JSON.stringify(page.profile)
    expect(json).not.toContain('7777')
    expect(json).not.toContain('visibility')
    // The e-mail address stays where the page showed it before: the pool's consent-checked record.
    expect(page.email).toBe(contactEmail())
  })

  it('gives each skill the work-history entries that evidence it', async () => {
    const profile = await getProfileForStaff(context(), hiroshima.user, profileId)
    expect(profile).not.toBeNull()
    const evidence = Object.fromEntries(profile!.skills.map((s) => [s.id, s.evidence.map((e) => e.experienceId)]))
    expect(evidence).toEqual({
      bpr: [EXPERIENCE.current, EXPERIENCE.previous],
      'data-analysis': [EXPERIENCE.current],
      'ui-ux': [],
    })
    expect(profile!.skills[0]!.evidence[1]).toEqual({
      experienceId: EXPERIENCE.previous,
      organization: '株式会社サンプル総研',
      title: 'コンサルタント',
      startMonth: '2012-04',
      endMonth: '2019-03',
    })
    // The other way round: each entry names the skills it evidences, by their catalogue names.
    expect(profile!.experiences[0]!.skills.map((s) => s.id)).toEqual(['bpr', 'data-analysis'])
    expect(profile!.experiences[0]!.skills[0]!.name).toBe('BPR（業務改革）')
    expect(profile!.experiences[2]!.skills).toEqual([])
    // Read through the model, the viewer's own pool's training records come with it.
    expect(profile!.trainings).toEqual([{ title: '行政実務研修', provider: '自治大学校', completedOn: '2026-11-20' }])
  })

  it('is shared with nobody else: another prefecture, the ministry, other roles, unknown ids', async () => {
    expect(await getProfileForStaff(context(), tokyo.user, profileId)).toBeNull()
    // The ministry reads every pool, but this person gave it nothing (no national-list consent).
    expectNoProfile(await memberPage(ministry))
    expect(await getProfileForStaff(context(), ministry.user, profileId)).toBeNull()
    const municipal = await loginAs(services, { role: 'municipal_staff' })
    expect(await getProfileForStaff(context(), municipal.user, profileId)).toBeNull()
    expect(await getProfileForStaff(context(), professional.user, profileId)).toBeNull()
    expect(await getProfileForStaff(context(), hiroshima.user, crypto.randomUUID())).toBeNull()
    expect(await getProfileForStaff(context(), hiroshima.user, 'not-a-uuid')).toBeNull()
  })

  it('disappears from the member page once the person withdraws the application', async () => {
    const withdrawn = (await applicationsAction(
      routeArgs(services, '/applications', { cookie: professional.cookie, form: { intent: 'withdraw', memberId } }),
    )) as Response
    expect(withdrawn.status).toBe(302)
    const page = await memberPage(hiroshima)
    expect(page.statusLabel).toBe('辞退')
    expectNoProfile(page)
    expect(page.email).toBeNull()
    // The pool's own records stay the pool's.
    expect(page.trainings.map((t) => t.title)).toEqual(['行政実務研修'])
    expect(await getProfileForStaff(context(), hiroshima.user, profileId)).toBeNull()
  })

  it("follows 'selected': only the prefectures the person chose", async () => {
    await setConsent({ visibility: 'selected', codes: ['13'] })
    expectNoProfile(await memberPage(hiroshima))
    expect(await getProfileForStaff(context(), hiroshima.user, profileId)).toBeNull()
    // 東京都 has no record of the person, and still sees the profile the person opened to it.
    const forTokyo = await getProfileForStaff(context(), tokyo.user, profileId)
    expect(forTokyo?.skills.map((s) => s.id)).toEqual(['bpr', 'data-analysis', 'ui-ux'])
    // 東京都's pool keeps no training records for the person; 広島県's are not 東京都's to read.
    expect(forTokyo?.trainings).toEqual([])

    await setConsent({ visibility: 'selected', codes: ['34'] })
    expectProfile(await memberPage(hiroshima))
    expect(await getProfileForStaff(context(), tokyo.user, profileId)).toBeNull()
  })

  it('gives national-list consent to the ministry only, never to a prefecture', async () => {
    await setConsent({ visibility: 'none', national: true })
    expectNoProfile(await memberPage(hiroshima))
    expect(await getProfileForStaff(context(), hiroshima.user, profileId)).toBeNull()
    const page = await memberPage(ministry)
    expectProfile(page)
    expect(page.profile!.skills.map((s) => s.id)).toEqual(['bpr', 'data-analysis', 'ui-ux'])
    // The ministry's own pool is the national list: no training records there yet.
    expect((await getProfileForStaff(context(), ministry.user, profileId))?.trainings).toEqual([])
  })

  it("reads training records from the viewer's own pool only", async () => {
    await setConsent({ visibility: 'all' })
    const nationalMemberId = crypto.randomUUID()
    await db()
      .insertInto('pool_member')
      .values({
        id: nationalMemberId,
        prefecture_code: '00',
        profile_id: profileId,
        status: 'registered',
        source: 'public_call',
      })
      .execute()
    await db()
      .insertInto('training_record')
      .values({ id: crypto.randomUUID(), pool_member_id: nationalMemberId, title: '国の事前研修', completed_on: null })
      .execute()
    expect((await getProfileForStaff(context(), ministry.user, profileId))?.trainings).toEqual([
      { title: '国の事前研修', provider: '', completedOn: null },
    ])
    expect((await getProfileForStaff(context(), hiroshima.user, profileId))?.trainings.map((t) => t.title)).toEqual([
      '行政実務研修',
    ])
    expect((await getProfileForStaff(context(), tokyo.user, profileId))?.trainings).toEqual([])
    expectProfile(await memberPage(hiroshima))
  })
})
