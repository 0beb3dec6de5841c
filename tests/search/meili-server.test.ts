// The bundled Meilisearch runner: its own server in a temporary directory (not the shared test server),
// because these tests are about starting and stopping one.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAlive } from '../../db/process-alive'
import { ensureMasterKey, startMeilisearch } from '../../search/meili-server'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'meili-server-test-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const health = async (url: string) => {
  try {
    return ((await (await fetch(`${url}/health`)).json()) as { status: string }).status
  } catch {
    return 'unreachable'
  }
}

/** The pids of a process's children, with their command lines. */
async function childrenOf(pid: number): Promise<Array<{ pid: number; cmdline: string }>> {
  const children = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== pid) continue
    const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ')
    children.push({ pid: Number(entry), cmdline })
  }
  return children
}

/** Another Node process that starts Meilisearch on dataDir and then idles, as the app does. */
async function startOwnerProcess(dataDir: string, masterKey: string) {
  const moduleUrl = new URL('../../search/meili-server.ts', import.meta.url).href
  const script = `import { startMeilisearch } from ${JSON.stringify(moduleUrl)}
const server = await startMeilisearch({ dataDir: ${JSON.stringify(dataDir)}, masterKey: ${JSON.stringify(masterKey)} })
console.log(JSON.stringify({ pid: server.pid, url: server.url }))
setInterval(() => {}, 1000)`
  const owner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const started = await new Promise<{ pid: number; url: string }>((resolve, reject) => {
    let out = ''
    owner.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve(JSON.parse(line) as { pid: number; url: string })
    })
    owner.once('exit', (code) => reject(new Error(`owner exited early (${code}): ${out}`)))
  })
  return { owner, meiliPid: started.pid, url: started.url }
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

  it('keeps the master key out of the command line (readable by every user through ps)', async () => {
    const dataDir = path.join(dir, 'cmdline')
    const masterKey = await ensureMasterKey(dataDir)
    const server = await startMeilisearch({ dataDir, masterKey })
    try {
      const cmdline = await readFile(`/proc/${server.pid}/cmdline`, 'utf8')
      expect(cmdline).toContain('meilisearch')
      expect(cmdline).not.toContain(masterKey)
      // It may index on every core (its own default is half of them).
      expect(cmdline.split('\0')).toContain(`--max-indexing-threads=${os.availableParallelism()}`)
      // …and the key is still enforced.
      expect((await fetch(`${server.url}/indexes`)).status).toBe(401)
      const authorised = await fetch(`${server.url}/indexes`, { headers: { Authorization: `Bearer ${masterKey}` } })
      expect(authorised.status).toBe(200)
    } finally {
      await server.stop()
    }
  }, 60_000)

  it('restarts Meilisearch on the same port and data when it is killed', async () => {
    const dataDir = path.join(dir, 'supervised')
    const masterKey = await ensureMasterKey(dataDir)
    const events: string[] = []
    const server = await startMeilisearch({ dataDir, masterKey, restartDelaysMs: [200], log: (m) => events.push(m) })
    try {
      const headers = { Authorization: `Bearer ${masterKey}`, 'Content-Type': 'application/json' }
      const created = await fetch(`${server.url}/indexes`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ uid: 'kept' }),
      })
      expect(created.status).toBe(202)
      await expect.poll(async () => (await fetch(`${server.url}/indexes/kept`, { headers })).status).toBe(200)

      const first = server.pid
      process.kill(first, 'SIGKILL')
      // The restarted child first (a health check sent at once may still reach the dying one), then its health.
      await expect.poll(() => server.pid, { timeout: 15_000, interval: 100 }).not.toBe(first)
      await expect.poll(() => health(server.url), { timeout: 15_000, interval: 100 }).toBe('available')
      expect(isAlive(first)).toBe(false)
      expect(events.join('\n')).toMatch(/exited unexpectedly \(code null, signal SIGKILL\)[\s\S]*is back on/)
      // Same data: the index created before the kill is still there.
      expect((await fetch(`${server.url}/indexes/kept`, { headers })).status).toBe(200)
      const pidFile = JSON.parse(await readFile(path.join(dataDir, 'meili', 'meilisearch.pid'), 'utf8')) as {
        pid: number
      }
      expect(pidFile.pid).toBe(server.pid)
    } finally {
      await server.stop()
    }
    expect(isAlive(server.pid)).toBe(false)
  }, 60_000)

  it('stops Meilisearch when the process that started it is killed with SIGKILL', async () => {
    const dataDir = path.join(dir, 'owner-killed')
    const { owner, meiliPid, url } = await startOwnerProcess(dataDir, await ensureMasterKey(dataDir))
    expect(await health(url)).toBe('available')
    owner.kill('SIGKILL')
    await expect.poll(() => isAlive(meiliPid), { timeout: 10_000, interval: 100 }).toBe(false)
  }, 60_000)

  it('takes over an orphaned instance of its own data on start', async () => {
    const dataDir = path.join(dir, 'orphan')
    const masterKey = await ensureMasterKey(dataDir)
    const { owner, meiliPid, url } = await startOwnerProcess(dataDir, masterKey)
    // Kill the watchdog first, then the owner: Meilisearch is left running with our port and pid file.
    const watchdogs = (await childrenOf(owner.pid!)).filter((child) => child.cmdline.includes('meilisearch-watchdog'))
    expect(watchdogs).toHaveLength(1)
    process.kill(watchdogs[0]!.pid, 'SIGKILL')
    owner.kill('SIGKILL')
    await new Promise((resolve) => owner.once('exit', resolve))
    expect(isAlive(meiliPid)).toBe(true)

    const events: string[] = []
    const port = Number(new URL(url).port)
    const server = await startMeilisearch({ dataDir, masterKey, port, log: (m) => events.push(m) })
    try {
      expect(isAlive(meiliPid)).toBe(false)
      expect(events.join('\n')).toContain(`Meilisearch (pid ${meiliPid}) was left running`)
      expect(server.url).toBe(url)
      expect(await health(server.url)).toBe('available')
    } finally {
      await server.stop()
    }
  }, 60_000)

  it('fails with the log tail when Meilisearch exits early', async () => {
    // Production refuses a master key shorter than 16 bytes and exits at once.
    await expect(
      startMeilisearch({ dataDir: path.join(dir, 'prod'), masterKey: 'short', env: 'production' }),
    ).rejects.toThrow(/exited before becoming ready[\s\S]*at least 16 bytes/)
  }, 60_000)
})
