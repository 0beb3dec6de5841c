// The bundled Meilisearch runner: its own server in a temporary directory (not the shared test server),
// because these tests are about starting and stopping one.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureMasterKey, startMeilisearch } from '../../search/meili-server'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'meili-server-test-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('ensureMasterKey', () => {
  it('creates a 32-byte key readable by the owner only, then returns the same one', async () => {
    const keyDir = path.join(dir, 'keys')
    const key = await ensureMasterKey(keyDir)
    expect(Buffer.from(key, 'base64url')).toHaveLength(32)
    expect((await stat(path.join(keyDir, 'meili-master-key'))).mode & 0o777).toBe(0o600)
    expect(await ensureMasterKey(keyDir)).toBe(key)
  })

  it('replaces a key too short for production', async () => {
    const keyDir = path.join(dir, 'short')
    await ensureMasterKey(keyDir)
    await writeFile(path.join(keyDir, 'meili-master-key'), 'short\n')
    const key = await ensureMasterKey(keyDir)
    expect(key.length).toBeGreaterThanOrEqual(32)
    expect((await readFile(path.join(keyDir, 'meili-master-key'), 'utf8')).trim()).toBe(key)
  })
})

describe('startMeilisearch', () => {
  it('starts on a free port with the master key, refuses a second start on the same data, stops', async () => {
    const dataDir = path.join(dir, 'data')
    const masterKey = await ensureMasterKey(dataDir)
    const server = await startMeilisearch({ dataDir, masterKey })
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'available' })
      // The master key is enforced: no key, no index list.
      expect((await fetch(`${server.url}/indexes`)).status).toBe(401)
      const authorised = await fetch(`${server.url}/indexes`, { headers: { Authorization: `Bearer ${masterKey}` } })
      expect(authorised.status).toBe(200)
      expect(await readFile(path.join(dataDir, 'meili', 'meilisearch.log'), 'utf8')).toContain('/health')

      await expect(startMeilisearch({ dataDir, masterKey })).rejects.toThrow(/in use by pid/)
    } finally {
      await server.stop()
    }
    expect(isAlive(server.pid)).toBe(false)
    await server.stop() // a second stop is harmless
  }, 60_000)

  it('accepts a master key that starts with a dash (base64url keys can)', async () => {
    const dataDir = path.join(dir, 'dash-key')
    const masterKey = '-CdashLeadingKey_0123456789abcdefghijklmno'
    const server = await startMeilisearch({ dataDir, masterKey })
    try {
      const authorised = await fetch(`${server.url}/indexes`, { headers: { Authorization: `Bearer ${masterKey}` } })
      expect(authorised.status).toBe(200)
    } finally {
      await server.stop()
    }
  }, 60_000)

  it('fails clearly when the port is taken', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      await expect(
        startMeilisearch({ dataDir: path.join(dir, 'port'), masterKey: 'x'.repeat(32), port }),
      ).rejects.toThrow(`127.0.0.1:${port} is already in use`)
    } finally {
      blocker.close()
    }
  })

  it('fails with the log tail when Meilisearch exits early', async () => {
    // Production refuses a master key shorter than 16 bytes and exits at once.
    await expect(
      startMeilisearch({ dataDir: path.join(dir, 'prod'), masterKey: 'short', env: 'production' }),
    ).rejects.toThrow(/exited before becoming ready[\s\S]*at least 16 bytes/)
  }, 60_000)
})
