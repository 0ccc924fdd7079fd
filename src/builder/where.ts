import { binary, columnRef, list, logical, subquery, unsafeText, value } from '../ast/expression.js'
import type { BinaryNode, BinaryOperator, ColumnRefNode, ExpressionNode } from '../ast/expression.js'
import { JoineryError } from '../errors.js'
import { memoByKey } from '../decode/generate.js'
import type { LiteralContext, Operator, ValueFor } from '../../types/select.js'
import { isExpression } from './expression.js'
import type { Expression } from './expression.js'
import type { ExpressionBuilder } from './eb.js'
import type { Schema } from '../schema/schema.js'
import { selectNodeOf } from './select.js'

const COMPARISONS: ReadonlySet<string> = new Set<BinaryOperator>(['=', '<>', '<', '<=', '>', '>=', 'in', 'not in', 'like', 'ilike', 'is', 'is not'])
const ARITHMETIC: ReadonlySet<string> = new Set<BinaryOperator>(['+', '-', '*', '/', '%', '||'])

/** `'people.name'` → a reference to table people, column name; `'name'` → the query's own table. */
export function parseRef(ref: unknown, what = 'column'): ColumnRefNode {
  if (typeof ref !== 'string' || ref === '') throw new JoineryError(`Expected a ${what} name, got ${String(ref)}.`)
  return refOf(ref)
}
// Nodes are frozen data, so one node per spelling serves every query: a query built per request
// allocates no reference for its column names.
const refOf = memoByKey((ref): ColumnRefNode => {
  const dot = ref.indexOf('.')
  return dot === -1 ? columnRef(undefined, ref) : columnRef(ref.slice(0, dot), ref.slice(dot + 1))
})

/** A compared value: encoded like the column on the left, when the left is a column. */
function operand(v: unknown, like: ExpressionNode | undefined, text: () => string): ExpressionNode {
  if (v === undefined) throw new JoineryError(`${text()}: the value is undefined. Pass a value, or use 'is' null.`)
  return isExpression(v) ? v.node : value(v, like?.kind === 'ColumnRef' ? like : undefined)
}

/**
 * The node for `column op value`, checking what the types check, for untyped callers. A
 * condition takes comparisons only; `eb(…)` also builds arithmetic.
 */
export function comparison(column: unknown, op: unknown, v: unknown, arithmetic = false): BinaryNode {
  const left = isExpression(column) ? column.node : parseRef(column)
  const text = () => `${arithmetic ? 'eb' : 'where'}(${isExpression(column) ? 'expression' : JSON.stringify(column)}, ${JSON.stringify(op)}, …)`
  const valid = typeof op === 'string' && (COMPARISONS.has(op) || (arithmetic && ARITHMETIC.has(op)))
  if (!valid) {
    const known = arithmetic ? [...COMPARISONS, ...ARITHMETIC] : [...COMPARISONS]
    throw new JoineryError(`${text()}: unknown operator. Valid operators: ${known.join(', ')}.`)
  }
  const operator = op as BinaryOperator
  const query = selectNodeOf(v)
  if (query !== undefined) return binary(left, operator, subquery(query))
  if (operator === 'in' || operator === 'not in') {
    if (!Array.isArray(v)) throw new JoineryError(`${text()}: '${operator}' takes an array of values or a subquery.`)
    return binary(left, operator, list(v.map((item) => operand(item, left, text))))
  }
  if (operator === 'is' || operator === 'is not') {
    if (v !== null && typeof v !== 'boolean') throw new JoineryError(`${text()}: '${operator}' takes null, true or false.`)
    return binary(left, operator, unsafeText(String(v)))
  }
  if (v === null) throw new JoineryError(`${text()}: comparing with null is never true in SQL; use 'is' or 'is not' null.`)
  // Concatenation takes text whatever the column's kind: its value is not encoded like the column.
  return binary(left, operator, operand(v, operator === '||' ? undefined : left, text))
}

/** The condition of a `where(column, op, value)` or `where((eb) => …)` call. */
export function conditionOf(eb: unknown, column: unknown, op?: unknown, v?: unknown): ExpressionNode {
  if (typeof column !== 'function') return comparison(column, op, v)
  const result: unknown = column(eb)
  if (!isExpression(result)) throw new JoineryError('where((eb) => …) must return a condition built with eb.')
  return result.node
}

/** `condition` and'ed to the conditions so far (several `where` calls are joined with `and`). */
export const andCondition = (previous: ExpressionNode | undefined, condition: ExpressionNode): ExpressionNode =>
  previous === undefined ? condition : logical('And', [previous, condition])

/** The `where` methods every filtering builder has; `Next` is the builder they return. */
export interface Filterable<S extends Schema, C, Next> {
  where: WhereMethod<S, C, Next>
}

/** `where` itself, returning `Next`: a select's returns the same query, an update's or a delete's one that may run. */
// A select query declares `where: WhereMethod<S, C, this>` rather than extending Filterable with
// itself as `Next`: each builder type of a chain then instantiates no base type (6k fewer
// instantiations over 200 queries at 200 tables).
export interface WhereMethod<S extends Schema, C, Next> {
  /**
   * Filters rows; several `where` calls are joined with `and`.
   * ```ts
   * db.selectFrom('people').where('name', 'like', 'R%')
   * // … where "people"."name" like $1   — parameters: ['R%']
   * ```
   */
  <K extends keyof C, Op extends Operator, L extends LiteralContext = unknown>(column: K, op: Op, value: NoInfer<L> & NoInfer<ValueFor<C[K], Op>>): Next
  /** Filters with a condition built from `eb`: `where((eb) => eb.or([eb('name', '=', 'x'), eb('email', 'is', null)]))`. */
  (condition: (eb: ExpressionBuilder<S, C>) => Expression<boolean>): Next
}
