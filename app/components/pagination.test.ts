import { describe, expect, it } from 'vitest'
import { pagePosition, resultRangeText } from './pagination'

describe('paging words', () => {
  it('says where the page is, with 「以上」 when the count stopped before the end', () => {
    const exact = { page: 2, pageSize: 50, pageCount: 3, total: 120 }
    expect(resultRangeText(exact)).toBe('120 件中 51〜100 件を表示')
    expect(pagePosition(exact)).toBe('2 / 3 ページ')
    const capped = { page: 1, pageSize: 50, pageCount: 11, total: 550, totalIsLowerBound: true }
    expect(resultRangeText(capped)).toBe('550 件以上中 1〜50 件を表示')
    expect(pagePosition(capped)).toBe('1 / 11 ページ以上')
    expect(pagePosition({ page: 1200, pageSize: 50, pageCount: 1500, total: 75_000 })).toBe('1,200 / 1,500 ページ')
  })
})
