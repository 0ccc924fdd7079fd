import type { ExpressionNode, ValueNode } from './expression.js'

/** One selected output: `expr as "alias"` (alias is the key in the result row). */
export interface SelectionNode {
  readonly expr: ExpressionNode
  readonly alias: string
}

export interface OrderByNode {
  readonly expr: ExpressionNode
  readonly direction: 'asc' | 'desc'
  readonly nulls: 'first' | 'last' | undefined
}

/** `union`, `union all`, `intersect`, `except` with another select of the same shape. */
export interface SetOperationNode {
  readonly op: 'union' | 'union all' | 'intersect' | 'except'
  readonly query: SelectNode
}

/** A common table expression: `with name as (query)`; recursive ones add `union all recursive`. */
export interface CteNode {
  readonly name: string
  readonly query: SelectNode
  readonly recursive: SelectNode | undefined
}

/** A join: along a relation (ON derived from its foreign key) or with an explicit ON. */
export interface JoinNode {
  readonly type: 'inner' | 'left'
  /** Schema key of the joined table. */
  readonly table: string
  /** The name the query uses for it (and its SQL alias). */
  readonly alias: string
  /** The relation followed, as `[scope alias, relation name]`, when ON comes from a foreign key. */
  readonly relation: readonly [string, string] | undefined
  readonly on: ExpressionNode | undefined
}

/** A relation expanded into the result: nested rows (or their count) under `key`. */
export interface IncludeNode {
  readonly key: string
  readonly relation: string
  /** The nested query over the related table: its selections, where, order, limit, includes. */
  readonly query: SelectNode
  readonly count: boolean
}

export interface SelectNode {
  readonly kind: 'Select'
  /** Schema key of the table read from; it is also the alias. */
  readonly from: string
  /** undefined: every column of `from` (a query that selects nothing selects all). */
  readonly selections: readonly SelectionNode[] | undefined
  readonly where: ExpressionNode | undefined
  readonly orderBy: readonly OrderByNode[]
  /** A row count (a parameter, so a statement reused with another count stays the same text). */
  readonly limit: ValueNode | undefined
  readonly offset: ValueNode | undefined
  readonly distinct: boolean
  readonly joins: readonly JoinNode[]
  readonly includes: readonly IncludeNode[]
  readonly groupBy: readonly ExpressionNode[]
  readonly having: ExpressionNode | undefined
  readonly distinctOn: readonly ExpressionNode[]
  readonly setOperations: readonly SetOperationNode[]
  readonly ctes: readonly CteNode[]
}

const none: readonly never[] = Object.freeze([])

export const selectNode = (from: string): SelectNode => cloneSelect(undefined, { from })

/**
 * A copy of `node` with `patch` applied; unchanged parts are shared, never copied. Every field
 * is written in one fixed order so all select nodes share one shape (a spread of a 17-field
 * object was the costliest line of building a query).
 */
export function cloneSelect(node: SelectNode | undefined, patch: Partial<SelectNode>): SelectNode {
  return Object.freeze({
    kind: 'Select',
    from: patch.from ?? node!.from,
    selections: 'selections' in patch ? patch.selections : node?.selections,
    where: 'where' in patch ? patch.where : node?.where,
    orderBy: patch.orderBy ?? node?.orderBy ?? none,
    limit: 'limit' in patch ? patch.limit : node?.limit,
    offset: 'offset' in patch ? patch.offset : node?.offset,
    distinct: patch.distinct ?? node?.distinct ?? false,
    joins: patch.joins ?? node?.joins ?? none,
    includes: patch.includes ?? node?.includes ?? none,
    groupBy: patch.groupBy ?? node?.groupBy ?? none,
    having: 'having' in patch ? patch.having : node?.having,
    distinctOn: patch.distinctOn ?? node?.distinctOn ?? none,
    setOperations: patch.setOperations ?? node?.setOperations ?? none,
    ctes: patch.ctes ?? node?.ctes ?? none,
  })
}
