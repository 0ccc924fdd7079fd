// Compile-time checks of a schema() literal, asked when SchemaMayFault (types/relations.ts) found
// something: every reference is compared at once with every column (one union against another);
// the sentences are built from the schema's foreign keys (SchemaFks) only when that comparison fails.
import type { Columns } from '../src/schema/table.js'
import type { Cols, ColumnTargets, SchemaFks } from './relations.js'

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

type NotATable<T> = { [K in keyof T]: [Cols<T, K>] extends [never] ? K : never }[keyof T]

/** What the foreign keys of the schema reference, as `'>table.column'`: one property read per table. */
type Targets<T> = { [K in keyof T & string]: Cols<T, K>[keyof Cols<T, K>]['~fk'] }[keyof T & string]

/**
 * `unknown` when every reference resolves (the cheap path every correct schema takes: one union
 * compared with another); else, for each faulty table, the error sentence, reported at that
 * table's key in the schema({...}) literal.
 * CheckReferences<{ a: table({ bId: c.integer().references('b.id') }) }> == { a: 'a.bId references unknown table "b"' }
 */
export type CheckReferences<T> = [Targets<T> | NotATable<T>] extends [ColumnTargets<T>] ? unknown : Faults<T, BadRef<T, SchemaFks<T>>>

type Faults<T, Errors> = {
  [K in keyof T as K extends NotATable<T> ? K : [Extract<Errors, `${K & string}.${string}`>] extends [never] ? never : K]: K extends NotATable<T>
    ? 'not a table: build it with table({...})'
    : Extract<Errors, `${K & string}.${string}`>
}
