// Freshness end to end: the services as `npm start` wires them (startServices: the worker loop and its wake
// on commit), a real Meilisearch, and writes shaped like the models' (the domain row and its outbox row in one
// transaction). A change must be searchable in well under the worker's lease; a consent withdrawal made while
// the previous edit is still syncing must leave the index just as fast.
import crypto from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type Services, startServices } from '../../app/services.server'
import { parseEnv } from '../../app/utils/env.server'
import { createDatabase } from '../../db/client'
import { enqueueSearchSync, getSearchOutboxBacklog } from '../../db/queries/search-outbox'
import { createProfile, createUser } from '../factories'
import { meiliBusyMsSince } from '../search'
import { dropDatabase, quoteIdent } from '../setup/postgres-admin'

/**
 * Far below the worker's 120 s lease, so the test fails if the lease decides freshness; loose enough for a
 * loaded CI machine. The promise itself (p95 ≤ 1 s) is measured by `npm run bench:freshness`, not here.
 */
const BOUND_MS = 15_000

let services: Services
let dataDir: string
let dropServerDatabase: (() => Promise<void>) | undefined
const indexPrefix = `fresh${crypto.randomBytes(4).toString('hex')}_`

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-freshness-'))
  const meili = inject('meili')
  const config = inject('testDatabase')
  let databaseUrl: string | undefined
  if (config.kind === 'postgres') {
    const name = `dxp_fresh_${crypto.randomBytes(4).toString('hex')}`
    const admin = await createDatabase({ kind: 'postgres', url: config.adminUrl, max: 1 })
    await sql.raw(`create database ${quoteIdent(name)} template ${quoteIdent(config.templateName)}`).execute(admin.db)
    const url = new URL(config.adminUrl)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
    dropServerDatabase = async () => {
      await dropDatabase(admin.db, name)
      await admin.close()
    }
  }
  const env = parseEnv({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.apiKey,
    MEILI_INDEX_PREFIX: indexPrefix,
    DEMO_ACCOUNTS: 'off',
  })
  services = await startServices(env, { log: () => {}, worker: true })
  // Start-up indexes the master data through the same outbox: measure once that backlog is gone.
  const deadline = Date.now() + 240_000
  while ((await getSearchOutboxBacklog(services.database.db, services.maxOutboxAttempts)).pending > 0) {
    if (Date.now() > deadline) throw new Error('start-up indexing did not finish')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  // One profile synced before measuring: the first sync after start-up also compiles its code paths.
  const warmUp = await sharedProfile()
  await warmUp.write({ introduction: 'warm-up' })
  while ((await searchableProfile(warmUp.id)) === null) await new Promise((resolve) => setTimeout(resolve, 20))
}, 300_000)

afterAll(async () => {
  if (services) {
    const { results } = await services.search.meili.getIndexes({ limit: 1000 })
    for (const index of results.filter((i) => i.uid.startsWith(indexPrefix)))
      await services.search.meili.deleteIndex(index.uid).waitTask()
    await services.close()
  }
  await dropServerDatabase?.()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** A profile shared with every prefecture, and a write to it in the models' shape. */
async function sharedProfile() {
  const { db } = services.database
  const user = await createUser(db)
  const id = await createProfile(db, user.id, { visibility: 'all' })
  const write = (changes: { introduction?: string; visibility?: 'none' | 'all' }) =>
    db.transaction().execute(async (trx) => {
      await trx
        .updateTable('profile')
        .set({ ...changes, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute()
      await enqueueSearchSync(trx, 'profile', [id])
    })
  return { id, write }
}

async function searchableProfile(id: string) {
  return services.search.meili
    .index(services.search.indexUid('profile'))
    .getDocument(id)
    .catch(() => null)
}

describe('search freshness', () => {
  it('makes a saved change searchable within the bound', async () => {
    const profile = await sharedProfile()
    const writtenAt = new Date()
    await profile.write({ introduction: 'freshness probe' })
    await expect
      .poll(async () => (await searchableProfile(profile.id))?.introduction, { timeout: 60_000, interval: 10 })
      .toBe('freshness probe')
    const elapsed = Date.now() - writtenAt.getTime()
    // Meilisearch's own time set aside: on a loaded machine its tasks alone can take seconds.
    expect(elapsed - (await meiliBusyMsSince(services.search, 'profile', writtenAt))).toBeLessThan(BOUND_MS)
  }, 120_000)

  it('removes a profile whose consent is withdrawn while its previous edit is still syncing', async () => {
    const profile = await sharedProfile()
    await profile.write({ introduction: 'shared' })
    await expect
      .poll(async () => (await searchableProfile(profile.id))?.id, { timeout: 60_000, interval: 10 })
      .toBe(profile.id)

    let withdrawnAt: Date | undefined
    for (let round = 0; round < 10 && !withdrawnAt; round++) {
      await profile.write({ introduction: `edit ${round}` })
      // Withdraw as soon as the worker holds the edit's row: the case a held lease used to delay by two minutes.
      for (let i = 0; i < 500; i++) {
        const row = await services.database.db
          .selectFrom('search_outbox')
          .select(['locked_until', 'confirmed_at'])
          .where('entity', '=', 'profile')
          .where('entity_id', '=', profile.id)
          .executeTakeFirstOrThrow()
        if (row.confirmed_at) break
        if (row.locked_until) {
          withdrawnAt = new Date()
          await profile.write({ visibility: 'none' })
          break
        }
      }
    }
    // On one connection (PGlite) the poll above can miss the short window in which the row is held; the
    // held-lease case itself is pinned down deterministically in jobs/search-worker.test.ts. Here, withdraw
    // right behind an edit then: the index must still drop the profile within the bound.
    if (!withdrawnAt) {
      await profile.write({ introduction: 'edit before withdrawal' })
      withdrawnAt = new Date()
      await profile.write({ visibility: 'none' })
    }
    await expect.poll(() => searchableProfile(profile.id), { timeout: 60_000, interval: 10 }).toBeNull()
    const elapsed = Date.now() - withdrawnAt.getTime()
    expect(elapsed - (await meiliBusyMsSince(services.search, 'profile', withdrawnAt))).toBeLessThan(BOUND_MS)
  }, 180_000)
})
