import { JoineryError, listNames } from '../errors.js'
import type { Codec } from '../schema/codecs.js'
import type { ColumnInfo, SchemaMeta, TableInfo } from '../schema/schema.js'

/** A table in scope: the name queries use for it, and the alias written in SQL. */
export interface ScopeTable {
  readonly info: TableInfo
  readonly sqlAlias: string
}

/** The tables a (sub)query can name; `parent` is the enclosing query, for correlation. */
export interface Scope {
  readonly from: string
  readonly tables: ReadonlyMap<string, ScopeTable>
  readonly parent: Scope | undefined
}

/** Mutable state of one compilation: the SQL text so far and the parameters. */
export class CompileContext {
  sql = ''
  readonly parameters: (string | null)[] = []
  readonly schema: SchemaMeta
  #aliases = 0

  constructor(schema: SchemaMeta) {
    this.schema = schema
  }

  append(text: string): void {
    this.sql += text
  }

  /** Adds a parameter (already encoded as text, or null) and writes its `$n`. */
  appendParameter(encoded: string | null): void {
    this.parameters.push(encoded)
    this.sql += `$${this.parameters.length}`
  }

  /** A fresh alias for a subquery's table (r0, r1, …): unique in the statement, so self-relations never clash. */
  nextAlias(): string {
    return `r${this.#aliases++}`
  }

  table(key: string): TableInfo {
    const info = this.schema.tables.get(key)
    if (info === undefined) throw new JoineryError(`Unknown table "${key}". Known tables: ${listNames(this.schema.tables.keys())}.`)
    return info
  }
}

export interface ResolvedColumn {
  readonly table: ScopeTable
  readonly column: ColumnInfo
}

/** Finds `alias.column` (or a bare column of the from table) in scope, or throws naming what is valid. */
export function resolveColumn(scope: Scope, alias: string | undefined, key: string): ResolvedColumn {
  let table: ScopeTable | undefined
  for (let s: Scope | undefined = scope; s !== undefined && table === undefined; s = s.parent)
    table = s.tables.get(alias ?? s.from)
  if (table === undefined) {
    const names: string[] = []
    for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) names.push(...s.tables.keys())
    throw new JoineryError(`Unknown table "${alias}" in column reference "${alias}.${key}". Tables in this query: ${listNames(names)}.`)
  }
  const column = table.info.columns.get(key)
  if (column === undefined)
    throw new JoineryError(`Unknown column "${key}" on table "${table.info.key}". Known columns: ${listNames(table.info.columns.keys())}.`)
  return { table, column }
}

/** The codec of a column reference, used to encode values compared with it. */
export function codecOf(scope: Scope, alias: string | undefined, key: string): Codec {
  return resolveColumn(scope, alias, key).column.codec
}
