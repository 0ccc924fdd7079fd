import type { SelectNode, SelectionNode } from '../ast/select.js'
import { columnRef } from '../ast/expression.js'
import { JoineryError } from '../errors.js'
import type { Codec } from '../schema/codecs.js'
import { resolveColumn } from './context.js'
import type { CompileContext, Scope } from './context.js'
import { compileExpression } from './expression.js'
import { quoteIdentifier } from './quote.js'

/** How to decode one output column: by its schema codec, or by the result's type OID when unknown. */
export interface OutputColumn {
  readonly key: string
  readonly codec: Codec | undefined
}

export function selectScope(ctx: CompileContext, node: SelectNode, parent: Scope | undefined): Scope {
  const info = ctx.table(node.from)
  return { from: node.from, tables: new Map([[node.from, { info, sqlAlias: info.dbName }]]), parent }
}

/** Every column of the from table, in schema order: what a query that selects nothing returns. */
export function allColumns(scope: Scope): readonly SelectionNode[] {
  const table = scope.tables.get(scope.from)!
  return table.info.columnList.map((col) => ({ expr: columnRef(undefined, col.key), alias: col.key }))
}

/** Writes a whole select statement and returns how to decode its output columns. */
export function compileSelect(node: SelectNode, ctx: CompileContext, parent?: Scope): OutputColumn[] {
  const scope = selectScope(ctx, node, parent)
  const selections = node.selections ?? allColumns(scope)
  const output: OutputColumn[] = []
  ctx.append(node.distinct ? 'select distinct ' : 'select ')
  selections.forEach((selection, i) => {
    if (i > 0) ctx.append(', ')
    output.push(compileSelection(selection, ctx, scope))
  })
  const from = scope.tables.get(node.from)!
  ctx.append(` from ${quoteIdentifier(from.info.dbName)}`)
  if (node.where !== undefined) {
    ctx.append(' where ')
    compileExpression(node.where, ctx, scope)
  }
  node.orderBy.forEach((order, i) => {
    ctx.append(i === 0 ? ' order by ' : ', ')
    compileExpression(order.expr, ctx, scope)
    ctx.append(` ${order.direction}`)
  })
  if (node.limit !== undefined) {
    ctx.append(' limit ')
    ctx.appendParameter(String(node.limit))
  }
  if (node.offset !== undefined) {
    ctx.append(' offset ')
    ctx.appendParameter(String(node.offset))
  }
  return output
}

function compileSelection(selection: SelectionNode, ctx: CompileContext, scope: Scope): OutputColumn {
  const { expr, alias } = selection
  compileExpression(expr, ctx, scope)
  if (expr.kind === 'ColumnRef') {
    const { column } = resolveColumn(scope, expr.table, expr.column)
    if (column.dbName !== alias) ctx.append(` as ${quoteIdentifier(alias)}`)
    return { key: alias, codec: column.codec }
  }
  if (alias === '') throw new JoineryError('A selected expression needs a name: add .as(\'name\').')
  ctx.append(` as ${quoteIdentifier(alias)}`)
  return { key: alias, codec: undefined }
}
