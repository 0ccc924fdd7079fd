// The schema model → the schema file's contents, as calls of the DSL (`c.varchar(120)`,
// `.nullable()`, `.references('artist.artistId')`). One list of calls gives both the printed
// source and, replayed on the real DSL, the schema it declares (see build.ts), so what the
// printer writes is what was checked.
import type { Casing } from '../schema/casing.js'
import { readDefault } from './defaults.js'
import type { ReflectedColumn, ReflectedSchema, ReflectedTable } from './model.js'
import { chooseCasing, uniqueKeys } from './naming.js'
import type { Named } from './naming.js'

/** SQL text, printed as a `sql\`…\`` fragment. */
export interface SqlArg {
  readonly sql: string
}

export type Arg = number | bigint | boolean | string | SqlArg | readonly string[] | { readonly [key: string]: string | number }

/** A call: `c.varchar(120)` (first of a column), `enumOf([...], { name })`, `.nullable()`. */
export interface Call {
  readonly method: string
  readonly args: readonly Arg[]
  /** `custom<string>`: the type argument to print (the runtime ignores it). */
  readonly typeArgument?: string
}

export interface PlannedColumn {
  readonly key: string
  readonly calls: readonly Call[]
  /** Lines of its doc comment. */
  readonly docs: readonly string[]
}

export interface PlannedTable {
  readonly key: string
  readonly view: boolean
  readonly columns: readonly PlannedColumn[]
  /** `.primaryKey(…)`, `.unique(…)`, `.index(…)`, `.name(…)` after `table({...})`. */
  readonly calls: readonly Call[]
  readonly docs: readonly string[]
}

export interface PlannedSchema {
  readonly casing: Casing
  readonly tables: readonly PlannedTable[]
}

export interface PlanOptions {
  /** Key casing; `'auto'` (default) picks snake_case when most names map through it. */
  casing?: Casing | 'auto'
}

/** Plans the schema file for `model`: keys, column calls, table calls, doc comments. */
export function planSchema(model: ReflectedSchema, options: PlanOptions = {}): PlannedSchema {
  const all = model.tables.flatMap((t) => [t.name, ...t.columns.map((col) => col.name)])
  const casing = options.casing === undefined || options.casing === 'auto' ? chooseCasing(all) : options.casing
  const tableNames = uniqueKeys(model.tables.map((t) => t.name), casing)
  const tableKeys = new Map(model.tables.map((t, i) => [t.name, tableNames[i]!]))
  const columnKeys = new Map(
    model.tables.map((t) => {
      const keys = uniqueKeys(t.columns.map((col) => col.name), casing)
      return [t.name, new Map(t.columns.map((col, i) => [col.name, keys[i]!]))]
    }),
  )
  const names: KeyNames = {
    table: (table) => tableKeys.get(table)!,
    column: (table, column) => columnKeys.get(table)!.get(column)!,
  }
  // A table without columns cannot be declared (table() needs one); it is left out.
  const tables = model.tables.filter((t) => t.columns.length > 0).map((t) => planTable(t, names))
  return { casing, tables }
}

interface KeyNames {
  table(name: string): Named
  column(table: string, name: string): Named
}

function planTable(t: ReflectedTable, names: KeyNames): PlannedTable {
  const named = names.table(t.name)
  const columnKey = (column: string) => names.column(t.name, column).key
  const singlePk = t.primaryKey.length === 1 ? t.primaryKey[0] : undefined
  const uniqueColumns = new Set(t.uniques.filter((u) => u.length === 1).map((u) => u[0]!))
  const columns = t.columns.map((col) => {
    const fk = t.foreignKeys.find((f) => f.column === col.name)
    const target = fk === undefined ? '' : `${names.table(fk.targetTable).key}.${names.column(fk.targetTable, fk.targetColumn).key}`
    return planColumn(col, names.column(t.name, col.name), {
      primaryKey: singlePk === col.name,
      unique: uniqueColumns.has(col.name) && singlePk !== col.name,
      reference: fk === undefined ? undefined : { target, options: fk },
    })
  })
  const calls: Call[] = []
  if (named.dbName !== undefined) calls.push({ method: 'name', args: [named.dbName] })
  if (t.primaryKey.length > 1) calls.push({ method: 'primaryKey', args: t.primaryKey.map(columnKey) })
  const seen = new Set<string>()
  for (const unique of t.uniques.filter((u) => u.length > 1)) keyList(calls, seen, 'unique', unique.map(columnKey))
  for (const index of t.indexes) keyList(calls, seen, 'index', index.map(columnKey))
  const docs = [...(t.comment === undefined ? [] : t.comment.split('\n'))]
  if (t.kind !== 'table') {
    docs.push(`A ${t.kind} in the database: read-only.`)
    calls.push({ method: 'readOnly', args: [] })
  }
  docs.push(...t.notes.map((note) => `Not in the DSL: ${note}`))
  return { key: named.key, view: t.kind !== 'table', columns, calls, docs }
}

/** Adds `.unique(…)` / `.index(…)` once per column list. */
function keyList(calls: Call[], seen: Set<string>, method: 'unique' | 'index', keys: string[]): void {
  const id = `${method}:${JSON.stringify(keys)}`
  if (seen.has(id)) return
  seen.add(id)
  calls.push({ method, args: keys })
}

interface ColumnRole {
  readonly primaryKey: boolean
  readonly unique: boolean
  readonly reference: { readonly target: string; readonly options: { readonly onDelete?: string | undefined; readonly onUpdate?: string | undefined } } | undefined
}

function planColumn(col: ReflectedColumn, named: Named, role: ColumnRole): PlannedColumn {
  const calls: Call[] = [kindCall(col)]
  for (let i = 0; i < col.arrayDimensions; i++) calls.push({ method: 'array', args: [] })
  if (named.dbName !== undefined) calls.push({ method: 'name', args: [named.dbName] })
  if (role.primaryKey) calls.push({ method: 'primaryKey', args: [] })
  else if (col.nullable) calls.push({ method: 'nullable', args: [] })
  if (col.default !== undefined) {
    const value = readDefault(col.default, col.type, col.arrayDimensions)
    calls.push({ method: 'default', args: ['value' in value ? value.value : { sql: value.sql }] })
  }
  if (col.generated !== undefined) calls.push({ method: 'generatedAlwaysAs', args: [{ sql: col.generated }] })
  if (role.unique) calls.push({ method: 'unique', args: [] })
  if (role.reference !== undefined) {
    const { onDelete, onUpdate } = role.reference.options
    const options: Record<string, string> = {}
    if (onDelete !== undefined) options.onDelete = onDelete
    if (onUpdate !== undefined) options.onUpdate = onUpdate
    calls.push({ method: 'references', args: Object.keys(options).length > 0 ? [role.reference.target, options] : [role.reference.target] })
  }
  return { key: named.key, calls, docs: columnDocs(col) }
}

function kindCall(col: ReflectedColumn): Call {
  const { type } = col
  if (col.autoIncrement !== undefined) return { method: type.kind === 'bigint' ? 'bigserial' : 'serial', args: [] }
  switch (type.kind) {
    case 'varchar':
    case 'char':
      return { method: type.kind, args: type.length === undefined ? [] : [type.length] }
    case 'numeric': {
      const options: Record<string, number> = {}
      if (type.precision !== undefined) options.precision = type.precision
      if (type.scale !== undefined) options.scale = type.scale
      return { method: 'numeric', args: type.precision === undefined ? [] : [options] }
    }
    case 'enum':
      return { method: 'enumOf', args: [type.values, { name: type.name }] }
    case 'custom':
      return { method: 'custom', args: [type.sqlType], typeArgument: 'string' }
    default:
      return { method: type.kind, args: [] }
  }
}

function columnDocs(col: ReflectedColumn): string[] {
  const docs = col.comment === undefined ? [] : col.comment.split('\n')
  if (col.domain !== undefined) docs.push(`Domain ${col.domain} in the database (its checks are not in the DSL).`)
  if (col.autoIncrement === 'identity always') docs.push('Identity column (generated always): the database assigns it, an insert may not.')
  else if (col.autoIncrement === 'identity by default') docs.push('Identity column (generated by default).')
  if (col.lost !== undefined) docs.push(`In the database: ${col.lost}.`)
  return docs
}
