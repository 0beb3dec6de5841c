import { describe, expect, it } from 'vitest'
import { loadPage, MAX_PAGE, PAGE_SIZE, pageInfo, parsePage } from './pagination'

const pageOf = (query: string) => parsePage(new URLSearchParams(query))

describe('parsePage', () => {
  it('reads a whole page number from 1', () => {
    expect(pageOf('')).toBe(1)
    expect(pageOf('page=1')).toBe(1)
    expect(pageOf('page=7&status=applied')).toBe(7)
    expect(pageOf('page=%207%20')).toBe(7)
  })

  it('opens the first page for anything malformed, never throws', () => {
    for (const text of ['abc', '-1', '0', '1.5', 'NaN', 'Infinity', '1e3', '0x10', '', '２']) {
      expect(pageOf(`page=${encodeURIComponent(text)}`), text).toBe(1)
    }
  })

  it('caps a huge number (the list then shows its last page)', () => {
    expect(pageOf('page=99999999999999999999')).toBe(MAX_PAGE)
  })
})

describe('pageInfo and loadPage', () => {
  const rows = Array.from({ length: 120 }, (_, i) => i)
  const fetchRows = async ({ limit, offset }: { limit: number; offset: number }) => rows.slice(offset, offset + limit)

  it('counts pages, at least one', () => {
    expect(pageInfo(1, 0)).toEqual({ page: 1, pageSize: PAGE_SIZE, pageCount: 1, total: 0 })
    expect(pageInfo(3, 120)).toEqual({ page: 3, pageSize: PAGE_SIZE, pageCount: 3, total: 120 })
    expect(pageInfo(9, 120).page).toBe(3)
  })

  it('fetches the requested page, or the last one past the end, with a known or a counted total', async () => {
    for (const total of [120, Promise.resolve(120)]) {
      const second = await loadPage(2, total, fetchRows)
      expect(second).toMatchObject({ page: 2, pageCount: 3, total: 120 })
      expect(second.rows).toEqual(rows.slice(50, 100))
      const beyond = await loadPage(MAX_PAGE, total, fetchRows)
      expect(beyond).toMatchObject({ page: 3, pageCount: 3 })
      expect(beyond.rows).toEqual(rows.slice(100))
    }
    expect(await loadPage(4, Promise.resolve(0), fetchRows)).toMatchObject({ page: 1, pageCount: 1, total: 0 })
  })
})
