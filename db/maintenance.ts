// Housekeeping that a PostgreSQL server's autovacuum does by itself and the embedded database (PGlite, a
// single session with no background workers) never does: without it the planner works from default row
// estimates (every table "893 rows"), picks hash joins that scan all 1,794 local governments to name two
// municipalities, and dead rows from updates (outbox leases, sessions) are never reclaimed. Measured on the
// needs list: 33–74 ms per query before ANALYZE, 5–8 ms after (docs/BENCHMARKS.md).
import { type RawBuilder, sql } from 'kysely'
import type { DbExecutor } from './client'

/** The names of the app's tables (in `c`, their pg_class row) that meet `condition`. */
async function tablesWhere(db: DbExecutor, condition: RawBuilder<boolean>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind = 'r' and ${condition}
     order by c.relname`.execute(db)
  return rows.map((row) => row.name)
}

/** The tables that hold at least one page. */
const filledTables = (db: DbExecutor) => tablesWhere(db, sql<boolean>`pg_relation_size(c.oid) > 0`)

/**
 * Collects planner statistics for every table that holds rows (about a second on the demo data). An empty
 * table is left alone: analyzed, the planner would take it as empty until its next statistics, and plans made
 * then (sequential scans, nested loops over "no rows") would outlive its growth; never analyzed, it is planned
 * as a small table of ten pages that can grow. Answers the names of the tables analyzed.
 */
export async function analyzeDatabase(db: DbExecutor): Promise<string[]> {
  const names = await filledTables(db)
  if (names.length > 0) await sql`analyze ${tableList(names)}`.execute(db)
  return names
}

/** Reclaims dead rows and refreshes statistics of every table that holds rows (see analyzeDatabase). */
export async function vacuumDatabase(db: DbExecutor): Promise<void> {
  const names = await filledTables(db)
  if (names.length > 0) await sql`vacuum (analyze) ${tableList(names)}`.execute(db)
}

const tableList = (names: string[]) => sql.join(names.map((name) => sql.id(name)))

/** A table's statistics are renewed once it is this many times the size they describe (and at least 64 KB). */
const GROWTH_FACTOR = 2
const GROWTH_MIN_PAGES = 8

/**
 * Analyzes the tables that have grown to twice the size their statistics describe (a table never analyzed
 * counts as size zero), as autovacuum would on a server; answers their names. Statistics matter beyond row
 * estimates here: the embedded database prepares every statement once (db/pglite-prepared.ts) and keeps its
 * plan until the tables' statistics change, so the plans of a table's early life would otherwise serve it at
 * any size. One cheap statement when nothing has grown.
 */
export async function analyzeGrownTables(db: DbExecutor): Promise<string[]> {
  const names = await tablesWhere(
    db,
    sql<boolean>`pg_relation_size(c.oid) / current_setting('block_size')::int
                 >= greatest(${GROWTH_MIN_PAGES}, ${GROWTH_FACTOR} * c.relpages)`,
  )
  if (names.length > 0) await sql`analyze ${tableList(names)}`.execute(db)
  return names
}

export interface EmbeddedMaintenance {
  /**
   * Holds the maintenance until `work` settles, then analyzes what has grown. A bulk load (the national demo's
   * build) runs faster on the plans of its start than re-planned half way: its build took 47–52 s held and 61 s
   * with the analyses of its growing tables in the middle (docs/BENCHMARKS.md).
   */
  holdDuring(work: Promise<unknown>): void
  stop(): Promise<void>
}

/**
 * Every `intervalMs`, reclaims dead rows and refreshes statistics (vacuumDatabase); every `growthCheckMs`,
 * analyzes the tables that have doubled since their statistics (analyzeGrownTables). It runs through the app's
 * own connection, between requests' statements, never inside a transaction, one run at a time.
 */
export function startEmbeddedMaintenance({
  db,
  intervalMs,
  growthCheckMs = 30_000,
  log,
}: {
  db: DbExecutor
  intervalMs: number
  growthCheckMs?: number
  log: (message: string) => void
}): EmbeddedMaintenance {
  let running: Promise<void> | undefined
  let holds = 0
  let stopped = false
  const run = (work: () => Promise<unknown>) => {
    if (running || holds > 0 || stopped) return
    running = work()
      .then(
        () => undefined,
        (error: unknown) =>
          log(`データベースの定期保守に失敗しました: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        running = undefined
      })
  }
  const timers = [
    setInterval(() => run(() => vacuumDatabase(db)), intervalMs),
    setInterval(() => run(() => analyzeGrownTables(db)), growthCheckMs),
  ]
  for (const timer of timers) timer.unref()
  return {
    holdDuring(work) {
      holds += 1
      const release = () => {
        holds -= 1
        run(() => analyzeGrownTables(db))
      }
      void work.then(release, release)
    },
    async stop() {
      stopped = true
      for (const timer of timers) clearInterval(timer)
      await running
    },
  }
}
