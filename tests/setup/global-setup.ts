// Runs once per `vitest run`: starts one real Meilisearch from the npm binary and prepares one migrated,
// seeded database template; every test file then clones its own database (tests/db.ts).
import crypto from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { createDatabase } from '../../db/client'
import { analyzeDatabase } from '../../db/maintenance'
import { migrateToLatest } from '../../db/migrate'
import { startMeilisearch } from '../../search/meili-server'
import { seedMasterData } from '../../seeds/index'
import { adminUrlFor, dropDatabase, quoteIdent } from './postgres-admin'

const root = path.resolve(import.meta.dirname, '../..')

export default async function setup(project: TestProject) {
  const runDir = path.join(root, '.test-data', `run-${process.pid}`)
  await mkdir(runDir, { recursive: true })

  const masterKey = crypto.randomBytes(24).toString('base64url')
  const meili = await startMeilisearch({ dataDir: path.join(runDir, 'meili'), masterKey, port: 0 })
  project.provide('meili', { url: meili.url, apiKey: masterKey })

  let cleanupDatabase: () => Promise<void>
  const databaseUrl = process.env.DATABASE_URL
  if (databaseUrl) {
    const adminUrl = adminUrlFor(databaseUrl)
    const templateName = `dxp_test_template_${process.pid}`
    const admin = await createDatabase({ kind: 'postgres', url: adminUrl, max: 1 })
    await dropDatabase(admin.db, templateName)
    const { sql } = await import('kysely')
    await sql.raw(`create database ${quoteIdent(templateName)}`).execute(admin.db)
    const template = await createDatabase({ kind: 'postgres', url: withDatabase(adminUrl, templateName), max: 1 })
    await migrateToLatest(template.db)
    await seedMasterData(template.db)
    await template.close()
    project.provide('testDatabase', { kind: 'postgres', adminUrl, templateName })
    cleanupDatabase = async () => {
      await dropDatabase(admin.db, templateName)
      await admin.close()
    }
  } else {
    const template = await createDatabase({ kind: 'pglite' })
    await migrateToLatest(template.db)
    await seedMasterData(template.db)
    // As the app does at start (db/maintenance.ts): PGlite has no autovacuum to collect statistics.
    await analyzeDatabase(template.db)
    const dump = await template.pglite!.dumpDataDir('gzip')
    const templatePath = path.join(runDir, 'pglite-template.tar.gz')
    await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()))
    await template.close()
    project.provide('testDatabase', { kind: 'pglite', templatePath })
    cleanupDatabase = async () => {}
  }

  return async () => {
    await meili.stop()
    await cleanupDatabase()
    await rm(runDir, { recursive: true, force: true })
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}
