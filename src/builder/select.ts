import { binary, related, subquery, value } from '../ast/expression.js'
import type { ExpressionNode, ValueNode } from '../ast/expression.js'
import { cloneSelect, selectNode } from '../ast/select.js'
import type { CteNode, IncludeNode, JoinNode, OrderByNode, SelectNode, SelectionNode, SetOperationNode } from '../ast/select.js'
import type { CompiledQuery } from '../compiler/compile.js'
import { JoineryError, NoResultError, listNames } from '../errors.js'
import type { Executor } from '../executor.js'
import type { Relation } from '../schema/relations.js'
import type { Schema } from '../schema/schema.js'
import type {
  AddSelection,
  AnyQuery,
  AsSelection,
  CallbackKeysFree,
  CallbackResult,
  CallbackSelected,
  CheckSelections,
  FreeAlias,
  FreeKey,
  Included,
  JoinAlias,
  JoinedRefs,
  JoinPath,
  JoinRelation,
  JoinTable,
  JoinTableKey,
  KnownRefs,
  RelatedBuilder,
  RelationsOf,
  QueryRow,
  ResultRow,
  RowOf,
  SameRow,
  ScalarOf,
  Selected,
} from '../../types/select.js'
import type { ReadColumns } from '../../types/row.js'
import type { AliasedExpression, Expression } from './expression.js'
import type { ExpressionBuilder } from './eb.js'
import { createExpressionBuilder } from './eb.js'
import { JoinBuilderImpl } from './join.js'
import { Statement } from './statement.js'
import type { JoinBuilder } from './join.js'
import { expression, isAliased, isExpression } from './expression.js'
import { andCondition, conditionOf, parseRef } from './where.js'
import { memoByKey } from '../decode/generate.js'
import { rootShape, step } from './shape.js'
import type { Shape, Values } from './shape.js'
import type { WhereMethod } from './where.js'

type Target<S extends Schema, T extends string, N extends string> = RelationsOf<S, T>[N & keyof RelationsOf<S, T>] extends { target: infer Tg extends string } ? Tg : never

/**
 * A select query over table `T` of schema `S`. `C` maps the names the query can use to their
 * types, `O` is what was selected so far (never: nothing yet), `I` the included relations and
 * `J` the joined tables by alias. Every method returns a new builder: reuse and share freely.
 */
/** `asc`/`desc`, optionally with where nulls go: `'desc nulls last'`. */
export type OrderDirection = 'asc' | 'desc' | `${'asc' | 'desc'} nulls ${'first' | 'last'}`

export interface SelectQueryBuilder<S extends Schema, T extends string, C, O = never, I = {}, J = {}> {
  where: WhereMethod<S, C, this>
  /** Type-level only: the row this query returns. */
  readonly '~result': () => ResultRow<S, T, O, I>
  /**
   * Adds columns to the result; `'people.name'` comes back as `name`, `'name as who'` as `who`.
   * With a callback, adds expressions (named with `.as()`) and columns.
   * ```ts
   * db.selectFrom('people').select(['id', 'name'])
   * // select "people"."id", "people"."name" from "people"
   * db.selectFrom('people').select((eb) => ['name', eb.fn.countAll().as('n')]).groupBy('name')
   * ```
   */
  // One signature for both forms: with an overload per form, every select([…]) call tried the
  // callback's first (a callback is typed by the first overload that takes one: a callback without
  // parameters kept the array overload's context, and lost its literal types), checking the array
  // twice more and inferring against the callback (2.7% of all instructions at 200 × 200), and the
  // array had no completions. The form not taken infers nothing: for a callback K is never (its
  // check `unknown`); for an array A stays its constraint, which tells the result type which form
  // it is. A has no default: with a default of never, the callback's array lost its completions.
  // K's constraint takes any `${string} as ${string}` (a named template: never instantiated again),
  // and CheckSelections checks the reference before ` as `: with one `${ref} as ${string}` per
  // reference, the constraint was walked template by template each time TypeScript instantiated it
  // (~25 instantiations per call; 178.7k → 176.1k at 200 × 200). A's constraint does not read C;
  // the references are in the callback's NoInfer part, where they still give its array completions.
  select<
    const A extends readonly (string | AliasedExpression<unknown, string>)[],
    K extends (keyof C & string) | AsSelection = never,
  >(
    selection:
      | (readonly K[] & CheckSelections<K, O, I, keyof C & string>)
      | ((
          eb: ExpressionBuilder<S, C>,
        ) => A & NoInfer<readonly ((keyof C & string) | AsSelection | AliasedExpression<unknown, string>)[] & KnownRefs<keyof C & string, A[number]> & CallbackKeysFree<A, O, I>>),
  ): SelectQueryBuilder<S, T, C, AddSelection<O, readonly (string | AliasedExpression<unknown, string>)[] extends A ? Selected<C, K> : CallbackSelected<C, A>>, I, J>
  /** Selects every column of the table not selected yet (what a query that selects nothing returns anyway). */
  selectAll(): SelectQueryBuilder<S, T, C, AddSelection<O, RowOf<S, T>>, I, J>
  /**
   * Keeps rows that have at least one related row (matching `build`'s where): `exists (…)`.
   * ```ts
   * db.selectFrom('people').whereRelated('appointments', (a) => a.where('notes', 'is not', null))
   * ```
   */
  whereRelated<N extends keyof RelationsOf<S, T> & string>(relation: N, build?: (q: RelatedBuilder<S, Target<S, T, N>>) => AnyQuery): this
  /** Keeps rows that have no related row (matching `build`'s where): `not exists (…)`. */
  whereNotRelated<N extends keyof RelationsOf<S, T> & string>(relation: N, build?: (q: RelatedBuilder<S, Target<S, T, N>>) => AnyQuery): this
  /**
   * Adds the related rows under the relation's name, all in the same SQL statement. The callback
   * shapes the nested query: select, where, orderBy, limit, offset, include (any depth).
   * ```ts
   * db.selectFrom('people').select(['name']).include('appointments', (a) => a.select(['meetingAt']).orderBy('meetingAt').limit(5))
   * // { name: string; appointments: { meetingAt: Date }[] }[]
   * ```
   */
  // The callback is a type parameter without a default: while TypeScript infers it, the query the
  // callback returns is contextually typed by F's constraint, whose result is just `unknown`. With
  // a default (or a callback returning a type parameter Q with one), it was the whole builder type,
  // and the call in the callback's return position inferred its own type arguments from it,
  // property by property: half the check time of a two-level include.
  include<N extends keyof RelationsOf<S, T> & string, F extends (q: RelatedBuilder<S, Target<S, T, N>>) => AnyQuery>(
    relation: N & FreeKey<N, O, I>,
    build?: F,
  ): SelectQueryBuilder<S, T, C, O, I & { [K in N]: Included<RelationsOf<S, T>[N], CallbackResult<F, S, Target<S, T, N>>> }, J>
  /** Adds the number of related rows (matching `build`'s where) as `${relation}Count`. */
  includeCount<N extends keyof RelationsOf<S, T> & string>(
    relation: N & FreeKey<`${N}Count`, O, I>,
    build?: (q: RelatedBuilder<S, Target<S, T, N>>) => AnyQuery,
  ): SelectQueryBuilder<S, T, C, O, I & { [K in `${N}Count`]: number }, J>
  /**
   * Joins along a relation; ON comes from its foreign key. The joined table is named by the relation.
   * ```ts
   * db.selectFrom('people').innerJoin('appointments').select(['people.name', 'appointments.meetingAt'])
   * ```
   */
  innerJoin<P extends JoinPath<S, T, J>>(
    relation: P & FreeAlias<JoinAlias<P>, T, J>,
  ): SelectQueryBuilder<S, T, C & JoinedRefs<JoinAlias<P>, ReadColumns<S, JoinRelation<S, T, J, P>['target']>, false>, O, I, J & { [A in JoinAlias<P>]: JoinRelation<S, T, J, P>['target'] }>
  /** Joins a table (or a relation's table) under `alias` with an explicit ON. */
  innerJoin<N extends JoinTable<S, T>, A extends string>(
    table: N,
    alias: A & FreeAlias<A, T, J>,
    on: (j: JoinBuilder<C & JoinedRefs<A, ReadColumns<S, JoinTableKey<S, T, N>>, false>>) => JoinBuilder<unknown>,
  ): SelectQueryBuilder<S, T, C & JoinedRefs<A, ReadColumns<S, JoinTableKey<S, T, N>>, false>, O, I, J & { [K in A]: JoinTableKey<S, T, N> }>
  /** Kysely's form: joins a table on two columns, `innerJoin('appointments', 'appointments.personId', 'people.id')`. */
  innerJoin<N extends keyof S['~tables'] & string, L extends `${N}.${keyof RowOf<S, N> & string}`>(
    table: N & FreeAlias<N, T, J>,
    left: L,
    right: keyof C,
  ): SelectQueryBuilder<S, T, C & JoinedRefs<N, ReadColumns<S, N>, false>, O, I, J & { [K in N]: N }>
  /** Like innerJoin, keeping rows without a match: the joined columns become nullable. */
  leftJoin<P extends JoinPath<S, T, J>>(
    relation: P & FreeAlias<JoinAlias<P>, T, J>,
  ): SelectQueryBuilder<S, T, C & JoinedRefs<JoinAlias<P>, ReadColumns<S, JoinRelation<S, T, J, P>['target']>, true>, O, I, J & { [A in JoinAlias<P>]: JoinRelation<S, T, J, P>['target'] }>
  leftJoin<N extends JoinTable<S, T>, A extends string>(
    table: N,
    alias: A & FreeAlias<A, T, J>,
    on: (j: JoinBuilder<C & JoinedRefs<A, ReadColumns<S, JoinTableKey<S, T, N>>, false>>) => JoinBuilder<unknown>,
  ): SelectQueryBuilder<S, T, C & JoinedRefs<A, ReadColumns<S, JoinTableKey<S, T, N>>, true>, O, I, J & { [K in A]: JoinTableKey<S, T, N> }>
  leftJoin<N extends keyof S['~tables'] & string, L extends `${N}.${keyof RowOf<S, N> & string}`>(
    table: N & FreeAlias<N, T, J>,
    left: L,
    right: keyof C,
  ): SelectQueryBuilder<S, T, C & JoinedRefs<N, ReadColumns<S, N>, true>, O, I, J & { [K in N]: N }>
  /** Orders by a column or an expression, `asc` by default (`'desc nulls last'` …); several calls order by several. */
  orderBy(column: keyof C | Expression<unknown>, direction?: OrderDirection): this
  /** `group by` columns or expressions. */
  groupBy(...columns: (keyof C | Expression<unknown>)[]): this
  /** Filters groups: `having((eb) => eb(eb.fn.countAll(), '>', 1))`-style conditions, like `where`. */
  having(condition: (eb: ExpressionBuilder<S, C>) => Expression<boolean>): this
  /** `select distinct on (…)`: one row per distinct value of the columns (the first by orderBy). */
  distinctOn(first: keyof C | Expression<unknown>, ...rest: (keyof C | Expression<unknown>)[]): this
  /** `union` with a query returning the same row type (duplicates removed). */
  union<Q extends AnyQuery>(other: Q & SameRow<ResultRow<S, T, O, I>, QueryRow<Q>>): this
  /** `union all`: keeps duplicates. */
  unionAll<Q extends AnyQuery>(other: Q & SameRow<ResultRow<S, T, O, I>, QueryRow<Q>>): this
  /** `intersect`: rows in both queries. */
  intersect<Q extends AnyQuery>(other: Q & SameRow<ResultRow<S, T, O, I>, QueryRow<Q>>): this
  /** `except`: rows of this query not in the other. */
  except<Q extends AnyQuery>(other: Q & SameRow<ResultRow<S, T, O, I>, QueryRow<Q>>): this
  /** This one-column query as a scalar subquery in a selection: `eb.selectFrom(…).select(['x']).limit(1).as('x')`. */
  as<A extends string>(alias: A): AliasedExpression<ScalarOf<ResultRow<S, T, O, I>>, A>
  /** At most `count` rows (a non-negative integer). Inside include: per parent row. */
  limit(count: number): this
  /** Skips `count` rows (a non-negative integer). Inside include: per parent row. */
  offset(count: number): this
  /** `select distinct`. */
  distinct(): this
  /** Runs the query: every row, decoded to the schema's types, nested relations included. */
  execute(): Promise<ResultRow<S, T, O, I>[]>
  /** The first row, or `undefined` when there is none. Adds no limit: add `.limit(1)` yourself. */
  first(): Promise<ResultRow<S, T, O, I> | undefined>
  /** The first row, or a `NoResultError` when there is none. */
  firstOrThrow(): Promise<ResultRow<S, T, O, I>>
  /** The SQL and parameters, without running anything: `{ sql, parameters }`, frozen. */
  compile(): CompiledQuery
}

function checkCount(what: string, count: unknown): number {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0)
    throw new JoineryError(`${what}() takes a non-negative integer, got ${typeof count === 'number' ? count : (JSON.stringify(count) ?? String(count))}.`)
  return count
}

const DIRECTIONS: ReadonlySet<string> = new Set(['asc', 'desc', 'asc nulls first', 'asc nulls last', 'desc nulls first', 'desc nulls last'])

/** An order item: `'desc nulls last'` → direction desc, nulls last. */
export function parseOrder(expr: ExpressionNode, direction: unknown = 'asc'): OrderByNode {
  if (typeof direction !== 'string' || !DIRECTIONS.has(direction))
    throw new JoineryError(`orderBy() direction must be one of ${[...DIRECTIONS].map((d) => `'${d}'`).join(', ')}, got ${JSON.stringify(direction)}.`)
  const [dir, , nulls] = direction.split(' ') as ['asc' | 'desc', string?, ('first' | 'last')?]
  return Object.freeze({ expr, direction: dir, nulls })
}

function expressionOrRef(arg: unknown): ExpressionNode {
  return isExpression(arg) ? arg.node : parseRef(arg)
}

const builders = new WeakMap<Executor, ExpressionBuilder<Schema, unknown>>()
/** One `eb` per executor: where/select callbacks on a hot path allocate nothing for it. */
export function expressionBuilderOf(executor: Executor): ExpressionBuilder<Schema, unknown> {
  let eb = builders.get(executor)
  if (eb === undefined) builders.set(executor, (eb = createExpressionBuilder(executor)))
  return eb
}

/** `'people.name as who'` → column people.name, output key `who`; an aliased expression as it is. */
export function parseSelection(arg: unknown): SelectionNode {
  if (isAliased(arg)) return Object.freeze({ expr: arg.node, alias: arg.alias })
  if (typeof arg !== 'string') throw new JoineryError(`select() takes column names or expressions named with .as(), got ${String(arg)}.`)
  return selectionOf(arg)
}

/** Throws when two selections (or a selection and an include) land on one output key. */
export function landOnce(selections: readonly SelectionNode[], includes: readonly IncludeNode[] = []): void {
  const keys = new Set<string>()
  for (const include of includes) keys.add(include.key)
  for (const { alias } of selections) {
    if (keys.has(alias)) throw new JoineryError(`Two selections land on the key "${alias}": rename one with 'ref as otherName'.`)
    keys.add(alias)
  }
}

// One frozen node per spelling, as for column references (parseRef).
const selectionOf = memoByKey((arg): SelectionNode => {
  const as = arg.indexOf(' as ')
  const ref = parseRef(as === -1 ? arg : arg.slice(0, as))
  return Object.freeze({ expr: ref, alias: as === -1 ? ref.column : arg.slice(as + 4) })
})

// The tags that start each call in a shape (shape.ts); a call not tagged leaves the query without
// one. Symbols, so a tag never meets a column name at the same step of the trie.
const tagNames = ['select', 'where', 'value', 'orderBy', 'limit', 'offset', 'distinct', 'join', 'include', 'includeCount', 'whereRelated', 'whereNotRelated'] as const
const tag = Object.fromEntries(tagNames.map((name) => [name, Symbol(name)])) as Record<(typeof tagNames)[number], symbol>

class SelectBuilderImpl {
  readonly #node: SelectNode
  readonly #executor: Executor
  /** The calls so far, when every one of them is tagged; and the values they were given. */
  readonly #shape: Shape | undefined
  readonly #values: Values
  #statement: Statement | undefined

  constructor(node: SelectNode, executor: Executor, shape: Shape | undefined, values: Values) {
    this.#node = node
    this.#executor = executor
    this.#shape = shape
    this.#values = values
  }

  /** The query node of a select builder (for subqueries and insert … select), else undefined. */
  static nodeOf(value: unknown): SelectNode | undefined {
    return value instanceof SelectBuilderImpl ? value.#node : undefined
  }

  /** The builder with `patch` applied; without a shape for the call, the query is compiled every time. */
  #with(patch: Partial<SelectNode>, shape?: Shape, values = this.#values): SelectBuilderImpl {
    return new SelectBuilderImpl(cloneSelect(this.#node, patch), this.#executor, shape, values)
  }

  /** The relation `name` of this query's table (checked now, so the error points at the call). */
  #relation(name: unknown, table = this.#node.from): Relation {
    const relations = this.#executor.schema.relations.get(table)!
    const relation = typeof name === 'string' ? relations.get(name) : undefined
    if (relation === undefined)
      throw new JoineryError(`Unknown relation ${JSON.stringify(name)} on table "${table}". Known relations: ${listNames(relations.keys())}.`)
    return relation
  }

  /** Runs a relation callback on a builder over the related table and returns that builder. */
  #nested(relation: Relation, build: unknown): SelectBuilderImpl {
    const executor = this.#executor
    const start = new SelectBuilderImpl(selectNode(relation.target), executor, rootShape(executor.schema, relation.target), [])
    if (build === undefined) return start
    if (typeof build !== 'function') throw new JoineryError(`The callback for relation "${relation.name}" must be a function: (q) => q.select(…).`)
    const result: unknown = build(start)
    if (!(result instanceof SelectBuilderImpl)) throw new JoineryError(`The callback for relation "${relation.name}" must return the query it was given.`)
    return result
  }

  /** The shape after a call on a relation: its tag, the relation, and the nested query's shape (none when it has none). */
  #nestedShape(tag: symbol, relation: Relation, nested: SelectBuilderImpl): Shape | undefined {
    return nested.#shape === undefined ? undefined : step(step(step(this.#shape, tag), relation.name), nested.#shape)
  }

  select(columns: unknown) {
    const items: unknown = typeof columns === 'function' ? columns(this.#eb()) : columns
    if (!Array.isArray(items)) throw new JoineryError('select() takes an array of column names, or (eb) => [...] returning columns and expressions named with .as().')
    const node = this.#node
    const selections = node.selections === undefined ? [] : [...node.selections]
    let shape = typeof columns === 'function' ? undefined : step(this.#shape, tag.select)
    // The same name twice in one call is one selection (the types see a union, where it is one too).
    for (const item of new Set(items)) {
      selections.push(parseSelection(item))
      shape = typeof item === 'string' ? step(shape, item) : undefined
    }
    landOnce(selections, node.includes)
    return this.#with({ selections: Object.freeze(selections) }, shape)
  }

  /** Adds every column not selected yet. */
  selectAll() {
    const node = this.#node
    const executor = this.#executor
    const selected = new Set((node.selections ?? []).map((s) => s.alias))
    const info = executor.schema.tables.get(node.from)!
    return this.select([...info.columnList.map((col) => col.key), ...info.computed.keys()].filter((key) => !selected.has(key)))
  }

  #eb() {
    return expressionBuilderOf(this.#executor)
  }

  where(column: unknown, op?: unknown, v?: unknown) {
    const condition = conditionOf(this.#eb(), column, op, v)
    const where = andCondition(this.#node.where, condition)
    if (typeof column !== 'string' || condition.kind !== 'Binary') return this.#with({ where })
    // Tagged when the values are parameters: a value, or a list of them (its length is part of the
    // shape); `is null`/`is true` writes its value into the SQL, so that is part of the shape too.
    let shape = step(step(step(this.#shape, tag.where), column), op)
    let values = this.#values
    const { right } = condition
    if (right.kind === 'Value') {
      shape = step(shape, tag.value)
      values = [...values, right]
    } else if (right.kind === 'List' && right.items.every((item) => item.kind === 'Value')) {
      shape = step(shape, right.items.length)
      values = [...values, ...(right.items as ValueNode[])]
    } else if (right.kind === 'UnsafeText') shape = step(shape, right.text)
    else shape = undefined
    return this.#with({ where }, shape, values)
  }

  having(condition: unknown) {
    if (typeof condition !== 'function') throw new JoineryError('having() takes a callback: having((eb) => eb(…)).')
    return this.#with({ having: andCondition(this.#node.having, conditionOf(this.#eb(), condition)) })
  }

  groupBy(...columns: unknown[]) {
    return this.#with({ groupBy: Object.freeze([...this.#node.groupBy, ...columns.map(expressionOrRef)]) })
  }

  distinctOn(...columns: unknown[]) {
    if (columns.length === 0) throw new JoineryError('distinctOn() takes at least one column.')
    return this.#with({ distinctOn: Object.freeze([...this.#node.distinctOn, ...columns.map(expressionOrRef)]) })
  }

  #setOperation(op: SetOperationNode['op'], other: unknown) {
    const query = selectNodeOf(other)
    if (query === undefined) throw new JoineryError(`${op}() takes another select query.`)
    return this.#with({ setOperations: Object.freeze([...this.#node.setOperations, Object.freeze({ op, query })]) })
  }

  union(other: unknown) {
    return this.#setOperation('union', other)
  }

  unionAll(other: unknown) {
    return this.#setOperation('union all', other)
  }

  intersect(other: unknown) {
    return this.#setOperation('intersect', other)
  }

  except(other: unknown) {
    return this.#setOperation('except', other)
  }

  as(alias: unknown) {
    if (typeof alias !== 'string' || alias === '') throw new JoineryError('as() takes a non-empty name.')
    return expression(subquery(this.#node)).as(alias)
  }

  whereRelated(name: unknown, build?: unknown) {
    return this.#whereRelated(name, build, false)
  }

  whereNotRelated(name: unknown, build?: unknown) {
    return this.#whereRelated(name, build, true)
  }

  #whereRelated(name: unknown, build: unknown, negated: boolean) {
    const relation = this.#relation(name)
    const nested = this.#nested(relation, build)
    const shape = this.#nestedShape(negated ? tag.whereNotRelated : tag.whereRelated, relation, nested)
    return this.#with({ where: andCondition(this.#node.where, related(relation.name, nested.#node, negated)) }, shape, [...this.#values, ...nested.#values])
  }

  #addInclude(key: string, relation: Relation, build: unknown, count: boolean) {
    const node = this.#node
    const taken = [...(node.selections ?? []).map((s) => s.alias), ...node.includes.map((i) => i.key)]
    if (taken.includes(key)) throw new JoineryError(`The result already has a key "${key}"; include each relation once.`)
    const nested = this.#nested(relation, build)
    const include: IncludeNode = Object.freeze({ key, relation: relation.name, query: nested.#node, count })
    const shape = this.#nestedShape(count ? tag.includeCount : tag.include, relation, nested)
    return this.#with({ includes: Object.freeze([...node.includes, include]) }, shape, [...this.#values, ...nested.#values])
  }

  include(name: unknown, build?: unknown) {
    const relation = this.#relation(name)
    return this.#addInclude(relation.name, relation, build, false)
  }

  includeCount(name: unknown, build?: unknown) {
    const relation = this.#relation(name)
    return this.#addInclude(`${relation.name}Count`, relation, build, true)
  }

  innerJoin(target: unknown, second?: unknown, third?: unknown) {
    return this.#join('inner', target, second, third)
  }

  leftJoin(target: unknown, second?: unknown, third?: unknown) {
    return this.#join('left', target, second, third)
  }

  #join(type: 'inner' | 'left', target: unknown, second: unknown, third: unknown) {
    const node = this.#node
    const executor = this.#executor
    let join: JoinNode
    if (second === undefined) join = this.#joinAlong(type, target)
    else {
      const table = this.#joinTable(target)
      if (typeof second !== 'string' || second === '') throw new JoineryError(`${type}Join(): the second argument must be an alias or a column.`)
      if (typeof third === 'function') {
        const on = JoinBuilderImpl.condition(third(new JoinBuilderImpl()), second)
        join = { type, table, alias: second, relation: undefined, on }
      } else join = { type, table, alias: table, relation: undefined, on: binary(parseRef(second), '=', parseRef(third)) }
    }
    if (!executor.schema.tables.has(join.table)) throw new JoineryError(`Unknown table "${join.table}".`)
    // Along a relation, the path decides the SQL; an explicit ON is compiled every time.
    const shape = second === undefined ? step(step(step(this.#shape, tag.join), type), target) : undefined
    return this.#with({ joins: Object.freeze([...node.joins, Object.freeze(join)]) }, shape)
  }

  /** `innerJoin('appointments')` or `innerJoin('appointments.attendances')`: along a relation. */
  #joinAlong(type: 'inner' | 'left', path: unknown): JoinNode {
    if (typeof path !== 'string') throw new JoineryError(`${type}Join() takes a relation name, got ${String(path)}.`)
    const node = this.#node
    const dot = path.indexOf('.')
    const source = dot === -1 ? node.from : path.slice(0, dot)
    const joined = node.joins.find((j) => j.alias === source)
    if (dot !== -1 && joined === undefined)
      throw new JoineryError(`${type}Join('${path}'): "${source}" is not joined in this query. Joined: ${listNames(node.joins.map((j) => j.alias))}.`)
    const relation = this.#relation(dot === -1 ? path : path.slice(dot + 1), joined?.table ?? node.from)
    return { type, table: relation.target, alias: relation.name, relation: [source, relation.name], on: undefined }
  }

  /** The table an explicit join names: a relation of the from table, else a table of the schema. */
  #joinTable(name: unknown): string {
    const node = this.#node
    const executor = this.#executor
    const relation = typeof name === 'string' ? executor.schema.relations.get(node.from)!.get(name) : undefined
    if (relation !== undefined) return relation.target
    if (typeof name === 'string' && executor.schema.tables.has(name)) return name
    throw new JoineryError(`Unknown table or relation ${JSON.stringify(name)}. Known tables: ${listNames(executor.schema.tables.keys())}.`)
  }

  orderBy(column: unknown, direction?: unknown) {
    const order = parseOrder(expressionOrRef(column), direction)
    const shape = typeof column === 'string' ? step(step(step(this.#shape, tag.orderBy), column), direction) : undefined
    return this.#with({ orderBy: Object.freeze([...this.#node.orderBy, order]) }, shape)
  }

  limit(count: unknown) {
    const limit = value(checkCount('limit', count))
    return this.#with({ limit }, step(this.#shape, tag.limit), [...this.#values, limit])
  }

  offset(count: unknown) {
    const offset = value(checkCount('offset', count))
    return this.#with({ offset }, step(this.#shape, tag.offset), [...this.#values, offset])
  }

  distinct() {
    return this.#with({ distinct: true }, step(this.#shape, tag.distinct))
  }

  #prepared(): Statement {
    return (this.#statement ??= new Statement(this.#node, this.#executor, this.#shape, this.#values))
  }

  compile(): CompiledQuery {
    return this.#prepared().compiled().query
  }

  execute(): Promise<Record<string, unknown>[]> {
    return this.#prepared().rows()
  }

  async first() {
    const rows = await this.execute()
    return rows[0]
  }

  async firstOrThrow() {
    const rows = await this.execute()
    if (rows.length === 0) throw new NoResultError(`No row found: ${this.compile().sql}`)
    return rows[0]
  }
}

/** A select on `table`; `ctes` are the common table expressions the statement starts with. */
export function createSelect(executor: Executor, table: unknown, ctes: readonly CteNode[] = []): SelectBuilderImpl {
  if (typeof table !== 'string' || !executor.schema.tables.has(table))
    throw new JoineryError(`Unknown table ${JSON.stringify(table)}. Known tables: ${listNames(executor.schema.tables.keys())}.`)
  const node = selectNode(table)
  if (ctes.length > 0) return new SelectBuilderImpl(cloneSelect(node, { ctes }), executor, undefined, [])
  return new SelectBuilderImpl(node, executor, rootShape(executor.schema, table), [])
}

export const selectNodeOf = (value: unknown): SelectNode | undefined => SelectBuilderImpl.nodeOf(value)
