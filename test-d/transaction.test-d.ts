// Transactions, database errors and the query log at type level (API.md §5, §8).
import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd'
import {
  CheckViolationError,
  DatabaseError,
  DeadlockDetectedError,
  ForeignKeyViolationError,
  JoineryError,
  NotNullViolationError,
  SerializationFailureError,
  UniqueViolationError,
  createDb,
  schema,
  sql,
} from '../src/index.js'
import type { Database, Driver, DriverField, DriverResult, IsolationLevel, QueryLogEvent, RowMapper, Transaction, TransactionOptions } from '../src/index.js'
import { peopleTable } from '../test/support/api-clinic.js'

const clinic = schema({ people: peopleTable }, { casing: 'snake_case' })
type Clinic = typeof clinic

declare const driver: Driver
const db = createDb(clinic, { driver })

// ---------------------------------------------------------------------------------------------
// db.transaction(fn, options): the result of fn
// ---------------------------------------------------------------------------------------------

expectType<Promise<number>>(db.transaction(async () => 1))
expectType<Promise<void>>(
  db.transaction(async (tx) => {
    expectType<Transaction<Clinic>>(tx)
    await tx.insertInto('people').values({ name: 'A' }).execute()
  }),
)
expectType<{ id: number }[]>(await db.transaction((tx) => tx.insertInto('people').values({ name: 'A' }).returning(['id']).execute()))
expectType<{ rowCount: number }>(await db.transaction((tx) => tx.updateTable('people').set({ name: 'B' }).where('id', '=', 1).execute()))
expectType<{ id: number; name: string }>(await db.transaction((tx) => tx.selectFrom('people').select(['id', 'name']).firstOrThrow()))
expectType<{ n: number }[]>(await db.transaction((tx) => tx.execute(sql<{ n: number }>`select 1 as n`)))

// options
expectType<string>(await db.transaction(async () => 'x', { isolation: 'serializable' }))
expectType<string>(await db.transaction(async () => 'x', { isolation: 'read uncommitted', readOnly: true }))
expectType<string>(await db.transaction(async () => 'x', { readOnly: false }))
expectType<string>(await db.transaction(async () => 'x', {}))
expectAssignable<IsolationLevel>('repeatable read')
expectAssignable<TransactionOptions>({ isolation: 'read committed' })
expectError(db.transaction(async () => 1, { isolation: 'snapshot' }))
expectError(db.transaction(async () => 1, { isolation: 'SERIALIZABLE' }))
expectError(db.transaction(async () => 1, { readOnly: 'yes' }))
expectError(db.transaction(async () => 1, { deferrable: true }))
expectError(db.transaction(async () => 1, 'serializable'))
// fn: an async function of the transaction
expectError(db.transaction())
expectError(db.transaction(() => 1))
expectError(db.transaction(async (tx: Database<Clinic>) => tx.destroy()))

// ---------------------------------------------------------------------------------------------
// tx: the query methods of db, nested transactions, nothing else
// ---------------------------------------------------------------------------------------------

declare const tx: Transaction<Clinic>
expectType<Promise<number>>(tx.transaction(async (inner) => {
  expectType<Transaction<Clinic>>(inner)
  return 1
}))
expectType<{ id: number }[]>(await tx.transaction((inner) => inner.deleteFrom('people').where('id', '=', 1).returning(['id']).execute()))
// a savepoint takes no options: the isolation level belongs to the whole transaction
expectError(tx.transaction(async () => 1, { isolation: 'serializable' }))
expectError(tx.transaction())
// a transaction cannot be destroyed, and has no schema of its own
expectError(tx.destroy())
expectError(tx.schema)
// the same typed builders as on db
expectError(tx.insertInto('people').values({ email: 'no name' }))
expectError(tx.selectFrom('persons'))
expectError(await tx.deleteFrom('people').execute())
expectNotAssignable<Database<Clinic>>(tx)

// ---------------------------------------------------------------------------------------------
// Database errors: one class per SQLSTATE, all DatabaseError, all JoineryError
// ---------------------------------------------------------------------------------------------

declare const error: DatabaseError
expectType<string>(error.code)
expectType<string | undefined>(error.constraint)
expectType<string | undefined>(error.table)
expectType<string | undefined>(error.column)
expectType<string | undefined>(error.detail)
expectType<string>(error.sql)
expectType<readonly unknown[]>(error.parameters)
expectType<string>(error.message)
expectError((error.code = '23505'))

expectAssignable<DatabaseError>({} as UniqueViolationError)
expectAssignable<DatabaseError>({} as ForeignKeyViolationError)
expectAssignable<DatabaseError>({} as NotNullViolationError)
expectAssignable<DatabaseError>({} as CheckViolationError)
expectAssignable<DatabaseError>({} as SerializationFailureError)
expectAssignable<DatabaseError>({} as DeadlockDetectedError)
expectAssignable<JoineryError>(error)
expectAssignable<Error>(error)

// narrowing a caught error
async function retrying<R>(run: () => Promise<R>): Promise<R> {
  for (;;) {
    try {
      return await run()
    } catch (caught) {
      if (caught instanceof SerializationFailureError || caught instanceof DeadlockDetectedError) {
        expectType<string>(caught.code)
        continue
      }
      throw caught
    }
  }
}
expectType<Promise<number>>(retrying(() => db.transaction(async () => 1, { isolation: 'serializable' })))

// ---------------------------------------------------------------------------------------------
// The log option
// ---------------------------------------------------------------------------------------------

expectType<Database<Clinic>>(
  createDb(clinic, {
    driver,
    log: (event) => {
      expectType<QueryLogEvent>(event)
      expectType<string>(event.sql)
      expectType<readonly (string | null)[]>(event.parameters)
      expectType<number>(event.durationMs)
      expectType<number | undefined>(event.rowCount)
      expectType<unknown>(event.error)
    },
  }),
)
expectError(createDb(clinic, { driver, log: true }))
expectError(createDb(clinic, { driver, log: (event: { sql: number }) => event }))

// ---------------------------------------------------------------------------------------------
// Drivers: query(sql, parameters, mapRows?) and the mapped rows a driver may return
// ---------------------------------------------------------------------------------------------

declare const mapRows: RowMapper
expectType<Promise<DriverResult>>(driver.query('select 1', [], mapRows))
expectType<Promise<DriverResult>>(driver.query('select 1', ['a', null]))
expectType<readonly unknown[] | undefined>((await driver.query('select 1', [], mapRows)).mapped)
// A mapper is made from the result's columns and maps one text row.
expectAssignable<RowMapper>((fields: readonly DriverField[]) => (row: readonly (string | null)[]) => ({ [fields[0]!.name]: row[0] }))
expectNotAssignable<RowMapper>((row: readonly (string | null)[]) => row)
// Parameters are text (or null): values are encoded by joinery before they reach a driver.
expectError(driver.query('select 1', [1]))
// A driver that ignores mapRows is still a driver.
expectAssignable<Driver>({ ...driver, query: (text: string, parameters: readonly (string | null)[]) => driver.query(text, parameters) })
