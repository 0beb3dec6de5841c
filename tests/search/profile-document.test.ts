// A profile's search document as the index gets it, read from Postgres: skills with their names and levels,
// qualifications, the skills its work history evidences, its pool memberships and whom it is shared with.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/client'
import { storeIntroductionReadings } from '../../db/queries/profile-index'
import { readingSourceKey } from '../../search/reading-key'
import { SEARCH_REGISTRY } from '../../search/registry'
import { createTestDatabase } from '../db'
import { createUser } from '../factories'

let database: Database
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

async function insertProfile(name: string, visibility: 'all' | 'none' = 'all') {
  const { db } = database
  const user = await createUser(db)
  const id = crypto.randomUUID()
  await db
    .insertInto('profile')
    .values({
      id,
      user_id: user.id,
      family_name: name,
      given_name: '花子',
      family_name_kana: 'けんしょう',
      given_name_kana: 'はなこ',
      contact_email: user.email,
      visibility,
      employment_forms: ['contract', 'side_job'],
      introduction: '窓口のＤＸを進めました。',
    })
    .execute()
  return id
}

describe('profile search documents from Postgres', () => {
  let full: string
  let bare: string
  let hidden: string

  beforeAll(async () => {
    const { db } = database
    full = await insertProfile('全項目')
    bare = await insertProfile('最小限')
    hidden = await insertProfile('非公開', 'none')
    await db
      .insertInto('profile_skill')
      .values([
        { profile_id: full, skill_id: 'bpr', level: 3 },
        { profile_id: full, skill_id: 'service-design', level: 1 },
        { profile_id: bare, skill_id: 'bpr', level: 2 },
      ])
      .execute()
    await db
      .insertInto('profile_qualification')
      .values([
        { profile_id: full, qualification_id: 'ipa-ap', acquired_year: 2020 },
        { profile_id: full, qualification_id: 'ipa-sg', acquired_year: null },
      ])
      .execute()
    await db
      .insertInto('profile_experience')
      .values([
        {
          id: crypto.randomUUID(),
          profile_id: full,
          organization: '〇〇市',
          started_on: '2019-04-01',
          skill_ids: ['bpr'],
        },
        {
          id: crypto.randomUUID(),
          profile_id: full,
          organization: '△△町',
          started_on: '2021-04-01',
          skill_ids: ['bpr', 'service-design'],
        },
      ])
      .execute()
    const member = (prefecture_code: string, status: 'applied' | 'registered' | 'withdrawn', copied: boolean) => ({
      id: crypto.randomUUID(),
      prefecture_code,
      profile_id: full,
      status,
      source: copied ? ('national_list' as const) : ('application' as const),
      target_role_ids: status === 'registered' ? ['cio-adviser'] : [],
      copied_from_national_list: copied,
    })
    await db
      .insertInto('pool_member')
      .values([member('34', 'registered', false), member('13', 'applied', true), member('01', 'withdrawn', false)])
      .execute()
  })

  it('carries each part of the profile, grouped to its own person', async () => {
    const { documents, deleteIds } = await SEARCH_REGISTRY.profile.load(database.db, [full, bare, hidden])
    expect(deleteIds).toEqual([hidden])
    const byId = new Map(documents.map((doc) => [doc.id, doc]))
    const doc = byId.get(full)!
    expect(doc.name).toBe('全項目 花子')
    expect(doc.name_kana).toBe('ケンショウ ハナコ')
    expect(doc.introduction).toBe('窓口のDXを進めました。')
    expect(doc.employment_forms).toEqual(['contract', 'side_job'])
    expect([...doc.skill_ids].sort()).toEqual(['bpr', 'service-design'])
    expect([...doc.skill_names].sort()).toEqual(['BPR(業務改革)', 'サービスデザイン'])
    expect(doc.skills_compact.split(' ').sort()).toEqual(['bpr:3', 'service-design:1'])
    expect([...doc.skill_levels].sort()).toEqual(['bpr:1', 'bpr:2', 'bpr:3', 'service-design:1'])
    expect([...doc.qualification_names].sort()).toEqual(['応用情報技術者試験', '情報セキュリティマネジメント試験'])
    expect(doc.qualification_count).toBe(2)
    expect([...doc.evidence_skill_ids].sort()).toEqual(['bpr', 'service-design'])
    expect(doc.evidence_count).toBe(2)
    // Every membership not withdrawn, the national list's copy included; only the pool joined shares it.
    expect(doc.pools).toEqual({
      '34': { status: 'registered', roles: ['cio-adviser'] },
      '13': { status: 'applied', roles: [] },
    })
    // Shared with all prefectures and with the pool joined (34), not with the pool holding a copy (13).
    expect([...doc.audience].sort()).toEqual(['all-prefectures', 'national', 'pref:34'])

    const other = byId.get(bare)!
    expect(other.skills_compact).toBe('bpr:2')
    expect(other.qualification_names).toEqual([])
    expect(other.qualification_count).toBe(0)
    expect(other.evidence_skill_ids).toEqual([])
    expect(other.evidence_count).toBe(0)
    expect(other.pools).toEqual({})
  })

  it('keeps the reading it made and reuses it while the introduction is the same, never after a change', async () => {
    const { db } = database
    const id = await insertProfile('読み')
    const kept = () =>
      db
        .selectFrom('profile_search_reading')
        .select(['source_key', 'reading'])
        .where('profile_id', '=', id)
        .executeTakeFirst()
    const load = async () => (await SEARCH_REGISTRY.profile.load(db, [id])).documents[0]!

    const first = await load()
    expect(first.introduction_reading).toContain('マドグチ')
    expect(await kept()).toEqual({
      source_key: readingSourceKey('窓口のDXを進めました。'),
      reading: first.introduction_reading,
    })

    // What is kept is what the next load uses: the analyser is not asked again for the same text.
    await db.updateTable('profile_search_reading').set({ reading: 'ホゾンズミ' }).where('profile_id', '=', id).execute()
    expect((await load()).introduction_reading).toBe('ホゾンズミ')

    // A changed introduction is read again, and its reading replaces the kept one.
    await db.updateTable('profile').set({ introduction: '標準化を担当しました。' }).where('id', '=', id).execute()
    const changed = await load()
    expect(changed.introduction_reading).toContain('ヒョウジュンカ')
    expect(await kept()).toEqual({
      source_key: readingSourceKey('標準化を担当しました。'),
      reading: changed.introduction_reading,
    })

    // The reading goes with the profile.
    await db.deleteFrom('profile').where('id', '=', id).execute()
    expect(await kept()).toBeUndefined()
  })

  it('keeps a reading only for a profile that still exists', async () => {
    await storeIntroductionReadings(database.db, [
      { profile_id: crypto.randomUUID(), source_key: readingSourceKey('消えた紹介文'), reading: 'キエタ' },
    ])
    expect(
      await database.db
        .selectFrom('profile_search_reading')
        .select('profile_id')
        .where('reading', '=', 'キエタ')
        .execute(),
    ).toEqual([])
  })
})
