import { describe, expect, it } from 'vitest'
import {
  activeFiscalYears,
  fiscalYearLabel,
  fiscalYearOf,
  fiscalYearOfIsoDate,
  fiscalYearRange,
  fiscalYearShortLabel,
  isActiveInFy,
  isActiveThroughoutFy,
  isIsoDate,
  monthsActiveInFy,
} from './fiscal-year'

describe('fiscal years (1 April – 31 March, stored as the start year)', () => {
  it('gives the fiscal year of an ISO date', () => {
    expect(fiscalYearOfIsoDate('2025-03-31')).toBe(2024)
    expect(fiscalYearOfIsoDate('2025-04-01')).toBe(2025)
    expect(fiscalYearOfIsoDate('2025-12-31')).toBe(2025)
    expect(fiscalYearOfIsoDate('2026-01-01')).toBe(2025)
  })

  it('gives the fiscal year of an instant on the Japanese calendar, whatever the server’s zone', () => {
    expect(fiscalYearOf(new Date('2025-03-31T14:59:59Z'))).toBe(2024) // 23:59:59 JST on 31 March
    expect(fiscalYearOf(new Date('2025-03-31T15:00:00Z'))).toBe(2025) // 00:00 JST on 1 April
  })

  it('names the fiscal year in the 令和 (and 平成) calendar: 令和N = FY − 2018', () => {
    expect(fiscalYearLabel(2025)).toBe('令和7年度')
    expect(fiscalYearLabel(2029)).toBe('令和11年度')
    expect(fiscalYearLabel(2019)).toBe('令和元年度')
    expect(fiscalYearLabel(2018)).toBe('平成30年度')
    expect(fiscalYearLabel(1989)).toBe('平成元年度')
    expect(fiscalYearLabel(1988)).toBe('1988年度')
    expect(fiscalYearShortLabel(2025)).toBe('R7')
    expect(fiscalYearShortLabel(2018)).toBe('H30')
  })

  it('gives the first and last day of a fiscal year', () => {
    expect(fiscalYearRange(2025)).toEqual({ start: '2025-04-01', end: '2026-03-31' })
  })

  it('tells whether a placement is active on any day of a fiscal year (end inclusive, null = open)', () => {
    expect(isActiveInFy('2025-04-01', null, 2025)).toBe(true)
    expect(isActiveInFy('2025-04-01', null, 2030)).toBe(true)
    expect(isActiveInFy('2025-04-01', null, 2024)).toBe(false)
    expect(isActiveInFy('2024-10-01', '2025-04-01', 2025)).toBe(true) // one day of FY2025
    expect(isActiveInFy('2024-10-01', '2025-03-31', 2025)).toBe(false)
    expect(isActiveInFy('2026-03-31', null, 2025)).toBe(true) // the last day of FY2025
  })

  it('tells whether a placement covers the whole fiscal year', () => {
    expect(isActiveThroughoutFy('2025-04-01', '2026-03-31', 2025)).toBe(true)
    expect(isActiveThroughoutFy('2020-01-01', null, 2025)).toBe(true)
    expect(isActiveThroughoutFy('2025-04-02', null, 2025)).toBe(false)
    expect(isActiveThroughoutFy('2025-04-01', '2026-03-30', 2025)).toBe(false)
  })

  it('counts the months of the fiscal year with at least one active day', () => {
    expect(monthsActiveInFy('2025-04-01', null, 2025)).toBe(12)
    expect(monthsActiveInFy('2025-04-15', null, 2025)).toBe(12)
    expect(monthsActiveInFy('2025-10-01', null, 2025)).toBe(6)
    expect(monthsActiveInFy('2025-04-01', '2025-06-30', 2025)).toBe(3)
    expect(monthsActiveInFy('2025-12-31', '2026-01-01', 2025)).toBe(2)
    expect(monthsActiveInFy('2025-04-01', null, 2024)).toBe(0)
    expect(monthsActiveInFy('2023-04-01', '2025-04-01', 2025)).toBe(1)
  })

  it('lists the active fiscal years among candidates, ascending and unique', () => {
    expect(activeFiscalYears('2025-10-01', '2027-03-31', [2027, 2024, 2025, 2026, 2025])).toEqual([2025, 2026])
  })

  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('1900-02-29')).toBe(false)
    expect(isIsoDate('2000-02-29')).toBe(true)
    expect(isIsoDate('2025-04-31')).toBe(false)
    expect(isIsoDate('2025-13-01')).toBe(false)
    expect(isIsoDate('2025-00-10')).toBe(false)
    expect(isIsoDate('2025-4-1')).toBe(false)
    expect(isIsoDate('2025/04/01')).toBe(false)
    expect(isIsoDate('２０２５-04-01')).toBe(false)
  })
})
