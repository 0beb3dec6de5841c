// Audit rows written with the old kebab-case codes of needs and 課題 are respelled by the migration, other
// entities' rows are left alone, and the log is append-only again afterwards.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../tests/db'
import type { Database } from './client'
import { up } from './migrations/20261202T080000000Z-audit-actions-snake-case'
import { insertAuditEntry } from './queries/audit-log'

let database: Database
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

const entry = (entity: string, action: string, entityId: string) => ({
  actorUserId: null,
  actorLabel: 'システム',
  actorRole: null,
  action,
  entity,
  entityId,
  summary: 'テスト',
})

describe('audit action codes in snake_case', () => {
  it('respells the four kebab-case codes of needs and 課題 and keeps the log append-only', async () => {
    const { db } = database
    await insertAuditEntry(db, entry('need', 'change-status', 'n1'))
    await insertAuditEntry(db, entry('need', 'link-issue', 'n2'))
    await insertAuditEntry(db, entry('need', 'unlink-issue', 'n3'))
    await insertAuditEntry(db, entry('need', 'express-interest', 'n4'))
    await insertAuditEntry(db, entry('municipal_issue', 'change-status', 'i1'))
    await insertAuditEntry(db, entry('other_entity', 'change-status', 'x1'))
    await db.transaction().execute((trx) => up(trx))
    const rows = await db.selectFrom('audit_log').select(['entity_id', 'action']).orderBy('entity_id').execute()
    expect(rows).toEqual([
      { entity_id: 'i1', action: 'change_status' },
      { entity_id: 'n1', action: 'change_status' },
      { entity_id: 'n2', action: 'link_issue' },
      { entity_id: 'n3', action: 'unlink_issue' },
      { entity_id: 'n4', action: 'express_interest' },
      { entity_id: 'x1', action: 'change-status' },
    ])
    await expect(sql`update audit_log set summary = 'x'`.execute(db)).rejects.toThrow()
  })
})
