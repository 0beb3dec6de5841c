// Paging for the staff list pages: 50 rows a page, the page number read from `?page=` and kept within the
// pages that exist, the rows fetched with LIMIT/OFFSET in SQL. A list page never fails on its page number: a
// malformed one (「abc」, 「-1」) opens the first page, one past the end the last page.
import { z } from 'zod'

export const PAGE_SIZE = 50

/** Far beyond any list (a national list of 100,000 rows has 2,000 pages); keeps OFFSET a sane number. */
export const MAX_PAGE = 100_000

// Plain digits only: Number() would also read 「0x10」, 「1e3」 and 「 」.
const PageSchema = z
  .string()
  .trim()
  .regex(/^[0-9]+$/)
  .transform(Number)
  .pipe(z.number().min(1))
  .catch(1)

/** The requested page from the query string: 1 unless it is a whole number from 1 (larger ones cap at MAX_PAGE). */
export function parsePage(searchParams: URLSearchParams): number {
  return Math.min(PageSchema.parse(searchParams.get('page') ?? ''), MAX_PAGE)
}

export interface PageRange {
  limit: number
  offset: number
}

export interface PageInfo {
  /** The page shown (1-based; 1 for an empty list). */
  page: number
  pageSize: number
  /** At least 1, so 「1 / 1 ページ」 reads right for an empty list. */
  pageCount: number
  total: number
}

export function pageCountOf(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize))
}

export function pageRange(page: number, pageSize = PAGE_SIZE): PageRange {
  return { limit: pageSize, offset: (page - 1) * pageSize }
}

/** The page to show for a request: within 1…pageCount. */
export function pageInfo(requested: number, total: number, pageSize = PAGE_SIZE): PageInfo {
  const pageCount = pageCountOf(total, pageSize)
  return { page: Math.min(Math.max(1, requested), pageCount), pageSize, pageCount, total }
}

/**
 * One page of rows and where it sits. A total the page already knows (from its counts) places the page first;
 * a total still being counted is read together with the requested page, and only a request past the last page
 * (a stale link after rows went away, a hand-typed number) reads again, the last page.
 */
export async function loadPage<Row>(
  requested: number,
  total: number | Promise<number>,
  fetchRows: (range: PageRange) => Promise<Row[]>,
  pageSize = PAGE_SIZE,
): Promise<PageInfo & { rows: Row[] }> {
  if (typeof total === 'number') {
    const info = pageInfo(requested, total, pageSize)
    return { ...info, rows: await fetchRows(pageRange(info.page, pageSize)) }
  }
  const [count, rows] = await Promise.all([total, fetchRows(pageRange(requested, pageSize))])
  const info = pageInfo(requested, count, pageSize)
  if (info.page === requested) return { ...info, rows }
  return { ...info, rows: await fetchRows(pageRange(info.page, pageSize)) }
}
