// A Kysely dialect for code that runs inside the embedded database's own process (db/pglite-host.ts) and
// shares its one session with the app's query lane: statements go straight to PGlite through the prepared
// statement cache, with no pipe, no serialisation and no second process in between (the national demo builds
// twice as fast this way; docs/BENCHMARKS.md). The session lock keeps them apart from the app's statements:
// a statement outside a transaction holds it for itself, a transaction from BEGIN to COMMIT or ROLLBACK.
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'
import type { PreparedStatements } from './pglite-prepared'
import type { SessionLock } from './session-lock'

/**
 * Lets the process's event loop run before taking the session. Everything on the way to PGlite resolves as a
 * promise without I/O, so work that runs here statement after statement would never let the loop read the app's
 * statements from the lane: the app would wait for the whole build (seen: the search sync stalled for 35 s).
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export function sessionDialect(statements: PreparedStatements, lock: SessionLock): Dialect {
  /** The connection in a transaction and how it lets go of the session; statements of others wait for it. */
  const holding = new Map<DatabaseConnection, () => void>()

  async function run<R>(conn: DatabaseConnection, query: CompiledQuery): Promise<QueryResult<R>> {
    const execute = async () => {
      const result = await statements.query<R>(query.sql, [...query.parameters])
      return {
        rows: result.rows,
        ...(result.affectedRows ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
      }
    }
    if (holding.has(conn)) return execute()
    await yieldToEventLoop()
    return lock.run(execute)
  }

  const letGo = (conn: DatabaseConnection) => {
    holding.get(conn)?.()
    holding.delete(conn)
  }

  const driver: Driver = {
    async init() {},
    acquireConnection: async () => {
      const conn: DatabaseConnection = {
        executeQuery: (query) => run(conn, query),
        async *streamQuery() {
          throw new Error('組み込みデータベースはストリーミング取得に対応していません')
        },
      }
      return conn
    },
    async releaseConnection(conn) {
      letGo(conn)
    },
    ...transactionsHoldingSession({
      async hold(conn) {
        await yieldToEventLoop()
        holding.set(conn, await lock.acquire())
      },
      letGo,
    }),
    async destroy() {},
  }

  return postgresDialect(driver)
}

/**
 * BEGIN, COMMIT and ROLLBACK for a driver whose transaction holds the embedded database's one session: `hold`
 * waits until the connection has it, `letGo` gives it up. A failed BEGIN gives it up; a failed COMMIT keeps it
 * (Kysely rolls back next, and releases the connection in any case).
 */
export function transactionsHoldingSession({
  hold,
  letGo,
}: {
  hold: (conn: DatabaseConnection) => Promise<void>
  letGo: (conn: DatabaseConnection) => void
}): Pick<Driver, 'beginTransaction' | 'commitTransaction' | 'rollbackTransaction'> {
  return {
    async beginTransaction(conn, settings: TransactionSettings) {
      await hold(conn)
      try {
        await conn.executeQuery(
          CompiledQuery.raw(
            settings.isolationLevel ? `start transaction isolation level ${settings.isolationLevel}` : 'begin',
          ),
        )
      } catch (error) {
        letGo(conn)
        throw error
      }
    },
    async commitTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('commit'))
      letGo(conn)
    },
    async rollbackTransaction(conn) {
      try {
        await conn.executeQuery(CompiledQuery.raw('rollback'))
      } finally {
        letGo(conn)
      }
    },
  }
}

/** A PostgreSQL dialect on the given driver. */
export function postgresDialect(driver: Driver): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
  }
}
