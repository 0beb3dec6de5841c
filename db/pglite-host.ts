// The embedded database's own process: PGlite (PostgreSQL compiled to WebAssembly) opened on one data
// directory, answering the app over Node's IPC channel (db/pglite-process.ts is the other end).
//
// Why a process of its own: PGlite runs every query on the thread that owns it. In the app's process that
// is the event loop, so each query stalls every page being rendered, and its WebAssembly memory (several
// hundred MB) is counted in the app's RSS. Here the queries run on the second core, as they would on a
// PostgreSQL server, and the app process stays small (docs/BENCHMARKS.md).
//
// It imports nothing of ours but its statement cache and frames: it is bundled on its own into
// build/pglite-host.js. Requests and their answers travel on the query lane (db/pglite-frames.ts); the IPC
// channel says when the database is ready, carries notifications, and tells of the app's end.
import net from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { QUERY_LANE_FD, readFrames, writeFrame } from './pglite-frames'
import { PreparedStatements } from './pglite-prepared'

export type HostRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'listen'; channel: string }
  | { id: number; op: 'unlisten'; channel: string }
  | { id: number; op: 'close' }

export type HostReply =
  | { op: 'ready'; pid: number }
  | { op: 'start-failed'; message: string }
  | { id: number; op: 'result'; rows: unknown[]; affectedRows?: number }
  | { id: number; op: 'error'; error: SerializedDatabaseError }
  | { op: 'notify'; channel: string; payload: string }

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
  const send = (reply: HostReply) => process.send?.(reply)
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
  const unlisteners = new Map<string, () => Promise<void>>()
  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      for (const unlisten of unlisteners.values()) await unlisten().catch(() => {})
      if (!pglite.closed) await pglite.close()
    })())

  const lane = new net.Socket({ fd: QUERY_LANE_FD, readable: true, writable: true })
  // A lane that fails (the app gone) ends nothing by itself: the IPC channel's end closes the database.
  lane.on('error', () => {})
  const answer = (reply: HostReply) => new Promise<void>((resolve) => writeFrame(lane, reply, resolve))
  readFrames(lane, (message) => void handle(message as HostRequest))

  async function handle(request: HostRequest) {
    try {
      switch (request.op) {
        case 'query': {
          const result = await statements.query(request.sql, request.params)
          answer({ id: request.id, op: 'result', rows: result.rows, affectedRows: result.affectedRows })
          break
        }
        case 'exec': {
          await pglite.exec(request.sql)
          answer({ id: request.id, op: 'result', rows: [] })
          break
        }
        case 'listen': {
          if (!unlisteners.has(request.channel)) {
            const unlisten = await pglite.listen(request.channel, (payload) =>
              send({ op: 'notify', channel: request.channel, payload }),
            )
            unlisteners.set(request.channel, unlisten)
          }
          answer({ id: request.id, op: 'result', rows: [] })
          break
        }
        case 'unlisten': {
          await unlisteners.get(request.channel)?.()
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
