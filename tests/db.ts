// A fresh, migrated and seeded database for one test file, on whichever backend this run uses:
// PGlite loaded from the run's dump (~0.7 s), or a PostgreSQL database cloned from the run's template.
import crypto from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { sql } from 'kysely'
import { inject } from 'vitest'
import { createDatabase, type Database, type DatabaseOptions } from '../db/client'
import type { OutboxNotifications } from '../jobs/outbox-notifications'
import { dropDatabase, quoteIdent } from './setup/postgres-admin'

export async function createTestDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const config = inject('testDatabase')
  if (config.kind === 'pglite') {
    const dump = await readFile(config.templatePath)
    return createDatabase({ kind: 'pglite', loadDataDir: new Blob([dump]) }, options)
  }
  const name = `dxp_test_${process.env.VITEST_POOL_ID ?? '0'}_${crypto.randomBytes(4).toString('hex')}`
  const admin = await createDatabase({ kind: 'postgres', url: config.adminUrl, max: 1 })
  await sql.raw(`create database ${quoteIdent(name)} template ${quoteIdent(config.templateName)}`).execute(admin.db)
  const url = new URL(config.adminUrl)
  url.pathname = `/${name}`
  const database = await createDatabase({ kind: 'postgres', url: url.toString(), max: 4 }, options)
  return {
    ...database,
    async close() {
      await database.close()
      await dropDatabase(admin.db, name)
      await admin.close()
    },
  }
}

/** Where a test database announces committed enqueues: PGlite's own LISTEN, or the server database's URL. */
export async function outboxNotificationsFor(database: Database): Promise<OutboxNotifications> {
  if (database.listen) return { listen: database.listen }
  const config = inject('testDatabase')
  if (config.kind !== 'postgres') throw new Error('unexpected backend')
  const url = new URL(config.adminUrl)
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db)
  url.pathname = `/${rows[0]!.name}`
  return { databaseUrl: url.toString() }
}
