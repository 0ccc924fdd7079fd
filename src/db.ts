import type { Sql } from './builder/sql.js'
import { createSelect } from './builder/select.js'
import type { SelectQueryBuilder } from './builder/select.js'
import { CompileContext } from './compiler/context.js'
import type { CompiledQuery } from './compiler/compile.js'
import { compileExpression } from './compiler/expression.js'
import { rowDecoder } from './decode/rows.js'
import type { Driver, DriverResult } from './driver/driver.js'
import { JoineryError, toDatabaseError } from './errors.js'
import type { Executor } from './executor.js'
import type { Schema } from './schema/schema.js'
import type { Refs, RowOf } from '../types/select.js'

/** What `log` receives once per query. */
export interface QueryLogEvent {
  readonly sql: string
  readonly parameters: readonly (string | null)[]
  readonly durationMs: number
  /** Rows returned or written; undefined when the query failed. */
  readonly rowCount: number | undefined
  /** The error the query failed with, if it did. */
  readonly error: unknown
}

export interface DbOptions {
  driver: Driver
  /** Called once per query, after it ran or failed. */
  log?: (event: QueryLogEvent) => void
}


/** The entry point: `createDb(schema, { driver })`. */
export interface Database<S extends Schema> {
  readonly schema: S
  /**
   * Starts a select query on a table of the schema.
   * ```ts
   * await db.selectFrom('people').select(['id', 'name']).where('name', 'like', 'R%').execute()
   * ```
   */
  selectFrom<T extends keyof S['~tables'] & string>(table: T): SelectQueryBuilder<S, T, Refs<T, RowOf<S, T>>>
  /**
   * Runs a raw statement from the `sql` tag and returns its rows, decoded by their database types.
   * ```ts
   * await db.execute(sql<{ n: number }>`select count(*)::int as n from people where name = ${name}`)
   * ```
   */
  execute<T>(query: Sql<T>): Promise<T[]>
  /** Closes the driver (the pool, or the PGlite database). */
  destroy(): Promise<void>
}

function executor(schema: Schema, options: DbOptions): Executor {
  const { driver, log } = options
  return {
    schema: schema.meta,
    async run(query: CompiledQuery): Promise<DriverResult> {
      const start = performance.now()
      let result: DriverResult | undefined
      let failure: unknown
      try {
        result = await driver.query(query.sql, query.parameters)
        return result
      } catch (error) {
        failure = toDatabaseError(error, query.sql, query.parameters)
        throw failure
      } finally {
        log?.({ sql: query.sql, parameters: query.parameters, durationMs: performance.now() - start, rowCount: result?.rowCount, error: failure })
      }
    },
  }
}

/**
 * Connects a schema to a database through a driver.
 * ```ts
 * const db = createDb(clinic, { driver: pgliteDriver(new PGlite()) })
 * ```
 */
export function createDb<S extends Schema>(schema: S, options: DbOptions): Database<S> {
  if (schema?.meta?.tables === undefined) throw new JoineryError('createDb() takes a schema made with schema({...}).')
  if (typeof options?.driver?.query !== 'function') throw new JoineryError('createDb() needs { driver }: pgDriver(pool) or pgliteDriver(pglite).')
  const exec = executor(schema, options)
  return Object.freeze({
    schema,
    selectFrom: (table: string) => createSelect(exec, table),
    async execute(query: Sql<unknown>) {
      if (query?.node === undefined) throw new JoineryError('db.execute() takes a query from the sql tag: db.execute(sql`select 1`).')
      const ctx = new CompileContext(schema.meta)
      compileExpression(query.node, ctx, { from: '', tables: new Map(), parent: undefined })
      const result = await exec.run(Object.freeze({ sql: ctx.sql, parameters: Object.freeze(ctx.parameters) }))
      const decode = rowDecoder(result.fields.map((f) => f.name), [], result.fields)
      return result.rows.map(decode)
    },
    destroy: () => options.driver.destroy(),
  }) as unknown as Database<S>
}
