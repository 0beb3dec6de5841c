// One Kysely factory for both backends (ADR 001): a PostgreSQL server through postgres.js when a URL is
// given, otherwise PGlite (embedded PostgreSQL in WebAssembly) persisted in a directory.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, type Transaction } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { PostgresPoolDialect } from './postgres-driver'
import type { DB } from './schema'

export type DbExecutor = Kysely<DB> | Transaction<DB>

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; max?: number }
  /** dataDir undefined = in-memory; loadDataDir = a tarball made by PGlite's dumpDataDir() (test template). */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }

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
  /** The raw PGlite instance (for dumpDataDir in tests); undefined on the server backend. */
  pglite?: PGlite
}

// int8 (count(*), bigint ids) as JS numbers on both backends: our counts and ids stay far below 2^53.
const INT8_OID = 20

export async function createDatabase(config: DatabaseConfig): Promise<Database> {
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
    const db = new Kysely<DB>({ dialect })
    return { db, kind: 'postgres', singleConnection: false, close: () => db.destroy() }
  }

  if (config.dataDir) {
    // PGlite creates only the last folder of its path.
    await mkdir(path.dirname(path.resolve(config.dataDir)), { recursive: true })
  }
  const pglite = await PGlite.create({
    dataDir: config.dataDir,
    loadDataDir: config.loadDataDir,
    parsers: { [INT8_OID]: (value: string) => Number(value) },
  })
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) })
  return {
    db,
    kind: 'pglite',
    singleConnection: true,
    pglite,
    async close() {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}

/** Reads the configuration the app and scripts share: DATABASE_URL wins, else PGlite under dataDir. */
export function databaseConfigFrom(env: { DATABASE_URL?: string; DATA_DIR: string }): DatabaseConfig {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: path.join(env.DATA_DIR, 'pglite') }
}
