import type { IncludeNode, SelectNode, SelectionNode } from '../ast/select.js'
import { columnRef, identifier } from '../ast/expression.js'
import type { ExpressionNode } from '../ast/expression.js'
import { JoineryError } from '../errors.js'
import { codecs, untypedCodec } from '../schema/codecs.js'
import type { Codec } from '../schema/codecs.js'
import { expressionCodec } from './codec.js'
import { jsonArray, jsonField, jsonObject } from '../decode/json.js'
import type { JsonDecoder } from '../decode/json.js'
import { resolveRef } from './context.js'
import type { CompileContext, Scope, ScopeTable } from './context.js'
import { columnSql, compileExpression, compileOrderBy, compileTyped } from './expression.js'
import { quoteIdentifier as q } from './quote.js'
import { findRelation, relatedScope, writeRelatedRows, writeRelationJoin } from './relations.js'

/** How to decode one output column: from its text at top level (undefined: by the result's type OID), or inside JSON. */
export interface OutputColumn {
  readonly key: string
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
    ctx.appendParameter(String(node.limit))
  }
  if (node.offset !== undefined) {
    ctx.append(' offset ')
    ctx.appendParameter(String(node.offset))
  }
}

/** Top-level columns, pairs of one json_build_object, or pairs of several (a wide row, in chunks). */
type Mode = 'top' | 'json' | 'chunks'

// Postgres functions take at most 100 arguments: a wider object is sent as an array of objects
// (json, not jsonb, which would change -0 and refuse \u0000) and merged by the decoder.
const PAIRS_PER_OBJECT = 50

/** Writes the selections and includes: `a, b as "k"` at top level, `'k', v, …` inside json_build_object. */
function writeOutputs(node: SelectNode, ctx: CompileContext, scope: Scope, mode: Mode): OutputColumn[] {
  const selections = node.selections ?? allColumns(scope)
  const output: OutputColumn[] = []
  let count = 0
  const separate = (key: string) => {
    if (count > 0) ctx.append(mode === 'chunks' && count % PAIRS_PER_OBJECT === 0 ? '), json_build_object(' : ', ')
    count++
    if (mode !== 'top') ctx.append(`'${key.replace(/'/g, "''")}', `)
  }
  for (const selection of selections) {
    separate(selection.alias)
    output.push(writeSelection(selection, ctx, scope, mode))
  }
  for (const include of node.includes) {
    separate(include.key)
    output.push(writeInclude(include, ctx, scope, ctx.nextAlias()))
    // json has no equality operator; select distinct compares the nested value as its text.
    if (mode === 'top' && node.distinct && !include.count) ctx.append('::text')
    if (mode === 'top') ctx.append(` as ${q(include.key)}`)
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
    return writeSelection(selection, ctx, scope, 'top')
  })
}

function writeSelection(selection: SelectionNode, ctx: CompileContext, scope: Scope, mode: Mode): OutputColumn {
  const { expr, alias } = selection
  if (alias === '') throw new JoineryError("A selected expression needs a name: add .as('name').")
  if (expr.kind === 'ColumnRef') {
    // The common case, resolved once: a stored column keeps its name when it is already the key.
    const resolved = resolveRef(scope, expr.table, expr.column)
    if ('column' in resolved) {
      const { dbName } = resolved.column
      const codec = resolved.column.codec === untypedCodec ? undefined : resolved.column.codec
      ctx.append(columnSql(resolved.table, dbName))
      if (mode !== 'top') {
        if (codec !== undefined && needsTextInJson(codec)) ctx.append('::text')
      } else if (dbName !== alias) ctx.append(` as ${q(alias)}`)
      return { key: alias, codec, fromText: codec?.decode, fromJson: jsonField(codec) }
    }
  }
  const codec = expressionCodec(expr, scope, ctx)
  const castToText = mode !== 'top' && codec !== undefined && needsTextInJson(codec)
  const isColumn = expr.kind === 'ColumnRef'
  if (castToText && !isColumn) ctx.append('(')
  compileTyped(expr, ctx, scope)
  if (castToText) ctx.append(isColumn ? '::text' : ')::text')
  if (mode === 'top') ctx.append(` as ${q(alias)}`)
  return { key: alias, codec, fromText: codec?.decode, fromJson: jsonField(codec) }
}

const countCodec = codecs.int8('number')

/**
 * One include as a correlated subquery: json_agg of json_build_object over the related rows, with
 * the nested where inside, ORDER BY inside the aggregate, and LIMIT/OFFSET per parent row.
 */
function writeInclude(include: IncludeNode, ctx: CompileContext, parent: Scope, alias: string): OutputColumn {
  const relation = findRelation(ctx, fromScope(parent), include.relation)
  const { query } = include
  if (query.joins.length > 0 || query.distinct) throw new JoineryError(`include('${include.key}'): joins and distinct are not supported inside an include.`)
  const scope = relatedScope(ctx, relation, parent, alias)
  const rows = () => writeRelatedRows(ctx, relation, fromScope(parent), alias)
  if (include.count) {
    ctx.append('(select count(*) from ')
    rows()
    writeWhere(query, ctx, scope, 'correlated')
    ctx.append(')')
    return { key: include.key, codec: countCodec, fromText: countCodec.decode, fromJson: Number }
  }
  if (!relation.many) {
    ctx.append('(select ')
    const object = writeJsonObject(query, ctx, scope)
    ctx.append(' from ')
    rows()
    writeWhere(query, ctx, scope, 'correlated')
    ctx.append(')')
    return { key: include.key, codec: undefined, fromText: (text) => object(JSON.parse(text)), fromJson: object }
  }
  ctx.append('(select coalesce(json_agg(')
  const object = writeJsonObject(query, ctx, scope)
  writeOrderBy(query, ctx, scope)
  ctx.append("), '[]'::json) from ")
  const limited = query.limit !== undefined || query.offset !== undefined
  if (limited) ctx.append(`(select ${q(alias)}.* from `)
  rows()
  writeWhere(query, ctx, scope, 'correlated')
  if (limited) {
    writeOrderBy(query, ctx, scope)
    writeLimit(query, ctx)
    ctx.append(`) as ${q(alias)}`)
  }
  ctx.append(')')
  const array = jsonArray(object)
  return { key: include.key, codec: undefined, fromText: (text) => array(JSON.parse(text)), fromJson: array }
}

function writeJsonObject(query: SelectNode, ctx: CompileContext, scope: Scope): JsonDecoder {
  const { info } = fromScope(scope)
  const width = (query.selections?.length ?? info.columnList.length + info.computed.size) + query.includes.length
  const wide = width > PAIRS_PER_OBJECT
  ctx.append(wide ? 'json_build_array(json_build_object(' : 'json_build_object(')
  const output = writeOutputs(query, ctx, scope, wide ? 'chunks' : 'json')
  ctx.append(wide ? '))' : ')')
  const object = jsonObject(
    output.map((o) => o.key),
    output.map((o) => o.fromJson),
  )
  return wide ? (value) => (value === null ? null : object(Object.assign({}, ...(value as object[])))) : object
}
