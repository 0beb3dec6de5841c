// The way up from a page: the breadcrumb trail (links up to the page's parents, then the page itself, marked
// as the current page), or, on a page with one parent, a single link back to it.
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

/** 「← 課題の一覧に戻る」: the one link back to the page this one belongs to. */
export function BackLink({ to, label, className }: { to: string; label: string; className?: string }) {
  return (
    <p className={className}>
      <Link to={to}>← {label}</Link>
    </p>
  )
}
