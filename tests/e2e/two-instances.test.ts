// A production drill on real processes: two app instances (no worker inside) and two `npm run jobs` workers on
// one PostgreSQL server database and one Meilisearch. A session made on one instance is valid on the other; many
// professionals save their profile over and over, each save on the other instance than the last, while both
// workers claim the outbox at once; at the end no outbox row is left or failed, and the profile index holds
// exactly the profiles in the database, each with its last saved text (nothing lost, nothing applied out of order).
// Runs on the server DATABASE_URL names, else on the local one CI always has (127.0.0.1:5432).
import { type ChildProcess, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/utils/auth.server'
import { createDatabase, type Database } from '../../db/client'
import { getSearchOutboxBacklog } from '../../db/queries/search-outbox'
import { createSearchClient, type SearchClient } from '../../search/client'
import { foldForSearch } from '../../search/normalize'
import { type MeilisearchServer, startMeilisearch } from '../../search/meili-server'
import { dropDatabase, quoteIdent } from '../setup/postgres-admin'
import { freePort, killStartedServers, type ServerProcess, startServer, waitForStart } from './server-process'

const root = path.resolve(import.meta.dirname, '../..')
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const databaseName = `dxp_e2e_two_instances_${process.pid}`
const MASTER_KEY = crypto.randomBytes(24).toString('hex')
const PEOPLE = 4
const SAVES_EACH = 10

let admin: Database
let database: Database
let meili: MeilisearchServer
let search: SearchClient
let dataDir: string
const workers: ChildProcess[] = []
const workerLogs: string[] = []

function databaseUrl(): string {
  const url = new URL(adminUrl)
  url.pathname = `/${databaseName}`
  return url.toString()
}

beforeAll(async () => {
  admin = await createDatabase({ kind: 'postgres', url: adminUrl, max: 1 })
  await dropDatabase(admin.db, databaseName)
  await sql.raw(`create database ${quoteIdent(databaseName)}`).execute(admin.db)
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-two-instances-'))
  meili = await startMeilisearch({ dataDir: path.join(dataDir, 'meili'), masterKey: MASTER_KEY, log: () => {} })
  search = createSearchClient({ url: meili.url, apiKey: MASTER_KEY })
}, 120_000)

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL')
  killStartedServers()
  search?.close()
  await meili?.stop()
  await database?.close()
  if (admin) {
    await dropDatabase(admin.db, databaseName).catch(() => {})
    await admin.close()
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

const sharedEnv = () => ({
  DATABASE_URL: databaseUrl(),
  MEILI_URL: meili.url,
  MEILI_MASTER_KEY: MASTER_KEY,
  SESSION_SECRET: 'two-instances-drill-secret',
  SEARCH_WORKER: 'off',
  DEMO_ACCOUNTS: 'off',
})

function startWorker(): void {
  const { DATABASE_URL: _d, MEILI_URL: _m, MEILI_MASTER_KEY: _k, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'jobs/run.ts'], {
    cwd: root,
    env: { ...inherited, NODE_ENV: 'production', DATA_DIR: dataDir, ...sharedEnv() },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const index = workers.push(child) - 1
  workerLogs[index] = ''
  child.stdout?.on('data', (chunk) => (workerLogs[index] += chunk))
  child.stderr?.on('data', (chunk) => (workerLogs[index] += chunk))
}

async function logIn(server: ServerProcess, email: string, password: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.baseUrl },
    body: new URLSearchParams({ email, password, redirectTo: '/' }).toString(),
  })
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('dxp_session='))
  if (response.status !== 302 || !session) throw new Error(`login as ${email} failed (HTTP ${response.status})`)
  return session.split(';')[0]!
}

/** Posts a profile form at the lock version the database holds now; returns the HTTP status. */
async function postProfileForm(
  server: ServerProcess,
  cookie: string,
  userId: string,
  page: string,
  form: Record<string, string>,
) {
  const row = await database.db
    .selectFrom('profile')
    .select('lock_version')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  const body = new URLSearchParams(row ? { ...form, lockVersion: String(row.lock_version) } : form)
  const response = await fetch(`${server.baseUrl}${page}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.baseUrl, Cookie: cookie },
    body: body.toString(),
  })
  await response.arrayBuffer()
  return response.status
}

/** Saves the profile's basics with `introduction`. */
function saveBasics(server: ServerProcess, cookie: string, userId: string, i: number, introduction: string) {
  return postProfileForm(server, cookie, userId, '/profile/basics', {
    familyName: '訓練',
    givenName: `${i}号`,
    familyNameKana: 'くんれん',
    givenNameKana: 'いちごう',
    contactEmail: `drill-${i}@example.jp`,
    residencePrefectureCode: '34',
    introduction,
    yearsPrivateIt: '5',
    yearsPublicSector: '1',
    languages: '日本語',
  })
}

/** Who may see the profile: everyone's staff ('all') or no one ('none'). */
function saveConsent(server: ServerProcess, cookie: string, userId: string, visibility: 'all' | 'none') {
  return postProfileForm(server, cookie, userId, '/profile/consent', { visibility })
}

describe('two app instances and two workers on one PostgreSQL database', () => {
  it('shares sessions, loses no outbox row, applies none out of order, and ends with the index equal to the rows', async () => {
    const [portA, portB] = [await freePort(), await freePort()]
    // The first instance migrates and seeds; the second starts on the ready database.
    const a = startServer(path.join(dataDir, 'a'), portA, sharedEnv())
    await waitForStart(a)
    const b = startServer(path.join(dataDir, 'b'), portB, sharedEnv())
    await waitForStart(b)
    startWorker()
    startWorker()
    database = await createDatabase({ kind: 'postgres', url: databaseUrl(), max: 2 })

    // Professionals, created as signup would leave them once their address is confirmed.
    const password = 'two instances drill password'
    const passwordHash = await hashPassword(password)
    const people = Array.from({ length: PEOPLE }, (_, i) => ({
      id: crypto.randomUUID(),
      email: `drill-${i}-${Date.now()}@example.jp`,
    }))
    await database.db
      .insertInto('app_user')
      .values(
        people.map((p, i) => ({
          id: p.id,
          email: p.email,
          display_name: `訓練 ${i}号`,
          password_hash: passwordHash,
          email_verified_at: new Date(),
          role: 'professional' as const,
        })),
      )
      .execute()

    // A session made on one instance is valid on the other.
    const cookies = await Promise.all(people.map((p, i) => logIn(i % 2 ? b : a, p.email, password)))
    for (const [i, cookie] of cookies.entries()) {
      const other = i % 2 ? a : b
      const response = await fetch(`${other.baseUrl}/profile`, { headers: { Cookie: cookie }, redirect: 'manual' })
      await response.arrayBuffer()
      expect(response.status).toBe(200)
    }

    // Everyone saves over and over, alternating instances, all at once. The first three share their profile
    // with every prefecture's staff, the last never does, and the third withdraws that consent at the end.
    const statuses = (
      await Promise.all(
        people.map(async (p, i) => {
          const results = [await saveBasics(i % 2 ? b : a, cookies[i]!, p.id, i, `版 ${i}-0`)]
          if (i < 3) results.push(await saveConsent(i % 2 ? a : b, cookies[i]!, p.id, 'all'))
          for (let n = 1; n < SAVES_EACH; n++)
            results.push(await saveBasics((i + n) % 2 ? b : a, cookies[i]!, p.id, i, `版 ${i}-${n}`))
          if (i === 2) results.push(await saveConsent(i % 2 ? b : a, cookies[i]!, p.id, 'none'))
          return results
        }),
      )
    ).flat()
    expect(statuses.every((status) => status === 302)).toBe(true)

    // Both workers drain the outbox: nothing pending, nothing failed.
    await expect
      .poll(async () => (await getSearchOutboxBacklog(database.db, 8)).pending, { timeout: 60_000, interval: 250 })
      .toBe(0)
    expect((await getSearchOutboxBacklog(database.db, 8)).failed).toBe(0)

    // The profile index equals the profiles whose owners share them: the same ids, each with its last saved
    // introduction; the withdrawn and the never-shared profiles are absent.
    const profiles = await database.db
      .selectFrom('profile')
      .select(['id', 'user_id', 'introduction', 'visibility'])
      .execute()
    expect(profiles).toHaveLength(PEOPLE)
    const shared = profiles.filter((p) => p.visibility === 'all')
    expect(shared.map((p) => p.user_id).sort()).toEqual([people[0]!.id, people[1]!.id].sort())
    const index = search.meili.index(search.indexUid('profile'))
    const documents = (await index.getDocuments({ limit: 1000, fields: ['id', 'introduction'] })).results as Array<{
      id: string
      introduction: string
    }>
    expect(documents.map((d) => d.id).sort()).toEqual(shared.map((p) => p.id).sort())
    for (const [i, person] of people.entries()) {
      const profile = profiles.find((p) => p.user_id === person.id)!
      expect(profile.introduction).toBe(`版 ${i}-${SAVES_EACH - 1}`)
      if (i < 2)
        expect(documents.find((d) => d.id === profile.id)?.introduction).toBe(
          foldForSearch(`版 ${i}-${SAVES_EACH - 1}`),
        )
    }
    // The workers shared the work and none of the four processes failed.
    for (const [i, worker] of workers.entries()) expect(worker.exitCode, workerLogs[i]).toBeNull()
    expect(a.child.exitCode).toBeNull()
    expect(b.child.exitCode).toBeNull()
    expect(`${a.output()}${b.output()}${workerLogs.join('')}`).not.toMatch(/Uncaught|unhandled/i)
  }, 300_000)
})
