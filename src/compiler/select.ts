import type { IncludeNode, OrderByNode, SelectNode, SelectionNode } from '../ast/select.js'
import { columnRef, identifier } from '../ast/expression.js'
import type { ExpressionNode } from '../ast/expression.js'
import { JoineryError } from '../errors.js'
import { codecs, untypedCodec } from '../schema/codecs.js'
import type { Codec } from '../schema/codecs.js'
import { expressionCodec } from './codec.js'
import { jsonArray, jsonField, jsonObject, jsonText } from '../decode/json.js'
import type { JsonDecoder } from '../decode/json.js'
import { resolveRef } from './context.js'
import type { CompileContext, Scope, ScopeTable } from './context.js'
import { columnSql, compileExpression, compileOrderBy, compileTyped } from './expression.js'
import { quoteIdentifier as q } from './quote.js'
import { findRelation, relatedScope, writeRelatedRows, writeRelationJoin } from './relations.js'

/** How to decode one output column: from its text at top level (undefined: by the result's type OID), or inside JSON. */
export interface OutputColumn {
  readonly key: string
  /** Its name in the SQL output: the key, or a stand-in when the key is longer than Postgres allows. */
  readonly name: string
  /** The schema codec when known (a column, or an expression whose type follows from its shape). */
  readonly codec: Codec | undefined
  readonly fromText: ((text: string) => unknown) | undefined
  readonly fromJson: JsonDecoder
}

/** Every column of the from table, stored then computed: what a query that selects nothing returns. */
function allColumns(scope: Scope): readonly SelectionNode[] {
  const { info } = scope.tables.get(scope.from)!
  return [...info.columnList.map((col) => col.key), ...info.computed.keys()].map((key) => ({ expr: columnRef(undefined, key), alias: key }))
}

function fromScope(scope: Scope): ScopeTable {
  return scope.tables.get(scope.from)!
}

/** The scope of a select: its table, then each joined table under its alias. */
function selectScope(ctx: CompileContext, node: SelectNode, parent: Scope | undefined): Scope {
  const info = ctx.table(node.from)
  const tables = new Map<string, ScopeTable>([[node.from, { info, sqlAlias: info.dbName }]])
  const scope: Scope = { from: node.from, tables, parent }
  for (const join of node.joins) {
    if (tables.has(join.alias)) throw new JoineryError(`The name "${join.alias}" is already used in this query; give the join another alias.`)
    tables.set(join.alias, { info: ctx.table(join.table), sqlAlias: join.alias })
  }
  return scope
}

/** Writes a whole select statement and returns how to decode its output columns. */
export function compileSelect(node: SelectNode, ctx: CompileContext, parent?: Scope): OutputColumn[] {
  writeCtes(node, ctx)
  const scope = selectScope(ctx, node, parent)
  ctx.append(node.distinct ? 'select distinct ' : 'select ')
  writeList(node.distinctOn, ctx, scope, 'distinct on (', ') ')
  const output = writeOutputs(node, ctx, scope, 'top')
  const from = fromScope(scope)
  if (limitsParentsFirst(node)) {
    // The includes run for the limited parent rows only: limit them first, in a derived table
    // under the table's own name, so the select list above reads it unchanged.
    ctx.append(` from (select ${q(from.info.dbName)}.* from ${q(from.info.dbName)}`)
    writeWhere(node, ctx, scope, undefined)
    writeOrderBy(node, ctx, scope)
    writeLimit(node, ctx)
    ctx.append(`) as ${q(from.info.dbName)}`)
    writeOrderBy(node, ctx, scope)
    return output
  }
  ctx.append(` from ${q(from.info.dbName)}`)
  for (const join of node.joins) {
    if (join.relation !== undefined) {
      const [sourceAlias, name] = join.relation
      const source = scope.tables.get(sourceAlias)!
      writeRelationJoin(ctx, join.type, findRelation(ctx, source, name), source, join.alias)
    } else {
      const table = scope.tables.get(join.alias)!
      const as = table.info.dbName === join.alias ? q(join.alias) : `${q(table.info.dbName)} as ${q(join.alias)}`
      ctx.append(` ${join.type === 'inner' ? 'inner join' : 'left join'} ${as} on `)
      compileExpression(join.on!, ctx, scope)
    }
  }
  writeWhere(node, ctx, scope, undefined)
  writeList(node.groupBy, ctx, scope, ' group by ', '')
  if (node.having !== undefined) {
    ctx.append(' having ')
    compileExpression(node.having, ctx, scope)
  }
  for (const operation of node.setOperations) {
    ctx.append(` ${operation.op} `)
    const simple = operation.query.orderBy.length === 0 && operation.query.limit === undefined && operation.query.offset === undefined
    if (!simple) ctx.append('(')
    compileSelect(operation.query, ctx, parent)
    if (!simple) ctx.append(')')
  }
  writeOrderBy(node, ctx, scope)
  writeLimit(node, ctx)
  return output
}

function writeList(items: readonly ExpressionNode[], ctx: CompileContext, scope: Scope, before: string, after: string): void {
  if (items.length === 0) return
  ctx.append(before)
  items.forEach((item, i) => {
    if (i > 0) ctx.append(', ')
    compileExpression(item, ctx, scope)
  })
  ctx.append(after)
}

/** `with [recursive] name as (query [union all recursive part]), … ` before the statement. */
function writeCtes(node: SelectNode, ctx: CompileContext): void {
  if (node.ctes.length === 0) return
  ctx.append(node.ctes.some((cte) => cte.recursive !== undefined) ? 'with recursive ' : 'with ')
  node.ctes.forEach((cte, i) => {
    ctx.append(`${i > 0 ? ', ' : ''}${q(cte.name)} as (`)
    compileSelect(cte.query, ctx)
    if (cte.recursive !== undefined) {
      ctx.append(' union all ')
      compileSelect(cte.recursive, ctx)
    }
    ctx.append(')')
  })
  ctx.append(' ')
}

function limitsParentsFirst(node: SelectNode): boolean {
  const limited = node.limit !== undefined || node.offset !== undefined
  const plain = node.joins.length === 0 && node.groupBy.length === 0 && node.having === undefined && node.setOperations.length === 0
  return limited && plain && node.includes.length > 0 && !node.distinct && node.distinctOn.length === 0
}

function writeWhere(node: SelectNode, ctx: CompileContext, scope: Scope, correlated: string | undefined): void {
  if (node.where === undefined) return
  ctx.append(correlated === undefined ? ' where ' : ' and ')
  compileExpression(node.where, ctx, scope)
}

function writeOrderBy(node: SelectNode, ctx: CompileContext, scope: Scope): void {
  if (node.setOperations.length === 0) return compileOrderBy(node.orderBy, ctx, scope, ' order by ')
  // After union/intersect/except, ORDER BY sees only the output columns: order by their names.
  const byOutput = node.orderBy.map((order) => {
    if (order.expr.kind !== 'ColumnRef') return order
    const { table, column } = order.expr
    const selection = node.selections?.find((s) => s.expr.kind === 'ColumnRef' && s.expr.column === column && s.expr.table === table)
    return { ...order, expr: identifier([selection?.alias ?? column]) }
  })
  compileOrderBy(byOutput, ctx, scope, ' order by ')
}

function writeLimit(node: SelectNode, ctx: CompileContext): void {
  if (node.limit !== undefined) {
    ctx.append(' limit ')
    ctx.appendValue(node.limit, 'count', 'limit')
  }
  if (node.offset !== undefined) {
    ctx.append(' offset ')
    ctx.appendValue(node.offset, 'count', 'offset')
  }
}

/** Where outputs land: top-level columns (decoded by position), or columns of a row subquery that becomes JSON. */
type Mode = 'top' | 'row'

/** Writes the selections and includes, `a, b as "k"`; in a row subquery, under the layout's names, then its hidden columns. */
function writeOutputs(node: SelectNode, ctx: CompileContext, scope: Scope, mode: Mode, layout?: RowLayout): OutputColumn[] {
  const selections = node.selections ?? allColumns(scope)
  const output: OutputColumn[] = []
  for (const selection of selections) {
    if (output.length > 0) ctx.append(', ')
    output.push(writeSelection(selection, ctx, scope, mode, layout?.names[output.length] ?? selection.alias))
  }
  for (const include of node.includes) {
    if (output.length > 0) ctx.append(', ')
    const column = writeInclude(include, ctx, scope, ctx.nextAlias(), layout?.names[output.length] ?? include.key)
    // json has no equality operator; select distinct compares the nested value as its text.
    if (mode === 'top' && node.distinct && !include.count) ctx.append('::text')
    ctx.append(` as ${q(column.name)}`)
    output.push(column)
  }
  for (const selection of layout?.hidden ?? []) {
    ctx.append(', ')
    compileExpression(selection.expr, ctx, scope)
    ctx.append(` as ${q(selection.alias)}`)
  }
  return output
}

/** The codec of a one-column subquery's value (its first selection). */
export function scalarCodec(query: SelectNode, parent: Scope, ctx: CompileContext): Codec | undefined {
  const scope = selectScope(ctx, query, parent)
  const first = query.selections?.[0]
  return first === undefined ? undefined : expressionCodec(first.expr, scope, ctx)
}

/** Inside JSON, kinds that to_json would damage travel as their text (custom kinds: their output already). */
const needsTextInJson = (codec: Codec) => !codec.jsonNative && codec.jsonText !== 'output'

/** Top-level selections only (a `returning` list). */
export function writeSelections(selections: readonly SelectionNode[], ctx: CompileContext, scope: Scope): OutputColumn[] {
  return selections.map((selection, i) => {
    if (i > 0) ctx.append(', ')
    return writeSelection(selection, ctx, scope, 'top', selection.alias)
  })
}

function writeSelection(selection: SelectionNode, ctx: CompileContext, scope: Scope, mode: Mode, name: string): OutputColumn {
  const { expr, alias } = selection
  if (alias === '') throw new JoineryError("A selected expression needs a name: add .as('name').")
  if (expr.kind === 'ColumnRef') {
    // The common case, resolved once: a stored column keeps its name when it is already the key.
    const resolved = resolveRef(scope, expr.table, expr.column)
    if ('column' in resolved) {
      const { dbName } = resolved.column
      const codec = resolved.column.codec === untypedCodec ? undefined : resolved.column.codec
      ctx.append(columnSql(resolved.table, dbName))
      if (mode === 'row' && codec !== undefined && needsTextInJson(codec)) ctx.append('::text')
      if (dbName !== name) ctx.append(` as ${q(name)}`)
      return { key: alias, name, codec, fromText: codec?.decode, fromJson: jsonField(codec) }
    }
  }
  const codec = expressionCodec(expr, scope, ctx)
  const castToText = mode === 'row' && codec !== undefined && needsTextInJson(codec)
  if (castToText) ctx.append('(')
  compileTyped(expr, ctx, scope)
  ctx.append(`${castToText ? ')::text' : ''} as ${q(name)}`)
  return { key: alias, name, codec, fromText: codec?.decode, fromJson: jsonField(codec) }
}

const countCodec = codecs.int8('number')

/**
 * One include as a correlated subquery over a row subquery: the related rows with the nested where,
 * LIMIT/OFFSET per parent row, turned into JSON whole (to_json, or json_agg with ORDER BY inside
 * the aggregate). The SQL of a related row is its output columns, so no key is written per row.
 */
function writeInclude(include: IncludeNode, ctx: CompileContext, parent: Scope, alias: string, name: string): OutputColumn {
  const relation = findRelation(ctx, fromScope(parent), include.relation)
  const { query } = include
  if (query.joins.length > 0 || query.distinct) throw new JoineryError(`include('${include.key}'): joins and distinct are not supported inside an include.`)
  const scope = relatedScope(ctx, relation, parent, alias)
  if (include.count) {
    ctx.append('(select count(*) from ')
    writeRelatedRows(ctx, relation, fromScope(parent), alias)
    writeWhere(query, ctx, scope, 'correlated')
    ctx.append(')')
    return { key: include.key, name, codec: countCodec, fromText: countCodec.decode, fromJson: Number }
  }
  const row = q(alias)
  const layout = rowLayout(query, scope, relation.many)
  if (relation.many) {
    ctx.append(`(select coalesce(json_agg(${row}.*`)
    compileOrderBy(layout.order, ctx, scope, ' order by ')
    ctx.append("), '[]'::json) from (select ")
  } else ctx.append(`(select to_json(${row}.*) from (select `)
  const output = writeOutputs(query, ctx, scope, 'row', layout)
  ctx.append(' from ')
  writeRelatedRows(ctx, relation, fromScope(parent), alias)
  writeWhere(query, ctx, scope, 'correlated')
  if (query.limit !== undefined || query.offset !== undefined) {
    writeOrderBy(query, ctx, scope)
    writeLimit(query, ctx)
  }
  ctx.append(`) as ${row})`)
  const object = jsonObject(output, layout.hidden.length > 0)
  const value = relation.many ? jsonArray(object) : object
  return { key: include.key, name, codec: undefined, fromText: jsonText(value), fromJson: value }
}

/** An include's row subquery: the name of each output column, and the aggregate's ORDER BY over them. */
interface RowLayout {
  readonly names: readonly string[]
  readonly order: readonly OrderByNode[]
  readonly hidden: readonly SelectionNode[]
}

// Postgres truncates longer names (NAMEDATALEN 64): such a key travels under a stand-in the
// decoder maps back.
const MAX_NAME_BYTES = 63
const utf8 = new TextEncoder()
const fitsName = (key: string) => key.length * 3 <= MAX_NAME_BYTES || utf8.encode(key).length <= MAX_NAME_BYTES

/**
 * Names the row subquery's columns by their keys (a stand-in for a key too long for Postgres) and
 * orders the aggregate by them: a selected column that travels as itself is ordered by its
 * output; anything else (an expression, a column not selected, or one cast to text for JSON) by
 * a hidden column the decoder leaves out. Stand-ins and hidden names avoid every key.
 */
function rowLayout(query: SelectNode, scope: Scope, aggregated: boolean): RowLayout {
  const row = fromScope(scope).sqlAlias
  const selections = query.selections ?? allColumns(scope)
  const keys = [...selections.map((s) => s.alias), ...query.includes.map((i) => i.key)]
  const taken = new Set(keys)
  const names = keys.map((key, i) => (fitsName(key) ? key : freeName(taken, `$column${i}`)))
  const hidden: SelectionNode[] = []
  const order = (aggregated ? query.orderBy : []).map((item) => {
    const position = selections.findIndex((s) => sameColumn(s.expr, item.expr, scope))
    if (position >= 0 && travelsAsItself(selections[position]!.expr, scope)) return { ...item, expr: identifier([row, names[position]!]) }
    const alias = freeName(taken, `$order${hidden.length}`)
    hidden.push({ expr: item.expr, alias })
    return { ...item, expr: identifier([row, alias]) }
  })
  return { names, order, hidden }
}

/** `name`, or `$name`, `$$name`, … : the first not taken, which it then takes. */
function freeName(taken: Set<string>, name: string): string {
  while (taken.has(name)) name = `$${name}`
  taken.add(name)
  return name
}

function sameColumn(a: ExpressionNode, b: ExpressionNode, scope: Scope): boolean {
  return a.kind === 'ColumnRef' && b.kind === 'ColumnRef' && a.column === b.column && (a.table ?? scope.from) === (b.table ?? scope.from)
}

function travelsAsItself(expr: ExpressionNode, scope: Scope): boolean {
  if (expr.kind !== 'ColumnRef') return false
  const resolved = resolveRef(scope, expr.table, expr.column)
  return 'column' in resolved && !needsTextInJson(resolved.column.codec)
}
