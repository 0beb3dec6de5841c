import { describe, expect, it } from 'vitest'
import { catalogueSearchIds } from '../db/skill-standard-content'
import { SEED_SKILL_STANDARD } from '../seeds/skill-standard'
import {
  buildSkillCatalogueDocuments,
  catalogueDocumentKey,
  searchIdFromDocumentKey,
} from './documents/skill-catalogue'
import { buildSkillCatalogueFilter } from './queries/skill-catalogue'

describe('catalogue document keys', () => {
  it('turns outbox ids into Meilisearch ids and back', () => {
    for (const id of catalogueSearchIds(SEED_SKILL_STANDARD)) {
      const key = catalogueDocumentKey(id)
      expect(key, id).toMatch(/^[A-Za-z0-9_-]+$/) // what Meilisearch accepts as a document id
      expect(searchIdFromDocumentKey(key!)).toBe(id)
    }
    expect(catalogueDocumentKey('skill:bpr')).toBe('skill_bpr')
  })

  it('rejects ids that are not catalogue ids', () => {
    for (const id of ['bpr', 'area:municipal-support', 'skill:', 'skill:BPR', 'skill:a:b', 'skill:x_y'])
      expect(catalogueDocumentKey(id), id).toBeNull()
  })
})

describe('buildSkillCatalogueDocuments', () => {
  const documents = buildSkillCatalogueDocuments(SEED_SKILL_STANDARD, 1)
  const byKey = new Map(documents.map((d) => [d.key, d]))

  it('builds one document per skill, role and qualification, in display order', () => {
    expect(documents).toHaveLength(35 + 6 + 16)
    expect(documents.map((d) => d.display_rank)).toEqual(documents.map((_, i) => i))
    expect(new Set(documents.map((d) => d.type))).toEqual(new Set(['skill', 'role', 'qualification']))
  })

  it('gives a skill its area, the roles requiring it and its synonyms, folded in width like queries', () => {
    expect(byKey.get('skill_government-cloud')).toMatchObject({
      type: 'skill',
      id: 'government-cloud',
      name: '標準化・共通化(20業務)とガバメントクラウド',
      area_name: '自治体DXの重点分野',
      related_names: ['エンジニア', 'CIO補佐官等'],
      synonyms: expect.arrayContaining(['ガバクラ']),
      retired: false,
      version_no: 1,
    })
  })

  it('gives a role its required skills and duties, and a qualification its category', () => {
    const pm = byKey.get('role_project-manager')!
    expect(pm.synonyms).toContain('PM')
    expect(pm.related_names).toContain('スケジュール・進捗管理')
    expect(pm.details).toContain('進捗管理や品質管理')
    expect(byKey.get('qualification_ipa-ap')?.details).toContain('情報処理技術者試験(IPA)')
  })
})

describe('buildSkillCatalogueFilter', () => {
  it('hides retired items unless asked, and ORs the types', () => {
    expect(buildSkillCatalogueFilter({})).toEqual(['retired = false'])
    expect(buildSkillCatalogueFilter({ includeRetired: true, types: ['skill', 'role'] })).toEqual([
      ['type = "skill"', 'type = "role"'],
    ])
    expect(() => buildSkillCatalogueFilter({ types: ['area' as never] })).toThrow(RangeError)
  })
})
