import type { ExpressionNode } from '../ast/expression.js'
import { encodeUntyped } from '../schema/untyped.js'
import { codecOf, resolveColumn } from './context.js'
import type { CompileContext, Scope } from './context.js'
import { quoteIdentifier } from './quote.js'
import { findRelation, relatedScope, writeRelatedRows } from './relations.js'

// The node whose kind includes K (LogicalNode serves both 'And' and 'Or').
type NodeOfKind<K, N = ExpressionNode> = N extends { kind: infer NK } ? (K extends NK ? N : never) : never

type Visitors = {
  [K in ExpressionNode['kind']]: (node: NodeOfKind<K>, ctx: CompileContext, scope: Scope) => void
}

/** Writes one expression node; the kind → method table below is the whole expression compiler. */
export function compileExpression(node: ExpressionNode, ctx: CompileContext, scope: Scope): void {
  ;(visitors[node.kind] as (n: ExpressionNode, c: CompileContext, s: Scope) => void)(node, ctx, scope)
}

const visitors: Visitors = {
  ColumnRef(node, ctx, scope) {
    const { table, column } = resolveColumn(scope, node.table, node.column)
    ctx.append(`${quoteIdentifier(table.sqlAlias)}.${quoteIdentifier(column.dbName)}`)
  },

  Value(node, ctx, scope) {
    if (node.value === null) return ctx.appendParameter(null)
    const label = node.like === undefined ? 'value' : `${node.like.table ?? scope.from}.${node.like.column}`
    const encoded =
      node.like === undefined
        ? encodeUntyped(node.value)
        : codecOf(scope, node.like.table, node.like.column).encode(node.value, `Column ${label}`)
    ctx.appendParameter(encoded)
  },

  List(node, ctx, scope) {
    ctx.append('(')
    node.items.forEach((item, i) => {
      if (i > 0) ctx.append(', ')
      compileExpression(item, ctx, scope)
    })
    ctx.append(')')
  },

  Binary(node, ctx, scope) {
    // `x in ()` is invalid SQL: an empty list is simply never (or always, for not in) matched.
    const { right } = node
    if (right.kind === 'List' && right.items.length === 0) {
      // Still resolve the column, so an unknown name fails here like everywhere else.
      if (node.left.kind === 'ColumnRef') resolveColumn(scope, node.left.table, node.left.column)
      return ctx.append(node.op === 'in' ? 'false' : 'true')
    }
    compileExpression(node.left, ctx, scope)
    ctx.append(` ${node.op} `)
    compileExpression(node.right, ctx, scope)
  },

  And(node, ctx, scope) {
    compileLogical(node.items, ' and ', 'true', ctx, scope)
  },

  Or(node, ctx, scope) {
    compileLogical(node.items, ' or ', 'false', ctx, scope)
  },

  Not(node, ctx, scope) {
    ctx.append('not (')
    compileExpression(node.item, ctx, scope)
    ctx.append(')')
  },

  Raw(node, ctx, scope) {
    node.parts.forEach((part, i) => {
      ctx.append(part)
      const arg = node.args[i]
      if (arg !== undefined) compileExpression(arg, ctx, scope)
    })
  },

  Identifier(node, ctx) {
    ctx.append(node.path.map(quoteIdentifier).join('.'))
  },

  UnsafeText(node, ctx) {
    ctx.append(node.text)
  },

  Related(node, ctx, scope) {
    const parent = scope.tables.get(scope.from)!
    const relation = findRelation(ctx, parent, node.relation)
    const alias = ctx.nextAlias()
    ctx.append(node.negated ? 'not exists (select 1 from ' : 'exists (select 1 from ')
    writeRelatedRows(ctx, relation, parent, alias)
    if (node.query.where !== undefined) {
      ctx.append(' and ')
      compileExpression(node.query.where, ctx, relatedScope(ctx, relation, scope, alias))
    }
    ctx.append(')')
  },
}

function compileLogical(items: readonly ExpressionNode[], separator: string, empty: string, ctx: CompileContext, scope: Scope): void {
  if (items.length === 0) return ctx.append(empty)
  ctx.append('(')
  items.forEach((item, i) => {
    if (i > 0) ctx.append(separator)
    compileExpression(item, ctx, scope)
  })
  ctx.append(')')
}
