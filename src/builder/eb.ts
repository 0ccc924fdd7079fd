import { between, caseNode, fn, logical, not, subquery, value } from '../ast/expression.js'
import type { ExpressionNode, WindowNode } from '../ast/expression.js'
import type { OrderByNode } from '../ast/select.js'
import { JoineryError } from '../errors.js'
import type { Executor } from '../executor.js'
import type { Schema } from '../schema/schema.js'
import type { AnyQuery, LiteralContext, Operator, OuterRefs, Refs, ValueFor } from '../../types/select.js'
import type { ReadColumns } from '../../types/row.js'
import { expression, isExpression, windowable } from './expression.js'
import type { Expression } from './expression.js'
import { createSelect, parseOrder, selectNodeOf } from './select.js'
import type { OrderDirection, SelectQueryBuilder } from './select.js'
import { comparison, parseRef } from './where.js'

/** A function argument: a column name, or any expression. */
export type Arg<C> = keyof C | Expression<unknown>
/** The value type of an argument. */
export type ArgType<C, A> = A extends Expression<infer T> ? T : A extends keyof C ? C[A] : never

type Arithmetic = '+' | '-' | '*' | '/' | '%'

/** An aggregate or ranking function, which can become a window function with `over`. */
export interface AggregateExpression<C, T> extends Expression<T> {
  /** `over (partition by … order by …)`: `eb.fn.rowNumber().over((o) => o.partitionBy('genreId').orderBy('name'))`. */
  over(build?: (o: WindowBuilder<C>) => WindowBuilder<C>): Expression<T>
}

export interface WindowBuilder<C> {
  partitionBy(...columns: Arg<C>[]): WindowBuilder<C>
  orderBy(column: Arg<C>, direction?: OrderDirection): WindowBuilder<C>
}

/** `eb.fn`: SQL functions with their result types; call it for any other: `eb.fn<number>('length', ['name'])`. */
export interface FunctionModule<C> {
  <T>(name: string, args: readonly Arg<C>[]): Expression<T>
  /** `count(column)`: rows where it is not null. A number (counts stay below 2^53). */
  count(column: Arg<C>): AggregateExpression<C, number>
  /** `count(*)`. */
  countAll(): AggregateExpression<C, number>
  /** `sum(x)`: the exact decimal string Postgres returns (bigint or numeric), null over no rows. */
  sum(column: Arg<C>): AggregateExpression<C, string | null>
  /** `avg(x)`: the exact decimal string Postgres returns, null over no rows. */
  avg(column: Arg<C>): AggregateExpression<C, string | null>
  min<A extends Arg<C>>(column: A): AggregateExpression<C, ArgType<C, A> | null>
  max<A extends Arg<C>>(column: A): AggregateExpression<C, ArgType<C, A> | null>
  /** The first non-null argument. */
  coalesce<A extends Arg<C>, B extends Arg<C>>(first: A, fallback: B): Expression<NonNullable<ArgType<C, A>> | ArgType<C, B>>
  lower<A extends Arg<C>>(text: A): Expression<ArgType<C, A> extends null ? null : string>
  upper<A extends Arg<C>>(text: A): Expression<ArgType<C, A> extends null ? null : string>
  now(): Expression<Date>
  rowNumber(): AggregateExpression<C, number>
  rank(): AggregateExpression<C, number>
  denseRank(): AggregateExpression<C, number>
}

export interface CaseBuilder<C, T> {
  when(condition: Expression<boolean>): { then<V>(result: V | Expression<V>): CaseBuilder<C, T | V> }
  /** The value when no condition holds (without it: null). */
  else<V>(result: V | Expression<V>): { end(): Expression<T | V> }
  end(): Expression<T | null>
}

/**
 * Builds expressions inside `where((eb) => …)`, `select((eb) => […])`, `having`. Call it like
 * `where`: `eb('name', '=', 'x')`; with `+ - * / %` it builds arithmetic.
 */
export interface ExpressionBuilder<S extends Schema, C> {
  <K extends keyof C, Op extends Operator, L extends LiteralContext = unknown>(column: K, op: Op, value: NoInfer<L> & NoInfer<ValueFor<C[K], Op>>): Expression<boolean>
  <K extends keyof C>(column: K, op: Arithmetic, value: NonNullable<C[K]> | Expression<NonNullable<C[K]>>): Expression<C[K]>
  <K extends keyof C>(column: K, op: '||', value: string | Expression<string>): Expression<null extends C[K] ? string | null : string>
  /** An expression on the left: `eb(eb.fn.countAll(), '>', 1)`. */
  <V, Op extends Operator>(left: Expression<V>, op: Op, value: ValueFor<V, Op>): Expression<boolean>
  /** All of the conditions (`true` when empty). */
  and(conditions: readonly Expression<boolean>[]): Expression<boolean>
  /** Any of the conditions (`false` when empty). */
  or(conditions: readonly Expression<boolean>[]): Expression<boolean>
  not(condition: Expression<boolean>): Expression<boolean>
  /** A column as an expression: `eb.ref('people.id')`. */
  ref<K extends keyof C>(column: K): Expression<C[K]>
  /** A value as a parameter: `eb.val(42)`. */
  val<V>(value: V): Expression<V>
  /** `column between low and high`. */
  between<K extends keyof C>(column: K, low: NonNullable<C[K]> | Expression<NonNullable<C[K]>>, high: NonNullable<C[K]> | Expression<NonNullable<C[K]>>): Expression<boolean>
  /** `exists (subquery)`. */
  exists(query: AnyQuery): Expression<boolean>
  /** `case when … then … else … end`. */
  case(): CaseBuilder<C, never>
  fn: FunctionModule<C>
  /**
   * A subquery that can refer to this query's tables (`'people.id'`): for `exists`, `in`, or a
   * scalar value with `.as('name')`.
   */
  selectFrom<T extends keyof S['~tables'] & string>(table: T): SelectQueryBuilder<S, T, Refs<T, ReadColumns<S, T>> & OuterRefs<C>>
}

function argument(arg: unknown, where: string): ExpressionNode {
  if (typeof arg === 'string') return parseRef(arg)
  if (isExpression(arg)) return arg.node
  throw new JoineryError(`${where} takes column names or expressions, got ${String(arg)}.`)
}

function conditions(items: unknown, what: string): ExpressionNode[] {
  if (!Array.isArray(items)) throw new JoineryError(`eb.${what}() takes an array of conditions.`)
  return items.map((item) => {
    if (!isExpression(item)) throw new JoineryError(`eb.${what}() items must be conditions built with eb(…).`)
    return item.node
  })
}

class WindowBuilderImpl {
  readonly window: WindowNode
  constructor(window: WindowNode) {
    this.window = Object.freeze(window)
  }
  partitionBy(...columns: unknown[]) {
    const parts = columns.map((c) => argument(c, 'partitionBy()'))
    return new WindowBuilderImpl({ ...this.window, partitionBy: [...this.window.partitionBy, ...parts] })
  }
  orderBy(column: unknown, direction?: unknown) {
    const order: OrderByNode = parseOrder(argument(column, 'orderBy()'), direction)
    return new WindowBuilderImpl({ ...this.window, orderBy: [...this.window.orderBy, order] })
  }
}

/** A function call that can take `over (…)`. */
function aggregate(name: string, args: readonly ExpressionNode[], star = false) {
  return windowable(fn(name, args, { star }), (build) => {
    const start = new WindowBuilderImpl({ partitionBy: [], orderBy: [] })
    const built: unknown = build === undefined ? start : (build as (o: WindowBuilderImpl) => unknown)(start)
    if (!(built instanceof WindowBuilderImpl)) throw new JoineryError('over((o) => …) must return the window builder it was given.')
    return fn(name, args, { star, over: built.window })
  })
}

function caseBuilder(whens: readonly (readonly [ExpressionNode, ExpressionNode])[]) {
  const result = (v: unknown): ExpressionNode => (isExpression(v) ? v.node : value(v))
  return {
    when(condition: unknown) {
      if (!isExpression(condition)) throw new JoineryError('case().when() takes a condition built with eb(…).')
      return { then: (v: unknown) => caseBuilder([...whens, [condition.node, result(v)]]) }
    },
    else: (v: unknown) => ({ end: () => expression(caseNode(whens, result(v))) }),
    end: () => expression(caseNode(whens, undefined)),
  }
}

function functionModule() {
  const one = (name: string) => (arg: unknown) => aggregate(name, [argument(arg, `eb.fn.${name}()`)])
  const plain = (name: string) => (...args: unknown[]) => expression(fn(name, args.map((a) => argument(a, `eb.fn.${name}()`))))
  return Object.assign(
    (name: unknown, args: unknown) => {
      if (typeof name !== 'string' || !Array.isArray(args)) throw new JoineryError("eb.fn() takes a function name and an array of arguments: eb.fn('length', ['name']).")
      return expression(fn(name, args.map((a) => argument(a, `eb.fn('${name}')`))))
    },
    {
      count: one('count'),
      countAll: () => aggregate('count', [], true),
      sum: one('sum'),
      avg: one('avg'),
      min: one('min'),
      max: one('max'),
      coalesce: plain('coalesce'),
      lower: plain('lower'),
      upper: plain('upper'),
      now: plain('now'),
      rowNumber: () => aggregate('row_number', []),
      rank: () => aggregate('rank', []),
      denseRank: () => aggregate('dense_rank', []),
    },
  )
}

/** The `eb` handed to callbacks of builders running on `executor`. */
export function createExpressionBuilder(executor: Executor): ExpressionBuilder<Schema, unknown> {
  return Object.assign((column: unknown, op: unknown, v: unknown) => expression(comparison(column, op, v, true)), {
    and: (items: unknown) => expression(logical('And', conditions(items, 'and'))),
    or: (items: unknown) => expression(logical('Or', conditions(items, 'or'))),
    not: (item: unknown) => {
      if (!isExpression(item)) throw new JoineryError('eb.not() takes a condition built with eb(…).')
      return expression(not(item.node))
    },
    ref: (column: unknown) => expression(parseRef(column)),
    val: (v: unknown) => {
      if (v === undefined) throw new JoineryError('eb.val() got undefined; pass null for NULL.')
      return expression(value(v))
    },
    between: (column: unknown, low: unknown, high: unknown) => {
      const ref = parseRef(column)
      const bound = (v: unknown) => {
        if (v === undefined || v === null) throw new JoineryError('eb.between() bounds must be values or expressions, not null or undefined.')
        return isExpression(v) ? v.node : value(v, ref)
      }
      return expression(between(ref, bound(low), bound(high)))
    },
    exists: (query: unknown) => {
      const node = selectNodeOf(query)
      if (node === undefined) throw new JoineryError('eb.exists() takes a select query: eb.exists(eb.selectFrom(…)…).')
      return expression(subquery(node, true))
    },
    case: () => caseBuilder([]),
    fn: functionModule(),
    selectFrom: (table: unknown) => createSelect(executor, table),
  }) as unknown as ExpressionBuilder<Schema, unknown>
}
