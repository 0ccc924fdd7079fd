// Catalog rows → the schema model. One read-only snapshot, with search_path set to the schema
// being read, so defaults and types print unqualified (`nextval('album_album_id_seq'::regclass)`)
// and the generated file works wherever its tables are created again.
import { quoteIdentifier } from '../compiler/quote.js'
import type { Connection, Driver } from '../driver/driver.js'
import { JoineryError, listNames } from '../errors.js'
import { formatTypes, readCatalog, readTypes, schemaNames } from './catalog.js'
import type { CatalogRows, ColumnRow, ConstraintRow, IndexRow, RelationRow } from './catalog.js'
import { referentialActions } from './model.js'
import type { AutoIncrement, ReflectedColumn, ReflectedForeignKey, ReflectedSchema, ReflectedTable, RelationKind } from './model.js'
import { resolveType } from './types.js'
import type { ResolvedType } from './types.js'

export interface ReflectOptions {
  /** The Postgres schema to read (default `public`). */
  schema?: string
}

/** Thrown when the schema to pull does not exist; the message lists the ones that do. */
export class MissingSchemaError extends JoineryError {
  override name = 'MissingSchemaError'
}

/** Reads tables, views, columns, keys, indexes and foreign keys of one schema of the database. */
export async function reflectSchema(driver: Pick<Driver, 'acquire'>, options: ReflectOptions = {}): Promise<ReflectedSchema> {
  const schema = options.schema ?? 'public'
  const connection = await driver.acquire()
  let broken = false
  try {
    await connection.query('begin isolation level repeatable read read only', [])
    try {
      const result = await reflectIn(connection, schema)
      await connection.query('commit', [])
      return result
    } catch (error) {
      await connection.query('rollback', []).catch(() => (broken = true))
      throw error
    }
  } finally {
    connection.release(broken)
  }
}

async function reflectIn(connection: Connection, schema: string): Promise<ReflectedSchema> {
  const known = await schemaNames(connection)
  if (!known.includes(schema))
    throw new MissingSchemaError(`Schema "${schema}" does not exist in this database. Schemas: ${listNames(known)}.`)
  const path = schema === 'public' ? quoteIdentifier(schema) : `${quoteIdentifier(schema)}, public`
  await connection.query(`select pg_catalog.set_config('search_path', $1, true)`, [path])
  const rows = await readCatalog(connection, schema)
  const types = await readTypes(connection, rows.columns.map((col) => col.type))
  const resolved = new Map(rows.columns.map((col) => [col, resolveType(types, col.type, col.typmod)]))
  const formats = [...resolved.values()].flatMap((r) => (r.format === undefined ? [] : [r]))
  const formatted = await formatTypes(connection, formats.map((r) => [r.format!.oid, r.format!.typmod] as const))
  const spelled = new Map(formats.map((r, i) => [r, formatted[i] ?? '']))
  const tables = [...rows.relations]
    .sort((a, b) => kindOrder(a) - kindOrder(b) || compare(a.name, b.name))
    .map((relation) => assembleTable(schema, relation, rows, resolved, spelled))
  return { name: schema, tables }
}

const kindOrder = (relation: RelationRow) => (relation.kind === 'v' || relation.kind === 'm' ? 1 : 0)
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const relationKinds: Record<RelationRow['kind'], RelationKind> = { r: 'table', p: 'table', v: 'view', m: 'materialized view' }

function assembleTable(
  schema: string,
  relation: RelationRow,
  rows: CatalogRows,
  resolved: ReadonlyMap<ColumnRow, ResolvedType>,
  spelled: ReadonlyMap<ResolvedType, string>,
): ReflectedTable {
  const columnRows = rows.columns.filter((col) => col.rel === relation.oid)
  const nameOf = new Map(columnRows.map((col) => [col.num, col.name]))
  const names = (nums: readonly number[] | null) => (nums ?? []).map((num) => nameOf.get(num) ?? `#${num}`)
  const constraints = rows.constraints.filter((k) => k.rel === relation.oid)
  const notes: string[] = []
  const primaryKey = names(constraints.find((k) => k.type === 'p')?.columns ?? null)
  const uniques = constraints.filter((k) => k.type === 'u').map((k) => names(k.columns))
  const foreignKeys: ReflectedForeignKey[] = []
  for (const k of constraints) {
    if (k.type === 'f') {
      const fk = foreignKey(k, names(k.columns), schema, rows.relations)
      if (typeof fk === 'string') notes.push(fk)
      else if (foreignKeys.some((other) => other.column === fk.column))
        notes.push(`Foreign key ${k.name} (${fk.column}) → ${fk.targetTable}: a second foreign key on one column.`)
      else foreignKeys.push(fk)
    } else if (k.type === 'c' || k.type === 'x') notes.push(`${k.type === 'c' ? 'Check' : 'Exclusion'} constraint ${k.name}: ${k.definition}`)
  }
  const indexes: string[][] = []
  for (const index of rows.indexes.filter((i) => i.rel === relation.oid && !i.constraint)) {
    if (!plainIndex(index)) notes.push(`Index ${index.name}: ${index.definition}`)
    else if (index.unique) uniques.push(names(index.columns))
    else indexes.push(names(index.columns))
  }
  const columns = columnRows.map((col) => assembleColumn(col, resolved.get(col)!, spelled))
  return { name: relation.name, kind: relationKinds[relation.kind], comment: relation.comment ?? undefined, columns, primaryKey, uniques, indexes, foreignKeys, notes }
}

/** A b-tree index over plain columns, ascending, without INCLUDE or WHERE: what `.index()` / `.unique()` declare. */
function plainIndex(index: IndexRow): boolean {
  return index.method === 'btree' && !index.partial && index.includes === 0 && index.columns.every((n) => n > 0) && index.options.every((o) => o === 0)
}

function foreignKey(k: ConstraintRow, columns: string[], schema: string, relations: readonly RelationRow[]): ReflectedForeignKey | string {
  const targetColumns = k.targetColumns ?? []
  const target = `${k.targetSchema}.${k.targetTable}`
  if (columns.length !== 1 || targetColumns.length !== 1)
    return `Foreign key ${k.name} (${columns.join(', ')}) → ${target} (${targetColumns.join(', ')}): the DSL has single-column foreign keys only.`
  if (k.targetSchema !== schema || !relations.some((r) => r.name === k.targetTable))
    return `Foreign key ${k.name} (${columns[0]}) → ${target}: a table of another schema.`
  return {
    column: columns[0]!,
    targetTable: k.targetTable!,
    targetColumn: targetColumns[0]!,
    onDelete: referentialActions[k.onDelete],
    onUpdate: referentialActions[k.onUpdate],
  }
}

const NEXTVAL = /^nextval\('(.+)'::regclass\)$/

function assembleColumn(col: ColumnRow, type: ResolvedType, spelled: ReadonlyMap<ResolvedType, string>): ReflectedColumn {
  let autoIncrement: AutoIncrement | undefined
  let lost = type.format?.use === 'lost' ? spelled.get(type) : undefined
  const integer = type.arrayDimensions === 0 && ['smallint', 'integer', 'bigint'].includes(type.type.kind)
  if (col.identity === 'a' || col.identity === 'd') autoIncrement = col.identity === 'a' ? 'identity always' : 'identity by default'
  else if (integer && col.sequence !== null && col.default !== null && NEXTVAL.test(col.default)) autoIncrement = 'serial'
  // serial and bigserial are DSL kinds; a smallint one is declared as serial, and the file says so.
  if (autoIncrement !== undefined && type.type.kind === 'smallint') lost = autoIncrement === 'serial' ? 'smallserial' : 'smallint identity'
  const declared = type.format?.use === 'custom' ? { kind: 'custom' as const, sqlType: spelled.get(type) ?? 'text' } : type.type
  return {
    name: col.name,
    type: declared,
    arrayDimensions: type.arrayDimensions,
    domain: type.domain,
    nullable: !col.notNull,
    default: autoIncrement === undefined && col.generated === '' ? (col.default ?? undefined) : undefined,
    autoIncrement,
    generated: col.generated === 's' ? (col.default ?? undefined) : undefined,
    lost,
    comment: col.comment ?? undefined,
  }
}
