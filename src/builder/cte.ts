import { cloneSelect } from '../ast/select.js'
import type { CteNode } from '../ast/select.js'
import { compileQuery } from '../compiler/compile.js'
import { JoineryError } from '../errors.js'
import type { Executor } from '../executor.js'
import { untypedCodec } from '../schema/codecs.js'
import type { ColumnInfo, Schema, SchemaMeta, TableInfo } from '../schema/schema.js'
import type { Relation } from '../schema/relations.js'
import type { CteSchema } from '../../types/cte.js'
import type { AnyQuery, QueryRow, Refs } from '../../types/select.js'
import type { ReadColumns } from '../../types/row.js'
import { createSelect, selectNodeOf } from './select.js'
import type { SelectQueryBuilder } from './select.js'

/** `with` and `withRecursive`: on the database, on a transaction, and after another CTE. */
export interface CteStarters<S extends Schema> {
  /**
   * A common table expression, readable by name in the query that follows (later CTEs can read
   * the ones before them):
   * ```ts
   * await db.with('recent', (db) => db.selectFrom('appointments').where('meetingAt', '>', since))
   *   .selectFrom('recent').selectAll().execute()
   * // with "recent" as (select … from "appointments" where …) select … from "recent"
   * ```
   */
  with<N extends string, Q extends AnyQuery>(name: N, build: (db: WithMethods<S>) => Q): WithMethods<CteSchema<S, N, QueryRow<Q>>>
  /**
   * A recursive CTE: `base` gives the first rows, `step` the next ones from the rows so far
   * (`with recursive name as (base union all step)`).
   */
  withRecursive<N extends string, Q extends AnyQuery>(
    name: N,
    base: (db: WithMethods<S>) => Q,
    step: (db: WithMethods<CteSchema<S, N, QueryRow<Q>>>) => { readonly '~result': Q['~result'] },
  ): WithMethods<CteSchema<S, N, QueryRow<Q>>>
}

/** What `db.with(…)` returns: selects that can read the common table expressions by name. */
export interface WithMethods<S extends Schema> extends CteStarters<S> {
  /** A select over a table or a CTE of this statement. */
  selectFrom<T extends keyof S['~tables'] & string>(table: T): SelectQueryBuilder<S, T, Refs<T, ReadColumns<S, T>>>
}

const CTE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The schema seen inside the statement: the tables, plus the CTE as a table of its output columns. */
function withCteTable(schema: SchemaMeta, name: string, node: CteNode['query']): SchemaMeta {
  if (!CTE_NAME.test(name)) throw new JoineryError(`with(): a CTE name is letters, digits and _, got ${JSON.stringify(name)}.`)
  if (schema.tables.has(name)) throw new JoineryError(`with('${name}'): "${name}" is already a table or CTE of this query.`)
  const compiled = compileQuery(node, schema)
  const columnList: ColumnInfo[] = compiled.keys.map((key, i) => ({
    key,
    dbName: key,
    kind: 'cte',
    sqlType: compiled.codecs[i]?.pgType ?? 'unknown',
    codec: compiled.codecs[i] ?? untypedCodec,
    nullable: true,
    hasDefault: false,
    primaryKey: false,
    unique: false,
  }))
  const info: TableInfo = {
    key: name,
    dbName: name,
    columns: new Map(columnList.map((col) => [col.key, col])),
    computed: new Map(),
    columnList,
    primaryKey: [],
    uniques: [],
    indexes: [],
    readOnly: true,
  }
  return {
    ...schema,
    tables: new Map([...schema.tables, [name, info]]),
    relations: new Map<string, ReadonlyMap<string, Relation>>([...schema.relations, [name, new Map()]]),
  }
}

function queryOf(built: unknown, what: string): CteNode['query'] {
  const node = selectNodeOf(built)
  if (node === undefined) throw new JoineryError(`${what} must return a select query: (db) => db.selectFrom(…)….`)
  // The CTE list lives on the outer statement only.
  return node.ctes.length === 0 ? node : cloneSelect(node, { ctes: [] })
}

type Untyped = (db: unknown) => unknown

export function withMethods(executor: Executor, ctes: readonly CteNode[]): WithMethods<Schema> {
  const methods = {
    selectFrom: (table: string) => createSelect(executor, table, ctes),
    with(name: string, build: Untyped) {
      const query = queryOf(build(methods), `with('${name}', …)`)
      const schema = withCteTable(executor.schema, name, query)
      return withMethods({ ...executor, schema }, [...ctes, Object.freeze({ name, query, recursive: undefined })])
    },
    withRecursive(name: string, base: Untyped, step: Untyped) {
      const query = queryOf(base(methods), `withRecursive('${name}', base)`)
      const schema = withCteTable(executor.schema, name, query)
      const inner = withMethods({ ...executor, schema }, ctes)
      const recursive = queryOf(step(inner), `withRecursive('${name}', …, step)`)
      return withMethods({ ...executor, schema }, [...ctes, Object.freeze({ name, query, recursive })])
    },
  }
  return methods as unknown as WithMethods<Schema>
}
