// Kysely over postgres.js, with a pool of our own so that a connection the server has closed is never
// written to again.
//
// Why not postgres.js's own `reserve()` (what kysely-postgres-js uses for every query): in postgres.js 3.4.9
// a reserved connection whose backend is terminated (a server restart, a failover, pg_terminate_backend)
// keeps being handed queries after its socket is gone — the failed transaction's ROLLBACK, the next
// statement of a transaction, or the next query once `release()` has put the dead connection back in the
// open queue. The write is deferred to a setImmediate that dereferences the null socket, an exception no
// caller can catch, and the process exits (upstream porsager/postgres#1154, #1208; unfixed in 3.4.9).
// A query written between a socket's 'error' and its 'close' is never settled either: it hangs.
//
// The pool path of postgres.js is safe: a closed connection moves to its `closed` queue and the next query
// reconnects. So each Kysely connection here is its own postgres.js instance with `max: 1`, used only
// through that path, and leased to one Kysely connection at a time:
// - We open its socket ourselves (postgres.js's documented `socket` option) and learn the moment it fails
//   or closes, before postgres.js settles the queries. A lease whose connection is gone sends nothing more:
//   its statements fail at once instead of the instance silently reconnecting (which would run the rest
//   of a transaction outside it), and its ROLLBACK succeeds without a round trip, because the server has
//   already rolled the transaction back.
// - An instance whose connection is gone is discarded, not reused: the same driver can leave a stale write
//   timer behind after a close, which stalls the next connection attempt.
// - postgres.js's own `max_lifetime` could end a connection between two statements of a transaction, so
//   it is off, and instances are rotated here between leases instead.
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
} from 'kysely'
import net from 'node:net'
import postgres from 'postgres'

export interface PostgresPoolConfig {
  url: string
  /** Connections at most (one postgres.js instance each). */
  max: number
  options?: postgres.Options<Record<string, postgres.PostgresType>>
  /** A connection is replaced after this long (30–60 min by default, as postgres.js does). */
  maxLifetimeMs?: () => number
}

interface PooledClient {
  sql: postgres.Sql<Record<string, unknown>>
  /** The one connection of this instance failed or closed: never send it anything again. */
  closed: boolean
  expiresAt: number
}

/** Errors after which the connection is gone (the server ended the session or the socket failed). */
export function isConnectionLost(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false
  const { code, severity } = error as { code?: unknown; severity?: unknown }
  if (severity === 'FATAL' || severity === 'PANIC') return true
  if (typeof code !== 'string') return false
  return (
    code.startsWith('CONNECTION_') || // postgres.js: CONNECTION_CLOSED, _DESTROYED, _ENDED
    code.startsWith('08') || // SQLSTATE class 08: connection exception
    ['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'CONNECT_TIMEOUT'].includes(code)
  )
}

function connectionLostError(): Error {
  return Object.assign(new Error('The database connection was lost during this unit of work'), {
    code: 'CONNECTION_CLOSED',
  })
}

const ROLLBACK = /^\s*rollback\s*;?\s*$/i

class PooledConnection implements DatabaseConnection {
  #lost = false
  succeeded = false

  constructor(readonly client: PooledClient) {}

  get lost(): boolean {
    return this.#lost || this.client.closed
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.lost) {
      this.#lost = true
      // The server ends a session's transaction with it; nothing is left to roll back.
      if (ROLLBACK.test(compiledQuery.sql)) return { rows: [] }
      throw connectionLostError()
    }
    try {
      const result = await this.client.sql.unsafe(compiledQuery.sql, [...compiledQuery.parameters] as never[])
      const { command, count } = result
      this.succeeded = true
      return {
        numAffectedRows:
          command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE'
            ? BigInt(count)
            : undefined,
        rows: Array.from(result.values()) as R[],
      }
    } catch (error) {
      if (isConnectionLost(error)) this.#markLost()
      throw error
    }
  }

  #markLost(): void {
    this.#lost = true
    this.client.closed = true
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.lost) throw connectionLostError()
    const query = this.client.sql.unsafe(compiledQuery.sql, [...compiledQuery.parameters] as never[])
    try {
      for await (const rows of query.cursor(chunkSize)) yield { rows: rows as unknown as R[] }
    } catch (error) {
      if (isConnectionLost(error)) this.#markLost()
      throw error
    }
  }
}

const defaultLifetimeMs = () => 60_000 * (30 + Math.random() * 30)

type ParsedOptions = postgres.Sql['options'] & { shared: { retries: number; typeArrayMap: object }; parameters: object }

// Transactions and savepoints are plain SQL on the leased connection: PostgresDriver's own methods serve.
class PostgresPoolDriver extends PostgresDriver implements Driver {
  readonly #config: PostgresPoolConfig
  readonly #idle: PooledClient[] = []
  readonly #leased = new Set<PooledClient>()
  readonly #waiting: Array<{ resolve: (client: PooledClient) => void; reject: (error: Error) => void }> = []
  /**
   * The parsed options of the first instance that finished connecting, array parsers included. postgres.js
   * fetches the array types once per connection with an internal query that nobody awaits: a connection
   * lost during that query is an unhandled rejection (the process exits). Later instances reuse these
   * options and skip the fetch.
   */
  #typed: ParsedOptions | undefined
  #destroyed = false

  constructor(config: PostgresPoolConfig) {
    super({ pool: {} as never })
    this.#config = config
  }

  override async init(): Promise<void> {}

  #create(): PooledClient {
    const client: PooledClient = {
      closed: false,
      expiresAt: Date.now() + (this.#config.maxLifetimeMs ?? defaultLifetimeMs)(),
      sql: undefined as never,
    }
    const markClosed = () => {
      client.closed = true
    }
    let attempt = 0
    const own = {
      max: 1,
      max_lifetime: null,
      onclose: markClosed,
      // Our listeners come first, so the client is marked before postgres.js settles any query.
      // (With TLS postgres.js swaps in its own socket and only onclose remains.)
      socket: ({ host, port, path }: { host: string[]; port: number[]; path?: string | false }) => {
        const index = attempt++ % host.length
        const socket = path ? net.connect(path) : net.connect(port[index] ?? port[0]!, host[index])
        // postgres.js names the server in its errors from these, as it does for the sockets it opens.
        Object.assign(socket, { host: host[index], port: port[index] ?? port[0] })
        socket.once('error', markClosed)
        socket.once('close', markClosed)
        return socket
      },
    }
    // postgres.js takes an already parsed options object (one with `shared`) as it is.
    client.sql = this.#typed
      ? postgres({
          ...this.#typed,
          ...own,
          fetch_types: false,
          parameters: {},
          shared: { retries: 0, typeArrayMap: this.#typed.shared.typeArrayMap },
        } as never)
      : postgres(this.#config.url, { ...this.#config.options, ...own } as never)
    return client
  }

  /**
   * Ends an instance gracefully, with no deadline: forcing it would reject whatever a dead connection still
   * holds, possibly that internal query; left alone, a dead instance holds no socket or timer.
   */
  #discard(client: PooledClient): void {
    void client.sql.end().catch(() => {})
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#destroyed) throw new Error('driver has already been destroyed')
    let client = this.#idle.pop()
    if (!client && this.#idle.length + this.#leased.size < this.#config.max) client = this.#create()
    client ??= await new Promise<PooledClient>((resolve, reject) => this.#waiting.push({ resolve, reject }))
    if (client.closed || Date.now() >= client.expiresAt) {
      this.#discard(client)
      client = this.#create()
    }
    this.#leased.add(client)
    return new PooledConnection(client)
  }

  override async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const pooled = connection as PooledConnection
    let client = pooled.client
    this.#leased.delete(client)
    if (this.#destroyed) return this.#discard(client)
    // After a query has succeeded, the connection's type fetch is done and its parsers are complete.
    if (!this.#typed && pooled.succeeded && !client.closed) this.#typed = client.sql.options as ParsedOptions
    if (client.closed) {
      this.#discard(client)
      client = this.#create()
    }
    const waiter = this.#waiting.shift()
    if (waiter) {
      waiter.resolve(client)
    } else {
      this.#idle.push(client)
    }
  }

  override async destroy(): Promise<void> {
    this.#destroyed = true
    for (const waiter of this.#waiting.splice(0)) waiter.reject(new Error('driver has already been destroyed'))
    const clients = [...this.#idle.splice(0), ...this.#leased]
    this.#leased.clear()
    // Live connections get a few seconds to finish their query; dead ones are not waited for.
    await Promise.all(
      clients.map((client) => (client.closed ? this.#discard(client) : client.sql.end({ timeout: 5 }).catch(() => {}))),
    )
  }
}

export class PostgresPoolDialect implements Dialect {
  constructor(private readonly config: PostgresPoolConfig) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter()
  }

  createDriver(): Driver {
    return new PostgresPoolDriver(this.config)
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }
}
