// The embedded database's own process: PGlite (PostgreSQL compiled to WebAssembly) opened on one data
// directory, answering the app over Node's IPC channel (db/pglite-process.ts is the other end).
//
// Why a process of its own: PGlite runs every query on the thread that owns it. In the app's process that
// is the event loop, so each query stalls every page being rendered, and its WebAssembly memory (several
// hundred MB) is counted in the app's RSS. Here the queries run on the second core, as they would on a
// PostgreSQL server, and the app process stays small (docs/BENCHMARKS.md).
//
// It imports nothing of ours but its statement cache, session lock and frames: it is bundled on its own into
// build/pglite-host.js. Requests and their answers travel on the query lane (db/pglite-frames.ts); the IPC
// channel says when the database is ready, carries notifications, and tells of the app's end.
//
// Work that is all statements and no pages, the national demo's build, runs here on request, beside the app's
// statements on the same session (db/session-lock.ts): its module is loaded only when asked for
// (app/models/demo/in-database.server.ts, bundled into build/demo-in-database.js).
import net from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { QUERY_LANE_FD, readFrames, writeFrame } from './pglite-frames'
import { PreparedStatements } from './pglite-prepared'
import { SessionLock, transactionControl } from './session-lock'

export type HostRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'listen'; channel: string }
  | { id: number; op: 'unlisten'; channel: string }
  | { id: number; op: 'close' }

/** Asked on the IPC channel: build the national demo here (one build at a time), or stop it after its batch. */
export type HostControl = { op: 'build-demo'; module: string; input: DemoBuildInput } | { op: 'stop-demo' }

/** What the demo's build is given from the app (the rest it reads from the database). */
export interface DemoBuildInput {
  professionals?: number
  appUrl: string
  dataDir: string
  /** The day it is built for (YYYY-MM-DD); today in Tokyo by default (tests fix it). */
  today?: string
}

/** How a demo build ended: built, found built already, or stopped after a batch (resumable); its statements. */
export interface DemoBuildOutcome {
  status: 'built' | 'already-built' | 'stopped'
  statements: number
}

/** The demo build's progress as the generator reports it. */
export interface DemoBuildProgress {
  phase: string
  label: string
  done: number
  total: number
}

export type HostReply =
  | { op: 'ready'; pid: number }
  | { op: 'start-failed'; message: string }
  | { id: number; op: 'result'; rows: unknown[]; affectedRows?: number }
  | { id: number; op: 'error'; error: SerializedDatabaseError }
  | { op: 'notify'; channel: string; payload: string }
  | { op: 'demo-progress'; progress: DemoBuildProgress; statements: number }
  | ({ op: 'demo-done' } & DemoBuildOutcome)
  | { op: 'demo-failed'; error: SerializedDatabaseError; stack?: string }

/** The module that builds the demo in this process (app/models/demo/in-database.server.ts). */
export interface DemoBuildModule {
  buildNationalDemoInDatabase(
    session: { statements: PreparedStatements; lock: SessionLock },
    input: DemoBuildInput,
    events: { onProgress(progress: DemoBuildProgress, statements: number): void; shouldStop(): boolean },
  ): Promise<DemoBuildOutcome>
}

/** A PostgreSQL error as plain data: the fields our error mapping reads (code, constraint…) survive IPC. */
export interface SerializedDatabaseError {
  message: string
  name: string
  code?: string
  detail?: string
  hint?: string
  constraint?: string
  table?: string
  column?: string
  schema?: string
  dataType?: string
  severity?: string
  position?: string
}

/** How long closing the database may take once the app is gone, before the process exits regardless. */
const CLOSE_DEADLINE_MS = 20_000

// int8 (count(*), bigint ids) as JS numbers, as on the server backend (db/client.ts).
const INT8_OID = 20

const ERROR_FIELDS = [
  'code',
  'detail',
  'hint',
  'constraint',
  'table',
  'column',
  'schema',
  'dataType',
  'severity',
  'position',
] as const

function serializeError(error: unknown): SerializedDatabaseError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
  const serialized: SerializedDatabaseError = { name: error.name, message: error.message }
  for (const field of ERROR_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field]
    if (typeof value === 'string') serialized[field] = value
  }
  return serialized
}

async function main() {
  // Nothing is sent once the app has gone (a build that ends while the database closes must not throw here).
  const send = (reply: HostReply) => {
    if (process.connected) process.send?.(reply)
  }
  const dataDir = process.argv[2]
  if (!dataDir || !process.send) {
    console.error('pglite-host: started without a data directory or an IPC channel')
    process.exit(2)
  }

  let pglite: PGlite
  try {
    pglite = await PGlite.create({ dataDir, parsers: { [INT8_OID]: (value: string) => Number(value) } })
  } catch (error) {
    send({ op: 'start-failed', message: error instanceof Error ? error.message : String(error) })
    process.exit(1)
  }

  const statements = new PreparedStatements(pglite)
  const lock = new SessionLock()
  const unlisteners = new Map<string, () => Promise<void>>()
  // The national demo's build running here, if any: stopped after its batch before the database closes.
  let demo: { stopping: boolean; done: Promise<void> } | null = null
  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      if (demo) {
        demo.stopping = true
        await demo.done
      }
      // An app that went away in the middle of a transaction never ends it: closing rolls it back.
      laneTransaction?.()
      laneTransaction = null
      await lock.run(async () => {
        for (const unlisten of unlisteners.values()) await unlisten().catch(() => {})
        if (!pglite.closed) await pglite.close()
      })
    })())

  // The app's transaction in progress on the lane: it holds the session from its BEGIN to its COMMIT or
  // ROLLBACK. The app's driver sends nothing else meanwhile (db/pglite-process.ts), so what arrives on the
  // lane while it is held belongs to it.
  let laneTransaction: (() => void) | null = null
  async function laneQuery(sql: string, params: unknown[]) {
    const control = transactionControl(sql)
    if (laneTransaction) {
      const release = laneTransaction
      try {
        const result = await statements.query(sql, params)
        if (control === 'commit') {
          laneTransaction = null
          release()
        }
        return result
      } finally {
        if (control === 'rollback') {
          laneTransaction = null
          release()
        }
      }
    }
    if (control !== 'begin') return lock.run(() => statements.query(sql, params))
    const release = await lock.acquire()
    try {
      const result = await statements.query(sql, params)
      laneTransaction = release
      return result
    } catch (error) {
      release()
      throw error
    }
  }

  /** Work that is not a statement of the app's transaction: inside it, if one is open; else holding the session. */
  const onSession = <T>(work: () => Promise<T>): Promise<T> => (laneTransaction ? work() : lock.run(work))

  function buildDemo(module: string, input: DemoBuildInput) {
    if (demo || closing) return
    const running = { stopping: false, done: Promise.resolve() }
    demo = running
    running.done = (async () => {
      try {
        const { buildNationalDemoInDatabase } = (await import(module)) as DemoBuildModule
        const result = await buildNationalDemoInDatabase({ statements, lock }, input, {
          onProgress: (progress, count) => send({ op: 'demo-progress', progress, statements: count }),
          shouldStop: () => running.stopping,
        })
        send({ op: 'demo-done', ...result })
      } catch (error) {
        send({
          op: 'demo-failed',
          error: serializeError(error),
          ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
        })
      } finally {
        demo = null
      }
    })()
  }
  process.on('message', (message: HostControl) => {
    if (message.op === 'build-demo') buildDemo(message.module, message.input)
    else if (message.op === 'stop-demo' && demo) demo.stopping = true
  })

  const lane = new net.Socket({ fd: QUERY_LANE_FD, readable: true, writable: true })
  // A lane that fails (the app gone) ends nothing by itself: the IPC channel's end closes the database.
  lane.on('error', () => {})
  const answer = (reply: HostReply) => new Promise<void>((resolve) => writeFrame(lane, reply, resolve))
  readFrames(lane, (message) => void handle(message as HostRequest))

  async function handle(request: HostRequest) {
    try {
      switch (request.op) {
        case 'query': {
          const result = await laneQuery(request.sql, request.params)
          answer({ id: request.id, op: 'result', rows: result.rows, affectedRows: result.affectedRows })
          break
        }
        case 'exec': {
          await onSession(() => pglite.exec(request.sql))
          answer({ id: request.id, op: 'result', rows: [] })
          break
        }
        case 'listen': {
          if (!unlisteners.has(request.channel)) {
            const unlisten = await onSession(() =>
              pglite.listen(request.channel, (payload) => send({ op: 'notify', channel: request.channel, payload })),
            )
            unlisteners.set(request.channel, unlisten)
          }
          answer({ id: request.id, op: 'result', rows: [] })
          break
        }
        case 'unlisten': {
          const unlisten = unlisteners.get(request.channel)
          if (unlisten) await onSession(unlisten)
          unlisteners.delete(request.channel)
          answer({ id: request.id, op: 'result', rows: [] })
          break
        }
        case 'close': {
          await close()
          await answer({ id: request.id, op: 'result', rows: [] })
          process.disconnect()
          break
        }
      }
    } catch (error) {
      answer({ id: request.id, op: 'error', error: serializeError(error) })
    }
  }

  // The app went away (stopped, crashed or killed): flush and close the database, then exit, so that no
  // orphan keeps the data directory open for the next start. A close that hangs (its directory deleted, the
  // machine overloaded) must not keep the process alive either: PostgreSQL's WAL recovers on the next open.
  const exitAfterClose = () => {
    setTimeout(() => process.exit(1), CLOSE_DEADLINE_MS).unref()
    void close().finally(() => process.exit(0))
  }
  process.on('disconnect', exitAfterClose)
  // Belt and braces: if the IPC channel's end is missed, a change of parent (re-parented to init) says the
  // app is gone.
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) exitAfterClose()
  }, 1000).unref()
  // Signals go to the whole process group on Ctrl-C: let the app decide when the database closes.
  process.on('SIGINT', () => {})
  process.on('SIGTERM', exitAfterClose)

  send({ op: 'ready', pid: process.pid })
}

void main()
