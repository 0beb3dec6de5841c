// Statements prepared once per SQL text on the embedded database, then only bound and executed.
//
// PGlite's `query()` sends every statement through the whole extended protocol each time: Parse (parse,
// analyse), Describe, Bind, Describe, Execute, Sync, six trips into WebAssembly. Our SQL comes from Kysely, so
// a page repeats the same few texts with other parameters: preparing each text once under a name and then
// sending Bind + Execute + Sync in one message takes ~40 % of the time per statement (docs/BENCHMARKS.md).
// Parameters are serialized and values parsed exactly as `query()` does (same type serializers and parsers),
// so callers cannot tell the difference.
//
// Imports nothing of ours: it is bundled into the database's own process (build/pglite-host.js).
import { type PGlite, protocol, type Results } from '@electric-sql/pglite'

const serialize = protocol.serialize

interface Column {
  name: string
  dataTypeID: number
  parse: ((value: string, typeId: number) => unknown) | undefined
}

interface Prepared {
  name: string
  paramTypes: number[]
  /** The statement's columns, each with its type's parser (none for a statement that returns no rows). */
  columns: Column[]
  fields: Array<{ name: string; dataTypeID: number }>
}

/** The rows a CommandComplete tag reports (as PGlite's own result parser counts them). */
function affectedRowsOf(tag: string): number {
  const words = tag.split(' ')
  switch (words[0]) {
    case 'INSERT':
      return parseInt(words[2]!, 10)
    case 'UPDATE':
    case 'DELETE':
    case 'COPY':
    case 'MERGE':
      return parseInt(words[1]!, 10)
    default:
      return 0
  }
}

/** SQLSTATEs after which a named statement is gone or unusable, and is prepared afresh once. */
const PREPARE_AGAIN = new Set([
  '26000', // invalid_sql_statement_name: DEALLOCATE ALL / DISCARD ALL removed it
  '0A000', // feature_not_supported: "cached plan must not change result type" after a schema change
])

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

export class PreparedStatements {
  readonly #pglite: PGlite
  readonly #capacity: number
  /** SQL text → statement, in least-recently-used order (a Map keeps insertion order). */
  readonly #statements = new Map<string, Prepared>()
  #counter = 0

  constructor(pglite: PGlite, { capacity = 500 }: { capacity?: number } = {}) {
    this.#pglite = pglite
    this.#capacity = capacity
  }

  get size() {
    return this.#statements.size
  }

  /** Runs one statement with parameters, as `pglite.query(sql, params)` would. */
  query<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Results<Row>> {
    // One statement at a time on the one session: a Bind must never land between another caller's messages.
    return this.#pglite.runExclusive(async () => {
      try {
        return await this.#run<Row>(sql, params)
      } catch (error) {
        const code = (error as { code?: unknown }).code
        if (typeof code !== 'string' || !PREPARE_AGAIN.has(code)) throw error
        if (code === '26000') this.#statements.clear()
        else this.#statements.delete(sql)
        return await this.#run<Row>(sql, params)
      }
    })
  }

  async #run<Row>(sql: string, params: unknown[]): Promise<Results<Row>> {
    const statement = await this.#prepare(sql)
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null
      const serializer = this.#pglite.serializers[statement.paramTypes[index] ?? 0]
      return serializer ? serializer(value) : String(value)
    })
    const { messages } = await this.#pglite.execProtocol(
      concat([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]),
      { syncToFs: false },
    )
    await this.#pglite.syncToFs()
    // Rows are built here rather than by PGlite's parseResults, which copies its table of ~370 type parsers on
    // every call (0.13 ms a statement, more than binding and running a simple one); the values are the same.
    const { columns } = statement
    const rows: Record<string, unknown>[] = []
    let affectedRows = 0
    for (const message of messages) {
      if (message.name === 'dataRow') {
        const values = (message as unknown as { fields: Array<string | null> }).fields
        const row: Record<string, unknown> = {}
        for (let i = 0; i < columns.length; i++) {
          const column = columns[i]!
          const value = values[i] ?? null
          row[column.name] = value === null || !column.parse ? value : column.parse(value, column.dataTypeID)
        }
        rows.push(row)
      } else if (message.name === 'commandComplete') {
        affectedRows += affectedRowsOf((message as unknown as { text: string }).text)
      }
    }
    return { rows: rows as Row[], fields: statement.fields, affectedRows }
  }

  async #prepare(sql: string): Promise<Prepared> {
    const cached = this.#statements.get(sql)
    if (cached) {
      this.#statements.delete(sql)
      this.#statements.set(sql, cached)
      return cached
    }
    const name = `kysely_${++this.#counter}`
    const { messages } = await this.#pglite.execProtocol(
      concat([
        serialize.parse({ name, text: sql, types: [] }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    )
    const parameters = messages.find((message) => message.name === 'parameterDescription') as
      { dataTypeIDs: number[] } | undefined
    const description = messages.find((message) => message.name === 'rowDescription') as
      { fields: Array<{ name: string; dataTypeID: number }> } | undefined
    const fields = (description?.fields ?? []).map(({ name, dataTypeID }) => ({ name, dataTypeID }))
    const prepared: Prepared = {
      name,
      paramTypes: parameters?.dataTypeIDs ?? [],
      columns: fields.map((field) => ({ ...field, parse: this.#pglite.parsers[field.dataTypeID] })),
      fields,
    }
    this.#statements.set(sql, prepared)
    if (this.#statements.size > this.#capacity) {
      const [oldestSql, oldest] = this.#statements.entries().next().value as [string, Prepared]
      this.#statements.delete(oldestSql)
      await this.#pglite.execProtocol(concat([serialize.close({ type: 'S', name: oldest.name }), serialize.sync()]), {
        syncToFs: false,
      })
    }
    return prepared
  }
}
