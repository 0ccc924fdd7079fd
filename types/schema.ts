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
  [C in keyof Cols & string]: RefError<T, Tb, C, Cols[C] extends { '~': { ref: infer R } } ? R : never>
}[keyof Cols & string]

type ErrorsByTable<T> = {
  [K in keyof T]: T[K] extends AnyTable ? TableErrors<T, K & string, T[K]['~columns']> : 'not a table: build it with table({...})'
}

/** Every 'table.column' the schema's foreign keys reference: one union, checked in one pass. */
type AllRefs<T> = { [K in keyof T]: T[K] extends { '~columns': infer Cols } ? { [C in keyof Cols]: Cols[C] extends { '~': { ref: infer R } } ? R : never }[keyof Cols] : never }[keyof T]

type BadRef<T, R> = R extends `${infer RT}.${infer RC}` ? (RT extends keyof T ? (T[RT] extends { '~columns': infer Cols } ? (RC extends keyof Cols ? never : R) : R) : R) : R

/**
 * `unknown` when every reference resolves (checked as one union of references: the cheap path
 * every correct schema takes); else, for each faulty table, the error sentence, reported at that
 * table's key in the schema({...}) literal.
 * CheckReferences<{ a: table({ bId: c.integer().references('b.id') }) }> == { a: 'a.bId references unknown table "b"' }
 */
export type CheckReferences<T> = [BadRef<T, AllRefs<T>> | NotATable<T>] extends [never]
  ? unknown
  : ErrorsByTable<T> extends infer E
    ? { [K in keyof E as [E[K]] extends [never] ? never : K]: E[K] }
    : never

type NotATable<T> = { [K in keyof T]: T[K] extends { '~columns': unknown } ? never : K }[keyof T]
