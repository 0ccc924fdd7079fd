import { sql } from './builder/sql.js'
import type { Sql } from './builder/sql.js'
import { createTablesSql } from './ddl/create.js'
import { createSelect } from './builder/select.js'
import type { SelectQueryBuilder } from './builder/select.js'
import { createDelete, createInsert, createUpdate } from './builder/write.js'
import type { DeleteQueryBuilder, InsertStart, UpdateQueryBuilder } from './builder/write.js'
import { CompileContext } from './compiler/context.js'
import type { CompiledQuery } from './compiler/compile.js'
import { compileExpression } from './compiler/expression.js'
import { rowDecoder } from './decode/rows.js'
import type { Connection, Driver, DriverResult, RowMapper } from './driver/driver.js'
import { JoineryError, toDatabaseError } from './errors.js'
import type { Executor } from './executor.js'
import type { Schema } from './schema/schema.js'
import type { Refs } from '../types/select.js'
import type { ReadColumns } from '../types/row.js'
import { withMethods } from './builder/cte.js'
import type { CteStarters } from './builder/cte.js'

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

export type IsolationLevel = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable'

export interface TransactionOptions {
  isolation?: IsolationLevel
  readOnly?: boolean
}

/** `unknown` for a table that can be written; an error naming it for a read-only one (a view). */
type Writable<Tb, T extends string> = Tb extends { readonly '~readOnly': true } ? { error: `table "${T}" is read-only (a view, or marked .readOnly())` } : unknown

/** Everything that runs queries: the database, and a transaction. */
export interface QueryMethods<S extends Schema> extends CteStarters<S> {
  /**
   * Starts a select query on a table of the schema.
   * ```ts
   * await db.selectFrom('people').select(['id', 'name']).where('name', 'like', 'R%').execute()
   * ```
   */
  selectFrom<T extends keyof S['~tables'] & string>(table: T): SelectQueryBuilder<S, T, Refs<T, ReadColumns<S, T>>>
  /**
   * Starts an insert: `db.insertInto('people').values({ name: 'Reuven' }).returning(['id']).execute()`.
   */
  insertInto<T extends keyof S['~tables'] & string>(table: T & Writable<S['~tables'][T], T>): InsertStart<S, T>
  /**
   * Starts an update; it needs where() (or allRows()) before it runs.
   * `db.updateTable('people').set({ name: 'R.' }).where('id', '=', 2).execute()`
   */
  updateTable<T extends keyof S['~tables'] & string>(table: T & Writable<S['~tables'][T], T>): UpdateQueryBuilder<S, T>
  /**
   * Starts a delete; it needs where() (or allRows()) before it runs.
   * `db.deleteFrom('appointments').where('meetingAt', '<', cutoff).execute()`
   */
  deleteFrom<T extends keyof S['~tables'] & string>(table: T & Writable<S['~tables'][T], T>): DeleteQueryBuilder<S, T>
  /**
   * Runs a raw statement from the `sql` tag and returns its rows, decoded by their database types.
   * ```ts
   * await db.execute(sql<{ n: number }>`select count(*)::int as n from people where name = ${name}`)
   * ```
   */
  execute<T>(query: Sql<T>): Promise<T[]>
}

/** A transaction: the same query methods, on one connection, and nested transactions (savepoints). */
export interface Transaction<S extends Schema> extends QueryMethods<S> {
  /** A savepoint: rolled back alone when `fn` throws (and the error rethrown), released when it returns. */
  transaction<R>(fn: (tx: Transaction<S>) => Promise<R>): Promise<R>
}

/** The entry point: `createDb(schema, { driver })`. */
export interface Database<S extends Schema> extends QueryMethods<S> {
  readonly schema: S
  /**
   * Runs `fn` in a transaction on one connection: COMMIT when it returns, ROLLBACK (and rethrow)
   * when it throws. Queries on `db` inside `fn` run outside the transaction, on another connection.
   * ```ts
   * await db.transaction(async (tx) => { await tx.insertInto('people').values({ name: 'A' }).execute() }, { isolation: 'serializable' })
   * ```
   */
  transaction<R>(fn: (tx: Transaction<S>) => Promise<R>, options?: TransactionOptions): Promise<R>
  /**
   * Creates the schema's tables in one transaction: enum types, tables in foreign-key order,
   * indexes (the statements of `createTablesSql(schema)`).
   * ```ts
   * await db.createTables()
   * ```
   */
  createTables(): Promise<void>
  /** Closes the driver (the pool, or the PGlite database). */
  destroy(): Promise<void>
}

function executor(schema: Schema, connection: Connection, log: DbOptions['log']): Executor {
  return {
    schema: schema.meta,
    async run(query: CompiledQuery, mapRows?: RowMapper): Promise<DriverResult> {
      const start = log === undefined ? 0 : performance.now() // read only for the log
      let result: DriverResult | undefined
      let failure: unknown
      try {
        result = await connection.query(query.sql, query.parameters, mapRows)
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

const statement = (sql: string): CompiledQuery => Object.freeze({ sql, parameters: Object.freeze([]) })

function queryMethods<S extends Schema>(exec: Executor): QueryMethods<S> {
  return {
    selectFrom: (table: string) => createSelect(exec, table),
    insertInto: (table: string) => createInsert(exec, table),
    updateTable: (table: string) => createUpdate(exec, table),
    deleteFrom: (table: string) => createDelete(exec, table),
    with: (name: string, build: never) => withMethods(exec, []).with(name, build),
    withRecursive: (name: string, base: never, step: never) => withMethods(exec, []).withRecursive(name, base, step),
    async execute(query: Sql<unknown>) {
      if (query?.node === undefined) throw new JoineryError('execute() takes a query from the sql tag: db.execute(sql`select 1`).')
      const ctx = new CompileContext(exec.schema)
      compileExpression(query.node, ctx, { from: '', tables: new Map(), parent: undefined })
      const result = await exec.run(Object.freeze({ sql: ctx.sql, parameters: Object.freeze(ctx.parameters) }))
      const decode = rowDecoder(result.fields.map((f) => f.name), [], result.fields)
      return result.rows.map(decode)
    },
  } as unknown as QueryMethods<S>
}

const ISOLATION: readonly IsolationLevel[] = ['read uncommitted', 'read committed', 'repeatable read', 'serializable']

function beginStatement(options: TransactionOptions): string {
  const { isolation, readOnly } = options
  if (isolation !== undefined && !ISOLATION.includes(isolation))
    throw new JoineryError(`transaction() isolation must be one of ${ISOLATION.map((i) => `'${i}'`).join(', ')}, got ${JSON.stringify(isolation)}.`)
  if (readOnly !== undefined && typeof readOnly !== 'boolean') throw new JoineryError('transaction() readOnly must be a boolean.')
  return `begin${isolation === undefined ? '' : ` isolation level ${isolation}`}${readOnly ? ' read only' : ''}`
}

/** One level of a transaction: the root, or a savepoint. */
interface Level {
  open: boolean
  /** The first statement that failed at this level: Postgres cannot commit past it. */
  failed: unknown
}

/**
 * Runs `fn` between `open` and `close` at `level`; on a throw runs `undo` (its own failure hidden
 * by the first) and rethrows. A statement that failed at this level and was caught by `fn` still
 * aborts it: Postgres would answer the close with a silent rollback, so it is undone and reported.
 */
async function bracket<R>(exec: Executor, level: Level, open: string, close: string, undo: string, fn: () => Promise<R>): Promise<R> {
  await exec.run(statement(open))
  let result: R
  try {
    result = await fn()
    if (level.failed !== undefined)
      throw new JoineryError('A statement failed inside this transaction, so it cannot commit: everything in it was rolled back.', { cause: level.failed })
  } catch (error) {
    await exec.run(statement(undo)).catch(() => undefined)
    throw error
  } finally {
    level.open = false
  }
  await exec.run(statement(close))
  return result
}

/**
 * The transaction object of one level, usable while every level up to the root is open. A failed
 * statement marks its own level only (`exec` is the connection's, not the parent level's).
 */
function transactionObject<S extends Schema>(exec: Executor, levels: readonly Level[], savepoints: { count: number }): Transaction<S> {
  const level = levels[levels.length - 1]!
  const guarded: Executor = {
    schema: exec.schema,
    async run(query, mapRows) {
      if (!levels.every((l) => l.open)) throw new JoineryError('This transaction has ended: run queries on the tx passed to the callback, while it runs.')
      try {
        return await exec.run(query, mapRows)
      } catch (error) {
        level.failed ??= error
        throw error
      }
    },
  }
  return Object.freeze({
    ...queryMethods<S>(guarded),
    transaction<R>(fn: (tx: Transaction<S>) => Promise<R>): Promise<R> {
      if (typeof fn !== 'function') throw new JoineryError('transaction() takes an async function: tx.transaction(async (inner) => { … }).')
      // One counter per root transaction: a savepoint name is never reused while an outer one lives.
      const name = `sp_${++savepoints.count}`
      const inner: Level = { open: true, failed: undefined }
      const tx = transactionObject<S>(exec, [...levels, inner], savepoints)
      return bracket(guarded, inner, `savepoint ${name}`, `release savepoint ${name}`, `rollback to savepoint ${name}`, () => fn(tx))
    },
  })
}

/** Is the connection still usable after `error`? Not when the server or the socket went away. */
function connectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code !== 'string' || code.startsWith('08') || code.startsWith('57')
}

/**
 * Connects a schema to a database through a driver.
 * ```ts
 * const db = createDb(clinic, { driver: pgliteDriver(new PGlite()) })
 * ```
 */
export function createDb<S extends Schema>(schema: S, options: DbOptions): Database<S> {
  if (schema?.meta?.tables === undefined) throw new JoineryError('createDb() takes a schema made with schema({...}).')
  const { driver, log } = options ?? {}
  if (typeof driver?.query !== 'function') throw new JoineryError('createDb() needs { driver }: pgDriver(pool) or pgliteDriver(pglite).')
  const db: Database<S> = Object.freeze({
    schema,
    ...queryMethods<S>(executor(schema, driver, log)),
    createTables: () =>
      db.transaction(async (tx) => {
        for (const statement of createTablesSql(schema)) await tx.execute(sql.raw(statement))
      }),
    async transaction<R>(fn: (tx: Transaction<S>) => Promise<R>, transactionOptions: TransactionOptions = {}): Promise<R> {
      if (typeof fn !== 'function') throw new JoineryError('transaction() takes an async function: db.transaction(async (tx) => { … }).')
      const begin = beginStatement(transactionOptions)
      const connection = await driver.acquire()
      let broken = false
      const tracked: Connection = {
        query: (sql, parameters) =>
          connection.query(sql, parameters).catch((error: unknown) => {
            broken ||= connectionLost(error)
            throw error
          }),
      }
      const exec = executor(schema, tracked, log)
      const root: Level = { open: true, failed: undefined }
      try {
        return await bracket(exec, root, begin, 'commit', 'rollback', () => fn(transactionObject<S>(exec, [root], { count: 0 })))
      } finally {
        connection.release(broken)
      }
    },
    destroy: () => driver.destroy(),
  })
  return db
}
