// Consent decides search: a prefecture finds only profiles shared with it (or with all prefectures), the
// ministry only the national list, and withdrawing consent removes a profile on the next drain.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../../app/services.server'
import { enqueueSearchSync } from '../../db/queries/search-outbox'
import type { ProfileVisibility } from '../../db/schema'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { buildProfileDocument, profileAudience } from '../../search/documents/profile'
import { audienceOf, searchProfiles } from '../../search/queries/profiles'
import { sharedReadingAnalyzer } from '../../search/readings'
import { buildSkillReadings } from '../../search/skill-readings'
import { buildSynonymMap } from '../../search/synonyms'
import { SEED_SKILL_STANDARD } from '../../seeds/skill-standard'
import { createUser } from '../factories'
import { createTestServices } from '../services'

let services: Services
beforeAll(async () => {
  services = await createTestServices()
})
afterAll(async () => {
  await services?.close()
})

async function createProfile(
  name: string,
  consent: { visibility: ProfileVisibility; prefectures?: string[]; national?: boolean },
  skills: Array<[string, number]> = [],
) {
  const user = await createUser(services.database.db)
  const id = crypto.randomUUID()
  await services.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('profile')
      .values({
        id,
        user_id: user.id,
        family_name: name,
        given_name: '太郎',
        family_name_kana: 'てすと',
        given_name_kana: 'たろう',
        contact_email: user.email,
        visibility: consent.visibility,
        visible_prefecture_codes: consent.prefectures ?? [],
        national_list_consent: consent.national ?? false,
        employment_forms: ['contract'],
      })
      .execute()
    if (skills.length > 0)
      await trx
        .insertInto('profile_skill')
        .values(skills.map(([skill_id, level]) => ({ profile_id: id, skill_id, level })))
        .execute()
    await enqueueSearchSync(trx, 'profile', [id])
  })
  return id
}

async function drain() {
  for (let i = 0; i < 10; i++)
    if ((await drainSearchOutboxOnce({ db: services.database.db, search: services.search })).claimed === 0) return
}

const hiroshima = { kind: 'prefecture', prefectureCode: '34' } as const
const tokyo = { kind: 'prefecture', prefectureCode: '13' } as const
const ministry = { kind: 'ministry' } as const

describe('profile search respects consent', () => {
  let everyone: string
  let onlyHiroshima: string
  let nobody: string
  let nationalOnly: string

  beforeAll(async () => {
    everyone = await createProfile('全公開', { visibility: 'all' }, [['bpr', 3]])
    onlyHiroshima = await createProfile('広島限定', { visibility: 'selected', prefectures: ['34'] }, [['bpr', 2]])
    nobody = await createProfile('非公開', { visibility: 'none' }, [['bpr', 4]])
    nationalOnly = await createProfile('国リスト', { visibility: 'none', national: true })
    await drain()
  })

  it('shows each viewer exactly the profiles shared with it', async () => {
    const ids = async (viewer: Parameters<typeof searchProfiles>[1]) =>
      (await searchProfiles(services.search, viewer, {})).ids.sort()
    expect(await ids(hiroshima)).toEqual([everyone, onlyHiroshima].sort())
    expect(await ids(tokyo)).toEqual([everyone])
    expect(await ids(ministry)).toEqual([everyone, nationalOnly].sort())
    // A profile shared with nobody is not even in the index.
    expect(
      (await services.search.meili.index(services.search.indexUid('profile')).getDocuments({ limit: 100 })).results.map(
        (d) => d.id,
      ),
    ).not.toContain(nobody)
  })

  it('returns no name or text in a search hit, whatever a query asks for', async () => {
    const index = services.search.meili.index(services.search.indexUid('profile'))
    const { hits } = await index.search('全公開', {
      attributesToRetrieve: ['*'],
      filter: 'audience = "all-prefectures"',
    })
    expect(hits.map((hit) => hit.id)).toContain(everyone)
    for (const hit of hits)
      expect(Object.keys(hit).sort()).toEqual(
        ['evidence_skill_ids', 'id', 'qualification_count', 'skills_compact', 'years_public_sector'].sort(),
      )
  })

  it('filters by skill level within what the viewer may see', async () => {
    const found = await searchProfiles(services.search, hiroshima, { skillId: 'bpr', minLevel: 3 })
    expect(found.ids).toEqual([everyone])
  })

  it('takes a consent change into account on the next drain', async () => {
    await services.database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('profile')
        .set({ visibility: 'none', visible_prefecture_codes: [] })
        .where('id', '=', onlyHiroshima)
        .execute()
      await enqueueSearchSync(trx, 'profile', [onlyHiroshima])
    })
    await drain()
    expect((await searchProfiles(services.search, hiroshima, {})).ids).toEqual([everyone])

    await services.database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('profile')
        .set({ visibility: 'selected', visible_prefecture_codes: ['13'] })
        .where('id', '=', nobody)
        .execute()
      await enqueueSearchSync(trx, 'profile', [nobody])
    })
    await drain()
    expect((await searchProfiles(services.search, tokyo, {})).ids.sort()).toEqual([everyone, nobody].sort())
  })

  it('never indexes contact details, and refuses a malformed viewer', () => {
    const doc = buildProfileDocument({
      id: crypto.randomUUID(),
      family_name: '山田',
      given_name: '花子',
      family_name_kana: 'やまだ',
      given_name_kana: 'はなこ',
      introduction: '',
      visibility: 'all',
      visible_prefecture_codes: [],
      national_list_consent: false,
      employment_forms: [],
      work_area: 'all',
      work_prefecture_codes: [],
      remote_ok: true,
      days_per_week: '2.5',
      updated_at: new Date(),
      skills: [],
      qualifications: [],
      residence_prefecture_code: null,
      years_public_sector: 0,
      available_from: null,
      experience_skill_ids: [],
      pool_memberships: [],
    })
    expect(Object.keys(doc!)).not.toContain('contact_email')
    expect(doc!.days_per_week).toBe(2.5)
    expect(() => audienceOf({ kind: 'prefecture', prefectureCode: '34" OR audience = "national' })).toThrow()
  })

  it("shares a member of the ministry's national list (pool 00) with the ministry, never as a prefecture", () => {
    expect(
      profileAudience({
        visibility: 'none',
        visible_prefecture_codes: [],
        national_list_consent: false,
        applied_prefecture_codes: ['00', '34'],
      }).sort(),
    ).toEqual(['national', 'pref:34'])
  })

  it('finds katakana skill names and introductions from queries typed in katakana or hiragana', async () => {
    const id = await createProfile('片仮名', { visibility: 'all' }, [['government-cloud', 2]])
    await services.database.db
      .updateTable('profile')
      .set({ introduction: '庁内ネットワーク更改を担当しました。' })
      .where('id', '=', id)
      .execute()
    await enqueueSearchSync(services.database.db, 'profile', [id])
    await drain()
    for (const q of ['ガバメントクラウド', 'がばめんと', 'ネットワーク更改', 'ﾈｯﾄﾜｰｸ']) {
      expect((await searchProfiles(services.search, hiroshima, { q })).ids, q).toEqual([id])
    }
  })

  it('finds what staff type (readings, romaji, half-width, synonyms, a typo) only within the consent', async () => {
    const id = await createProfile('読み仮名', { visibility: 'selected', prefectures: ['34'] }, [
      ['government-cloud', 3],
    ])
    await services.database.db
      .updateTable('profile')
      .set({ introduction: '基幹業務システムの仕様調整を支援しました。' })
      .where('id', '=', id)
      .execute()
    await services.database.db
      .insertInto('profile_qualification')
      .values({ profile_id: id, qualification_id: 'ipa-riss', acquired_year: 2020 })
      .execute()
    await enqueueSearchSync(services.database.db, 'profile', [id])
    await drain()
    const synonyms = buildSynonymMap(SEED_SKILL_STANDARD)
    const skillReadings = await buildSkillReadings(
      SEED_SKILL_STANDARD.skills.map((skill) => skill.name),
      sharedReadingAnalyzer(),
    )
    expect(skillReadings).not.toBeNull()
    const find = (viewer: Parameters<typeof searchProfiles>[1], q: string) =>
      searchProfiles(services.search, viewer, { q, synonyms, skillReadings }).then((r) => r.ids)
    const queries = [
      'ひょうじゅんか', // 標準化, in the skill's name only (標準化・共通化（20業務）とガバメントクラウド)
      'ヒョウジュンカ',
      'ﾋｮｳｼﾞｭﾝｶ',
      'hyoujunka',
      'きょうつうか ぎょうむ', // 共通化 業務, two words of the name
      'ひょうじゅ', // still typing 標準化
      'しようちょうせい', // 仕様調整, in the introduction (its reading twin)
      'ガバクラ', // a synonym of the skill
      'gabakura',
      'ガバメントクラウト', // one character wrong
      'じょうほうしょりあんぜんかくほしえんし', // the qualification 情報処理安全確保支援士
      'セキスペ', // its synonym
    ]
    for (const q of queries) {
      expect(await find(hiroshima, q), q).toContain(id)
      // Shared with 広島県 only: 東京都 and the ministry never find it, whatever is typed.
      expect(await find(tokyo, q), q).not.toContain(id)
      expect(await find(ministry, q), q).not.toContain(id)
    }
    // The profile shared with every prefecture (above) holds the same skill: 東京都 finds that one, so the
    // searches above did match for 東京都, only not the profile it may not see.
    expect((await find(tokyo, 'ガバクラ')).length).toBeGreaterThan(0)
  })
})
