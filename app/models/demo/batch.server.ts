// The demo generator runs the models as the pages do, many steps at a time: each batch is one transaction, and
// the models inside it get a load context whose database handle is that transaction dressed as the app's own
// handle. A model's own `db.transaction().execute(fn)` then runs `fn` on the same transaction (one commit per
// batch instead of one per step), and its reads before a transaction see the batch's writes. A step that
// throws rolls the whole batch back: the generator treats every refusal as a bug and resumes from the last
// committed batch on the next start. The mail the batch queued is recorded as sent (db/queries/demo.ts). The
// audit and search outbox rows of the batch's steps are written together before it commits (db/deferred-writes.ts):
// the same rows, a few statements instead of two per step.
import type { AppLoadContext } from '@remix-run/node'
import type { Kysely, Transaction } from 'kysely'
import { CACHE_OWNER } from '../../../db/client'
import { deferWritesOn } from '../../../db/deferred-writes'
import { flushDeferredWrites } from '../../../db/queries/deferred'
import { lastMailId, markMailSentAfter } from '../../../db/queries/demo'
import type { DB } from '../../../db/schema'
import type { Services } from '../../services.server'

/**
 * The transaction as a top-level handle: `transaction()` runs the callback on it, and `isTransaction` is false so
 * the models' caches of published catalogue versions (skill-standard.server.ts) work as on a request. Methods
 * are bound to the transaction itself (Kysely keeps private fields that a proxy cannot reach). It shares the
 * app's caches of master data and published catalogue versions (the demo publishes none, and changes no master
 * data), instead of reading them again in every batch.
 */
function asOwnHandle(trx: Transaction<DB>, root: Kysely<DB>): Kysely<DB> {
  const handle: Kysely<DB> = new Proxy(trx, {
    get(target, property) {
      if (property === 'isTransaction') return false
      if (property === CACHE_OWNER) return root
      if (property === 'transaction') return () => ({ execute: <T>(fn: (trx: Kysely<DB>) => Promise<T>) => fn(handle) })
      const value = Reflect.get(target, property, target) as unknown
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  }) as unknown as Kysely<DB>
  return handle
}

/** The load context a request would carry, on the given database handle. */
export function demoContext(services: Services, requestId: string, db = services.database.db): AppLoadContext {
  return {
    services: { ...services, database: { ...services.database, db } },
    requestInfo: { id: requestId, ip: 'local' },
  }
}

/** Runs `work` as one batch (see the header); returns what it returns. */
export async function inDemoBatch<T>(
  services: Services,
  requestId: string,
  work: (context: AppLoadContext) => Promise<T>,
): Promise<T> {
  return services.database.db.transaction().execute(async (trx) => {
    const mailBefore = await lastMailId(trx)
    const handle = asOwnHandle(trx, services.database.db)
    const deferred = deferWritesOn(handle)
    const result = await work(demoContext(services, requestId, handle))
    await flushDeferredWrites(trx, deferred)
    await markMailSentAfter(trx, mailBefore)
    return result
  })
}
