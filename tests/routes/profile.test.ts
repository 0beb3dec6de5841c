// A professional's own profile through the real loaders and actions: each section saved, Japanese field
// errors, optimistic-lock conflicts that keep the input, an audit row and a search-outbox row per change,
// the data export, account deletion, and the boundaries (other roles 403; nobody reaches another's profile).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as deleteRoute from '../../app/routes/account_.delete/route'
import * as availabilityRoute from '../../app/routes/profile.availability/route'
import * as basicsRoute from '../../app/routes/profile.basics/route'
import * as consentRoute from '../../app/routes/profile.consent/route'
import * as experiencesRoute from '../../app/routes/profile.experiences/route'
import * as csvRoute from '../../app/routes/profile.export[.]csv'
import * as jsonRoute from '../../app/routes/profile.export[.]json'
import * as overviewRoute from '../../app/routes/profile._index/route'
import * as qualificationsRoute from '../../app/routes/profile.qualifications/route'
import * as skillsRoute from '../../app/routes/profile.skills/route'
import type { Services } from '../../app/services.server'
import { getUser } from '../../app/utils/auth.server'
import { storeIntroductionReadings } from '../../db/queries/profile-index'
import type { Role } from '../../db/schema'
import { loginAs, TEST_PASSWORD } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

const db = () => services.database.db

type Form = Record<string, string | string[]>
type ActionModule = { action: (args: ReturnType<typeof routeArgs>) => Promise<unknown> }
type LoaderModule = { loader: (args: ReturnType<typeof routeArgs>) => Promise<unknown> }

async function post(route: ActionModule, url: string, cookie: string, form: Form) {
  return route.action(routeArgs(services, url, { cookie, form }))
}

/** The reply of an action that did not redirect: status, field errors, form errors and the kept input. */
async function reply(route: ActionModule, url: string, cookie: string, form: Form) {
  const result = await post(route, url, cookie, form)
  if (result instanceof Response)
    throw new Error(`expected a reply, got a ${result.status} redirect to ${result.headers.get('Location')}`)
  const { status, body } = unwrap(
    result as {
      data: {
        result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }
        lockVersion?: number | null
      }
    },
  )
  return {
    status,
    errors: body.result.error ?? {},
    input: body.result.initialValue ?? {},
    lockVersion: body.lockVersion,
  }
}

async function saved(route: ActionModule, url: string, cookie: string, form: Form): Promise<string> {
  const result = await post(route, url, cookie, form)
  if (!(result instanceof Response)) throw new Error(`expected a redirect, got ${JSON.stringify(unwrap(result).body)}`)
  expect(result.status).toBe(302)
  return result.headers.get('Location') ?? ''
}

async function load<T extends LoaderModule>(route: T, url: string, cookie: string) {
  return unwrap((await route.loader(routeArgs(services, url, { cookie }))) as Awaited<ReturnType<T['loader']>>).body
}

async function profileOf(userId: string) {
  return db().selectFrom('profile').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

async function auditRows(entityId: string) {
  return db()
    .selectFrom('audit_log')
    .select(['action', 'entity', 'prefecture_code', 'before', 'after', 'actor_label', 'summary'])
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute()
}

async function outboxRow(profileId: string) {
  return db()
    .selectFrom('search_outbox')
    .select(['entity', 'generation', 'confirmed_at'])
    .where('entity', '=', 'profile')
    .where('entity_id', '=', profileId)
    .executeTakeFirst()
}

const BASICS: Form = {
  familyName: '山田',
  givenName: '花子',
  familyNameKana: 'やまだ',
  givenNameKana: 'はなこ',
  contactEmail: 'hanako@example.jp',
  phone: '090-1234-5678',
  residencePrefectureCode: '34',
  birthYear: '1985',
  introduction: '自治体のBPRとクラウド移行を支援してきました。',
  yearsPrivateIt: '12',
  yearsPublicSector: '3',
  languages: '日本語、英語',
}

/** A filled 働き方 form (without its lock version). */
const AVAILABILITY: Form = {
  employmentForms: ['part_time', 'side_job'],
  daysPerWeek: '2.5',
  availableFrom: '2027-04-01',
  workArea: 'selected',
  workPrefectureCodes: ['34', '13'],
  remoteOk: 'on',
  onsiteDaysPerMonth: '4',
  payMinYen: '30000',
  payMaxYen: '50000',
  payUnit: 'day',
}

async function professionalWithProfile(extra: Form = {}) {
  const { user, cookie } = await loginAs(services, { role: 'professional' })
  await saved(basicsRoute, '/profile/basics', cookie, { ...BASICS, ...extra })
  const profile = (await profileOf(user.id))!
  return { user, cookie, profile }
}

describe('basics (基本情報)', () => {
  it('opening the pages creates nothing; the other sections send the professional to the basics first', async () => {
    const { user, cookie } = await loginAs(services, { role: 'professional' })
    const overview = await load(overviewRoute, '/profile', cookie)
    expect(overview.fullName).toBeNull()
    expect(overview.completion.find((c) => c.section === 'basics')).toMatchObject({ done: false })
    const basics = await load(basicsRoute, '/profile/basics', cookie)
    expect(basics).toMatchObject({ isNew: true, lockVersion: null, defaults: { contactEmail: user.email } })
    for (const [route, url] of [
      [availabilityRoute, '/profile/availability'],
      [consentRoute, '/profile/consent'],
      [skillsRoute, '/profile/skills'],
      [qualificationsRoute, '/profile/qualifications'],
      [experiencesRoute, '/profile/experiences'],
    ] as const) {
      const thrown = await thrownResponse(() => (route as LoaderModule).loader(routeArgs(services, url, { cookie })))
      expect(thrown.status).toBe(302)
    }
    expect(await profileOf(user.id)).toBeUndefined()
    // A section saved before the basics is refused the same way.
    expect(await saved(consentRoute, '/profile/consent', cookie, { lockVersion: '0', visibility: 'all' })).toBe(
      '/profile/basics',
    )
    expect(await profileOf(user.id)).toBeUndefined()
  })

  it('the first save creates the profile with an audit row and an outbox row; later saves update it', async () => {
    const { user, cookie, profile } = await professionalWithProfile()
    expect(profile).toMatchObject({
      family_name: '山田',
      given_name_kana: 'はなこ',
      birth_year: 1985,
      languages: ['日本語', '英語'],
      years_private_it: 12,
      lock_version: 0,
      visibility: 'none',
    })
    expect(await outboxRow(profile.id)).toMatchObject({ entity: 'profile' })
    const [created] = await auditRows(profile.id)
    expect(created).toMatchObject({ action: 'create', entity: 'profile', prefecture_code: null, before: null })
    expect(created!.after).toMatchObject({ name: '山田 花子', email: 'hanako@example.jp', birth_year: 1985 })

    const page = await load(basicsRoute, '/profile/basics', cookie)
    expect(page).toMatchObject({
      isNew: false,
      lockVersion: 0,
      defaults: { familyName: '山田', languages: '日本語、英語', birthYear: '1985' },
    })
    const generation = (await outboxRow(profile.id))!.generation

    await saved(basicsRoute, '/profile/basics', cookie, {
      ...BASICS,
      lockVersion: '0',
      familyName: '佐藤',
      familyNameKana: 'さとう',
      birthYear: '',
      phone: '',
    })
    const after = (await profileOf(user.id))!
    expect(after).toMatchObject({ family_name: '佐藤', birth_year: null, phone: null, lock_version: 1 })
    const rows = await auditRows(profile.id)
    expect(rows.map((r) => r.action)).toEqual(['create', 'update_basics'])
    expect(rows[1]!.before).toMatchObject({ name: '山田 花子' })
    expect(rows[1]!.after).toMatchObject({ name: '佐藤 花子' })
    expect((await outboxRow(profile.id))!.generation).toBeGreaterThan(generation)
  })

  it('answers bad input with Japanese messages next to the fields and keeps the input', async () => {
    const { user, cookie } = await loginAs(services, { role: 'professional' })
    const { status, errors, input } = await reply(basicsRoute, '/profile/basics', cookie, {
      ...BASICS,
      familyNameKana: 'ヤマダ',
      givenNameKana: '花子',
      contactEmail: 'not-an-address',
      birthYear: '1890',
      yearsPrivateIt: '-1',
      residencePrefectureCode: '',
      introduction: 'あ'.repeat(2001),
    })
    expect(status).toBe(400)
    expect(errors.familyNameKana).toEqual(['せい（ふりがな）はひらがなで入力してください（例: やまだ）'])
    expect(errors.givenNameKana?.[0]).toContain('ひらがな')
    expect(errors.contactEmail?.[0]).toContain('メールアドレスの形式')
    expect(errors.birthYear?.[0]).toContain('1930〜2015')
    expect(errors.yearsPrivateIt?.[0]).toContain('0以上')
    expect(errors.residencePrefectureCode).toEqual(['居住都道府県を選択してください'])
    expect(errors.introduction?.[0]).toContain('2000文字以内')
    expect(input).toMatchObject({ familyName: '山田', familyNameKana: 'ヤマダ' })
    expect(await profileOf(user.id)).toBeUndefined()
  })
})

describe('availability (働き方の希望)', () => {
  it('saves employment forms, days, area, remote, pay — and shows them back', async () => {
    const { user, cookie, profile } = await professionalWithProfile()
    await saved(availabilityRoute, '/profile/availability', cookie, { lockVersion: '0', ...AVAILABILITY })
    const row = (await profileOf(user.id))!
    expect(row).toMatchObject({
      employment_forms: ['part_time', 'side_job'],
      work_area: 'selected',
      work_prefecture_codes: ['13', '34'],
      remote_ok: true,
      pay_min_yen: 30000,
      pay_unit: 'day',
      lock_version: 1,
    })
    expect(Number(row.days_per_week)).toBe(2.5)
    const page = await load(availabilityRoute, '/profile/availability', cookie)
    expect(page.defaults).toMatchObject({
      daysPerWeek: '2.5',
      availableFrom: '2027-04-01',
      workPrefectureCodes: ['13', '34'],
      remoteOk: true,
      payUnit: 'day',
    })
    const audit = (await auditRows(profile.id)).at(-1)!
    expect(audit).toMatchObject({ action: 'update_availability', entity: 'profile', prefecture_code: null })
    expect(audit.before).toMatchObject({ employment_forms: [], days_per_week: null })
    expect(audit.after).toMatchObject({ employment_forms: ['part_time', 'side_job'], days_per_week: 2.5 })
  })

  it('refuses 6 days, half-day steps off the grid, min above max, a chosen area without prefectures, no employment form', async () => {
    const { cookie } = await professionalWithProfile()
    const { status, errors } = await reply(availabilityRoute, '/profile/availability', cookie, {
      lockVersion: '0',
      daysPerWeek: '6',
      workArea: 'selected',
      payMinYen: '60000',
      payMaxYen: '50000',
      payUnit: 'day',
    })
    expect(status).toBe(400)
    expect(errors.daysPerWeek).toEqual(['週の勤務可能日数は0.5〜5日の範囲で入力してください'])
    expect(errors.employmentForms).toEqual(['希望する勤務形態を1つ以上選択してください'])
    expect(errors.workPrefectureCodes).toEqual(['勤務できる都道府県を1つ以上選択してください'])
    expect(errors.payMaxYen).toEqual(['希望報酬の上限は下限以上の金額にしてください'])
    const more = await reply(availabilityRoute, '/profile/availability', cookie, {
      lockVersion: '0',
      employmentForms: 'contract',
      daysPerWeek: '1.3',
      workArea: 'all',
      payMinYen: '1000',
    })
    expect(more.errors.daysPerWeek?.[0]).toContain('0.5日単位')
    expect(more.errors.payUnit?.[0]).toContain('単位')
  })
})

describe('consent (公開範囲と同意)', () => {
  it('saves visibility and consents, stamps consent_updated_at and queues the search document in the same change', async () => {
    const { user, cookie, profile } = await professionalWithProfile()
    const generation = (await outboxRow(profile.id))!.generation
    const location = await saved(consentRoute, '/profile/consent', cookie, {
      lockVersion: '0',
      visibility: 'selected',
      visiblePrefectureCodes: ['34', '01'],
      nationalListConsent: 'on',
    })
    expect(location).toBe('/profile')
    const row = (await profileOf(user.id))!
    expect(row).toMatchObject({
      visibility: 'selected',
      visible_prefecture_codes: ['01', '34'],
      national_list_consent: true,
      public_directory_consent: false,
    })
    expect(row.consent_updated_at).not.toBeNull()
    expect((await outboxRow(profile.id))!.generation).toBe(generation + 1)
    const audit = (await auditRows(profile.id)).at(-1)!
    expect(audit).toMatchObject({ action: 'update_consent', entity: 'profile', prefecture_code: null })
    expect(audit.before).toEqual({
      visibility: 'none',
      visible_prefecture_codes: [],
      national_list_consent: false,
      public_directory_consent: false,
      fitting_needs_digest: false,
    })
    expect(audit.after).toEqual({
      visibility: 'selected',
      visible_prefecture_codes: ['01', '34'],
      national_list_consent: true,
      public_directory_consent: false,
      fitting_needs_digest: false,
    })

    // Back to "all": the chosen list is not kept (it would silently come back later).
    await saved(consentRoute, '/profile/consent', cookie, {
      lockVersion: '1',
      visibility: 'all',
      visiblePrefectureCodes: ['34'],
    })
    expect(await profileOf(user.id)).toMatchObject({
      visibility: 'all',
      visible_prefecture_codes: [],
      national_list_consent: false,
    })
    const page = await load(consentRoute, '/profile/consent', cookie)
    expect(page.defaults).toMatchObject({ visibility: 'all' })
    expect(page.consentUpdatedAt).not.toBeNull()
  })

  it('refuses "selected" without any prefecture', async () => {
    const { user, cookie } = await professionalWithProfile()
    const { status, errors } = await reply(consentRoute, '/profile/consent', cookie, {
      lockVersion: '0',
      visibility: 'selected',
    })
    expect(status).toBe(400)
    expect(errors.visiblePrefectureCodes).toEqual(['公開する都道府県を1つ以上選択してください'])
    expect(await profileOf(user.id)).toMatchObject({ visibility: 'none', lock_version: 0 })
  })
})

describe('optimistic locking', () => {
  it('a save from a stale page is refused with a Japanese message, keeps the input and offers the current version', async () => {
    const { user, cookie, profile } = await professionalWithProfile()
    await saved(consentRoute, '/profile/consent', cookie, { lockVersion: '0', visibility: 'all' })
    const auditCount = (await auditRows(profile.id)).length
    // A second tab still holds lock version 0.
    const stale = await reply(availabilityRoute, '/profile/availability', cookie, {
      lockVersion: '0',
      employmentForms: ['contract'],
      daysPerWeek: '3',
      workArea: 'all',
    })
    expect(stale.status).toBe(409)
    expect(stale.errors['']?.[0]).toContain('別の画面または別の端末で先に更新されていました')
    expect(stale.errors['']?.[0]).toContain('入力内容はそのまま残しています')
    expect(stale.input).toMatchObject({ employmentForms: 'contract', daysPerWeek: '3', workArea: 'all' })
    expect(stale.lockVersion).toBe(1)
    expect(await profileOf(user.id)).toMatchObject({ employment_forms: [], lock_version: 1 })
    expect(await auditRows(profile.id)).toHaveLength(auditCount)

    // Saving again with the version the conflict handed back overwrites knowingly.
    await saved(availabilityRoute, '/profile/availability', cookie, {
      lockVersion: String(stale.lockVersion),
      employmentForms: ['contract'],
      daysPerWeek: '3',
      workArea: 'all',
    })
    expect(await profileOf(user.id)).toMatchObject({ employment_forms: ['contract'], lock_version: 2 })

    // The child sections share the same lock, and a stale one removes none of the stored rows.
    await saved(skillsRoute, '/profile/skills', cookie, {
      lockVersion: '2',
      'skills[0].skillId': 'data-analysis',
      'skills[0].level': '3',
    })
    const skills = await reply(skillsRoute, '/profile/skills', cookie, {
      lockVersion: '0',
      'skills[0].skillId': 'bpr',
      'skills[0].level': '2',
    })
    expect(skills.status).toBe(409)
    expect(skills.input).toMatchObject({ skills: [{ skillId: 'bpr', level: '2' }] })
    const stored = await db()
      .selectFrom('profile_skill')
      .innerJoin('profile', 'profile.id', 'profile_skill.profile_id')
      .select(['skill_id', 'level'])
      .where('profile.user_id', '=', user.id)
      .execute()
    expect(stored).toEqual([{ skill_id: 'data-analysis', level: 3 }])
    // A basics form opened before the profile existed (no lock version) does not overwrite it.
    const basics = await reply(basicsRoute, '/profile/basics', cookie, { ...BASICS, familyName: '別人' })
    expect(basics.status).toBe(409)
    expect(await profileOf(user.id)).toMatchObject({ family_name: '山田', lock_version: 3 })
  })
})

describe('skills (スキルの自己評価)', () => {
  it('lists the catalogue by area with level descriptions, saves levels, clears unselected ones', async () => {
    const { user, cookie, profile } = await professionalWithProfile()
    const page = await load(skillsRoute, '/profile/skills', cookie)
    expect(page.levels.map((l) => `${l.level} ${l.label}`)).toEqual(['1 知識', '2 実務', '3 主導', '4 指導'])
    expect(page.groups.length).toBeGreaterThan(1)
    const all = page.groups.flatMap((g) => g.skills)
    for (const s of all) expect(s.levels).toHaveLength(4)
    const [first, second] = all
    const form: Form = { lockVersion: '0' }
    all.forEach((s, i) => {
      form[`skills[${i}].skillId`] = s.id
      form[`skills[${i}].level`] = i === 0 ? '3' : i === 1 ? '1' : ''
    })
    expect(await saved(skillsRoute, '/profile/skills', cookie, form)).toBe('/profile/skills')
    const rows = await db()
      .selectFrom('profile_skill')
      .select(['skill_id', 'level'])
      .where('profile_id', '=', profile.id)
      .orderBy('level', 'desc')
      .execute()
    expect(rows).toEqual([
      { skill_id: first!.id, level: 3 },
      { skill_id: second!.id, level: 1 },
    ])
    const again = await load(skillsRoute, '/profile/skills', cookie)
    expect(again.defaults.skills.slice(0, 3)).toEqual([
      { skillId: first!.id, level: '3' },
      { skillId: second!.id, level: '1' },
      { skillId: all[2]!.id, level: '' },
    ])
    const audit = (await auditRows(profile.id)).at(-1)!
    expect(audit).toMatchObject({
      action: 'update_skills',
      before: { skills: {} },
      after: { skills: { [first!.id]: 3, [second!.id]: 1 } },
    })
    expect(await profileOf(user.id)).toMatchObject({ lock_version: 1 })

    // Clearing the second one removes it.
    await saved(skillsRoute, '/profile/skills', cookie, {
      lockVersion: '1',
      'skills[0].skillId': first!.id,
      'skills[0].level': '4',
      'skills[1].skillId': second!.id,
      'skills[1].level': '',
    })
    expect(
      await db()
        .selectFrom('profile_skill')
        .select(['skill_id', 'level'])
        .where('profile_id', '=', profile.id)
        .execute(),
    ).toEqual([{ skill_id: first!.id, level: 4 }])
  })

  it('shows the areas and skills a person holds first, keeping every skill on the form', async () => {
    const { cookie } = await professionalWithProfile()
    const before = await load(skillsRoute, '/profile/skills', cookie)
    const lastArea = before.groups.at(-1)!
    const held = lastArea.skills.at(-1)!
    await saved(skillsRoute, '/profile/skills', cookie, {
      lockVersion: '0',
      'skills[0].skillId': held.id,
      'skills[0].level': '2',
    })
    const after = await load(skillsRoute, '/profile/skills', cookie)
    expect(after.groups[0]!.id).toBe(lastArea.id)
    expect(after.groups[0]!.skills[0]!.id).toBe(held.id)
    expect(after.defaults.skills[0]).toEqual({ skillId: held.id, level: '2' })
    const ids = (page: typeof before) => page.groups.flatMap((g) => g.skills.map((s) => s.id)).sort()
    expect(ids(after)).toEqual(ids(before))
    expect(after.defaults.skills.map((s) => s.skillId)).toEqual(after.groups.flatMap((g) => g.skills.map((s) => s.id)))
  })

  it('refuses a level outside 1–4 and a skill the catalogue does not have, saving nothing', async () => {
    const { cookie, profile } = await professionalWithProfile()
    const bad = await reply(skillsRoute, '/profile/skills', cookie, {
      lockVersion: '0',
      'skills[0].skillId': 'bpr',
      'skills[0].level': '5',
    })
    expect(bad.status).toBe(400)
    expect(bad.errors['skills[0].level']).toEqual(['レベルは1〜4から選択してください'])
    const unknown = await reply(skillsRoute, '/profile/skills', cookie, {
      lockVersion: '0',
      'skills[0].skillId': 'no-such-skill',
      'skills[0].level': '2',
    })
    expect(unknown.status).toBe(400)
    expect(unknown.errors['skills[0].level']?.[0]).toContain('スキル標準にありません')
    // The refused save rolled back its lock bump too.
    expect(await profileOf(profile.user_id)).toMatchObject({ lock_version: 0 })
  })
})

describe('qualifications (資格)', () => {
  it('saves held qualifications with their year; refuses a future year', async () => {
    const { cookie, profile } = await professionalWithProfile()
    const page = await load(qualificationsRoute, '/profile/qualifications', cookie)
    expect(page.items.length).toBeGreaterThan(1)
    const [a, b] = page.items
    const year = new Date().getFullYear()
    const bad = await reply(qualificationsRoute, '/profile/qualifications', cookie, {
      lockVersion: '0',
      'qualifications[0].qualificationId': a!.id,
      'qualifications[0].held': 'on',
      'qualifications[0].acquiredYear': String(year + 1),
      'qualifications[1].qualificationId': b!.id,
      'qualifications[1].acquiredYear': '2010',
    })
    expect(bad.status).toBe(400)
    expect(bad.errors['qualifications[0].acquiredYear']).toEqual([`取得年は1970〜${year}年の範囲で入力してください`])
    expect(bad.errors['qualifications[1].held']?.[0]).toContain('保有している')

    await saved(qualificationsRoute, '/profile/qualifications', cookie, {
      lockVersion: '0',
      'qualifications[0].qualificationId': a!.id,
      'qualifications[0].held': 'on',
      'qualifications[0].acquiredYear': '2015',
      'qualifications[1].qualificationId': b!.id,
      'qualifications[1].held': 'on',
    })
    const rows = await db()
      .selectFrom('profile_qualification')
      .select(['qualification_id', 'acquired_year'])
      .where('profile_id', '=', profile.id)
      .orderBy('acquired_year')
      .execute()
    expect(rows).toEqual(
      expect.arrayContaining([
        { qualification_id: a!.id, acquired_year: 2015 },
        { qualification_id: b!.id, acquired_year: null },
      ]),
    )
    expect((await auditRows(profile.id)).at(-1)).toMatchObject({ action: 'update_qualifications' })
    const again = await load(qualificationsRoute, '/profile/qualifications', cookie)
    expect(again.defaults.qualifications[0]).toEqual({ qualificationId: a!.id, held: true, acquiredYear: '2015' })
  })

  it('refuses to hold a qualification the catalogue does not have, and ignores one not held', async () => {
    const { cookie, profile } = await professionalWithProfile()
    const unknown = await reply(qualificationsRoute, '/profile/qualifications', cookie, {
      lockVersion: '0',
      'qualifications[0].qualificationId': 'no-such-qualification',
      'qualifications[0].held': 'on',
    })
    expect(unknown.status).toBe(400)
    expect(unknown.errors['qualifications[0].held']).toEqual([
      'この資格はスキル標準にありません。ページを再読み込みしてください',
    ])
    expect(await profileOf(profile.user_id)).toMatchObject({ lock_version: 0 })
    await saved(qualificationsRoute, '/profile/qualifications', cookie, {
      lockVersion: '0',
      'qualifications[0].qualificationId': 'no-such-qualification',
    })
    const rows = await db()
      .selectFrom('profile_qualification')
      .select('qualification_id')
      .where('profile_id', '=', profile.id)
      .execute()
    expect(rows).toEqual([])
  })
})

describe('experiences (職歴)', () => {
  it('adds, edits and deletes entries with skills as evidence; refuses an end before the start', async () => {
    const { cookie, profile } = await professionalWithProfile()
    const bad = await reply(experiencesRoute, '/profile/experiences', cookie, {
      intent: 'save',
      lockVersion: '0',
      organization: '株式会社テスト',
      startMonth: '2020-04',
      endMonth: '2019-03',
    })
    expect(bad.status).toBe(400)
    expect(bad.errors.endMonth).toEqual(['終了年月は開始年月と同じか、それより後にしてください'])
    const missing = await reply(experiencesRoute, '/profile/experiences', cookie, {
      intent: 'save',
      lockVersion: '0',
      startMonth: '2020-4',
    })
    expect(missing.errors.organization).toEqual(['所属先（組織名）を入力してください'])
    expect(missing.errors.startMonth?.[0]).toContain('2020-04')

    await saved(experiencesRoute, '/profile/experiences', cookie, {
      intent: 'save',
      lockVersion: '0',
      organization: '株式会社テスト',
      title: 'PM',
      startMonth: '2015-04',
      endMonth: '2020-03',
      description: '基幹系システムの刷新',
      skillIds: ['bpr'],
    })
    await saved(experiencesRoute, '/profile/experiences', cookie, {
      intent: 'save',
      lockVersion: '1',
      organization: '広島県',
      startMonth: '2020-04',
    })
    let page = await load(experiencesRoute, '/profile/experiences', cookie)
    expect(page.experiences.map((e) => [e.organization, e.startMonth, e.endMonth])).toEqual([
      ['広島県', '2020-04', null],
      ['株式会社テスト', '2015-04', '2020-03'],
    ])
    const first = page.experiences[1]!
    expect(first.skills.map((s) => s.id)).toEqual(['bpr'])

    const editing = await load(experiencesRoute, `/profile/experiences?edit=${first.id}`, cookie)
    expect(editing.editing).toMatchObject({
      id: first.id,
      organization: '株式会社テスト',
      endMonth: '2020-03',
      skillIds: ['bpr'],
    })
    await saved(experiencesRoute, '/profile/experiences', cookie, {
      intent: 'save',
      lockVersion: '2',
      id: first.id,
      organization: '株式会社テスト',
      startMonth: '2015-04',
      endMonth: '2020-03',
      skillIds: [],
    })
    await saved(experiencesRoute, '/profile/experiences', cookie, {
      intent: 'delete',
      lockVersion: '3',
      id: page.experiences[0]!.id,
    })
    page = await load(experiencesRoute, '/profile/experiences', cookie)
    expect(page.experiences.map((e) => [e.id, e.skills.length])).toEqual([[first.id, 0]])
    expect((await auditRows(profile.id)).map((r) => r.action).slice(-4)).toEqual([
      'add_experience',
      'add_experience',
      'update_experience',
      'delete_experience',
    ])
  })

  it("each save's audit after-image is what the next save finds stored (newest start first)", async () => {
    const { cookie, profile } = await professionalWithProfile()
    const entry = (organization: string, startMonth: string, lockVersion: number) => ({
      intent: 'save',
      lockVersion: String(lockVersion),
      organization,
      startMonth,
    })
    await saved(experiencesRoute, '/profile/experiences', cookie, entry('広島県', '2020-04', 0))
    // Added last, stored last in its save, but read back after the newer entry.
    await saved(experiencesRoute, '/profile/experiences', cookie, entry('株式会社テスト', '2010-04', 1))
    await saved(experiencesRoute, '/profile/experiences', cookie, entry('安芸太田町', '2020-04', 2))
    const page = await load(experiencesRoute, '/profile/experiences', cookie)
    await saved(experiencesRoute, '/profile/experiences', cookie, {
      intent: 'delete',
      lockVersion: '3',
      id: page.experiences.find((e) => e.organization === '広島県')!.id,
    })
    const rows = (await auditRows(profile.id)).filter((r) => r.action.endsWith('_experience'))
    expect(rows).toHaveLength(4)
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.before).toEqual(rows[i - 1]!.after)
    const organizations = (row: (typeof rows)[number]) =>
      (row.after as { experiences: Array<{ organization: string }> }).experiences.map((e) => e.organization)
    expect(organizations(rows[2]!)).toEqual(['安芸太田町', '広島県', '株式会社テスト'])
    expect(organizations(rows[3]!)).toEqual(['安芸太田町', '株式会社テスト'])
    expect(page.experiences.map((e) => e.organization)).toEqual(['安芸太田町', '広島県', '株式会社テスト'])
  })
})

describe('the main row sections (basics, availability, consent)', () => {
  it("each save's audit before-image is the previous save's after-image, read in the same statement as the change", async () => {
    const { cookie, profile } = await professionalWithProfile()
    await saved(availabilityRoute, '/profile/availability', cookie, { lockVersion: '0', ...AVAILABILITY })
    await saved(consentRoute, '/profile/consent', cookie, {
      lockVersion: '1',
      visibility: 'selected',
      visiblePrefectureCodes: ['34', '01'],
      nationalListConsent: 'on',
    })
    await saved(availabilityRoute, '/profile/availability', cookie, {
      lockVersion: '2',
      employmentForms: ['contract'],
      daysPerWeek: '3',
      availableFrom: '2027-10-01',
      workArea: 'all',
      remoteOk: 'on',
    })
    await saved(consentRoute, '/profile/consent', cookie, { lockVersion: '3', visibility: 'all' })
    await saved(basicsRoute, '/profile/basics', cookie, { ...BASICS, lockVersion: '4', familyName: '佐藤' })
    const rows = await auditRows(profile.id)
    for (const section of ['availability', 'consent'] as const) {
      const chain = rows.filter((r) => r.action === `update_${section}`)
      expect(chain).toHaveLength(2)
      expect(chain[1]!.before).toEqual(chain[0]!.after)
    }
    const availability = rows.filter((r) => r.action === 'update_availability')
    expect(availability[0]!.after).toMatchObject({
      employment_forms: ['part_time', 'side_job'],
      days_per_week: 2.5,
      available_from: '2027-04-01',
    })
    // Read back through the before-image: arrays, a numeric, a date and booleans as the previous save stored them.
    const consent = rows.filter((r) => r.action === 'update_consent')
    expect(consent[1]!.before).toMatchObject({ visibility: 'selected', visible_prefecture_codes: ['01', '34'] })
    const [created, updated] = rows.filter((r) => r.action === 'create' || r.action === 'update_basics')
    expect(updated!.before).toEqual(created!.after)
    expect(updated!.after).toMatchObject({ name: '佐藤 花子' })
    expect(await profileOf(profile.user_id)).toMatchObject({ lock_version: 5, family_name: '佐藤' })
  })
})

describe('my data: export', () => {
  it('JSON and CSV contain the profile, skills, qualifications and experiences — never the password hash or a session id', async () => {
    const { user, cookie } = await professionalWithProfile()
    await saved(skillsRoute, '/profile/skills', cookie, {
      lockVersion: '0',
      'skills[0].skillId': 'bpr',
      'skills[0].level': '2',
    })
    await saved(experiencesRoute, '/profile/experiences', cookie, {
      intent: 'save',
      lockVersion: '1',
      organization: '株式会社エクスポート',
      startMonth: '2018-10',
      skillIds: ['bpr'],
    })

    // The reading the search index keeps of the introduction is theirs as well.
    const profileId = (
      await db().selectFrom('profile').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow()
    ).id
    await storeIntroductionReadings(db(), [{ profile_id: profileId, source_key: 'k', reading: 'ジチタイ ノ BPR' }])

    const jsonResponse = (await jsonRoute.loader(routeArgs(services, '/profile/export.json', { cookie }))) as Response
    expect(jsonResponse.headers.get('Content-Type')).toContain('application/json')
    expect(jsonResponse.headers.get('Content-Disposition')).toMatch(/^attachment; filename="my-data-\d{8}\.json"/)
    expect(jsonResponse.headers.get('Cache-Control')).toBe('no-store')
    const text = await jsonResponse.text()
    const json = JSON.parse(text)
    expect(json.account).toMatchObject({ email: user.email, role: 'professional' })
    expect(json.profile).toMatchObject({
      familyName: '山田',
      givenNameKana: 'はなこ',
      birthYear: 1985,
      contactEmail: 'hanako@example.jp',
      introductionReading: 'ジチタイ ノ BPR',
    })
    expect(json.skills).toEqual([expect.objectContaining({ skillId: 'bpr', level: 2, levelLabel: '実務' })])
    expect(json.experiences).toEqual([
      expect.objectContaining({ organization: '株式会社エクスポート', startMonth: '2018-10', endMonth: null }),
    ])
    expect(json.sessions.length).toBeGreaterThan(0)
    expect(json.sessions[0]).not.toHaveProperty('id')
    const stored = await db()
      .selectFrom('app_user')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(text).not.toContain(stored.password_hash!)
    expect(text).not.toMatch(/argon2|password/i)
    const sessionIds = await db().selectFrom('user_session').select('id').where('user_id', '=', user.id).execute()
    for (const s of sessionIds) expect(text).not.toContain(s.id)

    const csvResponse = (await csvRoute.loader(routeArgs(services, '/profile/export.csv', { cookie }))) as Response
    expect(csvResponse.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(csvResponse.headers.get('Content-Disposition')).toMatch(/^attachment; filename="my-data-\d{8}\.csv"/)
    const bytes = new Uint8Array(await csvResponse.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = new TextDecoder().decode(bytes)
    expect(csv.startsWith('区分,項目,値\r\n')).toBe(true)
    expect(csv).toContain('基本情報,氏名,山田 花子\r\n')
    expect(csv).toContain('基本情報,居住都道府県,広島県\r\n')
    expect(csv).toContain('基本情報,自己紹介の読み（検索用）,ジチタイ ノ BPR\r\n')
    expect(csv).toContain('レベル2 実務')
    expect(csv).toContain('職歴1,所属先,株式会社エクスポート\r\n')
    expect(csv).not.toMatch(/argon2/)
  })
})

describe('my data: deleting the account (退会)', () => {
  it('refuses a wrong password; then deletes the profile, anonymises the account, ends every session and audits without personal data', async () => {
    const { user, cookie, profile } = await professionalWithProfile({
      familyName: '鈴木',
      familyNameKana: 'すずき',
      contactEmail: 'leaving@example.jp',
    })
    const lock = async () => String((await profileOf(user.id))!.lock_version)
    await saved(skillsRoute, '/profile/skills', cookie, {
      lockVersion: await lock(),
      'skills[0].skillId': 'bpr',
      'skills[0].level': '2',
    })
    const qualificationId = (await load(qualificationsRoute, '/profile/qualifications', cookie)).items[0]!.id
    await saved(qualificationsRoute, '/profile/qualifications', cookie, {
      lockVersion: await lock(),
      'qualifications[0].qualificationId': qualificationId,
      'qualifications[0].held': 'on',
    })
    await saved(experiencesRoute, '/profile/experiences', cookie, {
      intent: 'save',
      lockVersion: await lock(),
      organization: '株式会社退会',
      startMonth: '2015-04',
      skillIds: ['bpr'],
    })
    // Someone else's profile and session: both must survive.
    const other = await professionalWithProfile({ contactEmail: 'staying@example.jp' })
    const secondDevice = (await loginAs(services, { role: 'professional' })).cookie

    const page = await load(deleteRoute, '/account/delete', cookie)
    expect(page).toMatchObject({ hasProfile: true, counts: { skills: 1 } })
    // The worker has synced the profile: its outbox row is confirmed, so a pending row afterwards is new.
    await db()
      .updateTable('search_outbox')
      .set({ confirmed_at: new Date() })
      .where('entity', '=', 'profile')
      .where('entity_id', '=', profile.id)
      .execute()
    const synced = (await outboxRow(profile.id))!

    const wrong = await post(deleteRoute, '/account/delete', cookie, { password: 'wrong password here', confirm: 'on' })
    expect(unwrap(wrong).status).toBe(400)
    expect(
      unwrap(wrong as { data: { result: { error: Record<string, string[]> } } }).body.result.error.password,
    ).toEqual(['パスワードが正しくありません'])
    const unconfirmed = await post(deleteRoute, '/account/delete', cookie, { password: TEST_PASSWORD })
    expect(
      unwrap(unconfirmed as { data: { result: { error: Record<string, string[]> } } }).body.result.error.confirm?.[0],
    ).toContain('チェック')
    expect(await profileOf(user.id)).toBeDefined()

    await db()
      .insertInto('mail_outbox')
      .values({ to_address: user.email, subject: 'x', body_text: 'x', template: 'password_reset' })
      .execute()
    await db()
      .insertInto('auth_token')
      .values({
        id: crypto.randomUUID(),
        purpose: 'password_reset',
        token_hash: `hash-${crypto.randomUUID()}`,
        email: user.email,
        user_id: user.id,
        expires_at: new Date(Date.now() + 3_600_000),
      })
      .execute()
    const response = (await post(deleteRoute, '/account/delete', cookie, {
      password: TEST_PASSWORD,
      confirm: 'on',
    })) as Response
    expect(response.status).toBe(302)
    // Mail history and throttling rows with the address go too.
    expect(await db().selectFrom('auth_token').select('id').where('user_id', '=', user.id).execute()).toEqual([])
    expect(await db().selectFrom('mail_outbox').select('id').where('to_address', '=', user.email).execute()).toEqual([])
    expect(
      await db().selectFrom('login_attempt').select('id').where('email', '=', user.email.toLowerCase()).execute(),
    ).toEqual([])
    expect(response.headers.get('Location')).toBe('/')
    expect(
      response.headers
        .getSetCookie()
        .some(
          (c) =>
            c.startsWith('dxp_session=;') ||
            (c.startsWith('dxp_session=') && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)),
        ),
    ).toBe(true)

    expect(await profileOf(user.id)).toBeUndefined()
    for (const table of ['profile_skill', 'profile_qualification', 'profile_experience'] as const) {
      expect(await db().selectFrom(table).select('profile_id').where('profile_id', '=', profile.id).execute()).toEqual(
        [],
      )
    }
    const account = await db().selectFrom('app_user').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(account.email).toMatch(/^deleted-[0-9a-f-]{36}@invalid$/)
    expect(account).toMatchObject({ display_name: '退会済みユーザー', password_hash: null })
    expect(account.deactivated_at).not.toBeNull()
    expect(await db().selectFrom('user_session').select('id').where('user_id', '=', user.id).execute()).toEqual([])
    expect(await getUser(routeArgs(services, '/', { cookie }).request, routeArgs(services, '/').context)).toBeNull()
    expect(
      await getUser(routeArgs(services, '/', { cookie: secondDevice }).request, routeArgs(services, '/').context),
    ).not.toBeNull()
    expect(await profileOf(other.user.id)).toMatchObject({ id: other.profile.id, contact_email: 'staying@example.jp' })

    const deletion = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'delete_account')
      .where('entity_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(deletion).toMatchObject({ entity: 'user', actor_user_id: user.id, prefecture_code: null, before: null })
    const recorded = JSON.stringify(deletion)
    for (const personal of [
      user.email,
      user.display_name,
      '鈴木',
      'すずき',
      '花子',
      'leaving@example.jp',
      '1985',
      '090-1234-5678',
    ]) {
      expect(recorded).not.toContain(personal)
    }
    // The search document goes too: the deletion enqueued the profile again, and the worker finds no row.
    const enqueued = (await outboxRow(profile.id))!
    expect(enqueued.generation).toBeGreaterThan(synced.generation)
    expect(enqueued.confirmed_at).toBeNull()
  })
})

describe('who may use the profile pages', () => {
  const routes: Array<[string, LoaderModule & Partial<ActionModule>]> = [
    ['/profile', overviewRoute],
    ['/profile/basics', basicsRoute],
    ['/profile/availability', availabilityRoute],
    ['/profile/consent', consentRoute],
    ['/profile/skills', skillsRoute],
    ['/profile/qualifications', qualificationsRoute],
    ['/profile/experiences', experiencesRoute],
    ['/profile/export.json', jsonRoute],
    ['/profile/export.csv', csvRoute],
    ['/account/delete', deleteRoute],
  ]

  it('anonymous visitors are sent to the login; every other role gets 403 on loaders and actions', async () => {
    for (const [url, route] of routes) {
      const anonymous = await thrownResponse(() => route.loader(routeArgs(services, url)))
      expect(anonymous.status, url).toBe(302)
    }
    const staffRoles: Role[] = [
      'municipal_staff',
      'prefecture_staff',
      'prefecture_admin',
      'ministry_staff',
      'ministry_admin',
    ]
    for (const role of staffRoles) {
      const { cookie } = await loginAs(services, { role })
      for (const [url, route] of routes) {
        expect(
          (await thrownResponse(() => route.loader(routeArgs(services, url, { cookie })))).status,
          `${role} GET ${url}`,
        ).toBe(403)
        if (route.action) {
          const thrown = await thrownResponse(() =>
            route.action!(
              routeArgs(services, url, {
                cookie,
                form: { ...BASICS, lockVersion: '0', password: TEST_PASSWORD, confirm: 'on' },
              }),
            ),
          )
          expect(thrown.status, `${role} POST ${url}`).toBe(403)
        }
      }
    }
    // No staff account got a profile out of any of those posts.
    const staffProfiles = await db()
      .selectFrom('profile')
      .innerJoin('app_user', 'app_user.id', 'profile.user_id')
      .select('profile.id')
      .where('app_user.role', '!=', 'professional')
      .execute()
    expect(staffProfiles).toEqual([])
  })

  it('a professional only ever sees and changes their own profile: ids from another profile reach nothing', async () => {
    const a = await professionalWithProfile({ familyName: '甲', familyNameKana: 'こう' })
    await saved(experiencesRoute, '/profile/experiences', a.cookie, {
      intent: 'save',
      lockVersion: '0',
      organization: 'Aの勤務先',
      startMonth: '2010-04',
    })
    const aExperience = (await load(experiencesRoute, '/profile/experiences', a.cookie)).experiences[0]!
    const b = await professionalWithProfile({ familyName: '乙', familyNameKana: 'おつ' })

    // B's pages show B's data, whatever is in the URL.
    expect((await load(overviewRoute, '/profile', b.cookie)).fullName).toBe('乙 花子')
    const bEdit = await load(experiencesRoute, `/profile/experiences?edit=${aExperience.id}`, b.cookie)
    expect(bEdit.editing).toBeNull()
    expect(bEdit.experiences).toEqual([])

    // B posting A's experience id (and A's lock version) changes nothing of A's.
    const edit = await reply(experiencesRoute, '/profile/experiences', b.cookie, {
      intent: 'save',
      lockVersion: '0',
      id: aExperience.id,
      organization: '書き換え',
      startMonth: '2010-04',
    })
    expect(edit.status).toBe(400)
    expect(edit.errors['']?.[0]).toContain('見つかりません')
    const del = await reply(experiencesRoute, '/profile/experiences', b.cookie, {
      intent: 'delete',
      lockVersion: '0',
      id: aExperience.id,
    })
    expect(del.status).toBe(400)
    // Extra fields naming A are ignored: B's save writes B's row.
    await saved(consentRoute, '/profile/consent', b.cookie, {
      lockVersion: '0',
      visibility: 'all',
      id: a.profile.id,
      userId: a.user.id,
      profileId: a.profile.id,
    })
    expect(await profileOf(a.user.id)).toMatchObject({ family_name: '甲', visibility: 'none', lock_version: 1 })
    expect(await profileOf(b.user.id)).toMatchObject({ family_name: '乙', visibility: 'all' })
    const aPage = await load(experiencesRoute, '/profile/experiences', a.cookie)
    expect(aPage.experiences.map((e) => e.organization)).toEqual(['Aの勤務先'])

    // The export is the caller's data only.
    const json = JSON.parse(
      await (
        (await jsonRoute.loader(routeArgs(services, '/profile/export.json', { cookie: b.cookie }))) as Response
      ).text(),
    )
    expect(json.profile.familyName).toBe('乙')
    expect(JSON.stringify(json)).not.toContain('Aの勤務先')
  })
})

describe('every profile route', () => {
  it('exports a Japanese title, an ErrorBoundary and the profile stylesheet', () => {
    for (const route of [
      overviewRoute,
      basicsRoute,
      availabilityRoute,
      consentRoute,
      skillsRoute,
      qualificationsRoute,
      experiencesRoute,
      deleteRoute,
    ]) {
      expect(typeof route.ErrorBoundary).toBe('function')
      const title = (route.meta as unknown as () => Array<{ title: string }>)()[0]!.title
      expect(title).toMatch(/自治体DXアクセラレータ500/)
      expect(route.links()).toEqual([expect.objectContaining({ rel: 'stylesheet' })])
    }
  })
})
