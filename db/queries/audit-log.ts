import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import type { AuditLogEntry, Role } from '../schema'

export interface NewAuditEntry {
  actorUserId: string | null
  actorLabel: string
  actorRole: Role | null
  action: string
  entity: string
  entityId: string
  prefectureCode?: string | null
  municipalityCode?: string | null
  summary: string
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  requestId?: string | null
  ip?: string | null
}

export async function insertAuditEntry(db: DbExecutor, entry: NewAuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: entry.actorUserId,
      actor_label: entry.actorLabel,
      actor_role: entry.actorRole,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      prefecture_code: entry.prefectureCode ?? null,
      municipality_code: entry.municipalityCode ?? null,
      summary: entry.summary,
      before: entry.before ?? null,
      after: entry.after ?? null,
      request_id: entry.requestId ?? null,
      ip: entry.ip ?? null,
    })
    .execute()
}

export interface AuditFilter {
  /** Scope: undefined = national. */
  prefectureCode?: string
  entity?: string
  action?: string
  actor?: string
  from?: Date
  to?: Date
}

export const auditColumns = [
  'id',
  'occurred_at',
  'actor_user_id',
  'actor_label',
  'actor_role',
  'action',
  'entity',
  'entity_id',
  'prefecture_code',
  'municipality_code',
  'summary',
  'before',
  'after',
  'request_id',
  'ip',
] as const

export async function listAuditEntries(
  db: DbExecutor,
  filter: AuditFilter,
  { limit, offset = 0 }: { limit: number; offset?: number },
): Promise<{ rows: AuditLogEntry[]; total: number }> {
  let query = db.selectFrom('audit_log')
  if (filter.prefectureCode !== undefined) query = query.where('prefecture_code', '=', filter.prefectureCode)
  if (filter.entity) query = query.where('entity', '=', filter.entity)
  if (filter.action) query = query.where('action', '=', filter.action)
  if (filter.actor) {
    const pattern = `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where('actor_label', 'ilike', pattern)
  }
  if (filter.from) query = query.where('occurred_at', '>=', filter.from)
  if (filter.to) query = query.where('occurred_at', '<', filter.to)
  const [rows, count] = await Promise.all([
    query.select(auditColumns).orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    query.select(sql<number>`count(*)`.as('count')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.count) }
}
