import { JoineryError, listNames } from '../errors.js'
import { databaseName } from './casing.js'
import type { Casing } from './casing.js'
import type { ColumnMeta } from './column.js'
import type { AnyTable } from './table.js'
import type { CheckReferences } from '../../types/schema.js'

/** A column as the compiler sees it: DSL metadata plus its key and resolved database name. */
export interface ColumnInfo extends ColumnMeta {
  readonly key: string
  readonly dbName: string
}

export interface TableInfo {
  readonly key: string
  readonly dbName: string
  readonly columns: ReadonlyMap<string, ColumnInfo>
  readonly columnList: readonly ColumnInfo[]
  readonly primaryKey: readonly string[]
  readonly uniques: readonly (readonly string[])[]
  readonly indexes: readonly (readonly string[])[]
}

export interface SchemaMeta {
  readonly tables: ReadonlyMap<string, TableInfo>
  readonly casing: Casing
}

export type Tables = Record<string, AnyTable>

/** The result of `schema()`: runtime metadata, and the tables' types for the builders. */
export interface Schema<T extends Tables = Tables> {
  /** Type-level only. */
  readonly '~tables': T
  readonly meta: SchemaMeta
}

export interface SchemaOptions {
  /** `'snake_case'` maps table and column keys to snake_case database names (`createdAt` → `created_at`). */
  casing?: Casing
}

/**
 * Declares the database: tables keyed by the names queries use. A reference to an unknown
 * table or column is a compile-time error here and a `JoineryError` at run time.
 */
export function schema<const T extends Tables>(tables: T & CheckReferences<T>, options: SchemaOptions = {}): Schema<T> {
  const casing = options.casing ?? 'preserve'
  if (casing !== 'preserve' && casing !== 'snake_case')
    throw new JoineryError(`schema() casing must be 'snake_case' or 'preserve', got ${JSON.stringify(casing)}.`)
  if (typeof tables !== 'object' || tables === null || Object.keys(tables).length === 0)
    throw new JoineryError('schema() takes an object of tables, e.g. schema({ people: table({...}) }).')
  const infos = new Map<string, TableInfo>()
  for (const [key, tableDef] of Object.entries(tables as Tables)) {
    if (tableDef?.meta?.columns === undefined) throw new JoineryError(`schema() entry "${key}" is not a table; build it with table({...}).`)
    infos.set(key, tableInfo(key, tableDef, casing))
  }
  for (const info of infos.values()) checkReferences(info, infos)
  return Object.freeze({ meta: Object.freeze({ tables: infos, casing }) }) as unknown as Schema<T>
}

function tableInfo(key: string, tableDef: AnyTable, casing: Casing): TableInfo {
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
    columnList: Object.freeze(columnList),
    primaryKey: meta.primaryKey.length > 0 ? meta.primaryKey : Object.freeze(columnPk),
    uniques: meta.uniques,
    indexes: meta.indexes,
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
