// The select builder and the db object at type level: for every public method, the result type
// (exact, flat rows) and the misuses the compiler must reject.
import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd'
import { column as c, createDb, schema, sql, table } from '../src/index.js'
import type { CompiledQuery, Database, Driver, Expression, Filterable, SelectQueryBuilder, Sql, WhereMethod } from '../src/index.js'
import { attendancesTable, peopleTable } from '../test/support/api-clinic.js'

// API.md §1, plus a boolean column for `is true`.
const clinic = schema(
  {
    people: peopleTable,
    appointments: table({
      id: c.serial().primaryKey(),
      personId: c.integer().references('people.id'),
      meetingAt: c.timestamptz(),
      notes: c.text().nullable(),
      confirmed: c.boolean().default(false),
    }),
    attendances: attendancesTable,
  },
  { casing: 'snake_case' },
)

declare const driver: Driver

// ---------------------------------------------------------------------------------------------
// createDb and the db object
// ---------------------------------------------------------------------------------------------

const db = createDb(clinic, { driver })
expectType<Database<typeof clinic>>(db)
expectType<Database<typeof clinic>>(createDb(clinic, { driver, log: (event) => expectType<string>(event.sql) }))
expectError(createDb(clinic, {}))
expectError(createDb(clinic))
expectError(createDb({ people: table({ id: c.serial() }) }, { driver }))
expectError(createDb(clinic, { driver, log: 'console' }))

// db.schema
expectType<typeof clinic>(db.schema)
expectError((db.schema = clinic))

// db.selectFrom: table keys of the schema only
expectError(db.selectFrom('persons'))
expectError(db.selectFrom('People'))
expectError(db.selectFrom())

// db.execute: raw SQL typed by the tag's type argument
const name = 'Reuven'
expectType<{ n: number }[]>(await db.execute(sql<{ n: number }>`select count(*)::int as n from people where name = ${name}`))
expectType<Promise<{ n: number }[]>>(db.execute(sql<{ n: number }>`select 1 as n`))
expectType<unknown[]>(await db.execute(sql`select 1`))
expectError(db.execute('select 1'))
expectError(db.execute())
expectError(db.execute({ sql: 'select 1', parameters: [] }))

// db.destroy
expectType<Promise<void>>(db.destroy())
expectError(db.destroy(true))

// ---------------------------------------------------------------------------------------------
// Selecting nothing returns the whole row; hovers are flat objects
// ---------------------------------------------------------------------------------------------

const people = db.selectFrom('people')

type Person = { id: number; name: string; email: string | null; createdAt: Date }
expectType<Person[]>(await people.execute())
expectType<Person | undefined>(await people.where('id', '=', 2).first())
expectType<Person>(await people.where('id', '=', 2).firstOrThrow())
expectType<{ personId: number; appointmentId: number }[]>(await db.selectFrom('attendances').execute())
expectType<{ id: number; personId: number; meetingAt: Date; notes: string | null; confirmed: boolean }[]>(
  await db.selectFrom('appointments').execute(),
)

// ---------------------------------------------------------------------------------------------
// select
// ---------------------------------------------------------------------------------------------

expectType<{ id: number; name: string }[]>(await people.select(['id', 'name']).execute())
expectType<{ name: string }[]>(await people.select(['people.name']).execute())
expectType<{ who: string }[]>(await people.select(['name as who']).execute())
expectType<{ contact: string | null }[]>(await people.select(['people.email as contact']).execute())
expectType<{ id: number; name: string; email: string | null }[]>(
  await people.select(['id']).select(['people.name', 'email']).execute(),
)
expectType<{ id: number; meetingAt: Date; notes: string | null; confirmed: boolean }[]>(
  await db.selectFrom('appointments').select(['id', 'meetingAt', 'appointments.notes', 'confirmed']).execute(),
)
expectType<{ personId: number; meetingId: number }[]>(
  await db.selectFrom('attendances').select(['attendances.personId', 'appointmentId as meetingId']).execute(),
)

// unknown columns, columns of another table, database names instead of keys
expectError(people.select(['nmae']))
expectError(people.select(['appointments.notes']))
expectError(people.select(['people.notes']))
expectError(people.select(['created_at']))
expectError(people.select(['nope as who']))
expectError(people.select(['people.nope as who']))
expectError(people.select(['appointments.notes as n']))
expectError(people.select(['id', 'created_at as createdAt']))
expectError(people.select(['name as']))
expectError(people.select('name'))
expectError(people.select([1]))
// two selections landing on the same key
expectError(people.select(['name', 'people.name']))
expectError(people.select(['id', 'name as id']))
expectError(people.select(['name as who', 'email as who']))
expectError(people.select(['id']).select(['id']))
expectError(people.select(['id']).select(['people.id']))
expectError(people.select(['name']).select(['email as name']))
expectError(people.selectAll().select(['name']))
// the same string twice is one selection (at run time too)
expectType<{ id: number }[]>(await people.select(['id', 'id']).execute())
expectType<{ id: number; name: string }[]>(await people.select(['id', 'name', 'id']).execute())

// ---------------------------------------------------------------------------------------------
// selectAll
// ---------------------------------------------------------------------------------------------

expectType<Person>(await people.selectAll().firstOrThrow())
expectType<Person[]>(await people.selectAll().where('name', 'like', 'R%').execute())
expectError(people.selectAll(['id']))
// selectAll adds the columns not selected yet (at run time too)
expectType<Person>(await people.select(['id']).selectAll().firstOrThrow())
expectType<Person>(await people.selectAll().selectAll().firstOrThrow())

// ---------------------------------------------------------------------------------------------
// where(column, op, value)
// ---------------------------------------------------------------------------------------------

// A select's where returns the same query type: its `where` is a WhereMethod returning the query,
// which makes the query a Filterable of itself.
{
  const named = people.select(['id', 'name'])
  type Named = typeof named
  type RefsOf<Q> = Q extends SelectQueryBuilder<typeof clinic, 'people', infer C, infer _O, infer _I, infer _J> ? C : never
  expectType<Named>(named.where('id', '=', 1))
  expectType<Named>(named.where((eb) => eb('name', 'like', 'R%')))
  expectType<WhereMethod<typeof clinic, RefsOf<Named>, Named>>(named.where)
  expectAssignable<Filterable<typeof clinic, RefsOf<Named>, Named>>(named)
  expectNotAssignable<Filterable<typeof clinic, RefsOf<Named>, typeof people>>(named)
  expectError(named.where('nme', '=', 'x'))
  expectError(named.where('id', '=', 'x'))
}

expectType<{ id: number; name: string }[]>(
  await people
    .select(['id', 'name'])
    .where('name', 'like', 'R%')
    .where('people.email', 'ilike', '%@x')
    .where('id', '=', 2)
    .where('id', '<>', 3)
    .where('id', '<', 4)
    .where('id', '<=', 5)
    .where('id', '>', 0)
    .where('id', '>=', 1)
    .where('id', 'in', [1, 2])
    .where('id', 'not in', [3] as const)
    .where('id', 'in', [])
    .where('email', 'is', null)
    .where('email', 'is not', null)
    .where('email', '=', 'r@x')
    .where('createdAt', '<', new Date())
    .where('id', '=', sql<number>`2`)
    .execute(),
)
expectType<{ id: number }[]>(
  await db
    .selectFrom('appointments')
    .select(['id'])
    .where('confirmed', 'is', true)
    .where('confirmed', 'is not', false)
    .where('confirmed', '=', true)
    .where('appointments.notes', 'is', null)
    .where('meetingAt', '>=', new Date('2013-01-01'))
    .execute(),
)

// unknown column, another table's column, database name
expectError(people.where('nmae', '=', 'x'))
expectError(people.where('appointments.notes', '=', 'x'))
expectError(people.where('created_at', '<', new Date()))
// unknown operator
expectError(people.where('id', '==', 1))
expectError(people.where('name', 'LIKE', 'R%'))
// value of the wrong type for the column
expectError(people.where('id', '=', '2'))
expectError(people.where('name', '=', 2))
expectError(people.where('createdAt', '<', '2013-01-01'))
expectError(people.where('id', '=', sql<string>`'2'`))
expectError(people.where('id', '=', undefined))
expectError(db.selectFrom('appointments').where('meetingAt', '>=', Date.now()))
// like / ilike only on text, with a string pattern
expectError(people.where('id', 'like', '1%'))
expectError(people.where('createdAt', 'ilike', '2013%'))
expectError(people.where('name', 'like', 1))
// in / not in take an array of the column's type
expectError(people.where('id', 'in', 1))
expectError(people.where('id', 'not in', 1))
expectError(people.where('id', 'in', ['1']))
expectError(people.where('email', 'in', [null]))
// is / is not take null, or a boolean on a boolean column
expectError(people.where('name', 'is', 'Reuven'))
expectError(people.where('email', 'is', true))
expectError(people.where('email', 'is not', 'r@x'))
expectError(people.where('id', 'is', 1))
expectError(db.selectFrom('appointments').where('confirmed', 'is', 'yes'))
// comparing with null is never true: `is` null
expectError(people.where('email', '=', null))
expectError(people.where('email', '<>', null))
expectError(people.where('id', '=', null))

// ---------------------------------------------------------------------------------------------
// where((eb) => …): the expression builder
// ---------------------------------------------------------------------------------------------

expectType<{ name: string }[]>(
  await people
    .select(['name'])
    .where((eb) => eb.or([eb('name', '=', 'x'), eb('email', 'is', null)]))
    .where((eb) => eb.and([eb('id', '>', 1), eb.not(eb('people.name', 'like', 'A%'))]))
    .where((eb) => eb('id', '=', eb.ref('people.id')))
    .where((eb) => eb('id', 'in', [1, 2]))
    .where((eb) => eb('name', '=', eb.val('x')))
    .where((eb) => eb.and([]))
    .execute(),
)
expectType<{ id: number }[]>(
  await db
    .selectFrom('appointments')
    .select(['id'])
    .where((eb) => eb.ref('confirmed'))
    .execute(),
)

people.where((eb) => {
  expectType<Expression<boolean>>(eb('name', '=', 'x'))
  expectType<Expression<boolean>>(eb.and([eb('id', '=', 1)]))
  expectType<Expression<boolean>>(eb.or([eb('id', '=', 1)]))
  expectType<Expression<boolean>>(eb.not(eb('id', '=', 1)))
  expectType<Expression<number>>(eb.ref('people.id'))
  expectType<Expression<number>>(eb.ref('id'))
  expectType<Expression<string | null>>(eb.ref('email'))
  expectType<Expression<number>>(eb.val(42))
  expectType<Expression<Date>>(eb.val(new Date()))
  return eb.and([])
})

// eb(...) type-checks like where(...)
expectError(people.where((eb) => eb('id', '=', 'x')))
expectError(people.where((eb) => eb('nmae', '=', 'x')))
expectError(people.where((eb) => eb('id', 'like', '1%')))
expectError(people.where((eb) => eb('id', 'in', 1)))
expectError(people.where((eb) => eb('name', 'is', 'x')))
expectError(people.where((eb) => eb('email', '=', null)))
expectError(people.where((eb) => eb('name', '=', eb.ref('people.id'))))
expectError(people.where((eb) => eb('id', '=', eb.val('1'))))
// eb.ref of an unknown column
expectError(people.where((eb) => eb('id', '=', eb.ref('people.nope'))))
expectError(people.where((eb) => eb('id', '=', eb.ref('appointments.id'))))
// the callback must return a condition
expectError(people.where((eb) => eb.ref('id')))
expectError(people.where((eb) => eb.val(1)))
expectError(people.where(() => true))
expectError(people.where((eb) => eb.or(eb('id', '=', 1))))
expectError(people.where((eb) => eb.and([true])))
expectError(people.where((eb) => eb.not('id = 1')))

// ---------------------------------------------------------------------------------------------
// orderBy, limit, offset, distinct: the result type is unchanged
// ---------------------------------------------------------------------------------------------

expectType<{ name: string }[]>(
  await people.select(['name']).orderBy('name', 'desc').orderBy('people.id').orderBy('createdAt', 'asc').execute(),
)
expectError(people.orderBy('nmae'))
expectError(people.orderBy('appointments.meetingAt'))
expectError(people.orderBy('created_at'))
expectError(people.orderBy('name', 'descending'))
expectError(people.orderBy('name', 'DESC'))

expectType<{ id: number }[]>(await people.select(['id']).limit(10).offset(20).execute())
expectError(people.limit('10'))
expectError(people.limit())
expectError(people.offset('20'))
expectError(people.offset())

expectType<{ name: string }[]>(await people.select(['name']).distinct().execute())
expectError(people.distinct(true))
expectError(people.distinct(['name']))

// ---------------------------------------------------------------------------------------------
// execute, first, firstOrThrow: exact, flat row types
// ---------------------------------------------------------------------------------------------

const byId = people.select(['id', 'name']).where('id', '=', 2)
expectType<Promise<{ id: number; name: string }[]>>(byId.execute())
expectType<Promise<{ id: number; name: string } | undefined>>(byId.first())
expectType<Promise<{ id: number; name: string }>>(byId.firstOrThrow())
expectType<{ id: number; name: string } | undefined>(await byId.first())
expectType<{ id: number; name: string }>(await byId.firstOrThrow())
expectType<{ who: string | null } | undefined>(await people.select(['email as who']).first())
expectError(byId.execute(true))
expectError(byId.first(1))
expectError(byId.firstOrThrow('no row'))
expectError((await byId.firstOrThrow()).email)
expectError<{ id: number; name: string }>(await byId.first())

// ---------------------------------------------------------------------------------------------
// compile
// ---------------------------------------------------------------------------------------------

const compiled = people.select(['id']).where('name', '=', 'x').compile()
expectType<CompiledQuery>(compiled)
expectType<string>(compiled.sql)
expectType<readonly (string | null)[]>(compiled.parameters)
expectAssignable<{ readonly sql: string; readonly parameters: readonly (string | null)[] }>(compiled)
expectError((compiled.sql = 'select 1'))
expectError(compiled.parameters.push('y'))
expectError(people.compile(true))

// ---------------------------------------------------------------------------------------------
// The sql tag, as db.execute and where take it
// ---------------------------------------------------------------------------------------------

expectType<Sql<number>>(sql<number>`1`)
expectType<Sql<unknown>>(sql`select ${1}, ${'x'}, ${new Date()}, ${null}`)
expectType<Sql<string>>(sql.ref<string>('people.name'))
expectType<Sql<unknown>>(sql.ref('people.name'))
expectType<Sql<never>>(sql.table('people'))
expectType<Sql<unknown>>(sql.join([sql`a`, 1, 'x']))
expectType<Sql<boolean>>(sql.raw<boolean>('true'))
expectError(sql.ref(1))
expectError(sql.table(['people']))
expectError(sql.join(sql`a`))
expectError(sql.raw(1))
