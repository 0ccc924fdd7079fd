// The expression builder and the sql tag at type level (issue 6, API.md §3 and §6): the type of
// every expression, aliased expressions in select, and the misuses the compiler must reject.
// (Basic where((eb) => …) comparisons are in select.test-d.ts.)
import { expectError, expectType } from 'tsd'
import { column as c, createDb, schema, sql, table } from '../src/index.js'
import type { AliasedExpression, Driver, Expression } from '../src/index.js'
import { peopleTable } from '../test/support/api-clinic.js'

declare const driver: Driver

const clinic = schema(
  {
    people: peopleTable,
    appointments: table({
      id: c.serial().primaryKey(),
      personId: c.integer().references('people.id'),
      roomId: c.integer().nullable(),
      meetingAt: c.timestamptz(),
      notes: c.text().nullable(),
    }),
  },
  { casing: 'snake_case' },
)

const db = createDb(clinic, { driver })
const people = db.selectFrom('people')
const appointments = db.selectFrom('appointments')

// ---------------------------------------------------------------------------------------------
// The type of each expression
// ---------------------------------------------------------------------------------------------

people.where((eb) => {
  // comparisons and logic are conditions
  expectType<Expression<boolean>>(eb('name', 'like', 'R%'))
  expectType<Expression<boolean>>(eb.between('id', 1, 10))
  expectType<Expression<boolean>>(eb.between('createdAt', new Date(0), eb.fn.now()))
  expectType<Expression<boolean>>(eb.exists(eb.selectFrom('appointments').select(['id'])))
  expectType<Expression<boolean>>(eb(eb.fn.lower('name'), '=', 'x'))
  // arithmetic keeps the column's type; || is text
  expectType<Expression<number>>(eb('id', '+', 1))
  expectType<Expression<number>>(eb('id', '*', eb('id', '-', 1)))
  expectType<Expression<number>>(eb('id', '%', 2))
  expectType<Expression<string>>(eb('name', '||', '!'))
  expectType<Expression<string>>(eb('name', '||', eb.ref('name')))
  // null || '!' is null in SQL
  expectType<Expression<string | null>>(eb('email', '||', '!'))
  // functions
  expectType<Expression<string>>(eb.fn.lower('name'))
  expectType<Expression<string>>(eb.fn.upper(eb.ref('people.name')))
  expectType<Expression<string>>(eb.fn.coalesce('email', eb.val('none')))
  expectType<Expression<string | null>>(eb.fn.coalesce('email', eb.ref('email')))
  expectType<Expression<Date>>(eb.fn.now())
  expectType<Expression<number>>(eb.fn<number>('length', ['name']))
  expectType<Expression<string>>(eb.fn<string>('concat', ['name', eb.val('!'), eb.ref('email')]))
  expectType<Expression<unknown>>(eb.fn('pg_backend_pid', []))
  // case: the union of the branches; null without else
  expectType<Expression<string>>(eb.case().when(eb('id', '=', 1)).then('one').else('other').end())
  expectType<Expression<string | null>>(eb.case().when(eb('id', '=', 1)).then('one').end())
  expectType<Expression<string | number>>(eb.case().when(eb('id', '=', 1)).then('one').when(eb('id', '=', 2)).then(2).else(3).end())
  expectType<Expression<string | null>>(eb.case().when(eb('id', '=', 1)).then(eb.ref('email')).else('none').end())
  // aliases
  expectType<AliasedExpression<number, 'n'>>(eb.fn.countAll().as('n'))
  expectType<AliasedExpression<string | null, 'mail'>>(eb.ref('email').as('mail'))
  return eb.and([])
})

// ---------------------------------------------------------------------------------------------
// select((eb) => [...]): columns, renamed columns and aliased expressions, each typed
// ---------------------------------------------------------------------------------------------

const mixed = await people
  .select((eb) => [
    'id',
    'people.email as contact',
    eb.ref('name').as('who'),
    eb('id', '*', 10).as('times'),
    eb('name', '||', '!').as('shout'),
    eb('email', 'is', null).as('noEmail'),
    eb.case().when(eb('id', '=', 1)).then('owner').else('guest').end().as('kind'),
    eb.fn.coalesce('email', eb.val('-')).as('reach'),
    eb.fn<number>('length', ['name']).as('letters'),
    eb.fn.now().as('now'),
    sql<string>`upper(${eb.ref('name')})`.as('loud'),
    sql.ref<Date>('people.created_at').as('since'),
  ])
  .firstOrThrow()
expectType<{
  id: number
  contact: string | null
  who: string
  times: number
  shout: string
  noEmail: boolean
  kind: string
  reach: string
  letters: number
  now: Date
  loud: string
  since: Date
}>(mixed)
expectError(mixed.name)
expectError(mixed.email)

// plain selects and expression selects add up, in any order
expectType<{ id: number; upper: string }>(
  await people
    .select(['id'])
    .select((eb) => [eb.fn.upper('name').as('upper')])
    .firstOrThrow(),
)
expectType<{ upper: string; id: number; email: string | null }>(
  await people
    .select((eb) => [eb.fn.upper('name').as('upper')])
    .select(['id', 'email'])
    .firstOrThrow(),
)
// the same key twice is an error, whichever way it was selected
expectError(people.select((eb) => [eb.fn.upper('name').as('id')]).select(['id']))
// an aliased expression landing on a key already selected, in the call or before it
expectError(people.select(['id']).select((eb) => [eb.ref('name').as('id')]))
expectError(people.select((eb) => ['id', eb.ref('name').as('id')]))
expectError(people.select((eb) => [eb.ref('name').as('x'), eb.ref('email').as('x')]))
expectError(people.include('appointments').select((eb) => [eb.ref('name').as('appointments')]))
// an alias is a key as written (one with a dot does not clash with the column after it)
expectType<{ id: number; 'x.id': string }[]>(await people.select(['id']).select((eb) => [eb.ref('name').as('x.id')]).execute())
// an alias known only as a string is left to the run-time check
declare const alias: string
people.select(['id']).select((eb) => [eb.ref('name').as(alias), eb.ref('email').as(alias)])

// a correlated scalar subquery: its one column, or null
const withCount = await people
  .select((eb) => [
    'name',
    eb
      .selectFrom('appointments')
      .select(['meetingAt'])
      .where((a) => a('personId', '=', a.ref('people.id')))
      .orderBy('meetingAt', 'desc')
      .limit(1)
      .as('lastMeeting'),
  ])
  .firstOrThrow()
expectType<{ name: string; lastMeeting: Date | null }>(withCount)
// a subquery selecting an expression: its type, or null
expectType<{ name: string; appointments: number | null }[]>(
  await people
    .select((eb) => [
      'name',
      eb
        .selectFrom('appointments')
        .select((a) => [a.fn.countAll().as('n')])
        .where((a) => a('personId', '=', a.ref('people.id')))
        .as('appointments'),
    ])
    .execute(),
)

// ---------------------------------------------------------------------------------------------
// Misuse
// ---------------------------------------------------------------------------------------------

// comparing a number column with a string, in where, eb, between, arithmetic and on the left
expectError(people.where('id', '=', 'x'))
expectError(people.where((eb) => eb('id', '>', '1')))
expectError(people.where((eb) => eb.between('id', '1', '9')))
expectError(people.where((eb) => eb.between('createdAt', '2013-01-01', new Date())))
expectError(people.select((eb) => [eb('id', '+', '1').as('x')]))
expectError(people.where((eb) => eb(eb.fn.countAll(), '>', 'x')))
expectError(people.where((eb) => eb(eb('id', '*', 2), '=', 'two')))
expectError(people.where((eb) => eb(eb.fn.lower('name'), '=', 1)))
// unknown columns anywhere in an expression
expectError(people.select((eb) => [eb.fn.lower('nmae').as('x')]))
expectError(people.select((eb) => [eb.ref('people.nope').as('x')]))
expectError(people.select((eb) => [eb.fn.max('appointments.meetingAt').as('x')]))
expectError(people.where((eb) => eb.between('nope', 1, 2)))
expectError(people.select((eb) => [eb.fn<number>('length', ['nmae']).as('x')]))
// a selected expression needs a name
expectError(people.select((eb) => [eb.fn.countAll()]))
expectError(people.select((eb) => [eb('id', '+', 1)]))
expectError(people.select(() => [sql<number>`1`]))
// case needs conditions
expectError(people.select((eb) => [eb.case().when(eb.ref('name')).then(1).end().as('x')]))
expectError(people.select((eb) => [eb.case().when(true).then(1).end().as('x')]))
// where takes a condition, not any expression
expectError(people.where(() => sql<number>`1`))
expectError(people.where((eb) => eb('id', '+', 1)))
expectError(people.where((eb) => eb.fn.lower('name')))
// a correlated subquery sees the outer table by its qualified name only, and only its columns
expectError(people.select((eb) => [eb.selectFrom('appointments').select(['id']).where((a) => a('personId', '=', a.ref('people.nope'))).as('x')]))
expectError(people.select((eb) => [eb.selectFrom('appointments').select(['id']).where((a) => a('personId', '=', a.ref('rooms.id'))).as('x')]))
expectError(people.select((eb) => [eb.selectFrom('appointments').select(['id']).where((a) => a('personId', '=', a.ref('people.name'))).as('x')]))
expectError(people.select((eb) => [eb.selectFrom('nope').as('x')]))

// a comparison with a nullable expression: a null on either side is simply not a match
expectType<{ id: number }[]>(await appointments.select(['id']).where((eb) => eb('personId', '=', eb.ref('roomId'))).execute())
expectType<{ id: number }[]>(await appointments.select(['id']).where((eb) => eb('roomId', '=', eb.ref('personId'))).execute())
// min/max are nullable, and can be compared with each other
expectType<{ id: number }[]>(
  await appointments.select(['id']).groupBy('id').having((eb) => eb(eb.fn.max('meetingAt'), '<', eb.fn.max('meetingAt'))).execute(),
)
// in a subquery of a nullable column
expectType<{ name: string }[]>(await people.select(['name']).where('id', 'in', db.selectFrom('appointments').select(['roomId'])).execute())
// a subquery whose column has another type is refused
expectError(people.where('id', 'in', db.selectFrom('people').select(['name'])))
// a callback that does not use eb
expectType<{ id: number }[]>(await people.select(() => ['id']).execute())
expectType<{ id: number; one: number }[]>(await people.select(() => ['id', sql<number>`1`.as('one')]).execute())

// ---------------------------------------------------------------------------------------------
// The sql tag in select, where, orderBy; db.execute
// ---------------------------------------------------------------------------------------------

expectType<{ n: number; name: string }[]>(await db.execute(sql<{ n: number; name: string }>`select 1 as n, ${'x'}::text as name`))
expectType<unknown[]>(await db.execute(sql`select ${sql.ref('people.name')} from ${sql.table('people')} where id in (${sql.join([1, 2])})`))
expectType<{ name: string }[]>(
  await people
    .select(['name'])
    .where(() => sql<boolean>`${sql.ref('people.name')} ilike ${'%a%'}`)
    .where('createdAt', '<', sql<Date>`now()`)
    .orderBy(sql`length(${sql.ref('people.name')})`, 'desc nulls last')
    .execute(),
)
expectType<Expression<unknown>>(sql.raw('now()'))
expectError(people.where('createdAt', '<', sql<string>`now()`))
expectError(people.orderBy(sql`1`, 'sideways'))
expectError(db.execute(people))
