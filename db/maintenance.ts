// Housekeeping that a PostgreSQL server's autovacuum does by itself and the embedded database (PGlite, a
// single session with no background workers) never does: without it the planner works from default row
// estimates (every table "893 rows"), picks hash joins that scan all 1,794 local governments to name two
// municipalities, and dead rows from updates (outbox leases, sessions) are never reclaimed. Measured on the
// needs list: 33–74 ms per query before ANALYZE, 5–8 ms after (docs/BENCHMARKS.md).
import { sql } from 'kysely'
import type { DbExecutor } from './client'

/** Collects planner statistics for every table (about a second on the demo data). */
export async function analyzeDatabase(db: DbExecutor): Promise<void> {
  await sql`analyze`.execute(db)
}

export interface EmbeddedMaintenance {
  stop(): Promise<void>
}

/**
 * Every `intervalMs`, reclaims dead rows and refreshes statistics (VACUUM (ANALYZE)). It runs through the
 * app's own connection, between requests' statements, never inside a transaction.
 */
export function startEmbeddedMaintenance({
  db,
  intervalMs,
  log,
}: {
  db: DbExecutor
  intervalMs: number
  log: (message: string) => void
}): EmbeddedMaintenance {
  let running: Promise<void> | undefined
  const timer = setInterval(() => {
    if (running) return
    running = sql`vacuum (analyze)`
      .execute(db)
      .then(
        () => undefined,
        (error: unknown) =>
          log(`データベースの定期保守に失敗しました: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        running = undefined
      })
  }, intervalMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
