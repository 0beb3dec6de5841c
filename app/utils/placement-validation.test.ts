import { isIsoDate } from './dates'
import { describe, expect, it } from 'vitest'
import {
  COST_LINES,
  costLinesOf,
  parseYen,
  PlacementCostsSchema,
  placementDaysWarning,
  placementFilterOf,
} from './placement-validation'

describe('parseYen (amounts as officials type them)', () => {
  it('reads digits with or without thousands separators, full-width digits and a trailing 円', () => {
    expect(parseYen('1200000')).toEqual({ ok: true, value: 1_200_000 })
    expect(parseYen('1,200,000')).toEqual({ ok: true, value: 1_200_000 })
    expect(parseYen(' １，２００，０００円 ')).toEqual({ ok: true, value: 1_200_000 })
    expect(parseYen('0')).toEqual({ ok: true, value: 0 })
    expect(parseYen('10,000,000,000')).toEqual({ ok: true, value: 10_000_000_000 })
  })
  it('refuses minus amounts, decimals, misplaced separators and anything else, saying which', () => {
    expect(parseYen('-5')).toEqual({ ok: false, reason: 'negative' })
    expect(parseYen('▲5,000')).toEqual({ ok: false, reason: 'negative' })
    expect(parseYen('1200.5')).toEqual({ ok: false, reason: 'decimal' })
    expect(parseYen('1,200.00')).toEqual({ ok: false, reason: 'decimal' })
    for (const text of ['1,20,0', '12,00', ',100', '100,', '1 200', '1e6', '百万', '1,200円也'])
      expect(parseYen(text), text).toEqual({ ok: false, reason: 'format' })
    expect(parseYen('10,000,000,001')).toEqual({ ok: false, reason: 'too_large' })
  })
})

describe('the cost form of one fiscal year', () => {
  it('writes a line for each filled field (training inside the programme apart) and none for blanks', () => {
    const input = PlacementCostsSchema.parse({
      lockVersion: 3,
      fiscalYear: 2026,
      salary: '7,800,000',
      trainingProgramme: '120000',
      trainingOther: '',
      travel: '0',
    })
    expect(costLinesOf(input)).toEqual([
      { item: 'salary', inProgramme: false, amount: 7_800_000 },
      { item: 'travel', inProgramme: false, amount: 0 },
      { item: 'training', inProgramme: true, amount: 120_000 },
    ])
  })
  it('has one field per cost item, and training twice', () => {
    expect(COST_LINES.map((line) => line.item)).toEqual([
      'salary',
      'remuneration',
      'commission',
      'travel',
      'communication',
      'recruitment',
      'training',
      'training',
      'municipal_contribution',
      'other',
    ])
  })
})

describe('placement form helpers', () => {
  it('accepts only days that exist', () => {
    expect(isIsoDate('2028-02-29')).toBe(true)
    expect(isIsoDate('2027-02-29')).toBe(false)
    expect(isIsoDate('2027-04-31')).toBe(false)
    expect(isIsoDate('2027-4-1')).toBe(false)
  })
  it('warns above five days a week in all', () => {
    expect(placementDaysWarning(5)).toBeNull()
    expect(placementDaysWarning(5.5)).toContain('週5.5日で、週5日を超えています')
  })
  it('reads the list filters, ignoring unknown values', () => {
    expect(placementFilterOf(new URLSearchParams('status=active&kind=cio_adviser&fy=2026&pref=34'))).toEqual({
      status: 'active',
      kind: 'cio_adviser',
      fiscalYear: 2026,
      prefectureCode: '34',
    })
    expect(placementFilterOf(new URLSearchParams('status=nope&fy=R8&pref=99'))).toEqual({
      status: undefined,
      kind: undefined,
      fiscalYear: undefined,
      prefectureCode: undefined,
    })
  })
})
