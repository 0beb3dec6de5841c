// Appends that nothing reads back inside the transaction that makes them — audit rows and search outbox rows —
// can be held and written together just before that transaction commits. A bulk writer that runs thousands of
// model calls in one transaction (the demo generator, app/models/demo/batch.server.ts) registers its handle
// here; insertAuditEntry and enqueueSearchSync given that handle then add to its buffer instead of sending a
// statement each, and the writer flushes the buffer as a few multi-row statements inside the same transaction.
// What commits is the same rows in the same order (`now()` is the transaction's start either way); only the
// number of round trips changes. Any other handle writes at once, as before.
import type { SearchEntity } from './schema'
import type { NewAuditEntry } from './queries/audit-log'

export class DeferredWrites {
  readonly audit: NewAuditEntry[] = []
  readonly outbox = new Map<SearchEntity, Set<string>>()

  addAudit(entry: NewAuditEntry) {
    this.audit.push(entry)
  }

  addOutbox(entity: SearchEntity, ids: readonly string[]) {
    const set = this.outbox.get(entity) ?? new Set<string>()
    for (const id of ids) set.add(id)
    this.outbox.set(entity, set)
  }

  /** Empties the buffer, returning what it held (the caller writes it). */
  take(): { audit: NewAuditEntry[]; outbox: Array<[SearchEntity, string[]]> } {
    const taken = {
      audit: this.audit.splice(0),
      outbox: [...this.outbox].map(([entity, ids]): [SearchEntity, string[]] => [entity, [...ids]]),
    }
    this.outbox.clear()
    return taken
  }
}

const registered = new WeakMap<object, DeferredWrites>()

/** Makes writes through `handle` deferred until the returned buffer is flushed (db/queries/deferred.ts). */
export function deferWritesOn(handle: object): DeferredWrites {
  const buffer = new DeferredWrites()
  registered.set(handle, buffer)
  return buffer
}

/** The buffer of a handle registered with deferWritesOn, if any. */
export function deferredWritesOf(handle: object): DeferredWrites | undefined {
  return registered.get(handle)
}
