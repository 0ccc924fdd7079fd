/** Thrown for misuse that joinery catches before anything reaches the database. */
export class JoineryError extends Error {
  override name = 'JoineryError'
}

/** Thrown by `firstOrThrow()` when the query returned no row. */
export class NoResultError extends JoineryError {
  override name = 'NoResultError'
}

/** Lists names for an error message: `id, name, email`. */
export function listNames(names: Iterable<string>): string {
  const all = [...names]
  return all.length === 0 ? '(none)' : all.join(', ')
}

/** Fields Postgres reports with an error, the same from pg and from PGlite. */
interface PostgresErrorFields {
  code?: string
  constraint?: string
  table?: string
  column?: string
  detail?: string
  message?: string
}

/** An error the database raised, with its SQLSTATE and the statement that failed. */
export class DatabaseError extends JoineryError {
  override name = 'DatabaseError'
  /** SQLSTATE, e.g. '23505'. */
  readonly code: string
  readonly constraint: string | undefined
  readonly table: string | undefined
  readonly column: string | undefined
  readonly detail: string | undefined
  readonly sql: string
  readonly parameters: readonly unknown[]

  constructor(fields: PostgresErrorFields, sql: string, parameters: readonly unknown[], cause: unknown) {
    super(fields.message ?? 'database error', { cause })
    this.code = fields.code ?? ''
    this.constraint = fields.constraint
    this.table = fields.table
    this.column = fields.column
    this.detail = fields.detail
    this.sql = sql
    this.parameters = parameters
  }
}

/** 23505: a unique constraint or primary key already has this value. */
export class UniqueViolationError extends DatabaseError {
  override name = 'UniqueViolationError'
}
/** 23503: the referenced row does not exist, or is still referenced. */
export class ForeignKeyViolationError extends DatabaseError {
  override name = 'ForeignKeyViolationError'
}
/** 23502: a NOT NULL column got NULL. */
export class NotNullViolationError extends DatabaseError {
  override name = 'NotNullViolationError'
}
/** 23514: a CHECK constraint failed. */
export class CheckViolationError extends DatabaseError {
  override name = 'CheckViolationError'
}
/** 40001: a serializable transaction conflicted; retry it. */
export class SerializationFailureError extends DatabaseError {
  override name = 'SerializationFailureError'
}
/** 40P01: two transactions waited on each other; one was cancelled. Retry it. */
export class DeadlockDetectedError extends DatabaseError {
  override name = 'DeadlockDetectedError'
}

const bySqlState: Record<string, typeof DatabaseError> = {
  '23505': UniqueViolationError,
  '23503': ForeignKeyViolationError,
  '23502': NotNullViolationError,
  '23514': CheckViolationError,
  '40001': SerializationFailureError,
  '40P01': DeadlockDetectedError,
}

/** Turns a driver's error into a `DatabaseError` subclass when it carries a SQLSTATE. */
export function toDatabaseError(error: unknown, sql: string, parameters: readonly unknown[]): unknown {
  const fields = error as PostgresErrorFields | null
  if (typeof fields?.code !== 'string' || !/^[0-9A-Z]{5}$/.test(fields.code) || error instanceof JoineryError) return error
  const ErrorClass = bySqlState[fields.code] ?? DatabaseError
  return new ErrorClass(fields, sql, parameters, error)
}
