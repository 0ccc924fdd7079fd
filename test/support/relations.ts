// Relation names and kinds as the run time and the types see them, in one comparable shape:
// `{ appointments: 'many appointments', person: 'one people', recipient: 'one? users' }`
// (`one?`: a single object that can be null).
import { expect } from 'vitest'
import type { Schema } from '../../src/index.js'
import type { RelationsOf } from '../../types/select.js'
import type { Equal } from './equal.js'

type Describe<R> = R extends { target: infer Tg extends string; many: infer M; nullable: infer N }
  ? `${M extends true ? 'many' : N extends true ? 'one?' : 'one'} ${Tg}`
  : never

/**
 * The type-level relations of table T, described: RelationSummary<Clinic, 'people'> == { appointments: 'many appointments'; … }
 * (`readonly` dropped: explicit relations come from a `const` type parameter, which says nothing about names or kinds).
 */
export type RelationSummary<S extends Schema, T extends string> = { -readonly [K in keyof RelationsOf<S, T>]: Describe<RelationsOf<S, T>[K]> }

/** The run-time relations of `table` (from `schema.meta.relations`), described the same way. */
export function relationSummary<S extends Schema, T extends keyof S['~tables'] & string>(s: S, table: T): Record<string, string> {
  const relations = s.meta.relations.get(table)
  if (relations === undefined) throw new Error(`no relations for table ${table}`)
  return Object.fromEntries([...relations.values()].map((r) => [r.name, `${r.many ? 'many' : r.nullable ? 'one?' : 'one'} ${r.target}`]))
}

type Mutable<E> = { -readonly [K in keyof E]: E[K] }

/**
 * Asserts that table's relations are exactly `expected`, at run time (vitest) AND at type level:
 * when the types disagree, the call does not compile (it then asks for a 4th argument, whose
 * type is what the types inferred).
 */
export function expectRelations<S extends Schema, T extends keyof S['~tables'] & string, const E extends Record<string, string>>(
  s: S,
  table: T,
  expected: E,
  ..._typesAgree: Equal<RelationSummary<S, T>, Mutable<E>> extends true ? [] : [typesInferred: RelationSummary<S, T>]
): void {
  expect(relationSummary(s, table), `relations of ${table}`).toEqual(expected)
}
