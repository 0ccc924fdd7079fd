// A common table expression seen as a table: its columns are the CTE query's output row.
import type { Column } from '../src/schema/column.js'
import type { Schema } from '../src/schema/schema.js'
import type { Table } from '../src/schema/table.js'

type CteColumn<V> = Column<NonNullable<V>, null extends V ? true : false, false, never, false, false, false>

/** CteTable<{ id: number; name: string | null }>: a table whose rows are exactly that row type. */
export type CteTable<Row> = Table<{ [K in keyof Row]: CteColumn<Row[K]> }, never, {}>

/** The schema inside a statement `with N as (…)`: S plus the CTE as a table named N. */
export type CteSchema<S extends Schema, N extends string, Row> = Schema<Omit<S['~tables'], N> & { [K in N]: CteTable<Row> }, S['~relations']>
