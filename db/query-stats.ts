// Statements per unit of work (a request, a job), counted where every query passes: the Kysely instance's
// log hook (db/client.ts). The server runs each request inside `countQueries` and reports the figures in a
// Server-Timing header when asked to (SERVER_TIMING=on), so a benchmark or a browser's network panel shows
// how many statements a page costs and how long they took.
import { AsyncLocalStorage } from 'node:async_hooks'

export interface QueryStats {
  statements: number
  /** Time spent waiting for statements, in milliseconds (overlapping statements count each). */
  durationMs: number
}

const storage = new AsyncLocalStorage<QueryStats>()

export function countQueries<T>(fn: () => T): T {
  return storage.run({ statements: 0, durationMs: 0 }, fn)
}

/** The figures of the unit of work this code runs in, or undefined outside one. */
export function currentQueryStats(): QueryStats | undefined {
  return storage.getStore()
}

export function recordQuery(durationMs: number) {
  const stats = storage.getStore()
  if (!stats) return
  stats.statements += 1
  stats.durationMs += durationMs
}
