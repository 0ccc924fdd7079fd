/** A result column as drivers describe it. */
export interface DriverField {
  readonly name: string
  readonly dataTypeID: number
}

/** Rows as arrays of Postgres text (no driver-side parsing), in the order of `fields`. */
export interface DriverResult {
  readonly rows: readonly (readonly (string | null)[])[]
  readonly fields: readonly DriverField[]
  /** Rows returned, or rows written by insert/update/delete. */
  readonly rowCount: number
  /** The rows through the query's `mapRows`, when the driver applied it as they arrived (`rows` is then empty). */
  readonly mapped?: readonly unknown[]
}

/** Makes the function that turns each text row into its value, once the result's columns are known. */
export type RowMapper = (fields: readonly DriverField[]) => (row: readonly (string | null)[]) => unknown

/**
 * Something that runs one statement with text parameters. A driver that receives rows one by one
 * may apply `mapRows` to each as it arrives, so decoding overlaps the wait for the rest; a driver
 * that does not simply ignores it.
 */
export interface Connection {
  query(sql: string, parameters: readonly (string | null)[], mapRows?: RowMapper): Promise<DriverResult>
}

/** A connection held for a transaction; `release` gives it back (to the pool, or the lock). */
export interface HeldConnection extends Connection {
  /** `broken`: the connection failed and must not be reused. */
  release(broken: boolean): void
}

/**
 * What `createDb` needs from a database client. joinery ships `pgDriver` (node-postgres pool)
 * and `pgliteDriver` (embedded PGlite); both return text so decoding is the same everywhere.
 */
export interface Driver extends Connection {
  /** A connection of its own, for a transaction. */
  acquire(): Promise<HeldConnection>
  /** Closes the pool or the database. */
  destroy(): Promise<void>
}
