// A wide table's own horizontal scroll: a named region that takes keyboard focus, so someone without a mouse can
// scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
import type { ReactNode } from 'react'

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}
