import { columnRef, identifier, value } from '../ast/expression.js'
import type { ExpressionNode } from '../ast/expression.js'
import type { SelectionNode } from '../ast/select.js'
import type { AssignmentNode, DeleteNode, InsertNode, OnConflictNode, UpdateNode, WriteNode } from '../ast/write.js'
import type { CompiledQuery } from '../compiler/compile.js'
import { JoineryError, listNames } from '../errors.js'
import type { Executor } from '../executor.js'
import type { ColumnInfo, Schema, TableInfo } from '../schema/schema.js'
import type { AsSelection, CheckSelections, QueryRow, Refs, RowOf, Selected } from '../../types/select.js'
import type { ReadColumns } from '../../types/row.js'
import type { InsertRow, NeedsWhere, UpdateRow, WriteResult } from '../../types/write.js'
import { expression, isExpression } from './expression.js'
import type { Expression } from './expression.js'
import { expressionBuilderOf, landOnce, parseSelection, selectNodeOf } from './select.js'
import { Statement } from './statement.js'
import { andCondition, conditionOf } from './where.js'
import type { Filterable } from './where.js'

type Cols<S extends Schema, T extends string> = S['~tables'][T]['~columns']
type C<S extends Schema, T extends string> = Refs<T, ReadColumns<S, T>>
type RefNames<S extends Schema, T extends string> = keyof C<S, T> & string
/** What returning([…]) takes: a reference, or `'ref as alias'` (whose reference CheckSelections checks, as in select). */
type Returnable<S extends Schema, T extends string> = RefNames<S, T> | AsSelection

/** `insertInto(table)`: give it rows with values(), or a query with columns([...]).expression(q). */
export interface InsertStart<S extends Schema, T extends string> {
  /**
   * The rows to insert (one object or an array).
   * ```ts
   * db.insertInto('people').values({ name: 'Reuven', email: 'r@x' })
   * // insert into "people" ("name", "email") values ($1, $2)
   * ```
   */
  values(rows: InsertRow<Cols<S, T>> | readonly InsertRow<Cols<S, T>>[]): InsertQueryBuilder<S, T>
  /** The columns an `insert … select` fills, in the order the query selects them. */
  columns<K extends keyof InsertRow<Cols<S, T>> & string>(columns: readonly K[]): {
    /** The query whose rows are inserted: `insert into t (a, b) select …`. */
    expression<Q extends { readonly '~result': () => { [P in K]: RowOf<S, T>[P] } }>(
      query: Q & ([Exclude<keyof QueryRow<Q>, K>] extends [never] ? unknown : { error: `the query selects ${Exclude<keyof QueryRow<Q>, K> & string}, which columns([…]) does not list` }),
    ): InsertQueryBuilder<S, T>
  }
}

/** Builds the action of onConflict(): do nothing, or update some columns. */
export interface OnConflictBuilder<S extends Schema, T extends string> {
  doNothing(): OnConflictAction
  /** `do update set …`; the callback form gets `excluded`, the row that was not inserted. */
  doUpdateSet(patch: UpdateRow<Cols<S, T>> | ((excluded: { [K in keyof RowOf<S, T>]: Expression<RowOf<S, T>[K]> }) => UpdateRow<Cols<S, T>>)): OnConflictAction
}

export interface OnConflictAction {
  readonly '~onConflict': readonly AssignmentNode[] | undefined
}

export interface InsertQueryBuilder<S extends Schema, T extends string, O = never> {
  /** Returns these columns of the inserted rows: `returning(['id'])`. */
  returning<K extends Returnable<S, T>>(columns: readonly K[] & CheckSelections<K, never, {}, RefNames<S, T>>): InsertQueryBuilder<S, T, Selected<C<S, T>, K>>
  /** Returns whole inserted rows. */
  returningAll(): InsertQueryBuilder<S, T, RowOf<S, T>>
  /**
   * What to do when a row conflicts on `columns` (a unique constraint or the primary key).
   * ```ts
   * .onConflict(['email'], (oc) => oc.doUpdateSet({ name: 'Reuven' }))   // or oc.doNothing()
   * ```
   */
  onConflict(columns: readonly (keyof RowOf<S, T> & string)[], action: (oc: OnConflictBuilder<S, T>) => OnConflictAction): InsertQueryBuilder<S, T, O>
  /** Runs it: the returned rows with returning(), else `{ rowCount }`. */
  execute(): Promise<WriteResult<O>>
  compile(): CompiledQuery
}

export interface UpdateQueryBuilder<S extends Schema, T extends string, O = never, W extends boolean = false>
  extends Filterable<S, C<S, T>, UpdateQueryBuilder<S, T, O, true>> {
  /** Returns these columns of the updated rows: `returning(['id', 'name'])`. */
  returning<K extends Returnable<S, T>>(columns: readonly K[] & CheckSelections<K, never, {}, RefNames<S, T>>): UpdateQueryBuilder<S, T, Selected<C<S, T>, K>, W>
  /** Returns whole updated rows. */
  returningAll(): UpdateQueryBuilder<S, T, RowOf<S, T>, W>
  /**
   * The new values: `set({ name: 'R.' })`. Keys whose value is `undefined` are left out.
   * ```ts
   * db.updateTable('people').set({ name: 'R.' }).where('id', '=', 2)
   * // update "people" set "name" = $1 where "people"."id" = $2
   * ```
   */
  set(patch: UpdateRow<Cols<S, T>>): UpdateQueryBuilder<S, T, O, W>
  /** Says that the update is meant for every row of the table (there is no where). */
  allRows(): UpdateQueryBuilder<S, T, O, true>
  /** Runs it: the returned rows with returning(), else `{ rowCount }`. Needs where() or allRows(). */
  execute: W extends true ? () => Promise<WriteResult<O>> : NeedsWhere
  compile(): CompiledQuery
}

export interface DeleteQueryBuilder<S extends Schema, T extends string, O = never, W extends boolean = false>
  extends Filterable<S, C<S, T>, DeleteQueryBuilder<S, T, O, true>> {
  /** Returns these columns of the deleted rows: `returning(['id'])`. */
  returning<K extends Returnable<S, T>>(columns: readonly K[] & CheckSelections<K, never, {}, RefNames<S, T>>): DeleteQueryBuilder<S, T, Selected<C<S, T>, K>, W>
  /** Returns whole deleted rows. */
  returningAll(): DeleteQueryBuilder<S, T, RowOf<S, T>, W>
  /** Says that the delete is meant for every row of the table (there is no where). */
  allRows(): DeleteQueryBuilder<S, T, O, true>
  /** Runs it: the returned rows with returning(), else `{ rowCount }`. Needs where() or allRows(). */
  execute: W extends true ? () => Promise<WriteResult<O>> : NeedsWhere
  compile(): CompiledQuery
}

function tableInfo(executor: Executor, table: unknown): TableInfo {
  const info = typeof table === 'string' ? executor.schema.tables.get(table) : undefined
  if (info === undefined) throw new JoineryError(`Unknown table ${JSON.stringify(table)}. Known tables: ${listNames(executor.schema.tables.keys())}.`)
  if (info.readOnly) throw new JoineryError(`Table "${info.key}" is read-only (a view, or marked .readOnly()): it cannot be written.`)
  return info
}

/** A value for `column`: an expression as it is, anything else a parameter encoded like the column. */
function cell(column: string, v: unknown): ExpressionNode {
  return isExpression(v) ? v.node : value(v, columnRef(undefined, column))
}

function writableColumn(info: TableInfo, key: string, what: string): void {
  const col = info.columns.get(key)
  if (info.computed.has(key)) throw new JoineryError(`${what}: ${info.key}.${key} is a computed column; it is calculated when read and cannot be written.`)
  if (col === undefined) throw new JoineryError(`${what}: unknown column "${key}" on table "${info.key}". Known columns: ${listNames(info.columns.keys())}.`)
  if (col.generated !== undefined) throw new JoineryError(`${what}: ${info.key}.${key} is generated by the database and cannot be written.`)
}

function assignments(info: TableInfo, patch: unknown, what: string): AssignmentNode[] {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new JoineryError(`${what} takes an object of column values.`)
  const out: AssignmentNode[] = []
  for (const [key, v] of Object.entries(patch)) {
    if (v === undefined) continue
    writableColumn(info, key, what)
    out.push(Object.freeze({ column: key, value: cell(key, v) }))
  }
  if (out.length === 0) throw new JoineryError(`${what} has no column to set: give it at least one value.`)
  return out
}

const required = new WeakMap<TableInfo, readonly ColumnInfo[]>()
/** The columns an inserted row must give: not nullable, no default, not generated. Once per table. */
function requiredColumns(info: TableInfo): readonly ColumnInfo[] {
  let columns = required.get(info)
  if (columns === undefined) required.set(info, (columns = info.columnList.filter((col) => !col.nullable && !col.hasDefault && col.generated === undefined)))
  return columns
}

/** Aligns rows on the union of their keys; a missing key becomes `default`, unless the column needs a value. */
function insertRows(info: TableInfo, rows: unknown): Pick<InsertNode, 'columns' | 'rows'> {
  const list = Array.isArray(rows) ? rows : [rows]
  if (list.length === 0) throw new JoineryError(`insertInto('${info.key}').values([]) has no row to insert.`)
  const columns: string[] = []
  for (const row of list) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new JoineryError(`insertInto('${info.key}').values() takes objects of column values.`)
    for (const [key, v] of Object.entries(row)) {
      if (v === undefined || columns.includes(key)) continue
      writableColumn(info, key, `insertInto('${info.key}')`)
      columns.push(key)
    }
  }
  const required = requiredColumns(info)
  const cells = list.map((row: Record<string, unknown>, r) => {
    for (const col of required)
      if (row[col.key] === undefined)
        throw new JoineryError(`insertInto('${info.key}'): row ${r} has no value for required column "${col.key}".`)
    return Object.freeze(columns.map((key) => (row[key] === undefined ? undefined : cell(key, row[key]))))
  })
  return { columns: Object.freeze(columns), rows: Object.freeze(cells) }
}

class WriteBuilderImpl {
  readonly #node: WriteNode
  readonly #executor: Executor
  #statement: Statement | undefined

  constructor(node: WriteNode, executor: Executor) {
    this.#node = Object.freeze(node)
    this.#executor = executor
  }

  #with(patch: Partial<InsertNode> | Partial<UpdateNode> | Partial<DeleteNode>): WriteBuilderImpl {
    return new WriteBuilderImpl({ ...this.#node, ...patch } as WriteNode, this.#executor)
  }

  #info(): TableInfo {
    return this.#executor.schema.tables.get(this.#node.table)!
  }

  returning(columns: readonly unknown[]) {
    if (!Array.isArray(columns) || columns.length === 0) throw new JoineryError('returning() takes a non-empty array of column names.')
    // The same name twice is one selection, as in select().
    const returning = [...new Set(columns)].map(parseSelection)
    landOnce(returning)
    return this.#with({ returning: Object.freeze(returning) })
  }

  returningAll() {
    const info = this.#info()
    return this.returning([...info.columnList.map((col) => col.key), ...info.computed.keys()])
  }

  values(rows: unknown) {
    return this.#with(insertRows(this.#info(), rows))
  }

  columns(columns: unknown) {
    const info = this.#info()
    if (!Array.isArray(columns) || columns.length === 0) throw new JoineryError('columns() takes a non-empty array of column names.')
    for (const key of columns) writableColumn(info, key, `insertInto('${info.key}').columns()`)
    return {
      expression: (query: unknown) => {
        const select = selectNodeOf(query)
        if (select === undefined) throw new JoineryError('expression() takes a select query built with db.selectFrom(…).')
        // Postgres matches insert … select by position; the types match by name: use the query's order.
        const outputs = select.selections?.map((s) => s.alias) ?? this.#executor.schema.tables.get(select.from)!.columnList.map((col) => col.key)
        const missing = columns.filter((key: string) => !outputs.includes(key))
        const extra = [...outputs.filter((key) => !columns.includes(key)), ...select.includes.map((i) => i.key)]
        if (missing.length > 0 || extra.length > 0)
          throw new JoineryError(
            `insertInto('${info.key}').columns([…]).expression(query): the query must select exactly the listed columns, by name.` +
              `${missing.length > 0 ? ` Missing: ${listNames(missing)}.` : ''}${extra.length > 0 ? ` Not listed: ${listNames(extra)}.` : ''}`,
          )
        return this.#with({ columns: Object.freeze(outputs), select })
      },
    }
  }

  onConflict(columns: unknown, action: unknown) {
    const info = this.#info()
    if (!Array.isArray(columns) || columns.length === 0) throw new JoineryError('onConflict() takes a non-empty array of the conflicting columns.')
    for (const key of columns)
      if (!info.columns.has(key)) throw new JoineryError(`onConflict(): unknown column "${key}" on table "${info.key}". Known columns: ${listNames(info.columns.keys())}.`)
    if (typeof action !== 'function') throw new JoineryError('onConflict() takes a callback: (oc) => oc.doNothing() or oc.doUpdateSet({...}).')
    // `excluded` (the row that was not inserted) is built only for the callback form that reads it.
    const excluded = () => Object.fromEntries(info.columnList.map((col) => [col.key, expression(identifier(['excluded', col.dbName]))]))
    const builder = {
      doNothing: () => ({ '~onConflict': undefined }),
      doUpdateSet: (patch: unknown) => ({ '~onConflict': assignments(info, typeof patch === 'function' ? patch(excluded()) : patch, 'doUpdateSet()') }),
    }
    const result = action(builder) as Partial<OnConflictAction> | undefined
    if (result === undefined || !('~onConflict' in result)) throw new JoineryError('onConflict(): the callback must return oc.doNothing() or oc.doUpdateSet({...}).')
    const onConflict: OnConflictNode = Object.freeze({ columns: Object.freeze([...columns]), set: result['~onConflict'] })
    return this.#with({ onConflict })
  }

  set(patch: unknown) {
    const node = this.#node as UpdateNode
    return this.#with({ set: Object.freeze([...node.set, ...assignments(this.#info(), patch, 'set()')]) })
  }

  where(column: unknown, op?: unknown, v?: unknown) {
    const node = this.#node as UpdateNode | DeleteNode
    return this.#with({ where: andCondition(node.where, conditionOf(expressionBuilderOf(this.#executor), column, op, v)) })
  }

  allRows() {
    return this.#with({ allRows: true })
  }

  #prepared(): Statement {
    const node = this.#node
    if (node.kind === 'Insert' && node.rows === undefined && node.select === undefined)
      throw new JoineryError(`insertInto('${node.table}') needs values(…) or columns([…]).expression(query).`)
    if (node.kind === 'Update' && node.set.length === 0) throw new JoineryError(`updateTable('${node.table}') needs set({…}).`)
    return (this.#statement ??= new Statement(node, this.#executor))
  }

  compile(): CompiledQuery {
    return this.#prepared().compiled().query
  }

  async execute(): Promise<unknown> {
    const statement = this.#prepared()
    if (this.#node.returning !== undefined) return statement.rows()
    const result = await statement.run()
    return { rowCount: result.rowCount }
  }
}

const noReturning = undefined as readonly SelectionNode[] | undefined

export function createInsert(executor: Executor, table: unknown): WriteBuilderImpl {
  const { key } = tableInfo(executor, table)
  return new WriteBuilderImpl({ kind: 'Insert', table: key, columns: [], rows: undefined, select: undefined, onConflict: undefined, returning: noReturning }, executor)
}

export function createUpdate(executor: Executor, table: unknown): WriteBuilderImpl {
  const { key } = tableInfo(executor, table)
  return new WriteBuilderImpl({ kind: 'Update', table: key, set: Object.freeze([]), where: undefined, allRows: false, returning: noReturning }, executor)
}

export function createDelete(executor: Executor, table: unknown): WriteBuilderImpl {
  const { key } = tableInfo(executor, table)
  return new WriteBuilderImpl({ kind: 'Delete', table: key, where: undefined, allRows: false, returning: noReturning }, executor)
}
