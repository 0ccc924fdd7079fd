// Computed columns at type level (API.md §1): read by name like stored columns — in select,
// where, orderBy, groupBy, joins and include at any depth — and never written: absent from
// insert values, update set and the Insertable/Updateable row types.
import { expectError, expectType } from 'tsd'
import { column as c, createDb, schema, sql, table } from '../src/index.js'
import type { Driver, Expression, Insertable, Selectable, Updateable } from '../src/index.js'

declare const driver: Driver

const directory = schema(
  {
    people: table({
      id: c.serial().primaryKey(),
      firstName: c.text(),
      lastName: c.text(),
      email: c.text().nullable(),
    }).computed((t) => {
      // the callback sees each column as an expression of its read type
      expectType<Expression<string>>(t.firstName)
      expectType<Expression<string | null>>(t.email)
      return {
        fullName: sql<string>`${t.firstName} || ' ' || ${t.lastName}`,
        contact: sql<string | null>`${t.email}`,
      }
    }),
    appointments: table({
      id: c.serial().primaryKey(),
      personId: c.integer().references('people.id'),
      meetingAt: c.timestamptz(),
    }).computed((t) => ({ year: sql<number>`extract(year from ${t.meetingAt})::int` })),
    attendances: table({
      personId: c.integer().references('people.id'),
      appointmentId: c.integer().references('appointments.id'),
    }).primaryKey('personId', 'appointmentId'),
  },
  { casing: 'snake_case' },
)

const db = createDb(directory, { driver })
const people = db.selectFrom('people')

// ---------------------------------------------------------------------------------------------
// Row types
// ---------------------------------------------------------------------------------------------

expectType<{ id: number; firstName: string; lastName: string; email: string | null; fullName: string; contact: string | null }>(
  {} as Selectable<typeof directory, 'people'>,
)
expectType<{ firstName: string; lastName: string; id?: number; email?: string | null }>({} as Insertable<typeof directory, 'people'>)
expectType<{ id?: number; firstName?: string; lastName?: string; email?: string | null }>({} as Updateable<typeof directory, 'people'>)

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

// a whole row has the computed columns (the run time disagrees today: see test/computed.test.ts)
expectType<Selectable<typeof directory, 'people'>[]>(await people.execute())
expectType<Selectable<typeof directory, 'people'>[]>(await people.selectAll().execute())

expectType<{ id: number; fullName: string; reach: string | null }[]>(
  await people.select(['id', 'fullName', 'people.contact as reach']).execute(),
)
expectType<{ fullName: string }[]>(
  await people
    .select(['fullName'])
    .where('fullName', 'like', 'A%')
    .where('people.fullName', 'in', ['Ada Lovelace'])
    .where('contact', 'is', null)
    .where((eb) => eb.or([eb('fullName', '=', 'x'), eb(eb.fn.upper('fullName'), 'like', 'A%')]))
    .orderBy('fullName', 'desc')
    .execute(),
)
const byYear = await db
  .selectFrom('appointments')
  .select((eb) => ['year', eb.fn.countAll().as('n'), eb.fn.max('year').as('same')])
  .groupBy('year')
  .orderBy('appointments.year')
  .firstOrThrow()
expectType<number>(byYear.year)
expectType<number>(byYear.n)
expectType<number | null>(byYear.same)

// through a join
expectType<{ id: number; fullName: string }[]>(
  await db.selectFrom('appointments').innerJoin('person').select(['appointments.id', 'person.fullName']).where('person.fullName', '<>', 'x').execute(),
)

// inside include, two levels deep
expectType<{ id: number; year: number; attendances: { personId: number; person: { fullName: string; contact: string | null } }[] }[]>(
  await db
    .selectFrom('appointments')
    .select(['id', 'year'])
    .include('attendances', (x) =>
      x
        .select(['personId'])
        .include('person', (p) => p.select(['fullName', 'contact']).where('fullName', 'like', 'A%')),
    )
    .where('year', '=', 2014)
    .execute(),
)
expectType<{ fullName: string; appointments: { year: number; attendances: { person: { fullName: string } }[] }[] }[]>(
  await people
    .select(['fullName'])
    .include('appointments', (a) =>
      a
        .select(['year'])
        .orderBy('year', 'desc')
        .include('attendances', (x) => x.select([]).include('person', (p) => p.select(['fullName']))),
    )
    .execute(),
)

// a computed column is checked like a stored one: its type, its name
expectError(people.where('fullName', '=', 1))
expectError(people.where('contact', '=', null))
expectError(db.selectFrom('appointments').where('year', 'like', '2014'))
expectError(db.selectFrom('appointments').where('year', '=', '2014'))
expectError(people.select(['fulName']))
expectError(people.select(['appointments.year']))
expectError(people.orderBy('full_name'))
expectError(people.groupBy('fullname'))

// ---------------------------------------------------------------------------------------------
// Never written
// ---------------------------------------------------------------------------------------------

db.insertInto('people').values({ firstName: 'Ada', lastName: 'Lovelace' })
expectError(db.insertInto('people').values({ firstName: 'Ada', lastName: 'Lovelace', fullName: 'Ada Lovelace' }))
expectError(db.insertInto('people').values([{ firstName: 'Ada', lastName: 'Lovelace', contact: null }]))
expectError(db.insertInto('appointments').values({ personId: 1, meetingAt: new Date(), year: 2014 }))
expectError(db.updateTable('people').set({ fullName: 'Ada King' }))
expectError(db.updateTable('people').set({ lastName: 'King', contact: 'x' }))
expectError(db.updateTable('appointments').set({ year: 2015 }))
expectError(
  db
    .insertInto('people')
    .values({ firstName: 'Ada', lastName: 'Lovelace' })
    .onConflict(['id'], (oc) => oc.doUpdateSet({ fullName: 'x' })),
)
// …but it can be read back from a write
expectType<{ id: number; fullName: string }[]>(
  await db.updateTable('people').set({ lastName: 'King' }).where('id', '=', 1).returning(['id', 'fullName']).execute(),
)

// ---------------------------------------------------------------------------------------------
// Declaring
// ---------------------------------------------------------------------------------------------

expectError(table({ id: c.serial() }).computed((t) => ({ label: t.nope })))
expectError(table({ id: c.serial() }).computed(() => ({ label: 'plain text' })))
expectError(table({ id: c.serial() }).computed(() => 'label'))
