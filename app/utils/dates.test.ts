import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatWareki, tokyoDateStamp } from './dates'

describe('dates in Asia/Tokyo', () => {
  // 2026-11-30T16:30Z is already 1 December in Tokyo: every format must say so, whatever the server's zone.
  const lateUtc = new Date('2026-11-30T16:30:00Z')
  it('formats the Tokyo calendar day', () => {
    expect(formatDate(lateUtc)).toBe('2026年12月1日')
    expect(formatDateTime(lateUtc)).toBe('2026年12月1日 1:30')
    expect(tokyoDateStamp(lateUtc)).toBe('20261201')
  })
  it('gives 令和 years', () => {
    expect(formatWareki('2025-04-01T00:00:00+09:00')).toBe('令和7年4月1日')
    expect(formatWareki(lateUtc)).toBe('令和8年12月1日')
  })
})
