// The history rows (pool_member_event, need_shortlist_event) written in the statement that makes the change:
// `insert into <history> (<row id>, ...HISTORY_COLUMNS) select <changed row id>, ...historyValues(event) from
// <changed>`, so a guarded update and its history row cost one round trip, and a refused update writes none.
import { sql } from 'kysely'

export interface HistoryEvent {
  from: string | null
  to: string
  actorUserId: string | null
  actorLabel: string
  note?: string
}

export const HISTORY_COLUMNS = ['from_status', 'to_status', 'actor_user_id', 'actor_label', 'note'] as const

/** The event's values as a select list, typed: untyped parameters there would be taken for text (not uuid). */
export function historyValues(event: HistoryEvent) {
  return [
    sql<string | null>`cast(${event.from} as text)`.as('from_status'),
    sql<string>`cast(${event.to} as text)`.as('to_status'),
    sql<string | null>`cast(${event.actorUserId} as uuid)`.as('actor_user_id'),
    sql<string>`cast(${event.actorLabel} as text)`.as('actor_label'),
    sql<string>`cast(${event.note ?? ''} as text)`.as('note'),
  ]
}
