import { JoineryError, listNames } from '../errors.js'
import type { ExpressionNode, ValueNode } from '../ast/expression.js'
import type { Codec } from '../schema/codecs.js'
import type { ColumnInfo, SchemaMeta, TableInfo } from '../schema/schema.js'
import { encodeUntyped } from '../schema/untyped.js'

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

/** How a parameter is encoded from its value: like a column (its codec), untyped (undefined), or as a row count. */
export type ParameterEncoding = Codec | undefined | 'count'

/** Where a parameter came from: the value node, and how its value became the parameter. */
export interface ParameterSource {
  readonly node: ValueNode
  readonly encoding: ParameterEncoding
  /** Names the value in encoding errors: `Column people.id`. */
  readonly label: string
}

/** A value as a parameter: null stays null, a count is its digits, anything else goes through its codec. */
export function encodeParameter(value: unknown, encoding: ParameterEncoding, label: string): string | null {
  if (value === null) return null
  if (encoding === 'count') return String(value)
  return encoding === undefined ? encodeUntyped(value, label) : encoding.encode(value, label)
}

/** Mutable state of one compilation: the SQL text so far and the parameters. */
export class CompileContext {
  sql = ''
  readonly parameters: (string | null)[] = []
  readonly schema: SchemaMeta
  /** When given, each parameter's source, in order: how the statement can be reused with other values. */
  readonly sources: ParameterSource[] | undefined
  #aliases = 0

  constructor(schema: SchemaMeta, sources?: ParameterSource[]) {
    this.schema = schema
    this.sources = sources
  }

  append(text: string): void {
    this.sql += text
  }

  /** Adds the parameter for a value node, encoded, and writes its `$n`. */
  appendValue(node: ValueNode, encoding: ParameterEncoding, label: string): void {
    this.parameters.push(encodeParameter(node.value, encoding, label))
    this.sql += `$${this.parameters.length}`
    this.sources?.push({ node, encoding, label })
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
