import type { ExpressionNode } from './expression.js'
import type { SelectNode, SelectionNode } from './select.js'

/** `returning …`: selected columns, or undefined for none (the result is then `{ rowCount }`). */
export type ReturningNode = readonly SelectionNode[] | undefined

/** One `column = value` of an update or an upsert. */
export interface AssignmentNode {
  readonly column: string
  readonly value: ExpressionNode
}

export interface OnConflictNode {
  readonly columns: readonly string[]
  /** undefined: do nothing. */
  readonly set: readonly AssignmentNode[] | undefined
}

export interface InsertNode {
  readonly kind: 'Insert'
  readonly table: string
  readonly columns: readonly string[]
  /** Rows of values, aligned with `columns`; undefined in a cell means `default`. */
  readonly rows: readonly (readonly (ExpressionNode | undefined)[])[] | undefined
  /** `insert … select`: the query whose rows are inserted. */
  readonly select: SelectNode | undefined
  readonly onConflict: OnConflictNode | undefined
  readonly returning: ReturningNode
}

export interface UpdateNode {
  readonly kind: 'Update'
  readonly table: string
  readonly set: readonly AssignmentNode[]
  readonly where: ExpressionNode | undefined
  /** Said explicitly with `.allRows()`: an update without where is intended. */
  readonly allRows: boolean
  readonly returning: ReturningNode
}

export interface DeleteNode {
  readonly kind: 'Delete'
  readonly table: string
  readonly where: ExpressionNode | undefined
  readonly allRows: boolean
  readonly returning: ReturningNode
}

export type WriteNode = InsertNode | UpdateNode | DeleteNode
