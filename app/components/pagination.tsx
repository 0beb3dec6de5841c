// Paging for a list page: 「N 件中 A〜B 件を表示」 above the list and 前のページ / 「N / M ページ」 / 次のページ
// below it. The links keep every other query parameter (the filters), so paging never drops them.
import { Link, useLocation, useSearchParams } from '@remix-run/react'

interface Paged {
  page: number
  pageSize: number
  pageCount: number
  total: number
  /** The count stopped at `total` (a long log): shown as 「N 件以上」. */
  totalIsLowerBound?: boolean
}

const count = (n: number) => n.toLocaleString('ja-JP')

export function resultRangeText({ page, pageSize, total, totalIsLowerBound }: Omit<Paged, 'pageCount'>): string {
  const first = (page - 1) * pageSize + 1
  const last = Math.min(page * pageSize, total)
  return `${count(total)} 件${totalIsLowerBound ? '以上' : ''}中 ${count(first)}〜${count(last)} 件を表示`
}

/** 「N 件中 A〜B 件を表示」, or `empty` (nothing by default: the page's empty state speaks) for no rows. */
export function ResultRange({ paged, empty }: { paged: Paged; empty?: string }) {
  if (paged.total === 0 && !empty) return null
  return (
    <p className="result-summary" role="status">
      {paged.total === 0 ? empty : resultRangeText(paged)}
    </p>
  )
}

/** 「2 / 7 ページ」, or 「2 / 10 ページ以上」 when the count stopped early (more pages follow). */
export function pagePosition({ page, pageCount, totalIsLowerBound }: Paged): string {
  return `${count(page)} / ${count(pageCount)} ページ${totalIsLowerBound ? '以上' : ''}`
}

export function Pagination({ paged }: { paged: Paged }) {
  const [searchParams] = useSearchParams()
  const { pathname } = useLocation()
  if (paged.pageCount <= 1) return null
  const pageLink = (target: number) => {
    const next = new URLSearchParams(searchParams)
    if (target === 1) next.delete('page')
    else next.set('page', String(target))
    const query = next.toString()
    return query ? `${pathname}?${query}` : pathname
  }
  return (
    <nav className="pagination" aria-label="ページ送り">
      {paged.page > 1 ? <Link to={pageLink(paged.page - 1)}>前のページ</Link> : null}
      <span>{pagePosition(paged)}</span>
      {paged.page < paged.pageCount ? <Link to={pageLink(paged.page + 1)}>次のページ</Link> : null}
    </nav>
  )
}
