import { describe, expect, it } from 'vitest'
import {
  labelOf,
  PAY_UNIT_LABELS,
  POOL_STATUS_LABELS,
  POOL_STATUS_VALUES,
  SKILL_LEVEL_LABELS,
  SKILL_LEVEL_OPTIONS,
} from './labels'

describe('labels', () => {
  it('lists the pool statuses in the order of the schema enum', () => {
    // The order of db/schema.ts POOL_STATUSES: the workflow's.
    expect(POOL_STATUS_VALUES).toEqual([
      'applied',
      'screening',
      'interview',
      'training',
      'registered',
      'declined',
      'withdrawn',
    ])
    expect(POOL_STATUS_VALUES.map((s) => POOL_STATUS_LABELS[s])).toEqual([
      '応募',
      '書類確認',
      '面接',
      '研修',
      '登録',
      '見送り',
      '辞退',
    ])
  })
  it('offers the four skill levels, lowest first, with their number', () => {
    expect(SKILL_LEVEL_OPTIONS.map((o) => o.level)).toEqual([1, 2, 3, 4])
    expect(SKILL_LEVEL_OPTIONS.map((o) => o.label)).toEqual(['1 知識', '2 実務', '3 主導', '4 指導'])
    expect(SKILL_LEVEL_LABELS[3]).toBe('主導')
  })

  it("labels a missing value as ''", () => {
    expect(labelOf(PAY_UNIT_LABELS, null)).toBe('')
    expect(labelOf(PAY_UNIT_LABELS, 'month')).toBe('月額')
  })
})
