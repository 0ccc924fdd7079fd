import type { Driver, DriverResult, HeldConnection } from './driver.js'

// node-postgres, described structurally: joinery never imports `pg` at run time.
interface PgQueryConfig {
  text: string
  rowMode: 'array'
  types: { getTypeParser: () => (text: string) => string }
}

interface PgResult {
  rows: (string | null)[][]
  fields: { name: string; dataTypeID: number }[]
  rowCount: number | null
}

interface PgQueryable {
  query(config: PgQueryConfig, values: (string | null)[]): Promise<PgResult>
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
}

// Per query, not global: results stay Postgres text and joinery decodes them from the schema.
// node-postgres copies each own property of a query config on every query, and slowly: the
// options all queries share sit on the prototype, the values go in as the second argument.
const textResults = Object.freeze({ rowMode: 'array', types: Object.freeze({ getTypeParser: () => (text: string) => text }) })

async function run(target: PgQueryable, sql: string, parameters: readonly (string | null)[]): Promise<DriverResult> {
  const config: PgQueryConfig = Object.assign(Object.create(textResults) as typeof textResults, { text: sql })
  const result = await target.query(config, parameters as (string | null)[])
  return { rows: result.rows, fields: result.fields, rowCount: result.rowCount ?? result.rows.length }
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
  return {
    query: (sql, parameters) => run(pool, sql, parameters),
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
        async query(sql, parameters) {
          if (lost !== undefined) throw connectionLostError(lost)
          try {
            return await run(client, sql, parameters)
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
