// Row types of a table: what a select returns, what an insert takes, what an update takes.
import type { ColumnState } from '../src/schema/column.js'
import type { Columns } from '../src/schema/table.js'
import type { Schema } from '../src/schema/schema.js'

/** The value type a column reads as: SelectType<{ type: string; nullable: true; … }> == string | null */
export type SelectType<S extends ColumnState> = S['nullable'] extends true ? S['type'] | null : S['type']

/** Keys of the columns a row must give on insert: no default, not nullable, not generated. */
type RequiredKeys<C extends Columns> = {
  [K in keyof C]: C[K]['~']['generated'] extends true ? never : C[K]['~']['hasDefault'] extends true ? never : C[K]['~']['nullable'] extends true ? never : K
}[keyof C]

type OptionalKeys<C extends Columns> = {
  [K in keyof C]: C[K]['~']['generated'] extends true ? never : K
}[keyof C]

/** What a row reads of a column, stored or computed: its value type. */
export type Readable = Record<string, { readonly '~select': unknown }>

/**
 * The columns of table T a query reads: stored ones, and computed ones (`{ '~select': type }`) when
 * it has any. A builder's references are `Refs<T, ReadColumns<S, T>>`, written out where it gets
 * them: an alias of (S, T) around them would be instantiated with C, and walk the schema each time.
 */
export type ReadColumns<S extends Schema, T extends string> = {} extends S['~tables'][T]['~computed']
  ? S['~tables'][T]['~columns']
  : S['~tables'][T]['~columns'] & { [K in keyof S['~tables'][T]['~computed']]: { readonly '~select': S['~tables'][T]['~computed'][K] } }

/**
 * TableRow<{ id: serial, name: text }> == { id: number; name: string } — cached per table: one
 * homomorphic mapped type reading one property per column (ReadColumns), not a conditional per column.
 */
export type TableRow<C extends Readable> = { -readonly [K in keyof C]: C[K]['~select'] }

/** TableInsert<{ id: serial, name: text }> == { name: string; id?: number } */
export type TableInsert<C extends Columns> = {
  [K in RequiredKeys<C>]: SelectType<C[K]['~']>
} & { [K in Exclude<OptionalKeys<C>, RequiredKeys<C>>]?: SelectType<C[K]['~']> }

/** TableUpdate<{ id: serial, name: text }> == { id?: number; name?: string } */
export type TableUpdate<C extends Columns> = { [K in OptionalKeys<C>]?: SelectType<C[K]['~']> }

type ColumnsOf<S extends Schema, T extends keyof S['~tables']> = S['~tables'][T]['~columns']

/** Flattens an intersection once, at the end (each intersection level costs an instantiation per call). */
export type Flat<T> = { [K in keyof T]: T[K] } & {}

/** A row as read: `Selectable<typeof clinic, 'people'>` → `{ id: number; name: string; … }`. */
export type Selectable<S extends Schema, T extends keyof S['~tables'] & string> = Flat<TableRow<ReadColumns<S, T>>>
/** A row as inserted: columns with defaults, serial and nullable ones optional; generated ones absent. */
export type Insertable<S extends Schema, T extends keyof S['~tables'] & string> = Flat<TableInsert<ColumnsOf<S, T>>>
/** A patch for an update: every writable column optional. */
export type Updateable<S extends Schema, T extends keyof S['~tables'] & string> = Flat<TableUpdate<ColumnsOf<S, T>>>

