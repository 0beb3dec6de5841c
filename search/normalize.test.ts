import { describe, expect, it } from 'vitest'
import {
  foldForSearch,
  isHiragana,
  MAX_QUERY_LENGTH,
  normalizeQuery,
  normalizeSearchQuery,
  toHiragana,
  toKanaKey,
} from './normalize'

describe('toHiragana', () => {
  it('turns katakana into hiragana and leaves the rest', () => {
    expect(toHiragana('サッポロ')).toBe('さっぽろ')
    expect(toHiragana('ヴァイオリン')).toBe('ゔぁいおりん')
    expect(toHiragana('南アルプス市')).toBe('南あるぷす市')
    expect(toHiragana('abc 横浜 ー')).toBe('abc 横浜 ー')
  })
})

describe('normalizeQuery', () => {
  it('reads half-width and full-width katakana as hiragana', () => {
    expect(normalizeQuery('ｻｯﾎﾟﾛ')).toBe('さっぽろ')
    expect(normalizeQuery('ｶﾞｯｺｳ')).toBe('がっこう')
    expect(normalizeQuery('ヨコハマ')).toBe('よこはま')
  })

  it('turns full-width ASCII and spaces into ASCII', () => {
    expect(normalizeQuery('ＡＢＣ１２３')).toBe('ABC123')
    expect(normalizeQuery('北海道\u3000伊達')).toBe('北海道 伊達')
  })

  it('trims and collapses whitespace', () => {
    expect(normalizeQuery('  横浜 \t\n 市  ')).toBe('横浜 市')
    expect(normalizeQuery(' \u3000 ')).toBe('')
  })

  it('folds ヶ and ケ in place names to the same kana', () => {
    expect(normalizeQuery('鶴ヶ島')).toBe(normalizeQuery('鶴ケ島'))
    expect(normalizeQuery('龍ケ崎')).toBe('龍け崎')
  })

  it('caps the length in characters without splitting a surrogate pair', () => {
    expect(Array.from(normalizeQuery('あ'.repeat(500)))).toHaveLength(MAX_QUERY_LENGTH)
    const capped = normalizeQuery('𠮷'.repeat(MAX_QUERY_LENGTH + 5))
    expect(Array.from(capped)).toHaveLength(MAX_QUERY_LENGTH)
    expect(capped).toBe('𠮷'.repeat(MAX_QUERY_LENGTH))
  })

  it('is idempotent', () => {
    for (const q of ['ｻｯﾎﾟﾛ', ' 鶴ヶ島 ', 'ＡＢＣ', '南アルプス']) {
      expect(normalizeQuery(normalizeQuery(q))).toBe(normalizeQuery(q))
    }
  })
})

describe('toKanaKey', () => {
  it('spells hiragana with one code per kana', () => {
    expect(toKanaKey('よこはま')).toBe('yokohama')
    expect(toKanaKey('さっぽろ')).toBe('saxtuporo')
    expect(toKanaKey('きょうと')).toBe('kixyouto')
    expect(toKanaKey('しんおおさか')).toBe('sinnoosaka')
  })

  it('keeps kana prefixes as key prefixes, and only those', () => {
    // ん + あ must not read as な, and し + ゃ must not read as a prefix of something else.
    expect(toKanaKey('んあ')).not.toBe(toKanaKey('な'))
    expect(toKanaKey('しゃ')!.startsWith(toKanaKey('し')!)).toBe(true)
    expect(toKanaKey('な')!.startsWith(toKanaKey('ん')!)).toBe(false)
    expect(toKanaKey('きょ')!.startsWith(toKanaKey('きよ')!)).toBe(false)
  })

  it('refuses anything that is not all hiragana', () => {
    expect(toKanaKey('')).toBeNull()
    expect(toKanaKey('横浜')).toBeNull()
    expect(toKanaKey('よこ はま')).toBeNull()
    expect(toKanaKey('にせこー')).toBeNull()
    expect(isHiragana('ひので')).toBe(true)
    expect(isHiragana('日の出')).toBe(false)
  })

  it('maps every hiragana to a distinct code, none a prefix of another', () => {
    const kana = Array.from({ length: 0x3096 - 0x3041 + 1 }, (_, i) => String.fromCharCode(0x3041 + i))
    const codes = kana.map((k) => toKanaKey(k))
    expect(codes.every((c) => c !== null && /^[a-z]+$/.test(c))).toBe(true)
    expect(new Set(codes).size).toBe(kana.length)
    for (const a of codes) for (const b of codes) if (a !== b) expect(b!.startsWith(a!)).toBe(false)
  })
})

describe('normalizeSearchQuery', () => {
  const text = (q: string) => normalizeSearchQuery(q).text

  it('writes every word of kana only in katakana, the script of the readings', () => {
    expect(text('ひょうじゅんか')).toBe('ヒョウジュンカ')
    expect(text('ﾋｮｳｼﾞｭﾝｶ')).toBe('ヒョウジュンカ')
    expect(text('ねっとわーく こうかい')).toBe('ネットワーク コウカイ')
    expect(text('標準化 しえん')).toBe('標準化 シエン')
  })

  it('keeps a word mixing kanji and kana as typed, folded in width only', () => {
    expect(text('書かない窓口')).toBe('書かない窓口')
    expect(text('ﾈｯﾄﾜｰｸ更改')).toBe('ネットワーク更改')
    expect(text('ＰＭ\u3000ＢＰＲ')).toBe('PM BPR')
    expect(text('鶴ヶ島')).toBe(foldForSearch('鶴ケ島'))
  })

  it('spells ぢ/づ as じ/ず, as people type them', () => {
    expect(text('あいづ')).toBe(text('あいず'))
    expect(text('おぢか')).toBe('オジカ')
    expect(normalizeQuery('あいづわかまつ')).toBe('あいずわかまつ')
  })

  it("drops Meilisearch's phrase quotes and leading minus signs, and blank queries", () => {
    expect(text('"横浜" -よこ')).toBe('横浜 ヨコ')
    expect(text(' -  "" ')).toBe('')
  })

  it('reads a query of latin letters as romaji too, when it converts without a letter left over', () => {
    expect(normalizeSearchQuery('hyoujunka')).toEqual({ text: 'hyoujunka', romaji: 'ヒョウジュンカ' })
    expect(normalizeSearchQuery('Nettowa-ku kaizen').romaji).toBe('ネットワーク カイゼン')
    expect(normalizeSearchQuery('kutchan').romaji).toBe('クッチャン')
    expect(normalizeSearchQuery('aidu').romaji).toBe('アイズ')
    expect(normalizeSearchQuery('ｈｙｏｕｊｕｎｋａ').romaji).toBe('ヒョウジュンカ')
    for (const q of ['BPR', 'PMP', 'it', 'DX推進', '標準化', 'ひょうじゅんか', 'web3'])
      expect(normalizeSearchQuery(q).romaji, q).toBeNull()
  })

  it('caps the query at MAX_QUERY_LENGTH characters', () => {
    expect(Array.from(text('あ'.repeat(500)))).toHaveLength(MAX_QUERY_LENGTH)
  })
})
