// One Kysely factory for both backends (ADR 001): a PostgreSQL server through postgres.js when a URL is
// given, otherwise PGlite (embedded PostgreSQL in WebAssembly) persisted in a directory.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import {
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type LogEvent,
  sql,
  type Transaction,
} from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { type PGliteProcess, startPGliteProcess } from './pglite-process'
import { PostgresPoolDialect } from './postgres-driver'
import { recordQuery } from './query-stats'
import type { DB } from './schema'

export type DbExecutor = Kysely<DB> | Transaction<DB>

/**
 * Caches of immutable or slowly changing data (master data, published catalogue versions) are kept per database
 * handle. A handle that stands in for another (the demo generator's batch handle, app/models/demo/batch.server.ts)
 * names the handle whose caches it shares under this key.
 */
export const CACHE_OWNER = Symbol('cacheOwner')

/** The handle whose caches `db` uses: `db` itself unless it names another under CACHE_OWNER. */
export function cacheOwnerOf(db: DbExecutor): object {
  return (db as unknown as { [CACHE_OWNER]?: object })[CACHE_OWNER] ?? db
}

/** Whether the database answers a trivial statement (for health checks; a failure is `false`, not thrown). */
export async function isDatabaseHealthy(db: DbExecutor): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; max?: number }
  /**
   * dataDir undefined = in-memory; loadDataDir = a tarball made by PGlite's dumpDataDir() (test template).
   * ownProcess: PGlite runs in a process of its own (db/pglite-process.ts), off the app's event loop and out
   * of its memory: how the app runs it. In this process: the tests, which load a template dump per file.
   */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; ownProcess?: boolean }

export interface Database {
  db: Kysely<DB>
  kind: DatabaseConfig['kind']
  /**
   * PGlite is a single connection: inside `db.transaction()` the outer `db` must never be used (it would
   * wait forever for the connection the transaction holds). Code that must not block the request path on a
   * long transaction can check this flag.
   */
  singleConnection: boolean
  close(): Promise<void>
  /** The raw PGlite instance (for dumpDataDir in tests); only when PGlite runs in this process. */
  pglite?: PGlite
  /**
   * LISTEN on the embedded database (a server backend is listened to over its own connection: see
   * jobs/search-worker.ts). Calls onNotify after each commit that sent a NOTIFY on the channel.
   */
  listen?: (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>
  /** Builds the national demo beside the database, in the embedded database's own process (db/pglite-host.ts). */
  buildDemo?: PGliteProcess['buildDemo']
}

// int8 (count(*), bigint ids) as JS numbers on both backends: our counts and ids stay far below 2^53.
const INT8_OID = 20

// Every statement is counted for the unit of work it runs in (db/query-stats.ts).
const countStatement = (event: LogEvent) => recordQuery(event.queryDurationMillis)

export interface DatabaseOptions {
  /**
   * Replaces an error a query raised before it reaches the caller (the app turns Postgres input errors into
   * a 400 answer there; see app/utils/database-errors.server.ts). The database layer stays HTTP-free.
   */
  mapQueryError?: (error: unknown) => unknown
  /** Where the embedded database's process reports a crash and its restart. */
  log?: (message: string) => void
}

export async function createDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Promise<Database> {
  const withErrors = (dialect: Dialect) =>
    options.mapQueryError ? mapQueryErrors(dialect, options.mapQueryError) : dialect
  if (config.kind === 'postgres') {
    // Our own pool over postgres.js (db/postgres-driver.ts): a server restart costs the queries in flight,
    // never the process.
    const dialect = new PostgresPoolDialect({
      url: config.url,
      max: config.max ?? 10,
      options: {
        onnotice: () => {},
        types: {
          bigint: {
            to: INT8_OID,
            from: [INT8_OID],
            serialize: (value: number | bigint) => value.toString(),
            parse: (value: string) => Number(value),
          },
        },
      },
    })
    const db = new Kysely<DB>({ dialect: withErrors(dialect), log: countStatement })
    return { db, kind: 'postgres', singleConnection: false, close: () => db.destroy() }
  }

  if (config.dataDir) {
    // PGlite creates only the last folder of its path.
    await mkdir(path.dirname(path.resolve(config.dataDir)), { recursive: true })
  }
  if (config.ownProcess) {
    const host = await startPGliteProcess(config.dataDir ?? null, { log: options.log })
    const db = new Kysely<DB>({ dialect: withErrors(host.dialect), log: countStatement })
    return {
      db,
      kind: 'pglite',
      singleConnection: true,
      listen: host.listen,
      buildDemo: host.buildDemo,
      async close() {
        await db.destroy()
        await host.close()
      },
    }
  }
  const pglite = await PGlite.create({
    dataDir: config.dataDir,
    loadDataDir: config.loadDataDir,
    parsers: { [INT8_OID]: (value: string) => Number(value) },
  })
  const db = new Kysely<DB>({ dialect: withErrors(new PGliteDialect(pglite)), log: countStatement })
  return {
    db,
    kind: 'pglite',
    singleConnection: true,
    pglite,
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, onNotify)
      return async () => {
        if (!pglite.closed) await unlisten()
      }
    },
    async close() {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}

/**
 * Every statement (transactions included) runs through a connection the driver hands out, so patching
 * executeQuery on each connection maps every query's error in one place. The driver and connections are
 * patched in place rather than wrapped: the dialects keep private state and compare connection identity.
 */
function mapQueryErrors(dialect: Dialect, mapError: (error: unknown) => unknown): Dialect {
  const patched = new WeakSet<DatabaseConnection>()
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver(): Driver {
      const driver = dialect.createDriver()
      const acquire = driver.acquireConnection.bind(driver)
      driver.acquireConnection = async () => {
        const connection = await acquire()
        if (!patched.has(connection)) {
          const execute = connection.executeQuery.bind(connection)
          connection.executeQuery = async (query) => {
            try {
              return await execute(query)
            } catch (error) {
              throw mapError(error)
            }
          }
          patched.add(connection)
        }
        return connection
      }
      return driver
    },
  }
}

/** Reads the configuration the app and scripts share: DATABASE_URL wins, else PGlite under dataDir. */
export function databaseConfigFrom(env: { DATABASE_URL?: string; DATA_DIR: string }): DatabaseConfig {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: path.join(env.DATA_DIR, 'pglite'), ownProcess: true }
}
