import { JoineryError } from '../errors.js'
import type { Driver, DriverField, DriverResult, HeldConnection, RowMapper } from './driver.js'

// node-postgres, described structurally: joinery never imports `pg` at run time.

/** The part of node-postgres' connection a submitted query writes to (what pg-cursor uses too). */
interface PgConnection {
  parse(message: { text: string }): void
  bind(message: { values: readonly (string | null)[] }): void
  describe(message: { type: 'P' }): void
  execute(message: object): void
  sync(): void
  query(text: string): void
  sendCopyFail(message: string): void
  readonly stream: { cork?(): void; uncork?(): void }
}

// The protocol messages a submitted query is handed (pg-protocol's parsed messages).
interface RowDescription {
  readonly fields: readonly DriverField[]
}
interface DataRow {
  readonly fields: readonly (string | null)[]
}
interface CommandComplete {
  readonly text: string
}

type Callback = (error: Error | null) => void

/**
 * One statement, handed to node-postgres as a "submittable" (the interface pg-cursor and
 * pg-query-stream use): the rows are the protocol parser's arrays of text, kept as they arrive,
 * with no Result object, no type parser per field and no copy of a query config per call.
 * Results are always requested as text, whatever the client's `binary` setting.
 */
class TextQuery {
  callback: Callback | undefined
  // Public, as on node-postgres' own queries: tracing tools that wrap `client.query` read them.
  readonly text: string
  readonly values: readonly (string | null)[]
  readonly #mapRows: RowMapper | undefined
  #map: ((row: readonly (string | null)[]) => unknown) | undefined
  #rows: unknown[] = []
  #fields: readonly DriverField[] = []
  #rowCount: number | undefined
  #mapFailure: { error: unknown } | undefined

  constructor(text: string, values: readonly (string | null)[], mapRows: RowMapper | undefined) {
    this.text = text
    this.values = values
    this.#mapRows = mapRows
  }

  submit(connection: PgConnection): null {
    // Without parameters the simple protocol runs the text as it is (several statements allowed),
    // as node-postgres does; with them: parse, bind, describe, execute, sync in one write.
    if (this.values.length === 0) {
      connection.query(this.text)
      return null
    }
    connection.stream.cork?.()
    try {
      connection.parse({ text: this.text })
      connection.bind({ values: this.values })
      connection.describe({ type: 'P' })
      connection.execute({})
      connection.sync()
    } finally {
      connection.stream.uncork?.()
    }
    return null
  }

  // Several statements in one simple query: the last one's rows are the result.
  handleRowDescription(message: RowDescription): void {
    this.#fields = message.fields
    this.#rows = []
    this.#map = this.#mapRows?.(this.#fields)
  }

  // Mapped as it arrives, while the server may still be producing the next rows. A row that
  // fails to map fails the query in result(), after the server is done: node-postgres sees a
  // success, so the connection goes back to the pool instead of being destroyed.
  handleDataRow(message: DataRow): void {
    const row = message.fields
    if (this.#map === undefined) this.#rows.push(row)
    else if (this.#mapFailure === undefined) {
      try {
        this.#rows.push(this.#map(row))
      } catch (error) {
        this.#mapFailure = { error }
      }
    }
  }

  // "SELECT 5", "INSERT 0 5", "UPDATE 5": the count is the last word, where there is one.
  handleCommandComplete(message: CommandComplete): void {
    const count = Number(message.text.slice(message.text.lastIndexOf(' ') + 1))
    this.#rowCount = Number.isInteger(count) ? count : undefined
  }

  handleEmptyQuery(): void {}

  handleError(error: Error): void {
    this.callback?.(error)
  }

  handleReadyForQuery(): void {
    this.callback?.(null)
  }

  /** What the statement returned, once the server is done with it. */
  result(): DriverResult {
    if (this.#mapFailure !== undefined) throw this.#mapFailure.error
    const rowCount = this.#rowCount ?? this.#rows.length
    if (this.#map === undefined) return { rows: this.#rows as (readonly (string | null)[])[], fields: this.#fields, rowCount }
    return { rows: [], fields: this.#fields, rowCount, mapped: this.#rows }
  }

  // Not reached: rows are never requested in pages.
  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail('joinery does not run COPY FROM STDIN')
  }

  handleCopyData(): void {}
}

interface PgResult {
  rows: (string | null)[][]
  fields: DriverField[]
  rowCount: number | null
}

// A pipelined client refuses submittables: it gets a query config that asks for text rows.
// node-postgres copies each own property of a query config on every query: the options all
// queries share sit on the prototype, the values go in as the second argument.
const textResults = Object.freeze({ rowMode: 'array', types: Object.freeze({ getTypeParser: () => (text: string) => text }) })

/** A pool or a client: `query` takes a submittable (a pool's returns a promise of its result) or a config. */
interface PgQueryable {
  query(query: TextQuery): unknown
  query(config: { text: string; rowMode: 'array' }, values: (string | null)[]): Promise<PgResult>
}

async function runConfig(target: PgQueryable, sql: string, parameters: readonly (string | null)[]): Promise<DriverResult> {
  const config = Object.assign(Object.create(textResults) as typeof textResults, { text: sql })
  const result = await target.query(config, parameters as (string | null)[])
  return { rows: result.rows, fields: result.fields, rowCount: result.rowCount ?? result.rows.length }
}

/** The part of a node-postgres `PoolClient` joinery uses. */
export interface PgPoolClientLike extends PgQueryable {
  release(destroy?: boolean | Error): void
  on(event: 'error', listener: (error: Error) => void): unknown
  removeListener(event: 'error', listener: (error: Error) => void): unknown
}

/** The part of a node-postgres `Pool` joinery uses. */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgPoolClientLike>
  end(): Promise<void>
  /** The pool's client options: node-postgres refuses custom query classes on pipelined clients. */
  readonly options?: { readonly pipeline?: boolean | undefined; readonly binary?: boolean | undefined }
}

/** One statement on a pooled client; the pool's own callback releases it, so the query has none yet. */
async function runOnPool(pool: PgPoolLike, query: TextQuery): Promise<DriverResult> {
  await pool.query(query)
  return query.result()
}

/** One statement on a held client: a client's `query` with a submittable returns it, not a promise. */
function runOnClient(client: PgPoolClientLike, sql: string, parameters: readonly (string | null)[], mapRows: RowMapper | undefined): Promise<DriverResult> {
  return new Promise((resolve, reject) => {
    const query = new TextQuery(sql, parameters, mapRows)
    query.callback = (error) => {
      if (error !== null) return reject(error)
      try {
        resolve(query.result())
      } catch (failure) {
        reject(failure)
      }
    }
    client.query(query)
  })
}

/** The error for a statement on a connection the server ended: it keeps the server's reason (e.g. 57P01). */
function connectionLostError(lost: Error): Error {
  const code = (lost as { code?: unknown }).code
  return Object.assign(new Error(`The database connection was lost: ${lost.message}`, { cause: lost }), typeof code === 'string' ? { code } : {})
}

/**
 * A driver over a node-postgres `Pool`: each query takes a pooled connection, and a transaction
 * holds one until it ends.
 * ```ts
 * const db = createDb(clinic, { driver: pgDriver(new Pool({ connectionString })) })
 * ```
 */
export function pgDriver(pool: PgPoolLike): Driver {
  const pipelined = pool.options?.pipeline === true
  if (pipelined && pool.options?.binary === true) {
    throw new JoineryError('pgDriver needs text results, and a pool with pipeline: true and binary: true can only return binary ones: drop one of the two options')
  }
  return {
    query: pipelined ? (sql, parameters) => runConfig(pool, sql, parameters) : (sql, parameters, mapRows) => runOnPool(pool, new TextQuery(sql, parameters, mapRows)),
    async acquire(): Promise<HeldConnection> {
      const client = await pool.connect()
      // While a client is checked out the pool does not listen for its errors: a connection the
      // server ends (pg_terminate_backend, a restart) would be an uncaught 'error' event.
      let lost: Error | undefined
      const onError = (error: Error) => {
        lost ??= error
      }
      client.on('error', onError)
      return {
        async query(sql, parameters, mapRows) {
          if (lost !== undefined) throw connectionLostError(lost)
          try {
            return await (pipelined ? runConfig(client, sql, parameters) : runOnClient(client, sql, parameters, mapRows))
          } catch (error) {
            throw lost !== undefined && error !== lost ? connectionLostError(lost) : error
          }
        },
        // A connection that lost its server is destroyed, not put back in the pool.
        release: (broken) => {
          client.removeListener('error', onError)
          client.release(broken || lost !== undefined)
        },
      }
    },
    destroy: () => pool.end(),
  }
}
