// The label maps of app/utils/labels.ts against the enumerations of db/schema.ts (which the browser-side
// module may not import): every value labelled, in the schema's order, and the pool CSV's words distinct.
import { describe, expect, it } from 'vitest'
import {
  COST_ITEM_LABELS,
  DIRECT_POOL_SOURCES,
  EMPLOYER_OPTIONS,
  EMPLOYMENT_FORM_OPTIONS,
  IT_STAFFING_OPTIONS,
  PAY_UNIT_LABELS,
  PLACEMENT_EMPLOYMENT_OPTIONS,
  PLACEMENT_END_REASON_OPTIONS,
  PLACEMENT_KIND_LABELS,
  PLACEMENT_STATUS_LABELS,
  POOL_SOURCE_CSV_LABELS,
  URGENCY_OPTIONS,
  valuesOf,
} from '../app/utils/labels'
import {
  COST_ITEMS,
  EMPLOYMENT_FORMS,
  ISSUE_URGENCIES,
  IT_STAFFING,
  NEED_EMPLOYERS,
  PLACEMENT_EMPLOYMENTS,
  PLACEMENT_END_REASONS,
  PLACEMENT_KINDS,
  PLACEMENT_STATUSES,
  POOL_SOURCES,
} from '../db/schema'

describe('labels of the schema enumerations', () => {
  it('offers every value of each schema enumeration, in the schema order', () => {
    expect(EMPLOYMENT_FORM_OPTIONS.map((o) => o.value)).toEqual([...EMPLOYMENT_FORMS])
    expect(URGENCY_OPTIONS.map((o) => o.value)).toEqual([...ISSUE_URGENCIES])
    expect(IT_STAFFING_OPTIONS.map((o) => o.value)).toEqual([...IT_STAFFING])
    expect(EMPLOYER_OPTIONS.map((o) => o.value)).toEqual([...NEED_EMPLOYERS])
    expect(Object.keys(POOL_SOURCE_CSV_LABELS)).toEqual([...POOL_SOURCES])
    expect(valuesOf(PAY_UNIT_LABELS)).toEqual(['hour', 'day', 'month', 'year'])
    expect(EMPLOYMENT_FORM_OPTIONS[0]).toEqual({ value: 'full_time', label: '常勤（任期付を含む）' })
  })
  it('names every placement kind, status, employment form, end reason and cost item, in the schema order', () => {
    expect(valuesOf(PLACEMENT_KIND_LABELS)).toEqual([...PLACEMENT_KINDS])
    expect(valuesOf(PLACEMENT_STATUS_LABELS)).toEqual([...PLACEMENT_STATUSES])
    expect(PLACEMENT_EMPLOYMENT_OPTIONS.map((o) => o.value)).toEqual([...PLACEMENT_EMPLOYMENTS])
    expect(PLACEMENT_END_REASON_OPTIONS.map((o) => o.value)).toEqual([...PLACEMENT_END_REASONS])
    expect(valuesOf(COST_ITEM_LABELS)).toEqual([...COST_ITEMS])
    expect(Object.values(COST_ITEM_LABELS)).toEqual([
      '給与・人件費',
      '報酬（期末手当等を含む）',
      '委託料',
      '交通費',
      '通信運搬費',
      '募集経費',
      '研修費',
      '市町村負担金',
      'その他',
    ])
  })
  it('writes each source a prefecture records itself with a distinct word of the pool CSV', () => {
    const words = DIRECT_POOL_SOURCES.map((source) => POOL_SOURCE_CSV_LABELS[source])
    expect(words).toEqual(['企業推薦', '国のリスト', '紹介', '公募'])
    expect(new Set(Object.values(POOL_SOURCE_CSV_LABELS)).size).toBe(POOL_SOURCES.length)
  })
})
