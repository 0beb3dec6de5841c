// The app's end of the embedded database's process (db/pglite-host.ts): starts it, supervises it (restart
// with back-off if it dies; it exits by itself when we do), and gives Kysely a driver that sends each query
// on the process's query lane (db/pglite-frames.ts). PGlite is a single session: statements outside a
// transaction are sent at once and run in arrival order; a transaction has the session to itself until it
// commits or rolls back.
import { type ChildProcess, fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { Duplex } from 'node:stream'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult } from 'kysely'
import { QUERY_LANE_FD, readFrames, writeFrame } from './pglite-frames'
import { postgresDialect, transactionsHoldingSession } from './pglite-session'
import type {
  DemoBuildInput,
  DemoBuildOutcome,
  DemoBuildProgress,
  HostControl,
  HostReply,
  HostRequest,
  SerializedDatabaseError,
} from './pglite-host'
import { isAlive } from './process-alive'

type Log = (message: string) => void

/** An error from the database process, shaped like the driver errors our error mapping reads. */
export class PGliteHostError extends Error {
  code?: string
  detail?: string
  constraint?: string
  table?: string
  column?: string
  constructor(serialized: SerializedDatabaseError) {
    super(serialized.message)
    Object.assign(this, serialized)
  }
}

/**
 * The host script beside this module: `.ts` under tsx/vitest, `.js` in the bundled build/ (build:server); and the
 * module it loads to build the national demo (app/models/demo/in-database.server.ts, bundled beside it).
 */
function hostScript(): { file: string; execArgv: string[]; demoModule: string } {
  const here = fileURLToPath(import.meta.url)
  const ext = path.extname(here)
  const file = path.join(path.dirname(here), `pglite-host${ext}`)
  if (!existsSync(file))
    throw new Error(`組み込みデータベースのプロセス ${file} が見つかりません（npm run build を実行してください）`)
  const demoModule =
    ext === '.ts'
      ? path.join(path.dirname(here), '..', 'app', 'models', 'demo', 'in-database.server.ts')
      : path.join(path.dirname(here), 'demo-in-database.js')
  // TypeScript runs through the tsx loader (the parent may be vitest, whose loader is not passed on).
  return { file, execArgv: ext === '.ts' ? ['--import', 'tsx'] : ['--enable-source-maps'], demoModule }
}

const PID_FILE = 'pglite-host.pid'
const RESTART_DELAYS_MS = [200, 1000, 2000, 5000, 10_000]
const READY_TIMEOUT_MS = 60_000

interface Pending {
  resolve: (reply: HostReply) => void
  reject: (error: Error) => void
}

/** The national demo being built in the database's process. */
export interface DemoBuildInDatabase {
  /** Settles when the build has ended: built, already built, or stopped after a batch (resumable). */
  done: Promise<DemoBuildOutcome>
  /** Asks the build to stop after its batch in progress; `done` says when it has. */
  stop(): void
}

export interface PGliteProcess {
  dialect: Dialect
  /**
   * Builds the national demo inside the database's process, beside the database (twice as fast as through
   * the lane), while the app's statements keep running. One build at a time.
   */
  buildDemo(
    input: DemoBuildInput,
    onProgress: (progress: DemoBuildProgress, statements: number) => void,
  ): Promise<DemoBuildInDatabase>
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>
  /** Closes the database (a checkpoint) and waits for the process to exit. */
  close(): Promise<void>
  /** The process id of the database process now (for tests and diagnostics). */
  readonly pid: number | undefined
}

/**
 * A database process left by an app that was killed exits as soon as it notices (its IPC channel closes),
 * after closing PGlite. Two writers would corrupt the directory, so a new start waits for it, and stops it
 * if it does not go.
 */
async function waitForPreviousHost(dataDir: string, log: Log): Promise<void> {
  const pidFile = path.join(dataDir, PID_FILE)
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim())
  if (!pid || pid === process.pid || !isAlive(pid)) return
  log(`前回の組み込みデータベースのプロセス (PID ${pid}) の終了を待っています…`)
  const deadline = Date.now() + 10_000
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** dataDir null = an in-memory database (nothing to recover after a crash: it starts empty). */
export async function startPGliteProcess(
  dataDir: string | null,
  { log = () => {} }: { log?: Log } = {},
): Promise<PGliteProcess> {
  // The process id is kept beside the database directory (PGlite owns the directory's contents).
  const pidDir = dataDir ? path.dirname(path.resolve(dataDir)) : null
  if (pidDir) await waitForPreviousHost(pidDir, log)
  const script = hostScript()

  let child: ChildProcess | null = null
  let nextId = 1
  const pending = new Map<number, Pending>()
  const listeners = new Map<string, Set<(payload: string) => void>>()
  let closed = false
  // Supervision starts once the first process has opened the database: a start that fails is reported.
  let supervised = false
  let restarts = 0
  // Resolves when a started process has opened the database; replaced on each restart.
  let ready: Promise<void>

  // The demo build in the database's process, if one runs: its progress and its end arrive on the IPC channel.
  let demoBuild: {
    onProgress: (progress: DemoBuildProgress, statements: number) => void
    resolve: (outcome: DemoBuildOutcome) => void
    reject: (error: Error) => void
  } | null = null

  const failPending = (error: Error) => {
    for (const { reject } of pending.values()) reject(error)
    pending.clear()
    demoBuild?.reject(error)
    demoBuild = null
  }

  const spawnHost = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const started = fork(script.file, [dataDir ?? 'memory://'], {
        execArgv: script.execArgv,
        serialization: 'advanced',
        // fd 3: the IPC channel (start-up, notifications, the app's end); fd 4: the query lane.
        stdio: ['ignore', 'inherit', 'inherit', 'ipc', 'pipe'],
      })
      child = started
      const lane = started.stdio[QUERY_LANE_FD] as Duplex
      lane.on('error', () => {}) // the process's exit is what counts (below)
      readFrames(lane, (message) => {
        const reply = message as HostReply
        if (!('id' in reply)) return
        const waiter = pending.get(reply.id)
        if (!waiter) return
        pending.delete(reply.id)
        waiter.resolve(reply)
      })
      const timer = setTimeout(() => {
        reject(new Error('組み込みデータベースが起動しませんでした（タイムアウト）'))
        started.kill('SIGKILL')
      }, READY_TIMEOUT_MS)
      started.on('message', (reply: HostReply) => {
        if (reply.op === 'ready') {
          clearTimeout(timer)
          restarts = 0
          const recorded = pidDir ? writeFile(path.join(pidDir, PID_FILE), String(reply.pid)) : Promise.resolve()
          void recorded.catch(() => {}).then(() => resolve())
          return
        }
        if (reply.op === 'start-failed') {
          clearTimeout(timer)
          reject(new Error(`組み込みデータベースを開けませんでした: ${reply.message}`))
          return
        }
        if (reply.op === 'notify') {
          for (const onNotify of listeners.get(reply.channel) ?? []) onNotify(reply.payload)
          return
        }
        if (reply.op === 'demo-progress') demoBuild?.onProgress(reply.progress, reply.statements)
        else if (reply.op === 'demo-done' || reply.op === 'demo-failed') {
          const build = demoBuild
          demoBuild = null
          if (reply.op === 'demo-done') build?.resolve({ status: reply.status, statements: reply.statements })
          else {
            const error = new PGliteHostError(reply.error)
            if (reply.stack) error.stack = reply.stack
            build?.reject(error)
          }
        }
      })
      started.on('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`組み込みデータベースのプロセスが終了しました (${signal ?? code})`))
        if (child !== started) return
        child = null
        failPending(new Error('組み込みデータベースのプロセスが終了したため、処理を完了できませんでした'))
        if (closed || !supervised) return
        // Supervised: a crash costs the statements in flight, never the app. The directory recovers from
        // PostgreSQL's write-ahead log on the next open.
        const delay = RESTART_DELAYS_MS[Math.min(restarts++, RESTART_DELAYS_MS.length - 1)]
        log(`組み込みデータベースのプロセスが終了しました (${signal ?? code})。${delay} ms 後に再起動します。`)
        ready = new Promise<void>((resolveRestart, rejectRestart) => {
          setTimeout(() => {
            if (closed) return rejectRestart(new Error('closed'))
            spawnHost().then(async () => {
              // Listeners hear the new process too. Not through send(): it waits for this very restart.
              for (const channel of listeners.keys()) await sendNow({ id: 0, op: 'listen', channel }).catch(() => {})
              log('組み込みデータベースのプロセスを再起動しました。')
              resolveRestart()
            }, rejectRestart)
          }, delay).unref()
        })
        // Nobody may be waiting on it; a failed restart is retried by its own exit handler.
        ready.catch(() => {})
      })
    })

  async function send(request: HostRequest): Promise<HostReply> {
    if (closed && request.op !== 'close') throw new Error('組み込みデータベースは停止しています')
    await ready
    return sendNow(request)
  }

  /** Sends to the process running now, without waiting for a restart (the restart itself uses it). */
  async function sendNow(request: HostRequest): Promise<HostReply> {
    const current = child
    if (!current?.connected) throw new Error('組み込みデータベースのプロセスに接続できません')
    const id = nextId++
    const reply = new Promise<HostReply>((resolve, reject) => pending.set(id, { resolve, reject }))
    writeFrame(current.stdio[QUERY_LANE_FD] as Duplex, { ...request, id })
    const answer = await reply
    if (answer.op === 'error') throw new PGliteHostError(answer.error)
    return answer
  }

  ready = spawnHost()
  await ready
  supervised = true

  // PGlite is one session, and the database process runs statements one at a time in the order they arrive.
  // Statements outside a transaction are sent as soon as they are asked for, several in flight at once: the
  // database process works through them while this process renders pages, instead of waiting for this
  // process's busy event loop to read each answer before the next statement may go (measured on the national
  // demo: the professional's home 37 → 63–76 req/s, the ministry's 課題 list 37 → 51–63; docs/BENCHMARKS.md).
  // A transaction needs the session to itself: it waits until the statements in flight are answered, and
  // statements of other callers wait until it commits or rolls back (as with one pooled connection).
  let owner: DatabaseConnection | null = null
  let inFlight = 0
  let released: Array<() => void> = []
  let drained: Array<() => void> = []
  const untilReleased = () => new Promise<void>((resolve) => released.push(resolve))
  const release = (conn: DatabaseConnection) => {
    if (owner !== conn) return
    owner = null
    const waiting = released
    released = []
    for (const resolve of waiting) resolve()
  }

  async function run<R>(conn: DatabaseConnection, query: CompiledQuery): Promise<QueryResult<R>> {
    while (owner !== null && owner !== conn) await untilReleased()
    const outside = owner !== conn
    if (outside) inFlight++
    try {
      const reply = await send({ id: 0, op: 'query', sql: query.sql, params: [...query.parameters] })
      if (reply.op !== 'result') throw new Error('組み込みデータベースから想定外の応答がありました')
      return {
        rows: reply.rows as R[],
        ...(reply.affectedRows ? { numAffectedRows: BigInt(reply.affectedRows) } : {}),
      }
    } finally {
      if (outside && --inFlight === 0) {
        const waiting = drained
        drained = []
        for (const resolve of waiting) resolve()
      }
    }
  }

  const newConnection = (): DatabaseConnection => {
    const conn: DatabaseConnection = {
      executeQuery: (query) => run(conn, query),
      async *streamQuery() {
        throw new Error('組み込みデータベースはストリーミング取得に対応していません')
      },
    }
    return conn
  }

  const driver: Driver = {
    async init() {},
    // A connection is only a handle: what one holds is decided when it begins a transaction.
    acquireConnection: async () => newConnection(),
    async releaseConnection(conn) {
      // Normally released at commit or rollback; also here, if a transaction ended without either.
      release(conn)
    },
    ...transactionsHoldingSession({
      async hold(conn) {
        while (owner !== null) await untilReleased()
        owner = conn
        while (inFlight > 0) await new Promise<void>((resolve) => drained.push(resolve))
      },
      letGo: release,
    }),
    async destroy() {},
  }

  const dialect = postgresDialect(driver)

  const control = (message: HostControl) => {
    if (!child?.connected) throw new Error('組み込みデータベースのプロセスに接続できません')
    child.send(message)
  }

  return {
    dialect,
    async buildDemo(input, onProgress) {
      if (demoBuild) throw new Error('デモデータの作成はすでに実行中です')
      const done = new Promise<DemoBuildOutcome>((resolve, reject) => (demoBuild = { onProgress, resolve, reject }))
      // The caller reads the outcome once this returns; a crash before that must not count as unhandled.
      done.catch(() => {})
      try {
        await ready
      } catch (error) {
        demoBuild = null
        throw error
      }
      control({ op: 'build-demo', module: script.demoModule, input })
      return {
        done,
        stop() {
          if (child?.connected) control({ op: 'stop-demo' })
        },
      }
    },
    get pid() {
      return child?.pid
    },
    async listen(channel, onNotify) {
      let set = listeners.get(channel)
      if (!set) {
        set = new Set()
        listeners.set(channel, set)
        await send({ id: 0, op: 'listen', channel })
      }
      set.add(onNotify)
      return async () => {
        set.delete(onNotify)
        if (set.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel)
          if (!closed) await send({ id: 0, op: 'unlisten', channel }).catch(() => {})
        }
      }
    },
    async close() {
      if (closed) return
      closed = true
      const current = child
      if (!current) return
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()))
      if (current.connected) await send({ id: 0, op: 'close' }).catch(() => {})
      const timer = setTimeout(() => current.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
      if (pidDir) await rm(path.join(pidDir, PID_FILE), { force: true })
    },
  }
}
