import type { ExpressionNode } from './expression.js'

/** One selected output: `expr as "alias"` (alias is the key in the result row). */
export interface SelectionNode {
  readonly expr: ExpressionNode
  readonly alias: string
}

export interface OrderByNode {
  readonly expr: ExpressionNode
  readonly direction: 'asc' | 'desc'
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
  })

/** A copy of `node` with `patch` applied; unchanged parts are shared, never copied. */
export const cloneSelect = (node: SelectNode, patch: Partial<SelectNode>): SelectNode => Object.freeze({ ...node, ...patch })
