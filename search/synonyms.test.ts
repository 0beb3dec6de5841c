import { describe, expect, it } from 'vitest'
import { SEED_SKILL_STANDARD } from '../seeds/skill-standard'
import { buildSynonymMap, expandQuery, MAX_QUERY_VARIANTS, synonymKey } from './synonyms'

const map = buildSynonymMap(SEED_SKILL_STANDARD)

describe('synonymKey', () => {
  it('folds width, script and case so every way of typing a term is one key', () => {
    for (const term of ['ガバクラ', 'ｶﾞﾊﾞｸﾗ', 'がばくら', ' ガバクラ\u3000']) expect(synonymKey(term)).toBe('がばくら')
    for (const term of ['PM', 'pm', 'ＰＭ', 'Pm']) expect(synonymKey(term)).toBe('pm')
  })
})

describe('buildSynonymMap', () => {
  it('maps each name and synonym to its whole group, as written', () => {
    expect(map.get(synonymKey('ガバクラ'))).toEqual([
      '標準化・共通化（20業務）とガバメントクラウド',
      'ガバクラ',
      'ガバメントクラウド',
      '標準化',
      '20業務',
      '基幹業務システム',
    ])
    expect(map.get(synonymKey('業務改革'))).toEqual([
      'BPR（業務改革）',
      '業務改革',
      '業務見直し',
      '業務プロセス改革',
      '業務改善',
    ])
    expect(map.get(synonymKey('セキスペ'))).toEqual(['情報処理安全確保支援士', 'RISS', 'セキスペ', '登録セキスペ'])
  })

  it('joins the groups of a term that several items use', () => {
    // 「CIO補佐官」 is a synonym of both プロデューサー and CIO補佐官等.
    expect(map.get(synonymKey('CIO補佐官'))).toEqual(
      expect.arrayContaining(['プロデューサー', 'CIO補佐官等', '統括', 'CIO補佐']),
    )
  })

  it('counts retired items and ignores blank terms', () => {
    const skill = { ...SEED_SKILL_STANDARD.skills[0]!, name: '古いスキル', synonyms: ['旧名', ' ', ''], retired: true }
    const small = buildSynonymMap({ skills: [skill], roles: [], qualifications: [] })
    expect(small.get('旧名')).toEqual(['古いスキル', '旧名'])
    expect([...small.keys()]).toEqual(['古いすきる', '旧名'])
  })
})

describe('expandQuery', () => {
  it('sends the typed query first, then the terms it stands for', () => {
    const variants = expandQuery('ガバクラ', map)
    expect(variants[0]).toBe('ガバクラ')
    // Terms are width-folded like a typed query (and like the documents): （20業務） → (20業務).
    expect(variants).toEqual(
      expect.arrayContaining(['ガバメントクラウド', '標準化・共通化(20業務)とガバメントクラウド']),
    )
  })

  it('reaches the kanji synonyms of 業務改革 (what Meilisearch alone missed)', () => {
    expect(expandQuery('業務改革', map)).toEqual([
      '業務改革',
      'BPR(業務改革)',
      '業務見直し',
      '業務プロセス改革',
      '業務改善',
    ])
  })

  it('folds half-width and full-width forms before sending, and finds them in the map', () => {
    expect(expandQuery('ｾｷｽﾍﾟ', map)).toEqual(['セキスペ', '情報処理安全確保支援士', 'RISS', '登録セキスペ'])
    expect(expandQuery('ＰＭ', map)).toEqual(['PM', 'プロジェクトマネージャー', 'プロマネ'])
    expect(expandQuery('pm', map)).toEqual(['pm', 'プロジェクトマネージャー', 'プロマネ'])
  })

  it('sends a word of kana only in katakana, the script of the readings, and finds it in the map', () => {
    expect(expandQuery('がばめんと', map)).toEqual(['ガバメント'])
    expect(expandQuery('せきすぺ', map)).toEqual(['セキスペ', '情報処理安全確保支援士', 'RISS', '登録セキスペ'])
    // A word mixing kanji and kana is left as typed.
    expect(expandQuery('書かない窓口', null)).toEqual(['書かない窓口'])
  })

  it('adds the romaji reading of a query of latin letters, and its synonyms', () => {
    expect(expandQuery('hyoujunka', null)).toEqual(['hyoujunka', 'ヒョウジュンカ'])
    expect(expandQuery('gabakura', map)).toEqual([
      'gabakura',
      'ガバクラ',
      '標準化・共通化(20業務)とガバメントクラウド',
      'ガバメントクラウド',
      '標準化',
      '20業務',
      '基幹業務システム',
    ])
    // Not romaji (a letter is left over): the word alone.
    expect(expandQuery('BPR', null)).toEqual(['BPR'])
  })

  it('replaces one word at a time in a query of several words', () => {
    const variants = expandQuery('ガバクラ 移行', map)
    expect(variants[0]).toBe('ガバクラ 移行')
    expect(variants).toContain('ガバメントクラウド 移行')
  })

  it('returns the typed query alone without a map, nothing for a blank query, and never more than the cap', () => {
    expect(expandQuery('業務改革', null)).toEqual(['業務改革'])
    expect(expandQuery(' \u3000 ', map)).toEqual([])
    expect(expandQuery('CIO補佐官 ガバクラ セキュリティ', map).length).toBeLessThanOrEqual(MAX_QUERY_VARIANTS)
    expect(expandQuery('ガバクラ', map, 2)).toEqual(['ガバクラ', '標準化・共通化(20業務)とガバメントクラウド'])
  })

  it('caps the typed query at 100 characters, like every search box', () => {
    expect(Array.from(expandQuery('あ'.repeat(150), null)[0]!)).toHaveLength(100)
  })

  it("drops Meilisearch's phrase and negation operators, which nobody means when typing", () => {
    expect(expandQuery('"ガバクラ', null)).toEqual(['ガバクラ'])
    expect(expandQuery('-セキスペ 研修', null)).toEqual(['セキスペ 研修'])
  })
})
