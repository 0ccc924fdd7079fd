// Replays a planned schema file on the real DSL: the same calls the printed file makes, so
// schema() itself checks what `joinery pull` writes (references, keys, relation names).
import { sql } from '../builder/sql.js'
import type { Casing } from '../schema/casing.js'
import { column, enumOf } from '../schema/column.js'
import type { AnyColumn } from '../schema/column.js'
import { schema, tableInfo } from '../schema/schema.js'
import type { Schema, TableInfo, Tables } from '../schema/schema.js'
import { table } from '../schema/table.js'
import type { AnyTable } from '../schema/table.js'
import type { Arg, Call, PlannedSchema } from './plan.js'
import type { ExplicitEntry } from './relation-names.js'

type Method = (...args: unknown[]) => unknown

/** A `sql` fragment exactly as the printed sql`…` template makes it. */
function fragment(text: string): unknown {
  const strings = Object.assign([text], { raw: [text] }) as unknown as TemplateStringsArray
  return sql(strings)
}

const runtimeArg = (arg: Arg): unknown => (typeof arg === 'object' && arg !== null && 'sql' in arg ? fragment(arg.sql as string) : arg)

function apply(target: unknown, calls: readonly Call[]): unknown {
  return calls.reduce((value, call) => (value as Record<string, Method>)[call.method]!(...call.args.map(runtimeArg)), target)
}

function buildColumn(calls: readonly Call[]): AnyColumn {
  const [first, ...rest] = calls
  const start = first!.method === 'enumOf' ? (enumOf as Method)(...first!.args.map(runtimeArg)) : (column as unknown as Record<string, Method>)[first!.method]!(...first!.args.map(runtimeArg))
  return apply(start, rest) as AnyColumn
}

/** The tables the planned file declares, built with table() and column.*(). */
export function buildTables(plan: PlannedSchema): Tables {
  const tables: Record<string, AnyTable> = {}
  for (const planned of plan.tables) {
    const columns: Record<string, AnyColumn> = {}
    for (const col of planned.columns) define(columns, col.key, buildColumn(col.calls))
    define(tables, planned.key, apply(table(columns), planned.calls) as AnyTable)
  }
  return tables
}

// An own property even for the key `__proto__` (the printed file uses a computed key for it).
const define = <T>(target: Record<string, T>, key: string, value: T) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })

/** What schema() knows of each table, without checking relation names (that is what is being decided). */
export function tableInfos(tables: Tables, casing: Casing): Map<string, TableInfo> {
  return new Map(Object.entries(tables).map(([key, tableDef]) => [key, tableInfo(key, tableDef, casing)]))
}

interface RelationFactory {
  one(target: string, options: { foreignKey: string }): unknown
  many(target: string, options: { foreignKey: string }): unknown
}

/** schema(tables, { casing, relations }) as the printed file calls it. */
export function buildSchema(tables: Tables, casing: Casing, entries: readonly ExplicitEntry[]): Schema {
  const relations = (r: RelationFactory) => {
    const out: Record<string, Record<string, unknown>> = {}
    for (const e of entries) (out[e.table] ??= {})[e.name] = e.many ? r.many(e.target, { foreignKey: e.foreignKey }) : r.one(e.target, { foreignKey: e.foreignKey })
    return out
  }
  const declare = schema as unknown as (tables: Tables, options: object) => Schema
  return declare(tables, entries.length === 0 ? { casing } : { casing, relations })
}
