// Compile-time checks of a schema() literal. Each check is local to one column (O(columns)),
// never a union of every valid 'table.column' string (that cost seconds on large schemas).
import type { AnyTable } from '../src/schema/table.js'

// RefError<{ people: …}, 'appointments', 'personId', 'peple.id'>
//   == 'appointments.personId references unknown table "peple"'
type RefError<T, Tb extends string, C extends string, R> = R extends `${infer RT}.${infer RC}`
  ? RT extends keyof T
    ? T[RT] extends AnyTable
      ? RC extends keyof T[RT]['~columns']
        ? never
        : `${Tb}.${C} references unknown column "${RC}" of table "${RT}"`
      : never
    : `${Tb}.${C} references unknown table "${RT}"`
  : `${Tb}.${C}: references() takes 'table.column'`

type TableErrors<T, Tb extends string, Cols> = {
  [C in keyof Cols & string]: Cols[C] extends { '~': { ref: infer R } } ? RefError<T, Tb, C, R> : never
}[keyof Cols & string]

/**
 * `unknown` for a table whose references resolve, else the error sentence, so the mistake is
 * reported at that table's key in the schema({...}) literal.
 * CheckReferences<{ a: table({ bId: c.integer().references('b.id') }) }> == { a: 'a.bId references unknown table "b"' }
 */
export type CheckReferences<T> = {
  [K in keyof T]: T[K] extends AnyTable
    ? [TableErrors<T, K & string, T[K]['~columns']>] extends [never]
      ? unknown
      : TableErrors<T, K & string, T[K]['~columns']>
    : 'not a table: build it with table({...})'
}
