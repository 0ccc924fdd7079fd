import { expectError, expectType } from 'tsd'
import { createDb, createTablesSql, dropTablesSql, schema } from '../src/index.js'
import type { Driver } from '../src/index.js'
import { clinicTables } from '../test/support/api-clinic.js'

const clinic = schema(clinicTables, { casing: 'snake_case' })
const db = createDb(clinic, { driver: {} as Driver })

// DDL from a schema: one statement per entry, in foreign-key order (drop: the reverse).
expectType<string[]>(createTablesSql(clinic))
expectType<string[]>(dropTablesSql(clinic))
expectType<Promise<void>>(db.createTables())

// They take a schema made with schema(), not its tables, and createTables takes no options.
expectError(createTablesSql(clinicTables))
expectError(dropTablesSql('people'))
expectError(db.createTables({ ifNotExists: true }))
