// Compile-time checks of a schema() literal, over the schema's foreign keys as one small union
// (SchemaFks: one pass over each table's columns).
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

/** Every `'table.column'` of the schema: one template per table, built once per schema. */
type ColumnPaths<T> = { [K in keyof T & string]: T[K] extends { '~columns': infer C } ? `${K}.${keyof C & string}` : never }[keyof T & string]

/** What the foreign keys reference: SchemaFks<…> == 'appointments.personId>people.id' gives 'people.id'. */
type Targets<E> = E extends `${string}>${infer Ref}` ? Ref : never

/**
 * `unknown` when every reference resolves (the cheap path every correct schema takes: one union
 * compared with another); else, for each faulty table, the error sentence, reported at that
 * table's key in the schema({...}) literal.
 * CheckReferences<{ a: table({ bId: c.integer().references('b.id') }) }> == { a: 'a.bId references unknown table "b"' }
 */
export type CheckReferences<T> = SchemaFks<T> extends infer Fks
  ? [Targets<Fks> | NotATable<T>] extends [ColumnPaths<T>]
    ? unknown
    : Faults<T, BadRef<T, Fks>>
  : never

type Faults<T, Errors> = {
  [K in keyof T as K extends NotATable<T> ? K : [Extract<Errors, `${K & string}.${string}`>] extends [never] ? never : K]: K extends NotATable<T>
    ? 'not a table: build it with table({...})'
    : Extract<Errors, `${K & string}.${string}`>
}
