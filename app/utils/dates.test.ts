import { describe, expect, it } from 'vitest'
import {
  fiscalYearRange,
  fiscalYearOfIsoDate,
  formatDate,
  formatDateTime,
  fiscalYearLabel,
  formatIsoDateTime,
  formatShortDate,
  formatShortDateTime,
  formatTimestamp,
  formatWareki,
  formatYearMonth,
  isoDate,
  toDateTimeLocalValue,
  tokyoDateStamp,
  tokyoFiscalYear,
  tokyoIsoDate,
  tokyoYear,
} from './dates'

describe('dates in Asia/Tokyo', () => {
  // 2026-11-30T16:30Z is already 1 December in Tokyo: every format must say so, whatever the server's zone.
  const lateUtc = new Date('2026-11-30T16:30:05Z')
  it('formats the Tokyo calendar day', () => {
    expect(formatDate(lateUtc)).toBe('2026年12月1日')
    expect(formatDateTime(lateUtc)).toBe('2026年12月1日 1:30')
    expect(formatShortDate(lateUtc)).toBe('2026/12/01')
    expect(formatShortDateTime(lateUtc)).toBe('2026/12/01 1:30')
    expect(formatTimestamp(lateUtc)).toBe('2026/12/01 01:30:05')
    expect(formatTimestamp(lateUtc, { seconds: false })).toBe('2026/12/01 01:30')
    expect(formatIsoDateTime(lateUtc)).toBe('2026-12-01 01:30')
    expect(toDateTimeLocalValue(lateUtc)).toBe('2026-12-01T01:30')
    expect(tokyoIsoDate(lateUtc)).toBe('2026-12-01')
  })
  it('accepts ISO strings and epoch milliseconds alike', () => {
    expect(formatShortDate('2026-11-30T16:30:05Z')).toBe('2026/12/01')
    expect(formatShortDate(lateUtc.getTime())).toBe('2026/12/01')
  })
  it('keeps midnight on a 24-hour clock', () => {
    expect(formatTimestamp('2024-03-31T15:00:00Z')).toBe('2024/04/01 00:00:00')
    expect(toDateTimeLocalValue('2024-03-31T15:00:00Z')).toBe('2024-04-01T00:00')
  })
  it('gives 令和 years', () => {
    expect(formatWareki('2025-04-01T00:00:00+09:00')).toBe('令和7年4月1日')
    expect(formatWareki(lateUtc)).toBe('令和8年12月1日')
  })
})

describe('timestamps to the second', () => {
  // What the platform's time zone data says, field by field: the reference the formatting is held to.
  const intl = new Intl.DateTimeFormat('ja-JP', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Tokyo',
  })
  const expected = (time: number) => {
    const p = Object.fromEntries(intl.formatToParts(new Date(time)).map((part) => [part.type, part.value]))
    return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}:${p.second}`
  }

  it('agrees with the time zone data from 1952 to 2100, across day, month and year ends', () => {
    const times = [
      Date.UTC(1951, 11, 31, 15, 0, 0), // 1952-01-01 00:00 in Tokyo
      Date.UTC(1999, 11, 31, 14, 59, 59),
      Date.UTC(1999, 11, 31, 15, 0, 0),
      Date.UTC(2024, 1, 28, 15, 0, 0), // 29 February in Tokyo
      Date.UTC(2026, 2, 31, 15, 0, 0), // 1 April: a new fiscal year
      Date.UTC(2099, 11, 31, 23, 59, 59),
    ]
    // A fixed pseudo-random spread (a linear congruential sequence), so a failure can be replayed.
    let seed = 12345
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      times.push(Date.UTC(1952, 0, 1) + Math.floor((seed / 2 ** 31) * (Date.UTC(2100, 0, 1) - Date.UTC(1952, 0, 1))))
    }
    for (const time of times) expect(formatTimestamp(time), new Date(time).toISOString()).toBe(expected(time))
  })

  it('follows the time zone data before 1952, when Japan kept summer time', () => {
    const summer1950 = Date.UTC(1950, 6, 1, 0, 0, 0)
    expect(formatTimestamp(summer1950)).toBe(expected(summer1950))
  })

  it('refuses an invalid date as before', () => {
    expect(() => formatTimestamp('not a date')).toThrow(RangeError)
  })
})

describe('tokyoDateStamp (export file names)', () => {
  it('names a download made in the Tokyo morning with the Tokyo day, not the UTC one', () => {
    expect(tokyoDateStamp(new Date('2026-11-30T20:00:00Z'))).toBe('20261201')
    expect(tokyoDateStamp(new Date('2026-11-30T14:59:59Z'))).toBe('20261130')
  })
  it('defaults to now', () => {
    expect(tokyoDateStamp()).toBe(tokyoIsoDate().replaceAll('-', ''))
    expect(tokyoDateStamp()).toMatch(/^\d{8}$/)
  })
})

describe('isoDate (DATE columns)', () => {
  it('reads the calendar day of a date without a time, with no zone shift', () => {
    expect(isoDate(new Date('2026-11-20T00:00:00Z'))).toBe('2026-11-20')
    expect(isoDate('2026-11-20')).toBe('2026-11-20')
  })
})

describe('years and months', () => {
  it('gives the Tokyo year on New Year’s morning, while UTC is still in the old year', () => {
    expect(tokyoYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027)
  })
  it('writes a month input value in Japanese and leaves anything else as it is', () => {
    expect(formatYearMonth('2026-04')).toBe('2026年4月')
    expect(formatYearMonth('2026-12')).toBe('2026年12月')
    expect(formatYearMonth('')).toBe('')
  })
})

describe('fiscal years (年度)', () => {
  it('runs from 1 April to 31 March and is named by the year it starts in', () => {
    expect(fiscalYearOfIsoDate('2025-04-01')).toBe(2025)
    expect(fiscalYearOfIsoDate('2026-03-31')).toBe(2025)
    expect(fiscalYearRange(2025)).toEqual({ start: '2025-04-01', end: '2026-03-31' })
  })
  it('takes the Tokyo day: 31 March 15:30 UTC is already 1 April in Japan', () => {
    expect(tokyoFiscalYear(new Date('2026-03-31T15:30:00Z'))).toBe(2026)
    expect(tokyoFiscalYear(new Date('2026-03-31T14:30:00Z'))).toBe(2025)
  })
  it('is shown in the 令和 era (令和N年度 = FY 2018+N), with 元 for the first year', () => {
    expect(fiscalYearLabel(2025)).toBe('令和7年度')
    expect(fiscalYearLabel(2019)).toBe('令和元年度')
    expect(fiscalYearLabel(2018)).toBe('平成30年度')
  })
})
