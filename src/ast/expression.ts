// Expression nodes: frozen plain data, no behaviour. The compiler gives them meaning.
import type { OrderByNode, SelectNode } from './select.js'

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

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'like' | 'ilike' | 'is' | 'is not'
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%' | '||'
export type BinaryOperator = ComparisonOperator | ArithmeticOperator

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

/** A window for an aggregate or ranking function: `over (partition by … order by …)`. */
export interface WindowNode {
  readonly partitionBy: readonly ExpressionNode[]
  readonly orderBy: readonly OrderByNode[]
}

/** `name(args)`, `count(*)`, `count(distinct x)`, optionally `over (…)`. */
export interface FunctionNode {
  readonly kind: 'Function'
  readonly name: string
  readonly args: readonly ExpressionNode[]
  /** `count(*)`. */
  readonly star: boolean
  readonly distinct: boolean
  readonly over: WindowNode | undefined
}

export interface CaseNode {
  readonly kind: 'Case'
  readonly whens: readonly (readonly [ExpressionNode, ExpressionNode])[]
  readonly else: ExpressionNode | undefined
}

export interface BetweenNode {
  readonly kind: 'Between'
  readonly expr: ExpressionNode
  readonly low: ExpressionNode
  readonly high: ExpressionNode
}

/** A subquery used as a value: scalar, an `in` list, or `exists`. */
export interface SubqueryNode {
  readonly kind: 'Subquery'
  readonly query: SelectNode
  readonly exists: boolean
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
  | FunctionNode
  | CaseNode
  | BetweenNode
  | SubqueryNode

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
export const fn = (name: string, args: readonly ExpressionNode[], options: Partial<Pick<FunctionNode, 'star' | 'distinct' | 'over'>> = {}): FunctionNode =>
  freeze({ kind: 'Function', name, args: freeze([...args]), star: options.star ?? false, distinct: options.distinct ?? false, over: options.over })
export const caseNode = (whens: CaseNode['whens'], otherwise: ExpressionNode | undefined): CaseNode => freeze({ kind: 'Case', whens: freeze([...whens]), else: otherwise })
export const between = (expr: ExpressionNode, low: ExpressionNode, high: ExpressionNode): BetweenNode => freeze({ kind: 'Between', expr, low, high })
export const subquery = (query: SelectNode, exists = false): SubqueryNode => freeze({ kind: 'Subquery', query, exists })
