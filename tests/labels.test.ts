// The label maps of app/utils/labels.ts against the enumerations of db/schema.ts (which the browser-side
// module may not import): every value labelled, in the schema's order, and the pool CSV's words distinct.
import { describe, expect, it } from 'vitest'
import {
  DIRECT_POOL_SOURCES,
  EMPLOYER_OPTIONS,
  EMPLOYMENT_FORM_OPTIONS,
  IT_STAFFING_OPTIONS,
  PAY_UNIT_LABELS,
  POOL_SOURCE_CSV_LABELS,
  URGENCY_OPTIONS,
  valuesOf,
} from '../app/utils/labels'
import { EMPLOYMENT_FORMS, ISSUE_URGENCIES, IT_STAFFING, NEED_EMPLOYERS, POOL_SOURCES } from '../db/schema'

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
  it('writes each source a prefecture records itself with a distinct word of the pool CSV', () => {
    const words = DIRECT_POOL_SOURCES.map((source) => POOL_SOURCE_CSV_LABELS[source])
    expect(words).toEqual(['企業推薦', '国のリスト', '紹介', '公募'])
    expect(new Set(Object.values(POOL_SOURCE_CSV_LABELS)).size).toBe(POOL_SOURCES.length)
  })
})
