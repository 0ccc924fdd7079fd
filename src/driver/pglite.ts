import type { Driver, DriverResult, HeldConnection } from './driver.js'

// PGlite, described structurally: joinery never imports it at run time.
type Conversions = Record<number, (text: string) => string>

interface PGliteQueryOptions {
  rowMode: 'array'
  parsers: Conversions
  serializers: Conversions
}

/** The part of a `PGlite` instance joinery uses. */
export interface PGliteLike {
  query<T>(
    sql: string,
    parameters: unknown[],
    options: PGliteQueryOptions,
  ): Promise<{ rows: T[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number }>
  close(): Promise<void>
  /** The instance's parsers by type OID (built-ins and the array types it discovered). */
  readonly parsers: Record<number | string, unknown>
}

const leaveText = (text: string) => text
// Parameters are text already: every serializer lookup answers "leave it alone".
const serializers = new Proxy({}, { get: () => leaveText }) as Conversions

/**
 * Per-query options that turn off PGlite's own conversions (int8 → number, date → Date), so
 * results stay text for joinery to decode. PGlite copies per-query parsers into a fresh object,
 * so they must be real keys: one per OID the instance knows, rebuilt when it learns new types.
 */
function queryOptions(pglite: PGliteLike): () => PGliteQueryOptions {
  let known = -1
  let options: PGliteQueryOptions | undefined
  return () => {
    const oids = Object.keys(pglite.parsers)
    if (options === undefined || oids.length !== known) {
      const parsers: Conversions = {}
      for (const oid of oids) parsers[Number(oid)] = leaveText
      options = Object.freeze({ rowMode: 'array', parsers, serializers })
      known = oids.length
    }
    return options
  }
}

/**
 * A driver over an embedded PGlite database. PGlite is one connection: a transaction holds it,
 * and other queries wait until the transaction ends.
 * ```ts
 * const db = createDb(clinic, { driver: pgliteDriver(new PGlite()) })
 * ```
 */
export function pgliteDriver(pglite: PGliteLike): Driver {
  const options = queryOptions(pglite)
  let tail: Promise<void> = Promise.resolve()
  const lock = (): Promise<() => void> => {
    let unlock!: () => void
    const previous = tail
    tail = new Promise((resolve) => (unlock = resolve))
    return previous.then(() => unlock)
  }
  const run = async (sql: string, parameters: readonly (string | null)[]): Promise<DriverResult> => {
    const result = await pglite.query<(string | null)[]>(sql, parameters as unknown[], options())
    return { rows: result.rows, fields: result.fields, rowCount: result.affectedRows || result.rows.length }
  }
  return {
    async query(sql, parameters) {
      const unlock = await lock()
      try {
        return await run(sql, parameters)
      } finally {
        unlock()
      }
    },
    async acquire(): Promise<HeldConnection> {
      const unlock = await lock()
      return { query: run, release: unlock }
    },
    destroy: () => pglite.close(),
  }
}
