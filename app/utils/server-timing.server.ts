// The Server-Timing header of a page or data response: how many statements its loaders and action ran and how
// long they waited for them. server.ts opens the count per request (db/query-stats.ts) and hands it over in the
// load context when SERVER_TIMING is on; the Remix build has its own copy of our modules, so the count travels
// in the context, not through a module of its own.
import type { QueryStats } from '../../db/query-stats'

export function addServerTiming(headers: Headers, stats: QueryStats | undefined) {
  if (!stats) return
  headers.append('Server-Timing', `db;desc="${stats.statements} statements";dur=${stats.durationMs.toFixed(1)}`)
}
