// The demo accounts: created once with generated passwords, kept under DATA_DIR (created when missing, as on a
// server database deployment with DEMO_ACCOUNTS=on), and the same logins printed on every later start.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDemoAccounts } from '../app/models/bootstrap.server'
import type { Services } from '../app/services.server'
import { verifyPassword } from '../app/utils/auth.server'
import { findUserByEmail } from '../db/queries/users'
import { createTestServices } from './services'

let services: Services
let root: string
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dxp-demo-accounts-'))
  const base = await createTestServices({ indexed: false })
  services = { ...base, env: { ...base.env, DATA_DIR: path.join(root, 'not-yet', 'data') } }
}, 60_000)
afterAll(async () => {
  await services?.close()
  await rm(root, { recursive: true, force: true })
})

describe('demo accounts', () => {
  it('creates DATA_DIR when missing, keeps the logins there, and gives the same logins on the next start', async () => {
    const first = await ensureDemoAccounts(services)
    expect(first.length).toBeGreaterThan(5)
    const file = path.join(services.env.DATA_DIR, 'demo-logins.json')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(first)
    const user = await findUserByEmail(services.database.db, first[0]!.email)
    expect(await verifyPassword(user?.password_hash ?? '', first[0]!.password)).toBe(true)

    const again = await ensureDemoAccounts(services)
    expect(again).toEqual(first)
  }, 120_000)
})
