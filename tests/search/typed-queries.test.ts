// What officials and professionals type, end to end: documents go through the real outbox worker (the
// registry reads them with the analyser process), and the pages' loaders search them. The open calls page
// and the catalogue page (/skills) must accept the same words: readings of kanji words in hiragana,
// katakana or romaji, half-width forms, the catalogue's synonyms, a typo in a katakana word.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDemoContent } from '../../app/models/demo-content.server'
import { loader as openCallsLoader } from '../../app/routes/open-calls._index/route'
import { loader as skillsLoader } from '../../app/routes/skills._index/route'
import { healSearchIndexes, type Services } from '../../app/services.server'
import { drainSearchOutboxOnce } from '../../jobs/search-worker'
import { createUser } from '../factories'
import { createTestServices, routeArgs } from '../services'

let services: Services
let needId: string

async function drain() {
  for (let i = 0; i < 20; i++)
    if ((await drainSearchOutboxOnce({ db: services.database.db, search: services.search })).claimed === 0) return
}

beforeAll(async () => {
  services = await createTestServices()
  const db = services.database.db
  await createUser(db, { email: 'akiota@demo.dx500.example.jp', role: 'municipal_staff', municipalityCode: '343684' })
  await createUser(db, { email: 'hiroshima@demo.dx500.example.jp', role: 'prefecture_staff', prefectureCode: '34' })
  // One published open call of 広島県 for 安芸太田町 and 北広島町, about 標準化 and ガバメントクラウド.
  await ensureDemoContent(services)
  await drain()
  needId = (await db.selectFrom('need').select('id').where('status', '=', 'published').executeTakeFirstOrThrow()).id
})
afterAll(async () => {
  await services?.close()
})

const openCalls = async (q: string) =>
  (await openCallsLoader(routeArgs(services, `/open-calls?q=${encodeURIComponent(q)}`))).needs.map((n) => n.id)

const catalogue = async (q: string) => {
  const response = await skillsLoader(routeArgs(services, `/skills?q=${encodeURIComponent(q)}`))
  const page = 'data' in response ? response.data : response
  if (page.search?.status !== 'ok') throw new Error(`search ${page.search?.status}`)
  return page.search.hits.map((hit) => hit.name)
}

describe('documents indexed through the outbox', () => {
  it('carry the readings of their text, and of places from the master data', async () => {
    const need = await services.search.meili.index(services.search.indexUid('need')).getDocument(needId)
    expect(need.municipality_names_reading).toEqual(
      expect.arrayContaining(['アキオオタ アキオオタチョウ', 'キタヒロシマ キタヒロシマチョウ']),
    )
    expect(need.title_reading).toMatch(/\S/)
    const skill = await services.search.meili
      .index(services.search.indexUid('skill_catalogue'))
      .getDocument('skill_government-cloud')
    expect(skill.name_reading).toContain('ヒョウジュンカ')
    expect(skill.synonyms_reading).toHaveLength(skill.synonyms.length)
    expect(skill.synonyms_reading).toContain('ガバメントクラウド')
  })
})

describe('the open calls page and the catalogue page accept the same words', () => {
  const GOVERNMENT_CLOUD = '標準化・共通化（20業務）とガバメントクラウド'

  it.each([
    ['ひょうじゅんか', 'a reading in hiragana'],
    ['ヒョウジュンカ', 'a reading in katakana'],
    ['ﾋｮｳｼﾞｭﾝｶ', 'a reading in half-width katakana'],
    ['hyoujunka', 'a reading in romaji'],
    ['ガバクラ', "a catalogue's synonym"],
    ['ｶﾞﾊﾞｸﾗ', 'a synonym in half-width katakana'],
    ['gabakura', 'a synonym in romaji'],
    ['ガバメントクラウト', 'a katakana word with one character wrong'],
  ])('%s (%s)', async (q) => {
    expect(await openCalls(q)).toEqual([needId])
    expect((await catalogue(q)).slice(0, 5)).toContain(GOVERNMENT_CLOUD)
  })

  it('finds an open call by the reading of its municipality, even without the suffix', async () => {
    for (const q of ['あきおおた', 'アキオオタ', 'akioota', 'きたひろしま', 'あきおおたちょう'])
      expect(await openCalls(q), q).toEqual([needId])
  })

  it('still finds nothing for words that are not there', async () => {
    expect(await openCalls('ぎょうせいしょし')).toEqual([])
    expect(await openCalls('hokkaidou')).toEqual([])
  })
})

describe('an index whose documents were built before the reading fields existed', () => {
  it('is rebuilt at start-up, so readings work without a manual reindex', async () => {
    const index = services.search.meili.index(services.search.indexUid('need'))
    const current = await index.getDocument(needId)
    const older = Object.fromEntries(Object.entries(current).filter(([field]) => !field.endsWith('_reading')))
    await index.deleteAllDocuments().waitTask()
    await index.addDocuments([older]).waitTask()
    expect(await openCalls('ひょうじゅんか')).toEqual([])

    const logged: string[] = []
    await healSearchIndexes(services.database, services.search, (message) => logged.push(message))
    expect(logged).toEqual([expect.stringContaining('検索インデックス need の文書に項目')])
    await drain()
    expect(await openCalls('ひょうじゅんか')).toEqual([needId])
    // Up to date now: nothing more to heal.
    await healSearchIndexes(services.database, services.search, (message) => logged.push(message))
    expect(logged).toHaveLength(1)
  })
})
