// Writes what a handle with deferred writes held (db/deferred-writes.ts), on the transaction it belongs to.
import type { DbExecutor } from '../client'
import { type DeferredWrites, deferredWritesOf } from '../deferred-writes'
import { insertAuditEntries } from './audit-log'
import { enqueueSearchSync } from './search-outbox'

/** `db` must be the transaction itself, not the registered handle (which would defer again). */
export async function flushDeferredWrites(db: DbExecutor, buffer: DeferredWrites): Promise<void> {
  if (deferredWritesOf(db) === buffer) throw new Error('flushDeferredWrites: pass the transaction, not its handle')
  const { audit, outbox } = buffer.take()
  await insertAuditEntries(db, audit)
  for (const [entity, ids] of outbox) await enqueueSearchSync(db, entity, ids)
}
