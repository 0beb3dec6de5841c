// The appointed accelerator's own page and the network directory, through the real routes on real Postgres:
// the page shows the person's appointment (numbered 令和N年度 第M号), past appointments, training and the
// ministry's notices, and answers everyone else with the same 404; the directory form refuses bad input in
// Japanese at the field and saves with an audit row; the network lists only accelerators now who share their
// entry, with only the fields each chose, and is closed to anyone but accelerators and the ministry. The loader
// data is checked as JSON: no e-mail, profile name or unchosen field of anybody else.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as pageAction, loader as pageLoader } from '../../app/routes/accelerator._index/route'
import { loader as networkLoader } from '../../app/routes/accelerator.network/route'
import type { Services } from '../../app/services.server'
import {
  createAccelerator,
  insertAppointment,
  insertDirectoryEntry,
  insertTraining,
  setSkills,
} from '../accelerator-rows'
import { loginAs } from '../factories'
import { createTestServices, routeArgs, thrownResponse, unwrap } from '../services'
import { answerOf } from './route-table'

let services: Services
const db = () => services.database.db

beforeAll(async () => {
  services = await createTestServices({ indexed: false })
})
afterAll(async () => {
  await services?.close()
})

type Person = Awaited<ReturnType<typeof createAccelerator>>

const NOT_AN_ACCELERATOR = 'このページは、任命中の自治体DXアクセラレータの方のためのページです。'

/** The directory form as the browser sends it (unticked checkboxes and empty fields are not sent). */
function directoryForm(fields: Record<string, string>) {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''))
}

async function profileEmails(profileIds: string[]) {
  const rows = await db()
    .selectFrom('profile')
    .innerJoin('app_user', 'app_user.id', 'profile.user_id')
    .select(['profile.contact_email', 'app_user.email'])
    .where('profile.id', 'in', profileIds)
    .execute()
  return rows.flatMap((row) => [row.contact_email, row.email])
}

describe('the accelerator page and the network directory', () => {
  let aoki: Person
  let beppu: Person
  let chiba: Person
  let doi: Person
  let eto: Person
  let fujita: Person
  let goto: Person
  let prefectureStaff: string
  let ministry: string
  let aokiPast: { serial: number | null }

  beforeAll(async () => {
    // 青木: appointed in 広島県 (令和7年度), with an ended appointment in 岡山県 before it, training and skills.
    aoki = await createAccelerator(services, {
      familyName: '青木',
      appointment: { prefectureCode: '34', appointedOn: '2025-10-01', termEndOn: '2027-03-31' },
    })
    aokiPast = await insertAppointment(db(), {
      profileId: aoki.profileId,
      prefectureCode: '33',
      status: 'ended',
      fiscalYear: 2024,
      appointedOn: '2024-10-01',
      termEndOn: '2025-03-31',
      endedOn: '2025-03-31',
      endReason: 'term_end',
      roleName: 'エンジニア',
    })
    await insertTraining(db(), aoki.profileId, {
      title: '行政実務研修（基礎）',
      provider: '自治大学校',
      completedOn: '2025-09-12',
    })
    await insertTraining(db(), aoki.profileId, { title: '議会対応の研修', provider: '広島県' })
    await setSkills(db(), aoki.profileId, [
      { skillId: 'bpr', level: 3 },
      { skillId: 'government-cloud', level: 2 },
    ])

    // 別府: in 東京都, shares with accelerators, prefecture and skills ticked, a contact given.
    beppu = await createAccelerator(services, { familyName: '別府', appointment: { prefectureCode: '13' } })
    await setSkills(db(), beppu.profileId, [{ skillId: 'government-cloud', level: 4 }])
    await insertDirectoryEntry(db(), beppu.profileId, {
      visibility: 'accelerators',
      displayName: 'べっぷ（クラウド担当）',
      headline: 'クラウド移行の支援',
      introduction: '標準化とガバメントクラウド移行を支援しています。',
      contact: 'beppu-network@example.org',
      showPrefecture: true,
      showSkills: true,
    })
    // 千葉: public, but neither prefecture nor skills shown (both exist).
    chiba = await createAccelerator(services, { familyName: '千葉', appointment: { prefectureCode: '12' } })
    await setSkills(db(), chiba.profileId, [{ skillId: 'bpr', level: 4 }])
    await insertDirectoryEntry(db(), chiba.profileId, {
      visibility: 'public',
      displayName: 'ちばさん',
      introduction: '業務改革の相談にのります。',
      showPrefecture: false,
      showSkills: false,
    })
    // 土井: appointed, entry hidden.
    doi = await createAccelerator(services, { familyName: '土井', appointment: { prefectureCode: '40' } })
    await insertDirectoryEntry(db(), doi.profileId, { visibility: 'hidden', displayName: 'どいさん' })
    // 江藤: appointment ended; 藤田: revoked. Both had shared entries.
    eto = await createAccelerator(services, {
      familyName: '江藤',
      appointment: { prefectureCode: '34', status: 'ended', endedOn: '2026-03-31' },
    })
    await insertDirectoryEntry(db(), eto.profileId, { visibility: 'public', displayName: 'えとうさん' })
    fujita = await createAccelerator(services, {
      familyName: '藤田',
      appointment: { prefectureCode: '34', status: 'revoked', endedOn: '2026-01-15' },
    })
    await insertDirectoryEntry(db(), fujita.profileId, { visibility: 'accelerators', displayName: 'ふじたさん' })
    // 後藤: a professional only nominated (not appointed), with an entry row that must never show.
    goto = await createAccelerator(services, { familyName: '後藤', appointment: { status: 'nominated' } })
    await insertDirectoryEntry(db(), goto.profileId, { visibility: 'public', displayName: 'ごとうさん' })

    prefectureStaff = (await loginAs(services, { role: 'prefecture_staff', prefectureCode: '34' })).cookie
    ministry = (await loginAs(services, { role: 'ministry_staff' })).cookie

    await db()
      .insertInto('accelerator_notice')
      .values([
        {
          id: crypto.randomUUID(),
          title: '初回の連絡会のご案内',
          body: '連絡会を開きます。\n日時は追ってお知らせします。',
          published_at: new Date('2025-11-01T01:00:00Z'),
        },
        {
          id: crypto.randomUUID(),
          title: '研修の日程',
          body: '自治大学校での研修の日程です。',
          published_at: new Date('2026-01-10T01:00:00Z'),
        },
      ])
      .execute()
  })

  it('shows an accelerator their appointment, past appointments, training and the notices, newest first', async () => {
    const page = await pageLoader(routeArgs(services, '/accelerator', { cookie: aoki.cookie }))
    expect(page.current).toEqual([
      expect.objectContaining({
        number: `令和7年度 第${aoki.number!.serial}号`,
        statusLabel: '任命中',
        appointedOn: '2025年10月1日',
        termEndOn: '2027年3月31日',
        prefectureName: '広島県',
        roleName: 'プロジェクトマネージャー',
      }),
    ])
    expect(page.past).toEqual([
      expect.objectContaining({
        number: `令和6年度 第${aokiPast.serial}号`,
        statusLabel: '任命終了',
        prefectureName: '岡山県',
        roleName: 'エンジニア',
        appointedOn: '2024年10月1日',
        endedOn: '2025年3月31日',
        endReasonLabel: '任期満了',
      }),
    ])
    expect(page.trainings).toEqual([
      expect.objectContaining({
        title: '行政実務研修（基礎）',
        provider: '自治大学校',
        completedOn: '2025年9月12日',
        poolName: '広島県の人材プール',
      }),
      expect.objectContaining({ title: '議会対応の研修', completedOn: null }),
    ])
    expect(page.notices.map((n) => n.title)).toEqual(['研修の日程', '初回の連絡会のご案内'])
    expect(page.notices[1]!.body).toContain('\n日時は追ってお知らせします。')
    // The form starts from the profile's name, hidden from everybody until the person chooses otherwise.
    expect(page.directory).toMatchObject({
      saved: false,
      visibilityLabel: '掲載しない',
      defaults: { visibility: 'hidden', displayName: '青木 太郎', showPrefecture: true, showSkills: false },
      prefectureNames: ['広島県'],
    })
    expect(page.directory.skills).toEqual([
      { name: 'BPR（業務改革）', level: 3, levelLabel: '主導' },
      { name: '標準化・共通化（20業務）とガバメントクラウド', level: 2, levelLabel: '実務' },
    ])
    // Staff notes on the training and anybody else's data stay out of the page data.
    const json = JSON.stringify(page)
    expect(json).not.toContain('担当者のメモ')
    for (const other of [beppu, chiba, eto]) expect(json).not.toContain(other.profileId)
  })

  it('answers everyone but an accelerator now with the same 404, and sends the anonymous to log in', async () => {
    const cookies = {
      nominatedOnly: goto.cookie,
      ended: eto.cookie,
      revoked: fujita.cookie,
      professionalWithoutProfile: (await loginAs(services, { role: 'professional' })).cookie,
      prefectureStaff,
      ministry,
    }
    for (const [who, cookie] of Object.entries(cookies)) {
      const answer = await thrownResponse(() => pageLoader(routeArgs(services, '/accelerator', { cookie })))
      expect({ who, status: answer.status }).toEqual({ who, status: 404 })
      expect(answer.text).toContain(NOT_AN_ACCELERATOR)
      // Posting the form is refused the same way, before the form is even read.
      const post = await thrownResponse(() =>
        pageAction(routeArgs(services, '/accelerator', { cookie, form: { visibility: 'public', displayName: 'x' } })),
      )
      expect({ who, status: post.status }).toEqual({ who, status: 404 })
    }
    const anonymous = await thrownResponse(() => pageLoader(routeArgs(services, '/accelerator')))
    expect(anonymous.status).toBe(302)
    const row = await db()
      .selectFrom('accelerator_directory_entry')
      .select('display_name')
      .where('profile_id', '=', goto.profileId)
      .executeTakeFirstOrThrow()
    expect(row.display_name).toBe('ごとうさん')
  })

  it('refuses a bad directory form with Japanese messages at each field, saving nothing', async () => {
    const post = (form: Record<string, string>) =>
      pageAction(routeArgs(services, '/accelerator', { cookie: aoki.cookie, form }))
    const errorsOf = (result: unknown) =>
      (unwrap(result).body as { result: { error: Record<string, string[]> } }).result.error

    const empty = unwrap(await post({}))
    expect(empty.status).toBe(400)
    expect(errorsOf(await post({}))).toMatchObject({
      visibility: ['名簿に掲載する範囲を選択してください'],
      displayName: ['表示名を入力してください'],
    })
    expect(
      errorsOf(
        await post(
          directoryForm({
            visibility: 'everyone',
            displayName: 'あ'.repeat(101),
            headline: 'い'.repeat(101),
            introduction: 'う'.repeat(1001),
            contact: 'え'.repeat(201),
          }),
        ),
      ),
    ).toEqual({
      visibility: ['名簿に掲載する範囲を選択してください'],
      displayName: ['表示名は100文字以内で入力してください'],
      headline: ['肩書き・ひとことは100文字以内で入力してください'],
      introduction: ['紹介文は1000文字以内で入力してください'],
      contact: ['連絡先は200文字以内で入力してください'],
    })
    // Control characters (NUL would be a 500 in Postgres) and blank names are the field's message too.
    expect(errorsOf(await post({ visibility: 'public', displayName: '　 ', headline: 'a\u0000b' }))).toEqual({
      displayName: ['表示名を入力してください'],
      headline: ['肩書き・ひとことに使用できない制御文字が含まれています。文字を入力し直してください'],
    })
    // Not a form at all: a Japanese 400.
    const notAForm = await thrownResponse(() =>
      pageAction({
        ...routeArgs(services, '/accelerator', { cookie: aoki.cookie }),
        request: new Request('http://localhost/accelerator', {
          method: 'POST',
          headers: { Cookie: aoki.cookie, 'Content-Type': 'application/json' },
          body: '{"visibility":"public"}',
        }),
      }),
    )
    expect(notAForm.status).toBe(400)
    const saved = await db()
      .selectFrom('accelerator_directory_entry')
      .select('profile_id')
      .where('profile_id', '=', aoki.profileId)
      .execute()
    expect(saved).toEqual([])
  })

  it('saves the entry and audits the change (before and after), without storing the free texts in the log', async () => {
    const first = await pageAction(
      routeArgs(services, '/accelerator', {
        cookie: aoki.cookie,
        form: directoryForm({
          visibility: 'accelerators',
          displayName: ' あおき ',
          headline: 'BPRの伴走支援',
          introduction: '業務改革とデータ活用が得意です。',
          contact: '',
          showPrefecture: 'on',
        }),
      }),
    )
    expect(first).toBeInstanceOf(Response)
    expect((first as Response).headers.get('Location')).toBe('/accelerator')
    const second = await pageAction(
      routeArgs(services, '/accelerator', {
        cookie: aoki.cookie,
        form: directoryForm({
          visibility: 'public',
          displayName: 'あおき',
          headline: 'BPRの伴走支援',
          introduction: '業務改革とデータ活用が得意です。',
          contact: 'aoki-public@example.org',
          showSkills: 'on',
        }),
      }),
    )
    expect((second as Response).status).toBe(302)
    const row = await db()
      .selectFrom('accelerator_directory_entry')
      .selectAll()
      .where('profile_id', '=', aoki.profileId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      visibility: 'public',
      display_name: 'あおき',
      headline: 'BPRの伴走支援',
      contact: 'aoki-public@example.org',
      show_prefecture: false,
      show_skills: true,
    })
    const audits = await db()
      .selectFrom('audit_log')
      .select(['entity', 'action', 'actor_user_id', 'before', 'after'])
      .where('entity', '=', 'accelerator_directory_entry')
      .where('entity_id', '=', aoki.profileId)
      .orderBy('id')
      .execute()
    expect(audits).toHaveLength(2)
    expect(audits[0]).toMatchObject({
      entity: 'accelerator_directory_entry',
      action: 'update',
      actor_user_id: aoki.user.id,
      before: null,
      after: { directory_visibility: 'accelerators', display_name: 'あおき', show_prefecture: true },
    })
    expect(audits[1]).toMatchObject({
      before: { directory_visibility: 'accelerators', contact_given: false, show_skills: false },
      after: {
        directory_visibility: 'public',
        contact_given: true,
        show_prefecture: false,
        show_skills: true,
        introduction_length: 16,
      },
    })
    expect(JSON.stringify(audits)).not.toContain('aoki-public@example.org')

    const page = await pageLoader(routeArgs(services, '/accelerator', { cookie: aoki.cookie }))
    expect(page.directory).toMatchObject({
      saved: true,
      visibilityLabel: '公開ページにも表示',
      defaults: { visibility: 'public', displayName: 'あおき', contact: 'aoki-public@example.org' },
    })
  })

  it('lists other accelerators now who share their entry, with only the fields each chose', async () => {
    const page = await networkLoader(routeArgs(services, '/accelerator/network', { cookie: aoki.cookie }))
    expect(page.invalid).toBeNull()
    expect(page.ownVisibilityLabel).toBe('公開ページにも表示')
    // Not 土井 (hidden), 江藤 (ended), 藤田 (revoked), 後藤 (never appointed), nor 青木 themself.
    expect(page.entries).toEqual([
      {
        displayName: 'ちばさん',
        headline: '',
        introduction: '業務改革の相談にのります。',
        contact: '',
        prefectures: null,
        skills: null,
      },
      {
        displayName: 'べっぷ（クラウド担当）',
        headline: 'クラウド移行の支援',
        introduction: '標準化とガバメントクラウド移行を支援しています。',
        contact: 'beppu-network@example.org',
        prefectures: ['東京都'],
        skills: [{ name: '標準化・共通化（20業務）とガバメントクラウド', level: 4, levelLabel: '指導' }],
      },
    ])
    const json = JSON.stringify(page)
    for (const email of await profileEmails([beppu.profileId, chiba.profileId, doi.profileId, eto.profileId]))
      expect(json).not.toContain(email)
    for (const person of [beppu, chiba, doi, eto, fujita, goto]) expect(json).not.toContain(person.profileId)
    // Profile names, and 千葉's prefecture and skills (not chosen), are nowhere in the data.
    for (const hidden of [
      '別府',
      '千葉 太郎',
      'どいさん',
      'えとうさん',
      'ふじたさん',
      'ごとうさん',
      '"BPR（業務改革）"',
    ])
      expect(json).not.toContain(hidden)
    expect(page.entries.find((e) => e.displayName === 'ちばさん')).not.toHaveProperty('prefectures', ['千葉県'])
  })

  it('filters by prefecture (only entries that show theirs) and by words; a bad filter shows all and says why', async () => {
    const names = async (query: string, cookie = aoki.cookie) => {
      const page = await networkLoader(routeArgs(services, `/accelerator/network${query}`, { cookie }))
      return { names: page.entries.map((e) => e.displayName), invalid: page.invalid }
    }
    expect(await names('?pref=13')).toEqual({ names: ['べっぷ（クラウド担当）'], invalid: null })
    // 千葉 is appointed in 千葉県 but does not show it: filtering must not reveal it.
    expect(await names('?pref=12')).toEqual({ names: [], invalid: null })
    expect(await names('?q=クラウド')).toEqual({ names: ['べっぷ（クラウド担当）'], invalid: null })
    expect(await names('?q=業務改革')).toEqual({ names: ['ちばさん'], invalid: null })
    // LIKE's wildcards are matched as text.
    expect(await names('?q=%25')).toEqual({ names: [], invalid: null })
    expect(await names('?pref=99')).toEqual({
      names: ['ちばさん', 'べっぷ（クラウド担当）'],
      invalid: '都道府県を一覧から選択してください',
    })
    expect(await names(`?q=${'あ'.repeat(101)}`)).toEqual({
      names: ['ちばさん', 'べっぷ（クラウド担当）'],
      invalid: '検索語は100文字以内にしてください',
    })
    expect((await names('?q=%00')).invalid).toBe(
      '検索語に使用できない制御文字が含まれています。文字を入力し直してください',
    )
    expect((await names('?pref=13&pref=x&q=a&q=b')).invalid).toBeNull()
  })

  it('lets the ministry read the network (every shared entry) and refuses everyone else', async () => {
    const page = await networkLoader(routeArgs(services, '/accelerator/network', { cookie: ministry }))
    expect(page.ownVisibilityLabel).toBeNull()
    expect(page.entries.map((e) => e.displayName).sort()).toEqual(
      ['あおき', 'ちばさん', 'べっぷ（クラウド担当）'].sort(),
    )
    for (const cookie of [goto.cookie, eto.cookie, fujita.cookie, prefectureStaff]) {
      const refused = await thrownResponse(() => networkLoader(routeArgs(services, '/accelerator/network', { cookie })))
      expect(refused.status).toBe(403)
      expect(refused.text).toContain('アクセラレータ名簿は、任命中の自治体DXアクセラレータと')
    }
    const anonymous = await thrownResponse(() => networkLoader(routeArgs(services, '/accelerator/network')))
    expect(anonymous.status).toBe(302)
  })

  // A well-formed random form saves 青木's entry: the tests after this one do not read it.
  it('answers malformed forms and query strings from an accelerator below 500, never throwing anything else', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 1200 }),
      fc.constantFrom(
        '',
        ' ',
        '\u0000',
        'a\u0000b',
        '\u001f',
        'on',
        'off',
        'true',
        'public',
        'hidden',
        'x'.repeat(5000),
      ),
    )
    const field = fc.constantFrom(
      'visibility',
      'displayName',
      'headline',
      'introduction',
      'contact',
      'showPrefecture',
      'showSkills',
      'intent',
    )
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, text), { maxLength: 10 }), async (entries) => {
        const form: Record<string, string[]> = {}
        for (const [name, value] of entries) (form[name] ??= []).push(value)
        const answer = await answerOf(() =>
          pageAction(routeArgs(services, '/accelerator', { cookie: aoki.cookie, form })),
        )
        expect(answer.status).toBeLessThan(500)
        expect([302, 400]).toContain(answer.status)
      }),
      { numRuns: 80, seed: 20261202 },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('q', 'pref', 'page'), text), { maxLength: 4 }),
        async (entries) => {
          const query = new URLSearchParams(entries).toString()
          const answer = await answerOf(() =>
            networkLoader(routeArgs(services, `/accelerator/network?${query}`, { cookie: aoki.cookie })),
          )
          expect(answer.status).toBe(200)
        },
      ),
      { numRuns: 60, seed: 20261202 },
    )
  })

  it('drops an accelerator from the network as soon as the appointment ends', async () => {
    await db()
      .updateTable('accelerator_appointment')
      .set({ status: 'ended', ended_on: '2026-04-30', end_reason: 'resignation' })
      .where('profile_id', '=', beppu.profileId)
      .where('status', '=', 'appointed')
      .execute()
    const page = await networkLoader(routeArgs(services, '/accelerator/network', { cookie: aoki.cookie }))
    expect(page.entries.map((e) => e.displayName)).toEqual(['ちばさん'])
    // …and from their own page and the network itself.
    expect(
      (await thrownResponse(() => pageLoader(routeArgs(services, '/accelerator', { cookie: beppu.cookie })))).status,
    ).toBe(404)
    expect(
      (await thrownResponse(() => networkLoader(routeArgs(services, '/accelerator/network', { cookie: beppu.cookie }))))
        .status,
    ).toBe(403)
  })
})
