import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lockDataDir } from './services.server'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dxp-lock-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('data directory lock (PGlite has none of its own)', () => {
  it('refuses a second owner while the first runs, with a Japanese message naming the PID', async () => {
    // A live process other than us: our parent (vitest's main process).
    await writeFile(path.join(dir, 'app.lock'), String(process.ppid))
    await expect(lockDataDir(dir)).rejects.toThrow(`別のプロセス (PID ${process.ppid}) が使用中です`)
  })

  it('takes over a stale lock whose process is gone, and releases it', async () => {
    await writeFile(path.join(dir, 'app.lock'), '999999999')
    const release = await lockDataDir(dir)
    expect(await readFile(path.join(dir, 'app.lock'), 'utf8')).toBe(String(process.pid))
    await release()
    await expect(readFile(path.join(dir, 'app.lock'), 'utf8')).rejects.toThrow()
  })
})
