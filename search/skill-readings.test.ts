import { describe, expect, it } from 'vitest'
import { skillReadingsOf, writeSkillReadings } from './skill-readings'
import { withSkillWords } from './queries/profiles'

// The words of 「標準化・クラウド化に向けた助言」, 「クラウド移行」 and 「情報セキュリティ対策」 as the analyser
// lists them (search/reading-text.ts wordsOfTokens).
const readings = skillReadingsOf([
  [
    { surface: '標準化', reading: 'ヒョウジュンカ' },
    { surface: 'クラウド化', reading: 'クラウドカ' },
    { surface: 'に', reading: 'ニ' },
    { surface: '助言', reading: 'ジョゲン' },
    { surface: '標準', reading: 'ヒョウジュン' },
    { surface: '化', reading: 'カ' },
  ],
  [{ surface: 'クラウド移行', reading: 'クラウドイコウ' }],
  [
    { surface: '情報セキュリティ対策', reading: 'ジョウホウセキュリティタイサク' },
    { surface: '情報', reading: 'ジョウホウ' },
  ],
  [{ surface: '共通化(20業務)', reading: 'キョウツウカ(20ギョウム)' }],
])

describe('skill-name readings', () => {
  it('keep only words with kanji, read in two kana or more', () => {
    expect([...readings.words.keys()].sort()).toEqual([
      'きょうつうか',
      'くらうどいこう',
      'くらうどか',
      'じょうほう',
      'じょうほうせきゅりてぃたいさく',
      'じょげん',
      'ひょうじゅん',
      'ひょうじゅんか',
    ])
  })

  it('pair the pieces of a word the analyser joined across symbols', () => {
    expect(readings.words.get('きょうつうか')).toEqual(['共通化'])
  })

  it('write a kana word as the word it reads, in any kana or width', () => {
    for (const typed of ['ヒョウジュンカ', 'ひょうじゅんか', 'ﾋｮｳｼﾞｭﾝｶ'.normalize('NFKC')])
      expect(writeSkillReadings(typed, readings), typed).toBe('標準化')
    expect(writeSkillReadings('ヒョウジュンカ ジョゲン 広島', readings)).toBe('標準化 助言 広島')
  })

  it('complete the last word while it is typed, to the shortest word that begins with kanji', () => {
    expect(writeSkillReadings('ヒョウジュ', readings)).toBe('標準')
    expect(writeSkillReadings('ジョウホ', readings)).toBe('情報')
    // Only the last word can be unfinished.
    expect(writeSkillReadings('ヒョウジュ 広島', readings)).toBe('ヒョウジュ 広島')
    // A katakana word typed in full is found as written: it never becomes 「クラウド移行」 or 「クラウド化」.
    expect(writeSkillReadings('クラウド', readings)).toBe('クラウド')
  })

  it('leave everything else as typed', () => {
    for (const typed of ['標準化', 'BPR', 'ガバクラ', 'ニ', 'カ', ''])
      expect(writeSkillReadings(typed, readings), typed).toBe(typed)
    expect(writeSkillReadings('ヒョウジュンカ', null)).toBe('ヒョウジュンカ')
  })

  it('add the written form after each query variant that has one', () => {
    expect(withSkillWords(['ヒョウジュンカ', 'hyoujunka', '標準化'], readings)).toEqual([
      'ヒョウジュンカ',
      '標準化',
      'hyoujunka',
    ])
    expect(withSkillWords(['ヒョウジュンカ'], null)).toEqual(['ヒョウジュンカ'])
  })
})
