import type { ExpressionNode } from '../ast/expression.js'
import type { OrderByNode } from '../ast/select.js'
import { JoineryError } from '../errors.js'
import { resolveColumn, resolveRef } from './context.js'
import { expressionCodec, valueCodec } from './codec.js'
import type { CompileContext, Scope, ScopeTable } from './context.js'
import { quoteIdentifier } from './quote.js'
import { findRelation, relatedScope, writeRelatedRows } from './relations.js'
import { compileSelect } from './select.js'

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
    const resolved = resolveRef(scope, node.table, node.column)
    if ('column' in resolved) return ctx.append(columnSql(resolved.table, resolved.column.dbName))
    ctx.append('(')
    compileExpression(resolved.expression, ctx, resolved.scope)
    ctx.append(')')
  },

  Value(node, ctx, scope) {
    // Encoded like the column it is compared with (a computed column: like its expression, if known).
    const codec = node.like === undefined ? undefined : expressionCodec(node.like, scope, ctx)
    const label = node.like === undefined ? 'A value' : `Column ${node.like.table ?? scope.from}.${node.like.column}`
    ctx.appendValue(node, codec, label)
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
    // Arithmetic nests inside other expressions: parenthesised so precedence is what was built.
    const arithmetic = ARITHMETIC.has(node.op)
    if (arithmetic) ctx.append('(')
    compileExpression(node.left, ctx, scope)
    ctx.append(` ${node.op} `)
    compileExpression(node.right, ctx, scope)
    if (arithmetic) ctx.append(')')
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

  Function(node, ctx, scope) {
    if (!FUNCTION_NAME.test(node.name)) throw new JoineryError(`Invalid function name ${JSON.stringify(node.name)}: use letters, digits and _ (optionally schema.name).`)
    ctx.append(`${node.name}(${node.distinct ? 'distinct ' : ''}`)
    if (node.star) ctx.append('*')
    node.args.forEach((arg, i) => {
      if (i > 0) ctx.append(', ')
      compileExpression(arg, ctx, scope)
    })
    ctx.append(')')
    if (node.over === undefined) return
    ctx.append(' over (')
    node.over.partitionBy.forEach((part, i) => {
      ctx.append(i === 0 ? 'partition by ' : ', ')
      compileExpression(part, ctx, scope)
    })
    if (node.over.partitionBy.length > 0 && node.over.orderBy.length > 0) ctx.append(' ')
    compileOrderBy(node.over.orderBy, ctx, scope, 'order by ')
    ctx.append(')')
  },

  Case(node, ctx, scope) {
    ctx.append('case')
    for (const [condition, result] of node.whens) {
      ctx.append(' when ')
      compileExpression(condition, ctx, scope)
      ctx.append(' then ')
      compileTyped(result, ctx, scope)
    }
    if (node.else !== undefined) {
      ctx.append(' else ')
      compileTyped(node.else, ctx, scope)
    }
    ctx.append(' end')
  },

  Between(node, ctx, scope) {
    compileExpression(node.expr, ctx, scope)
    ctx.append(' between ')
    compileExpression(node.low, ctx, scope)
    ctx.append(' and ')
    compileExpression(node.high, ctx, scope)
  },

  Subquery(node, ctx, scope) {
    ctx.append(node.exists ? 'exists (' : '(')
    compileSelect(node.query, ctx, scope)
    ctx.append(')')
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

/**
 * An expression whose type Postgres must know from itself: a bare parameter (`eb.val(1)`, a case
 * result) is cast by its JS type, so `$1::float8` comes back a number, not text.
 */
export function compileTyped(node: ExpressionNode, ctx: CompileContext, scope: Scope): void {
  compileExpression(node, ctx, scope)
  if (node.kind !== 'Value' || node.like !== undefined || node.value === null) return
  const codec = valueCodec(node.value)
  if (codec !== undefined) ctx.append(`::${codec.pgType}`)
}

/** `"alias"."column"`. */
export function columnSql(table: ScopeTable, dbName: string): string {
  return `${quoteIdentifier(table.sqlAlias)}.${quoteIdentifier(dbName)}`
}

const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '||'])

const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/

/** `order by a asc, b desc nulls last` (nothing when there is no order). */
export function compileOrderBy(orderBy: readonly OrderByNode[], ctx: CompileContext, scope: Scope, keyword: string): void {
  orderBy.forEach((order, i) => {
    ctx.append(i === 0 ? keyword : ', ')
    compileExpression(order.expr, ctx, scope)
    ctx.append(` ${order.direction}${order.nulls === undefined ? '' : ` nulls ${order.nulls}`}`)
  })
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
