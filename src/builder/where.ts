import { binary, columnRef, list, logical, not, unsafeText, value } from '../ast/expression.js'
import type { BinaryOperator, ColumnRefNode, ExpressionNode } from '../ast/expression.js'
import { JoineryError } from '../errors.js'
import type { OpsFor, ValueFor } from '../../types/select.js'
import { expression, isExpression } from './expression.js'
import type { Expression } from './expression.js'

const OPERATORS: ReadonlySet<string> = new Set<BinaryOperator>(['=', '<>', '<', '<=', '>', '>=', 'in', 'not in', 'like', 'ilike', 'is', 'is not'])

const isOperator = (op: unknown): op is BinaryOperator => typeof op === 'string' && OPERATORS.has(op)

/** `'people.name'` → a reference to table people, column name; `'name'` → the query's own table. */
export function parseRef(ref: unknown, what = 'column'): ColumnRefNode {
  if (typeof ref !== 'string' || ref === '') throw new JoineryError(`Expected a ${what} name, got ${String(ref)}.`)
  const dot = ref.indexOf('.')
  return dot === -1 ? columnRef(undefined, ref) : columnRef(ref.slice(0, dot), ref.slice(dot + 1))
}

function operand(v: unknown, like: ColumnRefNode, text: string): ExpressionNode {
  if (v === undefined) throw new JoineryError(`${text}: the value is undefined. Pass a value, or use 'is' null.`)
  return isExpression(v) ? v.node : value(v, like)
}

/** The node for `column op value`, checking what the types check, for untyped callers. */
export function comparison(column: unknown, op: unknown, v: unknown): ExpressionNode {
  const left = parseRef(column)
  const text = `where(${JSON.stringify(column)}, ${JSON.stringify(op)}, …)`
  if (!isOperator(op)) throw new JoineryError(`${text}: unknown operator. Valid operators: ${[...OPERATORS].join(', ')}.`)
  if (op === 'in' || op === 'not in') {
    if (!Array.isArray(v)) throw new JoineryError(`${text}: '${op}' takes an array of values.`)
    return binary(left, op, list(v.map((item) => operand(item, left, text))))
  }
  if (op === 'is' || op === 'is not') {
    if (v !== null && typeof v !== 'boolean') throw new JoineryError(`${text}: '${op}' takes null, true or false.`)
    return binary(left, op, unsafeText(String(v)))
  }
  if (v === null) throw new JoineryError(`${text}: comparing with null is never true in SQL; use 'is' or 'is not' null.`)
  return binary(left, op, operand(v, left, text))
}

/**
 * Builds conditions inside `where((eb) => …)`. Call it like `where`: `eb('name', '=', 'x')`.
 * `C` maps the names the query can use to their value types.
 */
export interface ExpressionBuilder<C> {
  <K extends keyof C & string, Op extends OpsFor<C[K]>>(column: K, op: Op, value: ValueFor<C[K], Op>): Expression<boolean>
  /** All of the conditions (`true` when empty). */
  and(conditions: readonly Expression<boolean>[]): Expression<boolean>
  /** Any of the conditions (`false` when empty). */
  or(conditions: readonly Expression<boolean>[]): Expression<boolean>
  not(condition: Expression<boolean>): Expression<boolean>
  /** A column as an expression: `eb.ref('people.id')`. */
  ref<K extends keyof C & string>(column: K): Expression<C[K]>
  /** A value as a parameter: `eb.val(42)`. */
  val<V>(value: V): Expression<V>
}

function conditions(items: unknown, what: string): ExpressionNode[] {
  if (!Array.isArray(items)) throw new JoineryError(`eb.${what}() takes an array of conditions.`)
  return items.map((item) => {
    if (!isExpression(item)) throw new JoineryError(`eb.${what}() items must be conditions built with eb(…).`)
    return item.node
  })
}

export const expressionBuilder: ExpressionBuilder<never> = Object.assign(
  (column: unknown, op: unknown, v: unknown) => expression<boolean>(comparison(column, op, v)),
  {
    and: (items: readonly Expression<boolean>[]) => expression<boolean>(logical('And', conditions(items, 'and'))),
    or: (items: readonly Expression<boolean>[]) => expression<boolean>(logical('Or', conditions(items, 'or'))),
    not: (item: Expression<boolean>) => {
      if (!isExpression(item)) throw new JoineryError('eb.not() takes a condition built with eb(…).')
      return expression<boolean>(not(item.node))
    },
    ref: (column: string) => expression(parseRef(column)),
    val: (v: unknown) => {
      if (v === undefined) throw new JoineryError('eb.val() got undefined; pass null for NULL.')
      return expression(value(v))
    },
  },
) as unknown as ExpressionBuilder<never>

/** The condition of a `where(column, op, value)` or `where((eb) => …)` call, and'ed to `previous`. */
export function addCondition(previous: ExpressionNode | undefined, column: unknown, op: unknown, v: unknown): ExpressionNode {
  let condition: ExpressionNode
  if (typeof column === 'function') {
    const result: unknown = column(expressionBuilder)
    if (!isExpression(result)) throw new JoineryError('where((eb) => …) must return a condition built with eb.')
    condition = result.node
  } else condition = comparison(column, op, v)
  return previous === undefined ? condition : logical('And', [previous, condition])
}

/** The `where` methods every filtering builder has; `Next` is the builder they return. */
export interface Filterable<C, Next> {
  /**
   * Filters rows; several `where` calls are joined with `and`.
   * ```ts
   * db.selectFrom('people').where('name', 'like', 'R%')
   * // … where "people"."name" like $1   — parameters: ['R%']
   * ```
   */
  where<K extends keyof C & string, Op extends OpsFor<C[K]>>(column: K, op: Op, value: ValueFor<C[K], Op>): Next
  /** Filters with a condition built from `eb`: `where((eb) => eb.or([eb('name', '=', 'x'), eb('email', 'is', null)]))`. */
  where(condition: (eb: ExpressionBuilder<C>) => Expression<boolean>): Next
}
