import { cloneSelect, selectNode } from '../ast/select.js'
import type { SelectNode, SelectionNode } from '../ast/select.js'
import { JoineryError, NoResultError, listNames } from '../errors.js'
import type { AddSelection, DistinctKeys, OpsFor, ResultRow, SelectArg, Selected, ValueFor } from '../../types/select.js'
import type { Executor } from '../executor.js'
import { isExpression } from './expression.js'
import type { Expression } from './expression.js'
import { comparison, expressionBuilder, parseRef } from './where.js'
import type { ExpressionBuilder } from './where.js'
import { compileQuery } from '../compiler/compile.js'
import type { CompiledQuery, CompiledSelect } from '../compiler/compile.js'
import { rowDecoder } from '../decode/rows.js'
import type { RowDecoder } from '../decode/rows.js'
import { logical } from '../ast/expression.js'

/**
 * A select query over table `T`. `C` maps the names the query can use to their types, `R` is
 * a whole row of `T`, `O` what was selected so far (never: nothing yet), `I` included relations.
 * Every method returns a new builder; a builder can be reused and shared freely.
 */
export interface SelectQueryBuilder<C, R, O = never, I = {}> {
  /**
   * Adds columns to the result; `'people.name'` comes back as `name`, `'name as who'` as `who`.
   * ```ts
   * db.selectFrom('people').select(['id', 'name'])
   * // select "people"."id", "people"."name" from "people"
   * ```
   */
  select<K extends SelectArg<C>>(columns: readonly K[] & DistinctKeys<K, O>): SelectQueryBuilder<C, R, AddSelection<O, Selected<C, K>>, I>
  /** Selects every column of the table (what a query that selects nothing returns anyway). */
  selectAll(): SelectQueryBuilder<C, R, AddSelection<O, R>, I>
  /**
   * Filters rows; several `where` calls are joined with `and`.
   * ```ts
   * db.selectFrom('people').where('name', 'like', 'R%')
   * // … where "people"."name" like $1   — parameters: ['R%']
   * ```
   */
  where<K extends keyof C & string, Op extends OpsFor<C[K]>>(column: K, op: Op, value: ValueFor<C[K], Op>): SelectQueryBuilder<C, R, O, I>
  /**
   * Filters with a condition built from `eb`: `where((eb) => eb.or([eb('name', '=', 'x'), eb('email', 'is', null)]))`.
   */
  where(condition: (eb: ExpressionBuilder<C>) => Expression<boolean>): SelectQueryBuilder<C, R, O, I>
  /** Orders by a column, `asc` by default; several calls order by several columns. */
  orderBy(column: keyof C & string, direction?: 'asc' | 'desc'): SelectQueryBuilder<C, R, O, I>
  /** At most `count` rows (a non-negative integer). */
  limit(count: number): SelectQueryBuilder<C, R, O, I>
  /** Skips `count` rows (a non-negative integer). */
  offset(count: number): SelectQueryBuilder<C, R, O, I>
  /** `select distinct`. */
  distinct(): SelectQueryBuilder<C, R, O, I>
  /** Runs the query: every row, decoded to the schema's types. */
  execute(): Promise<ResultRow<R, O, I>[]>
  /** The first row, or `undefined` when there is none. Does not add a limit: add `.limit(1)` yourself. */
  first(): Promise<ResultRow<R, O, I> | undefined>
  /** The first row, or a `NoResultError` when there is none. */
  firstOrThrow(): Promise<ResultRow<R, O, I>>
  /** The SQL and parameters, without running anything: `{ sql, parameters }`, frozen. */
  compile(): CompiledQuery
}

interface Props {
  readonly node: SelectNode
  readonly executor: Executor
}

function checkCount(what: string, count: unknown): number {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0)
    throw new JoineryError(`${what}() takes a non-negative integer, got ${typeof count === 'number' ? count : JSON.stringify(count) ?? String(count)}.`)
  return count
}

/** `'people.name as who'` → column people.name, output key `who`. */
function parseSelection(arg: unknown): SelectionNode {
  if (typeof arg !== 'string') throw new JoineryError(`select() takes column names, got ${String(arg)}.`)
  const as = arg.indexOf(' as ')
  const ref = parseRef(as === -1 ? arg : arg.slice(0, as))
  return Object.freeze({ expr: ref, alias: as === -1 ? ref.column : arg.slice(as + 4) })
}

class SelectBuilderImpl {
  readonly #props: Props
  #compiled: CompiledSelect | undefined
  #decoder: RowDecoder | undefined

  constructor(props: Props) {
    this.#props = props
  }

  #with(patch: Partial<SelectNode>): SelectBuilderImpl {
    return new SelectBuilderImpl({ ...this.#props, node: cloneSelect(this.#props.node, patch) })
  }

  select(columns: readonly unknown[]) {
    if (!Array.isArray(columns)) throw new JoineryError('select() takes an array of column names.')
    const added = columns.map(parseSelection)
    const selections = Object.freeze([...(this.#props.node.selections ?? []), ...added])
    const keys = new Set<string>()
    for (const { alias } of selections) {
      if (keys.has(alias)) throw new JoineryError(`Two selections land on the key "${alias}": rename one with 'ref as otherName'.`)
      keys.add(alias)
    }
    return this.#with({ selections })
  }

  selectAll() {
    const { node, executor } = this.#props
    const info = executor.schema.tables.get(node.from)!
    return this.select(info.columnList.map((col) => col.key))
  }

  where(column: unknown, op?: unknown, v?: unknown) {
    let condition
    if (typeof column === 'function') {
      const result: unknown = column(expressionBuilder)
      if (!isExpression(result)) throw new JoineryError('where((eb) => …) must return a condition built with eb.')
      condition = result.node
    } else condition = comparison(column, op, v)
    const previous = this.#props.node.where
    return this.#with({ where: previous === undefined ? condition : logical('And', [previous, condition]) })
  }

  orderBy(column: unknown, direction: unknown = 'asc') {
    if (direction !== 'asc' && direction !== 'desc')
      throw new JoineryError(`orderBy() direction must be 'asc' or 'desc', got ${JSON.stringify(direction)}.`)
    const order = Object.freeze({ expr: parseRef(column), direction })
    return this.#with({ orderBy: Object.freeze([...this.#props.node.orderBy, order]) })
  }

  limit(count: unknown) {
    return this.#with({ limit: checkCount('limit', count) })
  }

  offset(count: unknown) {
    return this.#with({ offset: checkCount('offset', count) })
  }

  distinct() {
    return this.#with({ distinct: true })
  }

  #compile(): CompiledSelect {
    return (this.#compiled ??= compileQuery(this.#props.node, this.#props.executor.schema))
  }

  compile(): CompiledQuery {
    return this.#compile().query
  }

  async execute(): Promise<Record<string, unknown>[]> {
    const compiled = this.#compile()
    const result = await this.#props.executor.run(compiled.query)
    const decode = (this.#decoder ??= rowDecoder(compiled.keys, compiled.codecs, result.fields))
    return result.rows.map(decode)
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

export function createSelect(executor: Executor, table: unknown): SelectBuilderImpl {
  if (typeof table !== 'string' || !executor.schema.tables.has(table))
    throw new JoineryError(`Unknown table ${JSON.stringify(table)}. Known tables: ${listNames(executor.schema.tables.keys())}.`)
  return new SelectBuilderImpl({ node: selectNode(table), executor })
}
