// The need index against a real Meilisearch: only 公開 needs become documents, the public view sees only
// open calls, filters by prefecture/role/topic/remote, and Japanese queries as officials and professionals
// type them (katakana or hiragana, half-width, romaji, readings of kanji words, the catalogue's synonyms,
// a typo in a katakana word) find the need.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEED_SKILL_STANDARD } from '../seeds/skill-standard'
import type { LocalGovernmentKind } from '../db/schema'
import { createTestSearchClient } from '../tests/search'
import { localGovernmentReading } from './documents/local-government'
import { buildNeedDocument, type CatalogueNames, NEED_READING_FIELDS, type NeedForIndex } from './documents/need'
import { addReadings } from './documents/reading-fields'
import { applyIndexSettings } from './indexes'
import { searchNeeds } from './queries/needs'
import { createReadingAnalyzer } from './readings'
import { buildSynonymMap } from './synonyms'

/** A place's reading as the registry writes it from the master data. */
const place = (name: string, name_kana: string, kind: LocalGovernmentKind) =>
  localGovernmentReading({ name, name_kana, kind })

const client = createTestSearchClient()
const analyzer = createReadingAnalyzer()
const synonyms = buildSynonymMap(SEED_SKILL_STANDARD)
const names: CatalogueNames = {
  skills: new Map([
    ['standardization-advice', '標準化・クラウド化に向けた助言・仕様調整'],
    ['government-cloud', '標準化・共通化（20業務）とガバメントクラウド'],
    ['hr-development', '人材育成（研修企画・講師等）'],
  ]),
  roles: new Map([
    ['engineer', 'エンジニア'],
    ['producer', 'プロデューサー'],
  ]),
}

function need(overrides: Partial<NeedForIndex> & { id: string }): NeedForIndex {
  return {
    prefecture_code: '34',
    prefecture_name: '広島県',
    status: 'published',
    title: '庁内ネットワーク更改と標準化の支援',
    background: '一人情シスでベンダーとの仕様調整が追いつかない。',
    task_skill_ids: ['standardization-advice'],
    task_details: '',
    role_id: 'engineer',
    employment_form: 'part_time',
    remote_days_per_week: '1.0',
    open_call: true,
    start_on: '2027-04-01',
    published_at: new Date('2026-11-01T00:00:00Z'),
    updated_at: new Date('2026-11-01T00:00:00Z'),
    prefecture_reading: place('広島県', 'ひろしまけん', 'prefecture'),
    municipalities: [
      {
        code: '343684',
        name: '安芸太田町',
        reading: place('安芸太田町', 'あきおおたちょう', 'town'),
        days_per_week: '1.0',
      },
    ],
    skills: [{ skill_id: 'government-cloud', min_level: 3, essential: true }],
    ...overrides,
  }
}

const A = '00000000-0000-4000-8000-00000000000a'
const B = '00000000-0000-4000-8000-00000000000b'
const C = '00000000-0000-4000-8000-00000000000c'

beforeAll(async () => {
  await applyIndexSettings(client, ['need'])
  const documents = [
    need({ id: A }),
    need({
      id: B,
      prefecture_code: '33',
      prefecture_name: '岡山県',
      title: '職員研修の企画と講師',
      task_skill_ids: ['hr-development'],
      skills: [],
      role_id: 'producer',
      remote_days_per_week: null,
      prefecture_reading: place('岡山県', 'おかやまけん', 'prefecture'),
      municipalities: [
        { code: '332097', name: '高梁市', reading: place('高梁市', 'たかはしし', 'city'), days_per_week: '0.5' },
      ],
    }),
    // Kept to the prefecture (matching only): never on the public page.
    need({ id: C, title: '非公開のネットワーク支援', open_call: false }),
  ].flatMap((n) => buildNeedDocument(n, names) ?? [])
  const withReadings = await addReadings(documents, NEED_READING_FIELDS, analyzer)
  await client.meili.index(client.indexUid('need')).addDocuments(withReadings).waitTask()
})
afterAll(async () => {
  await analyzer.close()
  await client.dropIndexes()
  client.close()
})

describe('need documents', () => {
  it('exist only for 公開 needs', () => {
    for (const status of ['draft', 'selecting', 'filled', 'closed', 'withdrawn'])
      expect(buildNeedDocument(need({ id: A, status }), names)).toBeNull()
    expect(buildNeedDocument(need({ id: A }), names)).toMatchObject({
      remote: true,
      topic_ids: ['standardization-advice', 'government-cloud'],
      essential_skill_levels: ['government-cloud:3'],
    })
  })
})

describe('need documents', () => {
  it('read places from the master data and everything else from the analyser', async () => {
    const [document] = await addReadings([buildNeedDocument(need({ id: A }), names)!], NEED_READING_FIELDS, analyzer)
    expect(document).toMatchObject({
      municipality_names_reading: ['アキオオタ アキオオタチョウ'],
      prefecture_name_reading: 'ヒロシマ ヒロシマケン',
      role_name_reading: 'エンジニア',
    })
    expect(document!.title_reading).toContain('ヒョウジュンカ')
  })
})

describe('searching needs', () => {
  const find = (q: string, params = {}) =>
    searchNeeds(client, { kind: 'public' }, { q, synonyms, ...params }).then((r) => r.ids)

  it('finds a need by the words people type, whatever the kana or width', async () => {
    // Queries are folded to hiragana (normalize.ts); the documents are folded alike, or these miss.
    expect(await find('ネットワーク更改')).toEqual([A])
    expect(await find('ねっとわーく')).toEqual([A])
    expect(await find('ﾈｯﾄﾜｰｸ')).toEqual([A])
    expect(await find('ガバメントクラウド')).toEqual([A])
    expect(await find('安芸太田町')).toEqual([A])
    expect(await find('研修')).toEqual([B])
    expect(await find('エンジニア')).toEqual([A])
  })

  it('finds kanji words by their reading, typed in hiragana, katakana, half-width or romaji', async () => {
    for (const q of ['ひょうじゅんか', 'ヒョウジュンカ', 'ﾋｮｳｼﾞｭﾝｶ', 'hyoujunka', 'あきおおた', 'akioota', 'こうかい'])
      expect(await find(q), q).toEqual([A])
    expect(await find('けんしゅう'), 'けんしゅう').toEqual([B])
    expect(await find('たかはし'), 'たかはし').toEqual([B])
    // Kanji and a reading in one query: each word may match either.
    expect(await find('標準化 あきおおた')).toEqual([A])
    // Readings never open up what the viewer may not see: C (not an open call) says 非公開 and ネットワーク.
    expect(await find('ひこうかい')).toEqual([])
  })

  it("finds the catalogue's synonyms, as the catalogue search does", async () => {
    // ガバクラ is a synonym of 標準化・共通化（20業務）とガバメントクラウド, which A requires.
    expect(await find('ガバクラ')).toEqual([A])
    expect(await find('がばくら')).toEqual([A])
    expect(await find('gabakura')).toEqual([A])
    expect(await searchNeeds(client, { kind: 'public' }, { q: 'ガバクラ' }).then((r) => r.ids)).toEqual([])
  })

  it('forgives one wrong character in a katakana word', async () => {
    expect(await find('ネットワーグ')).toEqual([A])
    expect(await find('ガバメントクラウト')).toEqual([A])
    expect(await find('プロデューザー')).toEqual([B])
  })

  it('counts a synonym search exactly, once per need, and pages through it', async () => {
    // A and C both require the ガバメントクラウド skill; several variants match each, each is listed once.
    const all = await searchNeeds(client, { kind: 'prefecture', prefectureCode: '34' }, { q: 'ガバクラ', synonyms })
    expect(all.ids.sort()).toEqual([A, C])
    expect(all.total).toBe(2)
    const second = await searchNeeds(
      client,
      { kind: 'prefecture', prefectureCode: '34' },
      { q: 'ネットワーク', synonyms, hitsPerPage: 1, page: 2 },
    )
    expect(second.total).toBe(2)
    expect(second.ids).toHaveLength(1)
  })

  it('shows the public only open calls, a prefecture its own (open or not)', async () => {
    expect(await find('')).toEqual(expect.arrayContaining([A, B]))
    expect(await find('')).not.toContain(C)
    expect((await searchNeeds(client, { kind: 'prefecture', prefectureCode: '34' }, {})).ids.sort()).toEqual([A, C])
  })

  it('filters by prefecture, role, topic (task or required skill) and remote work', async () => {
    expect(await find('', { prefectureCode: '33' })).toEqual([B])
    expect(await find('', { roleId: 'producer' })).toEqual([B])
    expect(await find('', { topicId: 'government-cloud' })).toEqual([A])
    expect(await find('', { topicId: 'hr-development' })).toEqual([B])
    expect(await find('', { remote: true })).toEqual([A])
  })
})
