// `npm run demo:reset` (app/models/demo/reset.server.ts): removes the embedded demo's data so the next start
// rebuilds it; refuses with a Japanese message on a server database or while the server runs.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resetEmbeddedDemo } from '../app/models/demo/reset.server'

let dataDir: string

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dxp-demo-reset-'))
  await mkdir(path.join(dataDir, 'pglite', 'base'), { recursive: true })
  await writeFile(path.join(dataDir, 'pglite', 'base', 'file'), 'x')
  await mkdir(path.join(dataDir, 'meili', 'data.ms'), { recursive: true })
  await writeFile(path.join(dataDir, 'demo-logins.json'), '[]')
  await writeFile(path.join(dataDir, 'session-secret'), 's'.repeat(43))
  await writeFile(path.join(dataDir, 'meili-master-key'), 'k'.repeat(43))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('demo reset', () => {
  it('removes the database, the search data and the demo logins; keeps the secrets', async () => {
    const result = await resetEmbeddedDemo({ DATA_DIR: dataDir, DATABASE_URL: undefined })
    expect(result).toEqual({
      status: 'reset',
      removed: ['pglite', 'meili', 'demo-logins.json'].map((name) => path.join(dataDir, name)),
    })
    expect((await readdir(dataDir)).sort()).toEqual(['meili-master-key', 'session-secret'])
    // Nothing left to remove: still fine.
    expect(await resetEmbeddedDemo({ DATA_DIR: dataDir, DATABASE_URL: undefined })).toEqual({
      status: 'reset',
      removed: [],
    })
  })

  it('refuses with DATABASE_URL and touches nothing', async () => {
    const result = await resetEmbeddedDemo({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://localhost/dxp' })
    expect(result.status).toBe('refused')
    expect(result.status === 'refused' && result.message).toContain('DATABASE_URL が設定されているため')
    expect(await readdir(dataDir)).toContain('pglite')
  })

  it('refuses while a server holds the data directory, and after it has gone, resets', async () => {
    await writeFile(path.join(dataDir, 'app.lock'), String(process.pid))
    const refused = await resetEmbeddedDemo({ DATA_DIR: dataDir, DATABASE_URL: undefined })
    expect(refused.status === 'refused' && refused.message).toContain(`サーバーが起動中です（PID ${process.pid}`)
    expect(await readdir(dataDir)).toContain('pglite')
    // A stale lock (its process gone) does not block.
    await writeFile(path.join(dataDir, 'app.lock'), '2147483646')
    expect((await resetEmbeddedDemo({ DATA_DIR: dataDir, DATABASE_URL: undefined })).status).toBe('reset')
  })
})
