// DDL from a schema (SQLAlchemy's create_all): enum types, tables in foreign-key order, the
// foreign keys of cycles, indexes. Statements come back one per string, so any driver can run
// them (PGlite's extended protocol takes one statement at a time).
import { isExpression } from '../builder/expression.js'
import { quoteIdentifier } from '../compiler/quote.js'
import { JoineryError } from '../errors.js'
import type { ColumnInfo, Schema, TableInfo } from '../schema/schema.js'
import { defaultLiteral, fragmentText, quoteLiteral } from './literal.js'
import { creationOrder } from './order.js'
import type { ForeignKey } from './order.js'

const q = quoteIdentifier
const columnList = (table: TableInfo, keys: readonly string[]) => keys.map((key) => q(table.columns.get(key)?.dbName ?? key)).join(', ')

/** The enum type a column uses: its `enumOf(…, { name })`, else `${table}_${column}`. */
function enumName(table: TableInfo, col: ColumnInfo): string {
  const base = col.sqlType.replace(/(\[\])+$/, '')
  return base === '' ? `${table.dbName}_${col.dbName}` : base
}

/** The column's type as DDL spells it: `varchar(20)`, `"mood"[]`, `tsvector`. */
function columnType(table: TableInfo, col: ColumnInfo): string {
  if (col.kind !== 'enum') return col.sqlType
  const dimensions = col.sqlType.match(/(\[\])+$/)?.[0] ?? ''
  return `${q(enumName(table, col))}${dimensions}`
}

type Tables = ReadonlyMap<string, TableInfo>

function columnDefinition(tables: Tables, table: TableInfo, col: ColumnInfo, inlineReference: boolean): string {
  const label = `${table.key}.${col.key}`
  let sql = `${q(col.dbName)} ${columnType(table, col)}`
  if (col.generated !== undefined) sql += ` generated always as (${fragmentText(col.generated.node, `Generated column ${label}`)}) stored`
  else if (col.default !== undefined) sql += ` default ${defaultText(col, `Default of ${label}`)}`
  if (!col.nullable) sql += ' not null'
  if (table.primaryKey.length === 1 && table.primaryKey[0] === col.key) sql += ' primary key'
  else if (col.unique) sql += ' unique'
  if (inlineReference && col.references !== undefined) sql += referenceText(tables, col)
  return sql
}

function defaultText(col: ColumnInfo, label: string): string {
  return isExpression(col.default) ? fragmentText(col.default.node, label) : defaultLiteral(col.default, col.codec, label)
}

function referenceText(tables: Tables, col: ColumnInfo): string {
  const [targetKey = '', columnKey = ''] = col.references!.target.split('.')
  const target = tables.get(targetKey)!
  let sql = ` references ${q(target.dbName)} (${columnList(target, [columnKey])})`
  if (col.references!.onDelete !== undefined) sql += ` on delete ${col.references!.onDelete}`
  if (col.references!.onUpdate !== undefined) sql += ` on update ${col.references!.onUpdate}`
  return sql
}

/** The name given to a foreign key added after its table (Postgres' own default name). */
const deferredName = (fk: ForeignKey) => `${fk.table.dbName}_${fk.column.dbName}_fkey`

function createTable(tables: Tables, table: TableInfo, deferred: ReadonlySet<ColumnInfo>): string {
  const lines = table.columnList.map((col) => columnDefinition(tables, table, col, !deferred.has(col)))
  if (table.primaryKey.length > 1) lines.push(`primary key (${columnList(table, table.primaryKey)})`)
  for (const unique of table.uniques) lines.push(`unique (${columnList(table, unique)})`)
  return `create table ${q(table.dbName)} (\n  ${lines.join(',\n  ')}\n)`
}

/** `create type … as enum` once per enum type, in the order the columns use them. */
function enumTypes(tables: readonly TableInfo[]): Map<string, readonly string[]> {
  const types = new Map<string, readonly string[]>()
  for (const table of tables)
    for (const col of table.columnList) {
      if (col.kind !== 'enum' || col.enumValues === undefined) continue
      const name = enumName(table, col)
      const known = types.get(name)
      if (known !== undefined && known.join('\0') !== col.enumValues.join('\0'))
        throw new JoineryError(`Enum type "${name}" is declared with different values by ${table.key}.${col.key}: ${known.join(', ')} vs ${col.enumValues.join(', ')}.`)
      types.set(name, col.enumValues)
    }
  return types
}

function tablesOf(schema: Schema, caller: string): Tables {
  if (schema?.meta?.tables === undefined) throw new JoineryError(`${caller}() takes a schema made with schema({...}).`)
  return schema.meta.tables
}

/**
 * The statements that create a schema's tables in an empty database: enum types, tables in
 * foreign-key order (foreign keys of a cycle added afterwards), then indexes.
 * ```ts
 * for (const statement of createTablesSql(clinic)) await db.execute(sql.raw(statement))
 * // create table "people" ("id" serial not null primary key, …)
 * ```
 */
export function createTablesSql(schema: Schema): string[] {
  const tables = tablesOf(schema, 'createTablesSql')
  const { tables: order, deferred } = creationOrder(tables)
  const statements = [...enumTypes(order)].map(([name, values]) => `create type ${q(name)} as enum (${values.map(quoteLiteral).join(', ')})`)
  const deferredColumns = new Set(deferred.map((fk) => fk.column))
  statements.push(...order.map((table) => createTable(tables, table, deferredColumns)))
  for (const fk of deferred)
    statements.push(`alter table ${q(fk.table.dbName)} add constraint ${q(deferredName(fk))} foreign key (${q(fk.column.dbName)})${referenceText(tables, fk.column)}`)
  for (const table of order) for (const index of table.indexes) statements.push(`create index on ${q(table.dbName)} (${columnList(table, index)})`)
  return statements
}

/**
 * The statements that drop what `createTablesSql` creates, in reverse order: the foreign keys
 * of cycles, the tables, the enum types. Each one `if exists`.
 */
export function dropTablesSql(schema: Schema): string[] {
  const { tables: order, deferred } = creationOrder(tablesOf(schema, 'dropTablesSql'))
  const statements = deferred.map((fk) => `alter table if exists ${q(fk.table.dbName)} drop constraint if exists ${q(deferredName(fk))}`)
  statements.push(...[...order].reverse().map((table) => `drop table if exists ${q(table.dbName)}`))
  statements.push(...[...enumTypes(order).keys()].reverse().map((name) => `drop type if exists ${q(name)}`))
  return statements
}
