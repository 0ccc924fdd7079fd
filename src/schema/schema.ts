import { JoineryError, listNames } from '../errors.js'
import type { ExpressionNode } from '../ast/expression.js'
import { databaseName } from './casing.js'
import type { Casing } from './casing.js'
import type { ColumnMeta } from './column.js'
import type { AnyTable } from './table.js'
import type { CheckReferences } from '../../types/schema.js'
import type { CheckRelations, ExplicitFaults, ExplicitShape, ReferencedBy, RelationBuilder, SchemaMayFault } from '../../types/relations.js'
import { inferRelations } from './relations.js'
import type { ExplicitRelations, ExplicitRelationSpec, Relation } from './relations.js'

/** A column as the compiler sees it: DSL metadata plus its key and resolved database name. */
export interface ColumnInfo extends ColumnMeta {
  readonly key: string
  readonly dbName: string
}

export interface TableInfo {
  readonly key: string
  readonly dbName: string
  readonly columns: ReadonlyMap<string, ColumnInfo>
  /** Computed columns by key: expressions over this table's columns (bare references). */
  readonly computed: ReadonlyMap<string, ExpressionNode>
  readonly columnList: readonly ColumnInfo[]
  readonly primaryKey: readonly string[]
  readonly uniques: readonly (readonly string[])[]
  readonly indexes: readonly (readonly string[])[]
  readonly readOnly: boolean
}

export interface SchemaMeta {
  readonly tables: ReadonlyMap<string, TableInfo>
  readonly casing: Casing
  /** Per table key: its relations by name, inferred from foreign keys and declared in `relations`. */
  readonly relations: ReadonlyMap<string, ReadonlyMap<string, Relation>>
}

export type Tables = Record<string, AnyTable>

/** The result of `schema()`: runtime metadata, and the tables' types for the builders. */
export interface Schema<T extends Tables = Tables, X = {}> {
  /** Type-level only: the tables. */
  readonly '~tables': T
  /** Type-level only: relations declared in `relations`. */
  readonly '~relations': X
  /** Type-level only: per table, the tables whose foreign keys reference it, computed once per schema. */
  readonly '~referencedBy': ReferencedBy<T>
  readonly meta: SchemaMeta
}

export interface SchemaOptions {
  /** `'snake_case'` maps table and column keys to snake_case database names (`createdAt` → `created_at`). */
  casing?: Casing
}

declare const pending: unique symbol
/**
 * X before TypeScript has inferred the relations callback: the checks wait for it. (It is also X
 * when the relations overload is tried for a call without `relations`, which then fails on the
 * options: checking the tables there would compute every check a second time.)
 */
type Pending = { readonly [pending]: true }

// The checks that name a fault read every foreign key one by one; SchemaMayFault, one cheap scan
// per table, finds out first whether there is anything to name (at 200 tables: 29k instantiations
// per schema() call instead of 65k).
type CheckSchema<T, X> = [X] extends [Pending]
  ? unknown
  : [keyof T] extends [never]
    ? { error: 'schema() takes at least one table' }
    : [SchemaMayFault<T>] extends [never]
      ? unknown
      : CheckReferences<T> & CheckRelations<T, X>

const relationBuilder: RelationBuilder<Tables> = {
  one: (target, options = {}) => explicit({ target, many: false, foreignKey: options.foreignKey, through: undefined }),
  many: (target, options = {}) => explicit({ target, many: true, foreignKey: options.foreignKey, through: options.through }),
}
const explicit = (spec: ExplicitRelationSpec) => Object.freeze({ '~spec': Object.freeze(spec) }) as never

/**
 * Declares the database: tables keyed by the names queries use. Relations are inferred from the
 * foreign keys; `relations` adds or renames them. A reference to an unknown table or column, or
 * two relations inferred under one name, is a compile-time error here and a `JoineryError` at run time.
 */
// Overloads split by arity and by `relations`: TypeScript types a context-sensitive callback
// against the first overload that takes it, so `relations` has exactly one. Its first inference
// pass runs without the callback (X is Pending), and only the final check sees the relations.
// Options without `relations` come first: a call with them takes its overload without trying the
// relations one, inferring T from every table again (2.6% of a 200-table schema's instructions);
// a `relations` callback fails there before it is typed (TypeScript leaves a callback with
// parameters out of an overload's first pass), and is typed by its own overload.
// T is inferred from the tables alone (NoInfer): inferring from them into the check's conditional
// type too cost 1.4k instantiations at 200 tables.
export function schema<const T extends Tables>(tables: T & NoInfer<CheckSchema<T, {}>>): Schema<T>
export function schema<const T extends Tables>(tables: T & NoInfer<CheckSchema<T, {}>>, options: SchemaOptions & { relations?: undefined }): Schema<T>
export function schema<const T extends Tables, const X extends ExplicitShape<T> | Pending = Pending>(
  tables: T & NoInfer<CheckSchema<T, X>>,
  options: SchemaOptions & { relations: (r: RelationBuilder<T>) => X & NoInfer<[X] extends [ExplicitShape<T>] ? ExplicitFaults<T, X> : unknown> },
): Schema<T, X>
export function schema(tables: Tables, options: SchemaOptions & { relations?: ((r: RelationBuilder<Tables>) => unknown) | undefined } = {}): Schema {
  const casing = options.casing ?? 'preserve'
  if (casing !== 'preserve' && casing !== 'snake_case')
    throw new JoineryError(`schema() casing must be 'snake_case' or 'preserve', got ${JSON.stringify(casing)}.`)
  if (typeof tables !== 'object' || tables === null || Object.keys(tables).length === 0)
    throw new JoineryError('schema() takes an object of tables, e.g. schema({ people: table({...}) }).')
  const infos = new Map<string, TableInfo>()
  for (const [key, tableDef] of Object.entries(tables)) {
    if (tableDef?.meta?.columns === undefined) throw new JoineryError(`schema() entry "${key}" is not a table; build it with table({...}).`)
    infos.set(key, tableInfo(key, tableDef, casing))
  }
  for (const info of infos.values()) checkReferences(info, infos)
  if (options.relations !== undefined && typeof options.relations !== 'function')
    throw new JoineryError('schema() relations must be a function: relations: (r) => ({ people: { meetings: r.many(…) } }).')
  const declared = (options.relations?.(relationBuilder) ?? {}) as ExplicitRelations
  for (const key of Object.keys(declared))
    if (!infos.has(key)) throw new JoineryError(`relations: unknown table "${key}". Known tables: ${listNames(infos.keys())}.`)
  const relations = inferRelations(infos, declared)
  return Object.freeze({ meta: Object.freeze({ tables: infos, casing, relations }) }) as unknown as Schema
}

/** A table's metadata as the compiler sees it: database names resolved, primary key settled. */
export function tableInfo(key: string, tableDef: AnyTable, casing: Casing): TableInfo {
  const { meta } = tableDef
  const columnList = Object.entries(meta.columns).map(([columnKey, col]) =>
    Object.freeze({ ...col, key: columnKey, dbName: col.dbName ?? databaseName(columnKey, casing) }),
  )
  const columnPk = columnList.filter((col) => col.primaryKey).map((col) => col.key)
  if (columnPk.length > 1)
    throw new JoineryError(`Table "${key}" marks ${columnPk.join(' and ')} as primaryKey(); use table({...}).primaryKey(${columnPk.map((k) => `'${k}'`).join(', ')}) for a composite key.`)
  if (columnPk.length === 1 && meta.primaryKey.length > 0)
    throw new JoineryError(`Table "${key}" declares a primary key twice: on column "${columnPk[0]}" and with .primaryKey(${meta.primaryKey.join(', ')}).`)
  return Object.freeze({
    key,
    dbName: meta.dbName ?? databaseName(key, casing),
    columns: new Map(columnList.map((col) => [col.key, col])),
    computed: new Map(Object.entries(meta.computed)),
    columnList: Object.freeze(columnList),
    primaryKey: meta.primaryKey.length > 0 ? meta.primaryKey : Object.freeze(columnPk),
    uniques: meta.uniques,
    indexes: meta.indexes,
    readOnly: meta.readOnly,
  })
}

function checkReferences(info: TableInfo, tables: ReadonlyMap<string, TableInfo>): void {
  for (const col of info.columnList) {
    if (col.references === undefined) continue
    const [targetTable = '', targetColumn = ''] = col.references.target.split('.')
    const target = tables.get(targetTable)
    if (target === undefined)
      throw new JoineryError(`${info.key}.${col.key} references unknown table "${targetTable}". Known tables: ${listNames(tables.keys())}.`)
    if (!target.columns.has(targetColumn))
      throw new JoineryError(`${info.key}.${col.key} references unknown column "${targetColumn}" of table "${targetTable}". Known columns: ${listNames(target.columns.keys())}.`)
  }
}
