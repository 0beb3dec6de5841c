// The ranking rules of matching, held down on generated candidates: whoever meets every 必須 skill ranks
// above whoever does not, whatever else either has; raising a held level never lowers a score.
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import {
  type CandidateFacts,
  compareMatches,
  explainMatch,
  levelsFromCompact,
  type NeedFacts,
  scoreMatch,
} from './match-score'

const need: NeedFacts = {
  requirements: [
    { skillId: 'bpr', name: 'BPR', minLevel: 3, essential: true },
    { skillId: 'data', name: 'データ', minLevel: 2, essential: true },
    { skillId: 'cloud', name: 'クラウド', minLevel: 2, essential: false },
    { skillId: 'sec', name: 'セキュリティ', minLevel: 1, essential: false },
  ],
  employmentForm: 'part_time',
  employmentFormLabel: '非常勤',
  daysPerWeek: 2,
  prefectureCode: '34',
  prefectureName: '広島県',
  remote: false,
  startOn: '2027-04-01',
}

const level = fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined })
const candidate = fc
  .record({
    bpr: level,
    data: level,
    cloud: level,
    sec: level,
    evidence: fc.subarray(['bpr', 'data', 'cloud', 'sec']),
    qualificationCount: fc.integer({ min: 0, max: 6 }),
    yearsPublicSector: fc.integer({ min: 0, max: 30 }),
  })
  .map((r): CandidateFacts => ({
    levels: new Map(
      (['bpr', 'data', 'cloud', 'sec'] as const).flatMap((id) => (r[id] === undefined ? [] : [[id, r[id]!]])),
    ),
    evidenceSkillIds: new Set(r.evidence),
    qualificationCount: r.qualificationCount,
    yearsPublicSector: r.yearsPublicSector,
    employmentForms: ['part_time'],
    daysPerWeek: 3,
    workArea: 'all',
    workPrefectureCodes: [],
    remoteOk: false,
    availableFrom: null,
  }))
const meetsEssentials = (c: CandidateFacts) => (c.levels.get('bpr') ?? 0) >= 3 && (c.levels.get('data') ?? 0) >= 2

describe('match ranking', () => {
  test.prop([candidate, candidate])('every 必須 skill met always ranks first', (a, b) => {
    fc.pre(meetsEssentials(a) && !meetsEssentials(b))
    const ea = { id: 'z', explanation: explainMatch(need, a) }
    const eb = { id: 'a', explanation: explainMatch(need, b) }
    expect(compareMatches(ea, eb)).toBeLessThan(0)
  })

  test.prop([candidate, fc.constantFrom('bpr', 'data', 'cloud', 'sec')])(
    'raising a held level never lowers the score',
    (c, skill) => {
      const held = c.levels.get(skill) ?? 0
      fc.pre(held < 4)
      const raised = { ...c, levels: new Map([...c.levels, [skill, held + 1]]) }
      expect(explainMatch(need, raised).score).toBeGreaterThanOrEqual(explainMatch(need, c).score)
    },
  )

  test.prop([candidate])('scores stay within 0–100', (c) => {
    const { score } = explainMatch(need, c)
    expect(score).toBeGreaterThanOrEqual(0)
    expect(score).toBeLessThanOrEqual(100)
  })

  test.prop([candidate])('the ranking pass scores as the explanation does', (c) => {
    const { score, tier } = explainMatch(need, c)
    expect(scoreMatch(need.requirements, c)).toEqual({ score, tier })
  })

  it('adds up the documented weights', () => {
    // 必須: BPR 4 ≥ 3 (1), データ 1 of 2 (0.5) → 60 × 0.75 = 45; 任意: クラウド missing (0), セキュリティ 2 ≥ 1 (1)
    // → 20 × 0.5 = 10; margin: (1 + 1) / 2 met = 1 level → 5 × 0.5 = 2.5; evidence: BPR of 4 skills → 1.25;
    // 1 qualification → 2.5; 10 years → 5. 66.25 → 66, tier 1 (データ is below its level).
    const facts = {
      levels: new Map([
        ['bpr', 4],
        ['data', 1],
        ['sec', 2],
      ]),
      evidenceSkillIds: new Set(['bpr', 'cloud']),
      qualificationCount: 1,
      yearsPublicSector: 10,
    }
    expect(scoreMatch(need.requirements, facts)).toEqual({ score: 66, tier: 1 })
    // No skills asked: both shares full (80), no margin or evidence to earn, 2.5 + 5 → 87.5 → 88, tier 0.
    expect(scoreMatch([], facts)).toEqual({ score: 88, tier: 0 })
  })

  it('says which conditions fail, in Japanese', () => {
    const explanation = explainMatch(need, {
      levels: new Map(),
      evidenceSkillIds: new Set(),
      qualificationCount: 0,
      yearsPublicSector: 0,
      employmentForms: ['full_time'],
      daysPerWeek: null,
      workArea: 'selected',
      workPrefectureCodes: ['13'],
      remoteOk: true,
      availableFrom: '2027-06-01',
    })
    expect(explanation.conditions).toEqual([
      { label: '雇用形態', ok: false, detail: '非常勤を希望に含む' },
      { label: '勤務日数', ok: false, detail: '週2日が必要（本人は未記入）' },
      { label: '勤務地', ok: false, detail: '広島県は勤務希望地に含まれない' },
      { label: '着任可能日', ok: false, detail: '2027-06-01から（開始 2027-04-01）' },
    ])
    expect(explanation.summary).toBe('必須スキル 2件中 0件を満たす・任意スキル 2件中 0件')
  })

  it('reads levels from the search document', () => {
    expect([...levelsFromCompact('bpr:3 data-analysis:2')]).toEqual([
      ['bpr', 3],
      ['data-analysis', 2],
    ])
    expect(levelsFromCompact('').size).toBe(0)
  })
})
