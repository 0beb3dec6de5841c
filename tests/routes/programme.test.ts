// The public programme page through its real loader, as an anonymous visitor: the count toward 500 is the
// number of appointments in force (not nominated, ended or revoked ones), per prefecture as well; the newest
// open calls; the directory shows only 'public' entries of accelerators now, with only the fields each chose.
// The loader's JSON is checked for anything personal beyond that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader } from '../../app/routes/programme._index/route'
import { PROGRAMME_QUOTES } from '../../app/routes/programme._index/sources'
import type { Services } from '../../app/services.server'
import { createAccelerator, insertAppointment, insertDirectoryEntry, setSkills } from '../accelerator-rows'
import { createPublishedNeed } from '../factories'
import { createTestServices, routeArgs } from '../services'

let services: Services
const db = () => services.database.db

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

const programme = () => loader(routeArgs(services, '/programme'))

describe('the programme page', () => {
  let people: Record<string, Awaited<ReturnType<typeof createAccelerator>>>
  let openCallId: string

  beforeAll(async () => {
    people = {
      hiroshima1: await createAccelerator(services, { familyName: '広一', appointment: { prefectureCode: '34' } }),
      hiroshima2: await createAccelerator(services, { familyName: '広二', appointment: { prefectureCode: '34' } }),
      tokyo: await createAccelerator(services, { familyName: '東山', appointment: { prefectureCode: '13' } }),
      ended: await createAccelerator(services, {
        familyName: '終了',
        appointment: { prefectureCode: '13', status: 'ended' },
      }),
      revoked: await createAccelerator(services, {
        familyName: '取消',
        appointment: { prefectureCode: '01', status: 'revoked' },
      }),
      nominated: await createAccelerator(services, {
        familyName: '推薦',
        appointment: { prefectureCode: '01', status: 'nominated' },
      }),
      noConsent: await createAccelerator(services, { familyName: '非同意', appointment: { prefectureCode: '34' } }),
    }
    // Everyone but one consents to the public directory on 「公開範囲と同意」.
    await db()
      .updateTable('profile')
      .set({ public_directory_consent: true })
      .where('id', '<>', people.noConsent!.profileId)
      .execute()
    // A third appointment in 広島県 whose person has no account (recorded by name only): counted, never listed.
    await insertAppointment(db(), { profileId: null, prefectureCode: '34', personName: '記録 のみ' })
    // Entries: public with everything shown; public showing nothing optional; accelerators-only; hidden; and
    // public entries of people who are not accelerators now.
    await setSkills(db(), people.hiroshima1!.profileId, [{ skillId: 'bpr', level: 3 }])
    await insertDirectoryEntry(db(), people.hiroshima1!.profileId, {
      visibility: 'public',
      displayName: 'ひろ いち',
      headline: 'BPRと人材育成',
      introduction: '県内の町村を回っています。',
      contact: 'hiro1-public@example.org',
      showPrefecture: true,
      showSkills: true,
    })
    await setSkills(db(), people.tokyo!.profileId, [{ skillId: 'government-cloud', level: 4 }])
    await insertDirectoryEntry(db(), people.tokyo!.profileId, {
      visibility: 'public',
      displayName: 'とうきょう',
      showPrefecture: false,
      showSkills: false,
    })
    await insertDirectoryEntry(db(), people.hiroshima2!.profileId, {
      visibility: 'accelerators',
      displayName: 'ひろ に',
    })
    await insertDirectoryEntry(db(), people.ended!.profileId, { visibility: 'public', displayName: 'しゅうりょう' })
    await insertDirectoryEntry(db(), people.revoked!.profileId, { visibility: 'public', displayName: 'とりけし' })
    await insertDirectoryEntry(db(), people.nominated!.profileId, { visibility: 'public', displayName: 'すいせん' })
    // Public in the directory form, but without the consent: listed to accelerators only.
    await insertDirectoryEntry(db(), people.noConsent!.profileId, { visibility: 'public', displayName: 'ひどうい' })
    openCallId = await createPublishedNeed(db(), { title: '町村のBPR支援', employmentForm: 'part_time', skills: [] })
  })

  it('counts the appointments in force toward 500, in all and per prefecture', async () => {
    const page = await programme()
    const inForce = await db()
      .selectFrom('accelerator_appointment')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'appointed')
      .executeTakeFirstOrThrow()
    expect(page.appointed).toBe(Number(inForce.n))
    expect(page.appointed).toBe(5)
    expect(page).toMatchObject({ target: 500, percent: 1, prefecturesWithAppointments: 2 })
    expect(page.byPrefecture).toHaveLength(47)
    const counts = Object.fromEntries(page.byPrefecture.map((p) => [p.name, p.appointed]))
    expect(counts).toMatchObject({ 広島県: 4, 東京都: 1, 北海道: 0, 沖縄県: 0 })
    expect(page.byPrefecture.reduce((sum, p) => sum + p.appointed, 0)).toBe(5)
    expect(page.byPrefecture[0]).toEqual({ code: '01', name: '北海道', appointed: 0, band: 'none' })
    // The map colours each prefecture by its progress toward 10.
    expect(page.byPrefecture.find((p) => p.code === '34')).toMatchObject({ appointed: 4, band: 'low' })
  })

  it('grows with each appointment, and the bar stops at 100 % while the count goes on', async () => {
    // Enough appointments in force to pass the target (person-less rows, as a prefecture's records may be).
    const rows = Array.from({ length: 496 }, (_, i) => i)
    for (const i of rows)
      await insertAppointment(db(), { profileId: null, prefectureCode: i % 2 ? '27' : '40', fiscalYear: 2026 })
    const page = await programme()
    expect(page.appointed).toBe(501)
    expect(page.percent).toBe(100)
    expect(Object.fromEntries(page.byPrefecture.map((p) => [p.code, p.appointed]))).toMatchObject({
      '27': 248,
      '40': 248,
      '34': 4,
    })
    await db().deleteFrom('accelerator_appointment').where('fiscal_year', '=', 2026).execute()
    expect((await programme()).appointed).toBe(5)
  })

  it('shows only public entries of accelerators now, with only the fields each chose', async () => {
    const page = await programme()
    expect(page.directory).toEqual([
      {
        displayName: 'とうきょう',
        headline: '',
        introduction: '',
        contact: '',
        prefectures: null,
        skills: null,
      },
      {
        displayName: 'ひろ いち',
        headline: 'BPRと人材育成',
        introduction: '県内の町村を回っています。',
        contact: 'hiro1-public@example.org',
        prefectures: ['広島県'],
        skills: [{ name: 'BPR（業務改革）', level: 3, levelLabel: '主導' }],
      },
    ])
  })

  it('carries nothing personal beyond what each person chose to publish', async () => {
    const json = JSON.stringify(await programme())
    const accounts = await db()
      .selectFrom('profile')
      .innerJoin('app_user', 'app_user.id', 'profile.user_id')
      .select([
        'profile.id',
        'profile.contact_email',
        'app_user.email',
        'profile.family_name',
        'app_user.id as user_id',
      ])
      .execute()
    expect(accounts.length).toBeGreaterThanOrEqual(6)
    for (const account of accounts) {
      for (const value of [account.id, account.user_id, account.contact_email, account.email, account.family_name])
        expect(json).not.toContain(value)
    }
    for (const hidden of [
      'ひろ に',
      'ひどうい',
      'しゅうりょう',
      'とりけし',
      'すいせん',
      '記録 のみ',
      'プロジェクトマネージャー',
    ])
      expect(json).not.toContain(hidden)
    // とうきょう's skill (not chosen) is nowhere; the appointment rows' ids are not either.
    expect(json).not.toContain('標準化・共通化（20業務）とガバメントクラウド')
    const appointmentIds = await db().selectFrom('accelerator_appointment').select('id').execute()
    for (const { id } of appointmentIds) expect(json).not.toContain(id)
  })

  it('lists the newest open calls with the total, and quotes the sources with their line references', async () => {
    const page = await programme()
    expect(page.openCalls.total).toBe(1)
    expect(page.openCalls.needs).toEqual([
      expect.objectContaining({ id: openCallId, title: '町村のBPR支援', prefectureName: '広島県' }),
    ])
    expect(PROGRAMME_QUOTES.target).toEqual({
      text: '⇒ 全国で500名の任命を目指す ※各都道府県10名+aのイメージ',
      cite: '002:382',
    })
    expect(Object.values(PROGRAMME_QUOTES).map((q) => q.cite)).toEqual([
      '002:295',
      '002:381',
      '002:382',
      '002:405',
      '002:324',
    ])
  })

  it('ignores whatever query string it is given (never an error)', async () => {
    for (const query of ['?pref=99', '?q=%00', '?page=-1', `?x=${'a'.repeat(5000)}`]) {
      const page = await loader(routeArgs(services, `/programme${query}`))
      expect(page.appointed).toBe(5)
    }
  })
})
