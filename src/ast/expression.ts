// Expression nodes: frozen plain data, no behaviour. The compiler gives them meaning.
import type { SelectNode } from './select.js'

/** `"alias"."column"`; `table` undefined means the query's own table. `column` is a schema key. */
export interface ColumnRefNode {
  readonly kind: 'ColumnRef'
  readonly table: string | undefined
  readonly column: string
}

/** A value that becomes a `$n` parameter, encoded like the column `like` when there is one. */
export interface ValueNode {
  readonly kind: 'Value'
  readonly value: unknown
  readonly like: ColumnRefNode | undefined
}

export interface ListNode {
  readonly kind: 'List'
  readonly items: readonly ExpressionNode[]
}

export type BinaryOperator = '=' | '<>' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'like' | 'ilike' | 'is' | 'is not'

export interface BinaryNode {
  readonly kind: 'Binary'
  readonly left: ExpressionNode
  readonly op: BinaryOperator
  readonly right: ExpressionNode
}

export interface LogicalNode {
  readonly kind: 'And' | 'Or'
  readonly items: readonly ExpressionNode[]
}

export interface NotNode {
  readonly kind: 'Not'
  readonly item: ExpressionNode
}

/** A fragment of the `sql` tag: text parts around interpolated nodes. */
export interface RawNode {
  readonly kind: 'Raw'
  readonly parts: readonly string[]
  readonly args: readonly ExpressionNode[]
}

/** A quoted identifier path from `sql.ref('t.c')` / `sql.table('t')`, checked against nothing. */
export interface IdentifierNode {
  readonly kind: 'Identifier'
  readonly path: readonly string[]
}

/** SQL text written by the user through `sql.raw()`, the one unescaped input. */
export interface UnsafeTextNode {
  readonly kind: 'UnsafeText'
  readonly text: string
}

/** `exists` / `not exists` over the rows of a relation, filtered by `query`'s where. */
export interface RelatedNode {
  readonly kind: 'Related'
  readonly relation: string
  readonly query: SelectNode
  readonly negated: boolean
}

export type ExpressionNode =
  | ColumnRefNode
  | ValueNode
  | ListNode
  | BinaryNode
  | LogicalNode
  | NotNode
  | RawNode
  | IdentifierNode
  | UnsafeTextNode
  | RelatedNode

const freeze = Object.freeze

export const columnRef = (table: string | undefined, column: string): ColumnRefNode => freeze({ kind: 'ColumnRef', table, column })
export const value = (v: unknown, like?: ColumnRefNode): ValueNode => freeze({ kind: 'Value', value: v, like })
export const list = (items: readonly ExpressionNode[]): ListNode => freeze({ kind: 'List', items: freeze([...items]) })
export const binary = (left: ExpressionNode, op: BinaryOperator, right: ExpressionNode): BinaryNode =>
  freeze({ kind: 'Binary', left, op, right })
export const logical = (kind: 'And' | 'Or', items: readonly ExpressionNode[]): LogicalNode => freeze({ kind, items: freeze([...items]) })
export const not = (item: ExpressionNode): NotNode => freeze({ kind: 'Not', item })
export const raw = (parts: readonly string[], args: readonly ExpressionNode[]): RawNode =>
  freeze({ kind: 'Raw', parts: freeze([...parts]), args: freeze([...args]) })
export const identifier = (path: readonly string[]): IdentifierNode => freeze({ kind: 'Identifier', path: freeze([...path]) })
export const unsafeText = (text: string): UnsafeTextNode => freeze({ kind: 'UnsafeText', text })
export const related = (relation: string, query: SelectNode, negated: boolean): RelatedNode =>
  freeze({ kind: 'Related', relation, query, negated })
