// The ten compile-bench queries, in the order they are reported, and what a peer provides.
export const caseNames = [
  'pointSelect',
  'filterOrderLimit',
  'innerJoin',
  'groupByCount',
  'insertReturning',
  'updateWhere',
  'deleteWhere',
  'upsert',
  'whereExists',
  'nested',
] as const

export type CaseName = (typeof caseNames)[number]

export const caseTitles: Record<CaseName, string> = {
  pointSelect: 'point select by id',
  filterOrderLimit: 'filter + order + limit',
  innerJoin: 'inner join',
  groupByCount: 'group by + count',
  insertReturning: 'insert … returning',
  updateWhere: 'update … where',
  deleteWhere: 'delete … where',
  upsert: 'upsert (on conflict do update)',
  whereExists: 'where exists (correlated)',
  nested: 'nested relations, two levels',
}

/** One peer of the compile bench: each case builds a query from scratch and compiles it. */
export interface CompilePeer<Compiled = unknown> {
  readonly name: string
  readonly cases: Partial<Record<CaseName, () => Compiled>>
  /** Builds the filter + order + limit query once; the returned function compiles it again. */
  readonly prebuilt: () => () => Compiled
  /** The SQL text of a compiled query, for the report. */
  readonly sqlOf: (compiled: Compiled) => string
}
