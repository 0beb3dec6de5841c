// An empty list says why it is empty and what to do next (デジタル庁デザインシステム: a short sentence
// and the one action that fills the list, or the way back to an unfiltered list).
import type { ReactNode } from 'react'

export function EmptyState({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__message">{message}</p>
      {children ? <div className="empty-state__actions">{children}</div> : null}
    </div>
  )
}
