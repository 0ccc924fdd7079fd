import type { Driver, DriverResult, HeldConnection } from './driver.js'

// node-postgres, described structurally: joinery never imports `pg` at run time.
interface PgQueryConfig {
  text: string
  values: (string | null)[]
  rowMode: 'array'
  types: { getTypeParser: () => (text: string) => string }
}

interface PgResult {
  rows: (string | null)[][]
  fields: { name: string; dataTypeID: number }[]
  rowCount: number | null
}

interface PgQueryable {
  query(config: PgQueryConfig): Promise<PgResult>
}

/** The part of a node-postgres `PoolClient` joinery uses. */
export interface PgPoolClientLike extends PgQueryable {
  release(destroy?: boolean | Error): void
}

/** The part of a node-postgres `Pool` joinery uses. */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgPoolClientLike>
  end(): Promise<void>
}

// Per query, not global: results stay Postgres text and joinery decodes them from the schema.
const types = Object.freeze({ getTypeParser: () => (text: string) => text })

async function run(target: PgQueryable, sql: string, parameters: readonly (string | null)[]): Promise<DriverResult> {
  const result = await target.query({ text: sql, values: parameters as (string | null)[], rowMode: 'array', types })
  return { rows: result.rows, fields: result.fields, rowCount: result.rowCount ?? result.rows.length }
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
      return {
        query: (sql, parameters) => run(client, sql, parameters),
        // A connection that lost its server is destroyed, not put back in the pool.
        release: (broken) => client.release(broken),
      }
    },
    destroy: () => pool.end(),
  }
}
