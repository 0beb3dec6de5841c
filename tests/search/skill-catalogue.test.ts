// The catalogue search against a real Meilisearch, indexed from the seeded database through the real outbox
// worker. Synonyms are expanded in our code (search/synonyms.ts); the last block proves that this is
// necessary: the same documents without our expansion, and Meilisearch's own `synonyms` setting, both miss
// kanji synonym cases. If a Meilisearch upgrade makes those blocks fail, the expansion may have become
// redundant: measure again before removing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDraft, publishDraft, replaceDraftContent } from '../../app/models/skill-standard.server'
import type { Services } from '../../app/services.server'
import { findVersionByStatus, readVersionContent } from '../../db/queries/skill-standard'
import type { CatalogueContent } from '../../db/skill-standard-content'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { buildSkillCatalogueDocuments } from '../../search/documents/skill-catalogue'
import { INDEXES } from '../../search/indexes'
import { searchSkillCatalogue, type SkillCatalogueSearchParams } from '../../search/queries/skill-catalogue'
import { buildSynonymMap, type SynonymMap } from '../../search/synonyms'
import { loginAs } from '../factories'
import { createTestServices, routeArgs } from '../services'

const TOP = 10

let services: Services
let content: CatalogueContent
let synonyms: SynonymMap

async function published(): Promise<CatalogueContent> {
  const { db } = services.database
  const version = await findVersionByStatus(db, 'published')
  const { locks: _locks, ...rest } = await readVersionContent(db, version!.id)
  return rest
}

function nameOf(searchId: string, from: CatalogueContent = content): string {
  const [type, id] = searchId.split(':')
  const items = type === 'skill' ? from.skills : type === 'role' ? from.roles : from.qualifications
  return items.find((item) => item.id === id)?.name ?? searchId
}

async function names(q: string, params: Partial<SkillCatalogueSearchParams> = {}): Promise<string[]> {
  const { ids } = await searchSkillCatalogue(services.search, { q, synonyms, limit: TOP, ...params })
  return ids.map((id) => nameOf(id))
}

async function drain() {
  for (let i = 0; i < 20; i++) {
    if ((await drainSearchOutboxOnce({ db: services.database.db, search: services.search })).claimed === 0) return
  }
}

beforeAll(async () => {
  services = await createTestServices()
  content = await published()
  synonyms = buildSynonymMap(content)
})
afterAll(async () => {
  await services?.close()
})

describe('the index', () => {
  it('holds every skill, role and qualification of the published version, fed by the outbox', async () => {
    const stats = await services.search.meili.index(services.search.indexUid('skill_catalogue')).getStats()
    expect(stats.numberOfDocuments).toBe(content.skills.length + content.roles.length + content.qualifications.length)
    const pending = await services.database.db
      .selectFrom('search_outbox')
      .select('entity_id')
      .where('entity', '=', 'skill_catalogue')
      .where('confirmed_at', 'is', null)
      .execute()
    expect(pending).toEqual([])
  })
})

describe('synonyms and abbreviations (expanded in our code)', () => {
  it('「ガバクラ」 finds the ガバメントクラウド skill first', async () => {
    expect((await names('ガバクラ'))[0]).toBe('標準化・共通化（20業務）とガバメントクラウド')
  })

  it('「業務改革」 finds BPR（業務改革） and 業務見直し（BPR）・システム発注支援', async () => {
    const found = await names('業務改革')
    expect(found[0]).toBe('BPR（業務改革）')
    expect(found.slice(0, 5)).toContain('業務見直し（BPR）・システム発注支援')
  })

  it('「PM」 finds the プロジェクトマネージャー role first', async () => {
    const { ids } = await searchSkillCatalogue(services.search, { q: 'PM', synonyms, limit: TOP })
    expect(ids[0]).toBe('role:project-manager')
  })

  it('「書かない窓口」 finds フロントヤード改革, 「応用情報」 応用情報技術者試験, 「セキスペ」 情報処理安全確保支援士', async () => {
    expect((await names('書かない窓口'))[0]).toBe('フロントヤード改革（書かない窓口・オンライン申請）')
    expect((await names('応用情報'))[0]).toBe('応用情報技術者試験')
    expect((await names('セキスペ'))[0]).toBe('情報処理安全確保支援士')
  })

  it('reads katakana, hiragana, half-width and full-width forms alike', async () => {
    const cases: Array<[string, string]> = [
      ['ｶﾞﾊﾞｸﾗ', '標準化・共通化（20業務）とガバメントクラウド'],
      ['がばくら', '標準化・共通化（20業務）とガバメントクラウド'],
      ['ｾｷｽﾍﾟ', '情報処理安全確保支援士'],
      ['せきすぺ', '情報処理安全確保支援士'],
      ['ＰＭ', 'プロジェクトマネージャー'],
      ['pm', 'プロジェクトマネージャー'],
      ['ﾌﾟﾛﾏﾈ', 'プロジェクトマネージャー'],
      ['ﾈｽﾍﾟ', 'ネットワークスペシャリスト試験'],
      ['ＢＰＲ', 'BPR（業務改革）'],
      ['がばめんと', '標準化・共通化（20業務）とガバメントクラウド'],
    ]
    for (const [q, expected] of cases) expect((await names(q)).slice(0, 3), q).toContain(expected)
  })

  it('finds every item by its name and by each of its synonyms (the whole catalogue, in the first 10)', async () => {
    const cases = [
      ...content.skills.map((s) => ['skill', s] as const),
      ...content.roles.map((r) => ['role', r] as const),
      ...content.qualifications.map((q) => ['qualification', q] as const),
    ].flatMap(([type, item]) => [item.name, ...item.synonyms].map((q) => ({ q, id: `${type}:${item.id}` })))
    expect(cases.length).toBeGreaterThan(200)
    const misses: string[] = []
    for (const { q, id } of cases) {
      const { ids } = await searchSkillCatalogue(services.search, { q, synonyms, limit: TOP })
      if (!ids.includes(id)) misses.push(`${q} → ${nameOf(id)} not in [${ids.map((i) => nameOf(i)).join(', ')}]`)
    }
    expect(misses).toEqual([])
  }, 60_000)

  it('filters by type, and sends the typed query first', async () => {
    const { ids, variants } = await searchSkillCatalogue(services.search, {
      q: 'PM',
      synonyms,
      types: ['qualification'],
      limit: TOP,
    })
    expect(variants[0]).toBe('PM')
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) expect(id).toMatch(/^qualification:/)
    expect(ids).toContain('qualification:ipa-pm')
  })

  it('returns nothing for an empty query and survives quotes and minus signs', async () => {
    expect((await searchSkillCatalogue(services.search, { q: '  ', synonyms })).ids).toEqual([])
    expect((await names('"ガバクラ'))[0]).toBe('標準化・共通化（20業務）とガバメントクラウド')
    expect((await names('-セキスペ'))[0]).toBe('情報処理安全確保支援士')
  })
})

describe('readings of kanji words, romaji and typos', () => {
  it('finds kanji words by their reading, typed in hiragana, katakana, half-width or romaji', async () => {
    const cases: Array<[string, string]> = [
      ['ひょうじゅんか', '標準化・クラウド化に向けた助言・仕様調整'],
      ['ヒョウジュンカ', '標準化・クラウド化に向けた助言・仕様調整'],
      ['ﾋｮｳｼﾞｭﾝｶ', '標準化・クラウド化に向けた助言・仕様調整'],
      ['hyoujunka', '標準化・クラウド化に向けた助言・仕様調整'],
      ['ひょうじゅんか', '標準化・共通化（20業務）とガバメントクラウド'],
      ['じょうほうしょりあんぜんかくほしえんし', '情報処理安全確保支援士'],
      ['ぎょうむかいかく', 'BPR（業務改革）'],
      ['gyoumukaikaku', 'BPR（業務改革）'],
      ['しようしょさくせい', '仕様書作成・調達'],
      ['けんしゅう', '人材育成（研修企画・講師等）'],
      ['かかない まどぐち', 'フロントヤード改革（書かない窓口・オンライン申請）'],
    ]
    for (const [q, expected] of cases) expect((await names(q)).slice(0, 5), q).toContain(expected)
  })

  it('expands the synonyms of a romaji query too', async () => {
    expect((await names('gabakura'))[0]).toBe('標準化・共通化（20業務）とガバメントクラウド')
    expect((await names('sekisupe'))[0]).toBe('情報処理安全確保支援士')
  })

  it('forgives one wrong character in a katakana word', async () => {
    const cases: Array<[string, string]> = [
      ['ガバメントクラウト', '標準化・共通化（20業務）とガバメントクラウド'],
      ['テレワーグ', 'テレワーク'],
      ['ファシリテーシヨン', '関係者調整・ファシリテーション'],
      ['プロヂューサー', 'プロデューサー'],
    ]
    for (const [q, expected] of cases) expect((await names(q, { synonyms: null })).slice(0, 3), q).toContain(expected)
  })
})

describe('without our expansion, Meilisearch alone misses kanji synonyms', () => {
  it('the same index, searched with the typed query only, misses 業務見直し（BPR）… for 「業務改革」', async () => {
    const alone = await names('業務改革', { synonyms: null, limit: 50 })
    expect(alone).toContain('BPR（業務改革）') // the word is on that document itself
    expect(alone).not.toContain('業務見直し（BPR）・システム発注支援')
    // With the expansion (above) it is found.
  })

  it("Meilisearch's own synonyms setting bridges katakana (ガバクラ) but not kanji (業務改革, セキスペ → 情報処理安全確保支援士)", async () => {
    // The catalogue's groups as Meilisearch synonyms; the words are NOT on the documents, so only the
    // setting can bridge them. Same settings otherwise.
    const uid = `${services.search.indexUid('skill_catalogue')}_native_synonyms`
    const groups = [...content.skills, ...content.roles, ...content.qualifications].map((item) => [
      item.name,
      ...item.synonyms,
    ])
    const meiliSynonyms: Record<string, string[]> = {}
    for (const group of groups)
      for (const term of group)
        meiliSynonyms[term] = [...new Set([...(meiliSynonyms[term] ?? []), ...group.filter((t) => t !== term)])]
    const { settings } = INDEXES.skill_catalogue
    const index = services.search.meili.index(uid)
    await services.search.meili.createIndex(uid, { primaryKey: 'key' }).waitTask()
    const applied = await index
      .updateSettings({
        ...settings,
        searchableAttributes: settings.searchableAttributes!.filter((a) => !a.startsWith('synonyms')),
        synonyms: meiliSynonyms,
      })
      .waitTask()
    expect(applied.status).toBe('succeeded')
    const documents = buildSkillCatalogueDocuments(content, 1).map(
      ({ synonyms: _synonyms, synonyms_reading: _reading, ...doc }) => doc,
    )
    expect((await index.addDocuments(documents).waitTask()).status).toBe('succeeded')

    const native = async (q: string) =>
      (
        await index.search(q, { matchingStrategy: 'all', locales: ['jpn'], limit: 50, attributesToRetrieve: ['name'] })
      ).hits.map((h) => h.name as string)
    // The setting is live: katakana synonyms work… (documents hold their text folded in width: （） → ())
    expect(await native('ガバクラ')).toContain('標準化・共通化(20業務)とガバメントクラウド')
    expect(await native('プロマネ')).toContain('プロジェクトマネージャー')
    // …kanji ones do not.
    expect(await native('業務改革')).not.toContain('業務見直し(BPR)・システム発注支援')
    expect(await native('セキスペ')).not.toContain('情報処理安全確保支援士')
    // Our expansion finds both (over the real index).
    expect(await names('業務改革')).toContain('業務見直し（BPR）・システム発注支援')
    expect(await names('セキスペ')).toContain('情報処理安全確保支援士')
  })

  it('without width folding, half-width and full-width queries find nothing at all', async () => {
    const raw = async (q: string) =>
      (
        await services.search.meili
          .index(services.search.indexUid('skill_catalogue'))
          .search(q, { matchingStrategy: 'all', locales: ['jpn'] })
      ).hits.length
    expect(await raw('ｾｷｽﾍﾟ')).toBe(0)
    expect(await raw('ＰＭ')).toBe(0)
    expect(await names('ｾｷｽﾍﾟ', { synonyms: null })).toContain('情報処理安全確保支援士')
  })
})

describe('after publishing a new version', () => {
  it('indexes only the published version: new items appear, removed ones leave, retired ones are flagged', async () => {
    const { user } = await loginAs(services, { role: 'ministry_staff' })
    const context = routeArgs(services, '/').context
    expect((await createDraft(context, user)).status).toBe('ok')
    const next: CatalogueContent = {
      ...content,
      skills: [
        ...content.skills
          .filter((s) => s.id !== 'el-qr')
          .map((s) => (s.id === 'telework' ? { ...s, retired: true } : s)),
        {
          ...content.skills.find((s) => s.id === 'ai-rpa')!,
          id: 'generative-ai-governance',
          name: '生成AIのガバナンス',
          synonyms: ['AIガバナンス', 'AI利用ガイドライン'],
          sortOrder: 45,
        },
      ],
    }
    expect((await replaceDraftContent(context, user, next, 'テスト')).status).toBe('ok')
    const draft = await findVersionByStatus(services.database.db, 'draft')
    expect(
      (await publishDraft(context, user, { title: '第2版', changeNote: 'テスト', lockVersion: draft!.lock_version }))
        .status,
    ).toBe('ok')
    await drain()

    const v2 = await published()
    const search = (q: string, params: Partial<SkillCatalogueSearchParams> = {}) =>
      searchSkillCatalogue(services.search, { q, synonyms: buildSynonymMap(v2), limit: TOP, ...params }).then(
        (r) => r.ids,
      )
    expect(await search('AIガバナンス')).toContain('skill:generative-ai-governance')
    expect(await search('eL-QR', { includeRetired: true })).not.toContain('skill:el-qr')
    expect(await search('地方税統一QRコード', { includeRetired: true })).not.toContain('skill:el-qr')
    expect(await search('テレワーク')).not.toContain('skill:telework')
    expect(await search('テレワーク', { includeRetired: true })).toContain('skill:telework')
    const doc = await services.search.meili
      .index(services.search.indexUid('skill_catalogue'))
      .getDocument('skill_telework')
    expect(doc).toMatchObject({ retired: true, version_no: 2 })
  })
})
