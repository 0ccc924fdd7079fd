import { JoineryError, listNames } from '../errors.js'
import type { AnyColumn, ColumnMeta } from './column.js'
import { columnRef } from '../ast/expression.js'
import type { ExpressionNode } from '../ast/expression.js'
import { expression, isExpression } from '../builder/expression.js'
import type { Expression } from '../builder/expression.js'
import type { SelectType } from '../../types/row.js'

export type Columns = Record<string, AnyColumn>

export interface TableMeta {
  readonly columns: Readonly<Record<string, ColumnMeta>>
  /** Computed columns: SQL expressions over the table's own columns, selectable by name. */
  readonly computed: Readonly<Record<string, ExpressionNode>>
  /** Composite primary key from `.primaryKey(...)`; column-level keys are read from the columns. */
  readonly primaryKey: readonly string[]
  readonly uniques: readonly (readonly string[])[]
  readonly indexes: readonly (readonly string[])[]
  readonly dbName: string | undefined
  /** A view, or a table the application must not write: insert/update/delete are refused. */
  readonly readOnly: boolean
}

/** A table of the schema DSL. `C` its columns, `P` a composite primary key, `X` its computed columns. */
export interface Table<C extends Columns = Columns, P extends string = string, X = {}> {
  /** Type-level only. */
  readonly '~columns': C
  readonly '~primaryKey': P
  readonly '~computed': X
  readonly meta: TableMeta
  /** A composite primary key: `.primaryKey('personId', 'appointmentId')`. */
  primaryKey<K extends keyof C & string>(first: K, ...rest: K[]): Table<C, K, X>
  /** A unique constraint over several columns. */
  unique(first: keyof C & string, ...rest: (keyof C & string)[]): Table<C, P, X>
  /** An index over one or more columns. */
  index(first: keyof C & string, ...rest: (keyof C & string)[]): Table<C, P, X>
  /** The table's name in the database, when it differs from its key. */
  name(dbName: string): Table<C, P, X>
  /**
   * Marks a view (or a table the application must not write): selects work, insertInto,
   * updateTable and deleteFrom do not compile and throw. Call it last in the chain.
   */
  readOnly(): Table<C, P, X> & { readonly '~readOnly': true }
  /**
   * Columns calculated by SQL from this table's columns: selectable, filterable and orderable by
   * name like stored ones (also inside include), never insertable.
   * ```ts
   * table({ firstName: c.text(), lastName: c.text() })
   *   .computed((t) => ({ fullName: sql<string>`${t.firstName} || ' ' || ${t.lastName}` }))
   * ```
   */
  computed<Y extends Record<string, Expression<unknown>>>(
    define: (t: { [K in keyof C]: Expression<SelectType<C[K]['~']>> }) => Y,
  ): Table<C, P, X & { [K in keyof Y]: Y[K]['~type'] }>
}

class TableImpl {
  readonly meta: TableMeta

  constructor(meta: TableMeta) {
    this.meta = Object.freeze(meta)
    Object.freeze(this)
  }

  #keys(what: string, keys: string[]): readonly string[] {
    const known = Object.keys(this.meta.columns)
    if (keys.length === 0) throw new JoineryError(`table().${what}() needs at least one column.`)
    for (const key of keys)
      if (!known.includes(key)) throw new JoineryError(`table().${what}() names unknown column "${key}". Known columns: ${listNames(known)}.`)
    return Object.freeze([...keys])
  }

  primaryKey(...keys: string[]) {
    return new TableImpl({ ...this.meta, primaryKey: this.#keys('primaryKey', keys) })
  }

  unique(...keys: string[]) {
    return new TableImpl({ ...this.meta, uniques: Object.freeze([...this.meta.uniques, this.#keys('unique', keys)]) })
  }

  index(...keys: string[]) {
    return new TableImpl({ ...this.meta, indexes: Object.freeze([...this.meta.indexes, this.#keys('index', keys)]) })
  }

  name(dbName: string) {
    if (typeof dbName !== 'string' || dbName === '') throw new JoineryError('table().name() takes a non-empty database name.')
    return new TableImpl({ ...this.meta, dbName })
  }

  readOnly() {
    return new TableImpl({ ...this.meta, readOnly: true })
  }

  computed(define: (t: Record<string, Expression<unknown>>) => Record<string, unknown>) {
    if (typeof define !== 'function') throw new JoineryError('computed() takes a function: (t) => ({ name: sql`…` }).')
    const refs = Object.fromEntries(Object.keys(this.meta.columns).map((key) => [key, expression(columnRef(undefined, key))]))
    const computed: Record<string, ExpressionNode> = { ...this.meta.computed }
    for (const [key, value] of Object.entries(define(refs))) {
      if (!isExpression(value)) throw new JoineryError(`computed column "${key}" must be an SQL expression: sql\`…\`.`)
      if (key in this.meta.columns) throw new JoineryError(`computed column "${key}" has the name of a stored column.`)
      computed[key] = value.node
    }
    return new TableImpl({ ...this.meta, computed: Object.freeze(computed) })
  }
}

/** Declares a table: `table({ id: column.serial().primaryKey(), name: column.text() })`. */
export function table<const C extends Columns>(columns: C & ([keyof C] extends [never] ? { error: 'table() takes at least one column' } : unknown)): Table<C, never> {
  if (typeof columns !== 'object' || columns === null || Object.keys(columns).length === 0)
    throw new JoineryError('table() takes an object of columns, e.g. table({ id: column.serial().primaryKey() }).')
  const metas: Record<string, ColumnMeta> = Object.create(null) // a column may be called __proto__
  for (const [key, col] of Object.entries(columns)) {
    if (col?.meta?.codec === undefined) throw new JoineryError(`table() column "${key}" is not a column; build it with column.*().`)
    metas[key] = col.meta
  }
  return new TableImpl({
    columns: Object.freeze(metas),
    computed: Object.freeze({}),
    primaryKey: Object.freeze([]),
    uniques: Object.freeze([]),
    indexes: Object.freeze([]),
    dbName: undefined,
    readOnly: false,
  }) as unknown as Table<C, never>
}

export type AnyTable = Table<any, any, any>
