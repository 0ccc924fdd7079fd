// Row shapes of writes: what values() and set() take, what execute() returns.
import type { Expression } from '../src/builder/expression.js'
import type { Columns } from '../src/schema/table.js'
import type { Flat, SelectType } from './row.js'

type Value<C extends Columns, K extends keyof C> = SelectType<C[K]['~']> | Expression<SelectType<C[K]['~']>>

type Generated<C extends Columns> = { [K in keyof C]: C[K]['~']['generated'] extends true ? K : never }[keyof C]
type Required<C extends Columns> = {
  [K in keyof C]: C[K]['~'] extends { generated: false; hasDefault: false; nullable: false } ? K : never
}[keyof C]

/**
 * A row for values(): required columns required, those with defaults, serial and nullable ones
 * optional (`undefined` there means "use the default"), generated ones absent. A value may be an
 * expression (`sql\`now()\``).
 * InsertRow<{ id: serial, name: text }> == { name: string | Expression<string>; id?: … }
 */
export type InsertRow<C extends Columns> = { -readonly [K in Required<C>]: Value<C, K> } & {
  -readonly [K in Exclude<keyof C, Required<C> | Generated<C>>]?: Value<C, K> | undefined
}

/** A patch for set(): every writable column optional, values or expressions; `undefined` leaves a column as it is. */
export type UpdateRow<C extends Columns> = { -readonly [K in Exclude<keyof C, Generated<C>>]?: Value<C, K> | undefined }

/** With `returning`: the returned rows; without: how many rows were written. */
export type WriteResult<O> = [O] extends [never] ? { rowCount: number } : Flat<O>[]

/** What `execute` is on an update/delete that has neither where() nor allRows(): a call that cannot be made. */
export interface NeedsWhere {
  (fix: 'add .where(…) before execute(), or .allRows() to really change every row'): never
}
