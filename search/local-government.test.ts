// Unit tests of the local government document and query builders (no server; the search quality
// over the whole master list is proven against a real Meilisearch in tests/search/).
import { describe, expect, it } from 'vitest'
import type { LocalGovernment, LocalGovernmentKind } from '../db/schema'
import { loadLocalGovernmentRows } from '../seeds/local-governments'
import type { SearchClient } from './client'
import {
  buildLocalGovernmentDocument,
  LOCAL_GOVERNMENT_KIND_LABELS,
  LocalGovernmentDocumentSchema,
  splitLocalGovernmentName,
} from './documents/local-government'
import { toKanaKey } from './normalize'
import { buildLocalGovernmentFilter, buildLocalGovernmentSearch, toMeiliQuery } from './queries/local-government'

const row = (name: string, name_kana: string, kind: LocalGovernmentKind, code = '141003'): LocalGovernment => ({
  code,
  name,
  name_kana,
  kind,
  prefecture_code: code.slice(0, 2),
  active: true,
  updated_at: new Date(0),
})

describe('splitLocalGovernmentName', () => {
  it.each([
    ['北海道', 'ほっかいどう', 'prefecture', '北海道', 'ほっかいどう'],
    ['東京都', 'とうきょうと', 'prefecture', '東京', 'とうきょう'],
    ['京都府', 'きょうとふ', 'prefecture', '京都', 'きょうと'],
    ['神奈川県', 'かながわけん', 'prefecture', '神奈川', 'かながわ'],
    ['横浜市', 'よこはまし', 'designated_city', '横浜', 'よこはま'],
    ['千代田区', 'ちよだく', 'special_ward', '千代田', 'ちよだ'],
    ['横浜町', 'よこはままち', 'town', '横浜', 'よこはま'],
    ['共和町', 'きょうわちょう', 'town', '共和', 'きょうわ'],
    ['大和村', 'やまとそん', 'village', '大和', 'やまと'],
    ['色丹村', 'しこたんむら', 'village', '色丹', 'しこたん'],
    ['津市', 'つし', 'city', '津', 'つ'],
  ] as const)('%s (%s) → %s, %s', (name, kana, kind, stem, kanaStem) => {
    expect(splitLocalGovernmentName(name, kana, kind)).toEqual({ stem, kanaStem })
  })

  it('keeps the reading whole when it does not end in the suffix reading', () => {
    expect(splitLocalGovernmentName('変な市', 'へんなまち', 'city')).toEqual({ stem: '変な', kanaStem: 'へんなまち' })
  })
})

describe('buildLocalGovernmentDocument', () => {
  it('builds the display and search fields', () => {
    expect(buildLocalGovernmentDocument(row('横浜市', 'よこはまし', 'designated_city'), '神奈川県')).toEqual({
      code: '141003',
      name: '横浜市',
      name_kana: 'よこはまし',
      kind: 'designated_city',
      kind_label: '指定都市',
      kind_rank: 1,
      prefecture_code: '14',
      prefecture_name: '神奈川県',
      active: true,
      stem: '横浜',
      kana_stem: 'よこはま',
      name_search: '横浜市',
      kana_key: 'yokohama',
      kana_full_key: 'yokohamasi',
    })
  })

  it('normalises katakana and ヶ in the search fields only', () => {
    const doc = buildLocalGovernmentDocument(row('南アルプス市', 'みなみあるぷすし', 'city', '192082'), '山梨県')
    expect(doc).toMatchObject({ name: '南アルプス市', stem: '南あるぷす', name_search: '南あるぷす市' })
    const tsurugashima = buildLocalGovernmentDocument(row('鶴ヶ島市', 'つるがしまし', 'city', '112411'), '埼玉県')
    expect(tsurugashima).toMatchObject({ name: '鶴ヶ島市', stem: '鶴け島' })
  })

  it('labels every kind in Japanese', () => {
    expect(Object.values(LOCAL_GOVERNMENT_KIND_LABELS)).toEqual(['都道府県', '指定都市', '市', '特別区', '町', '村'])
  })

  it('builds a valid document with a kana key for every body of the master list', () => {
    const rows = loadLocalGovernmentRows()
    const prefectureNames = new Map(rows.filter((r) => r.kind === 'prefecture').map((r) => [r.prefecture_code, r.name]))
    for (const r of rows) {
      const doc = buildLocalGovernmentDocument(
        { ...r, updated_at: new Date(0) } as LocalGovernment,
        prefectureNames.get(r.prefecture_code)!,
      )
      expect(LocalGovernmentDocumentSchema.safeParse(doc).success).toBe(true)
      expect(doc.kana_key, doc.name).toBe(toKanaKey(doc.kana_stem))
      expect(doc.kana_full_key.startsWith(doc.kana_key), doc.name).toBe(true)
      // Only 北海道 keeps its suffix; every other stem is one character shorter than the name.
      expect(doc.stem.length, doc.name).toBe(doc.name === '北海道' ? 3 : Array.from(doc.name).length - 1)
      expect(doc.kana_stem.length < doc.name_kana.length || doc.name === '北海道', doc.name).toBe(true)
    }
  })
})

describe('toMeiliQuery', () => {
  it('spells each all-hiragana word as its kana key and leaves the rest', () => {
    expect(toMeiliQuery('よこは')).toBe('yokoha')
    expect(toMeiliQuery('北海道 だて')).toBe('北海道 date')
    expect(toMeiliQuery('日の出')).toBe('日の出')
    expect(toMeiliQuery('')).toBe('')
  })

  it('drops phrase quotes and negation signs', () => {
    expect(toMeiliQuery('"横浜" -よこ')).toBe('横浜 yoko')
    expect(toMeiliQuery('-')).toBe('')
  })
})

describe('buildLocalGovernmentFilter', () => {
  it('hides inactive bodies by default', () => {
    expect(buildLocalGovernmentFilter({ q: '' })).toEqual(['active = true'])
    expect(buildLocalGovernmentFilter({ q: '', includeInactive: true })).toEqual([])
  })

  it('ANDs the prefecture with an OR of the kinds', () => {
    expect(buildLocalGovernmentFilter({ q: '', prefectureCode: '01', kinds: ['town', 'village'] })).toEqual([
      'active = true',
      'prefecture_code = "01"',
      ['kind = "town"', 'kind = "village"'],
    ])
    expect(buildLocalGovernmentFilter({ q: '', kinds: [] })).toEqual(['active = true'])
  })

  it('rejects anything else instead of interpolating it', () => {
    expect(() => buildLocalGovernmentFilter({ q: '', prefectureCode: '48' })).toThrow(RangeError)
    expect(() => buildLocalGovernmentFilter({ q: '', prefectureCode: '1' })).toThrow(RangeError)
    expect(() => buildLocalGovernmentFilter({ q: '', kinds: ['city', 'x" OR 1' as never] })).toThrow(RangeError)
  })
})

describe('buildLocalGovernmentSearch', () => {
  const client = { indexUid: (name: string) => `p_${name}` } as unknown as SearchClient

  it('normalises the query, asks for codes only, in Japanese', () => {
    const { indexUid, query, search, skip } = buildLocalGovernmentSearch(client, { q: ' ﾖｺﾊﾏ ' })
    expect(indexUid).toBe('p_local_government')
    expect(query).toBe('よこはま')
    expect(search).toMatchObject({ q: 'yokohama', attributesToRetrieve: ['code'], locales: ['jpn'], page: 1 })
    expect(search.sort).toBeUndefined()
    expect(skip).toBe(0)
  })

  it('sorts an empty query by code', () => {
    expect(buildLocalGovernmentSearch(client, { q: '  ' }).search.sort).toEqual(['code:asc'])
  })

  it('turns offset and limit into pages, fetching up to an unaligned offset', () => {
    expect(buildLocalGovernmentSearch(client, { q: 'a', offset: 40, limit: 20 })).toMatchObject({
      search: { page: 3, hitsPerPage: 20 },
      skip: 0,
    })
    expect(buildLocalGovernmentSearch(client, { q: 'a', offset: 5, limit: 20 })).toMatchObject({
      search: { page: 1, hitsPerPage: 25 },
      skip: 5,
    })
    expect(buildLocalGovernmentSearch(client, { q: 'a', limit: 5_000, offset: -3 })).toMatchObject({
      search: { page: 1, hitsPerPage: 100 },
      skip: 0,
    })
  })
})
