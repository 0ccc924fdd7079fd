import type { ExpressionNode } from './expression.js'

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
  readonly limit: number | undefined
  readonly offset: number | undefined
  readonly distinct: boolean
  readonly joins: readonly JoinNode[]
  readonly includes: readonly IncludeNode[]
  readonly groupBy: readonly ExpressionNode[]
  readonly having: ExpressionNode | undefined
  readonly distinctOn: readonly ExpressionNode[]
  readonly setOperations: readonly SetOperationNode[]
  readonly ctes: readonly CteNode[]
}

export const selectNode = (from: string): SelectNode =>
  Object.freeze({
    kind: 'Select',
    from,
    selections: undefined,
    where: undefined,
    orderBy: Object.freeze([]),
    limit: undefined,
    offset: undefined,
    distinct: false,
    joins: Object.freeze([]),
    includes: Object.freeze([]),
    groupBy: Object.freeze([]),
    having: undefined,
    distinctOn: Object.freeze([]),
    setOperations: Object.freeze([]),
    ctes: Object.freeze([]),
  })

/** A copy of `node` with `patch` applied; unchanged parts are shared, never copied. */
export const cloneSelect = (node: SelectNode, patch: Partial<SelectNode>): SelectNode => Object.freeze({ ...node, ...patch })
