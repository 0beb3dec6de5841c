import { sql } from 'kysely'
import type { DbExecutor } from '../client'
import { deferredWritesOf } from '../deferred-writes'
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

/** Appends one entry (held until the transaction's end on a handle with deferred writes: db/deferred-writes.ts). */
export async function insertAuditEntry(db: DbExecutor, entry: NewAuditEntry): Promise<void> {
  const deferred = deferredWritesOf(db)
  if (deferred) deferred.addAudit(entry)
  else await insertAuditEntries(db, [entry])
}

/** Appends entries in order, a few hundred to a statement. */
export async function insertAuditEntries(db: DbExecutor, entries: readonly NewAuditEntry[]): Promise<void> {
  // 13 parameters a row: 500 rows stay far under PostgreSQL's 65,535 parameters a statement.
  for (let i = 0; i < entries.length; i += 500)
    await db
      .insertInto('audit_log')
      .values(
        entries.slice(i, i + 500).map((entry) => ({
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
        })),
      )
      .execute()
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

/**
 * Whose rows a viewer may read. Required (never defaulted) so a caller cannot widen the scope by
 * forgetting it: 'national' only for holders of read:audit:any.
 */
export type AuditScope = { kind: 'national' } | { kind: 'prefecture'; prefectureCode: string }

export interface AuditViewFilter {
  entity?: string
  action?: string
  /** Matched against the actor label as the masked view shows it (see maskedActorLabel). */
  actor?: string
  /** Inclusive lower bound. */
  from?: Date
  /** Exclusive upper bound. */
  to?: Date
}

// maskActorLabel (app/models/audit.server.ts) in SQL: "山田 太郎 <taro@x.jp>" → "山田 太郎 <t***@x.jp>". The admin
// filter matches this form, so it searches what the page shows and cannot confirm a hidden address.
const maskedActorLabel = sql<string>`regexp_replace(actor_label, '<([^>@])[^>@]*@([^>]+)>', '<\\1***@\\2>')`

function auditViewQuery(db: DbExecutor, scope: AuditScope, filter: AuditViewFilter) {
  let query = db.selectFrom('audit_log')
  if (scope.kind === 'prefecture') query = query.where('prefecture_code', '=', scope.prefectureCode)
  if (filter.entity) query = query.where('entity', '=', filter.entity)
  if (filter.action) query = query.where('action', '=', filter.action)
  if (filter.actor) {
    const pattern = `%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where(maskedActorLabel, 'ilike', pattern)
  }
  if (filter.from) query = query.where('occurred_at', '>=', filter.from)
  if (filter.to) query = query.where('occurred_at', '<', filter.to)
  return query
}

/** The audit page and its CSV: newest first, tenant scope in the WHERE clause. */
export async function listAuditEntriesInScope(
  db: DbExecutor,
  scope: AuditScope,
  filter: AuditViewFilter,
  { limit, offset = 0 }: { limit: number; offset?: number },
): Promise<AuditLogEntry[]> {
  return auditViewQuery(db, scope, filter)
    .select(auditColumns)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}

/**
 * One page (newest first, read along the occurred_at index) and the number of matching rows, counted only up
 * to `countCap`: past that the page says "N 件以上" instead of scanning the whole log for an exact figure.
 * (A window count over the page's statement would read and sort every matching row, detail columns
 * included: ~100 ms at 175,000 rows on the embedded database.)
 */
export async function listAuditPageInScope(
  db: DbExecutor,
  scope: AuditScope,
  filter: AuditViewFilter,
  { limit, offset, countCap }: { limit: number; offset: number; countCap: number },
): Promise<{ entries: AuditLogEntry[]; total: number; totalIsLowerBound: boolean }> {
  const [entries, counted] = await Promise.all([
    listAuditEntriesInScope(db, scope, filter, { limit, offset }),
    db
      .selectFrom(
        auditViewQuery(db, scope, filter)
          .select(sql.lit(1).as('one'))
          .limit(countCap + 1)
          .as('capped'),
      )
      .select(sql<string>`count(*)`.as('count'))
      .executeTakeFirstOrThrow(),
  ])
  const total = Number(counted.count)
  return { entries, total: Math.min(total, countCap), totalIsLowerBound: total > countCap }
}

export async function countAuditEntriesInScope(
  db: DbExecutor,
  scope: AuditScope,
  filter: AuditViewFilter,
): Promise<number> {
  const row = await auditViewQuery(db, scope, filter)
    .select(sql<number>`count(*)`.as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
