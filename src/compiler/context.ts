import { JoineryError, listNames } from '../errors.js'
import type { ExpressionNode } from '../ast/expression.js'
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

/** A computed column found in scope: its expression, and the scope that compiles it (its table as `from`). */
export interface ResolvedComputed {
  readonly expression: ExpressionNode
  readonly scope: Scope
}

/** Finds a reference in scope: a stored column, or a computed one. */
export function resolveRef(scope: Scope, alias: string | undefined, key: string): ResolvedColumn | ResolvedComputed {
  const [table, level, name] = findTable(scope, alias, key)
  const computed = table.info.computed.get(key)
  if (computed !== undefined) return { expression: computed, scope: { from: name, tables: level.tables, parent: level.parent } }
  return resolveStored(table, key)
}

/** Finds `alias.column` (or a bare column of the from table) in scope, or throws naming what is valid. */
export function resolveColumn(scope: Scope, alias: string | undefined, key: string): ResolvedColumn {
  const [table] = findTable(scope, alias, key)
  if (table.info.computed.has(key)) throw new JoineryError(`${table.info.key}.${key} is a computed column: it can be read, not written or joined on.`)
  return resolveStored(table, key)
}

function findTable(scope: Scope, alias: string | undefined, key: string): [ScopeTable, Scope, string] {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    const name = alias ?? s.from
    const table = s.tables.get(name)
    if (table !== undefined) return [table, s, name]
  }
  const names: string[] = []
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) names.push(...s.tables.keys())
  throw new JoineryError(`Unknown table "${alias}" in column reference "${alias}.${key}". Tables in this query: ${listNames(names)}.`)
}

function resolveStored(table: ScopeTable, key: string): ResolvedColumn {
  const column = table.info.columns.get(key)
  if (column === undefined)
    throw new JoineryError(`Unknown column "${key}" on table "${table.info.key}". Known columns: ${listNames([...table.info.columns.keys(), ...table.info.computed.keys()])}.`)
  return { table, column }
}
