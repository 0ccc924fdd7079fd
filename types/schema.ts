// Compile-time checks of a schema() literal, over the schema's foreign keys as one small union
// (SchemaFks: one pass over each table's columns), never a union of every valid 'table.column'
// string (that cost seconds on large schemas).
import type { Columns } from '../src/schema/table.js'
import type { SchemaFks } from './relations.js'

// BadRef<{ people: …}, 'appointments.personId>peple.id'>
//   == 'appointments.personId references unknown table "peple"'
type BadRef<T, E> = E extends `${infer Path}>${infer Ref}`
  ? Ref extends `${infer RT}.${infer RC}`
    ? RT extends keyof T
      ? T[RT] extends { '~columns': infer C extends Columns }
        ? RC extends keyof C
          ? never
          : `${Path} references unknown column "${RC}" of table "${RT}"`
        : never
      : `${Path} references unknown table "${RT}"`
    : `${Path}: references() takes 'table.column'`
  : never

type NotATable<T> = { [K in keyof T]: T[K] extends { '~columns': unknown } ? never : K }[keyof T]

/**
 * `unknown` when every reference resolves (the cheap path every correct schema takes); else, for
 * each faulty table, the error sentence, reported at that table's key in the schema({...}) literal.
 * CheckReferences<{ a: table({ bId: c.integer().references('b.id') }) }> == { a: 'a.bId references unknown table "b"' }
 */
export type CheckReferences<T> = BadRef<T, SchemaFks<T>> extends infer Errors
  ? [Errors | NotATable<T>] extends [never]
    ? unknown
    : { [K in keyof T as K extends NotATable<T> ? K : [Extract<Errors, `${K & string}.${string}`>] extends [never] ? never : K]: K extends NotATable<T> ? 'not a table: build it with table({...})' : Extract<Errors, `${K & string}.${string}`> }
  : never
