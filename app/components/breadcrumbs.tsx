// The breadcrumb trail at the top of a page: links up to the page's parents, then the page itself (not a link,
// marked as the current page).
import { Link } from '@remix-run/react'

export interface Crumb {
  label: string
  /** A parent's address; the last crumb (this page) has none. */
  to?: string
}

export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  return (
    <nav className="breadcrumbs" aria-label="パンくずリスト">
      <ol>
        {trail.map((crumb, index) => (
          <li key={index} aria-current={crumb.to ? undefined : 'page'}>
            {crumb.to ? <Link to={crumb.to}>{crumb.label}</Link> : crumb.label}
          </li>
        ))}
      </ol>
    </nav>
  )
}
