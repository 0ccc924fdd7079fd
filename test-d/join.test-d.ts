// Joins at type level: along a relation (ON from the foreign key), with an alias and an explicit
// ON, and Kysely's two-column form; 'table.column' references once a table is joined; leftJoin
// makes the joined columns nullable (API.md §3).
import { expectError, expectType } from 'tsd'
import { column as c, createDb, schema, table } from '../src/index.js'
import type { Driver } from '../src/index.js'
import { clinicTables } from '../test/support/api-clinic.js'

declare const driver: Driver

const clinic = schema(
  {
    ...clinicTables,
    rooms: table({ id: c.serial().primaryKey(), label: c.text() }),
  },
  {
    casing: 'snake_case',
    relations: (r) => ({
      people: { meetings: r.many('appointments', { through: 'attendances' }) },
      appointments: { attendees: r.many('people', { through: 'attendances' }) },
    }),
  },
)

const db = createDb(clinic, { driver })
const people = db.selectFrom('people')
const appointments = db.selectFrom('appointments')

// ---------------------------------------------------------------------------------------------
// Along a relation: no ON clause; the joined table is named by the relation
// ---------------------------------------------------------------------------------------------

// the example of API.md §3; 'people.name' comes back as `name`
expectType<{ name: string; meetingAt: Date }[]>(
  await people.innerJoin('appointments').select(['people.name', 'appointments.meetingAt']).execute(),
)
// 'table.column' references in select, where (both forms) and orderBy
expectType<{ id: number; name: string; notes: string | null; when: Date }[]>(
  await people
    .innerJoin('appointments')
    .select(['id', 'name', 'appointments.notes', 'appointments.meetingAt as when'])
    .where('appointments.meetingAt', '>=', new Date('2013-01-01'))
    .where('appointments.notes', 'is not', null)
    .where('appointments.personId', 'in', [1, 2])
    .where((eb) => eb.or([eb('appointments.notes', 'like', '%x%'), eb('appointments.id', '=', eb.ref('people.id'))]))
    .orderBy('appointments.meetingAt', 'desc')
    .orderBy('people.name')
    .execute(),
)
// many-to-one: the alias is the relation's name (`person`), not the table's
expectType<{ notes: string | null; name: string }[]>(await appointments.innerJoin('person').select(['notes', 'person.name']).execute())
expectType<{ who: string }[]>(
  await appointments.innerJoin('person').select(['person.name as who']).where('person.email', 'is', null).orderBy('person.id').execute(),
)
// many-to-many through the junction, and a chain: `alias.relation` of a joined table
expectType<{ name: string; meetingAt: Date }[]>(await people.innerJoin('meetings').select(['name', 'meetings.meetingAt']).execute())
expectType<{ name: string; appointmentId: number }[]>(
  await people.innerJoin('appointments').innerJoin('appointments.attendances').select(['name', 'attendances.appointmentId']).execute(),
)
expectType<{ meetingAt: Date; attendee: string }[]>(
  await appointments
    .innerJoin('attendances')
    .innerJoin('attendances.person')
    .select(['meetingAt', 'person.name as attendee'])
    .where('person.name', 'like', 'R%')
    .execute(),
)
// a query that selects nothing returns its own table's row, as without a join
expectType<{ id: number; name: string; email: string | null; createdAt: Date }[]>(await people.innerJoin('appointments').execute())
// joins and include together
expectType<{ name: string; meetingAt: Date; attendees: { name: string }[] }[]>(
  await appointments
    .innerJoin('person')
    .select(['person.name', 'meetingAt'])
    .include('attendees', (p) => p.select(['name']))
    .execute(),
)

// ---------------------------------------------------------------------------------------------
// leftJoin: every joined column becomes nullable
// ---------------------------------------------------------------------------------------------

expectType<{ name: string; meetingAt: Date | null; notes: string | null; id: number | null }[]>(
  await people.leftJoin('appointments').select(['people.name', 'appointments.meetingAt', 'appointments.notes', 'appointments.id']).execute(),
)
// …so `is null` finds the rows without a match
expectType<{ name: string }[]>(await people.leftJoin('appointments').select(['name']).where('appointments.id', 'is', null).execute())
expectType<{ name: string; label: string | null }[]>(
  await people.leftJoin('meetings').leftJoin('meetings.person').select(['name', 'person.name as label']).execute(),
)
// inner after left keeps each join's own nullability
expectType<{ meetingAt: Date | null; attendance: number }[]>(
  await people
    .innerJoin('attendances')
    .leftJoin('attendances.appointment')
    .select(['appointment.meetingAt', 'attendances.appointmentId as attendance'])
    .execute(),
)

// ---------------------------------------------------------------------------------------------
// Explicit alias + ON
// ---------------------------------------------------------------------------------------------

expectType<{ name: string; meetingAt: Date | null }[]>(
  await people
    .leftJoin('appointments', 'a', (j) => j.on('a.personId', '=', 'people.id'))
    .select(['people.name', 'a.meetingAt'])
    .execute(),
)
expectType<{ name: string; meetingAt: Date }[]>(
  await people
    .innerJoin('appointments', 'a', (j) => j.on('a.personId', '=', 'people.id').on('a.id', '>', 'id'))
    .select(['name', 'a.meetingAt'])
    .where('a.notes', 'is not', null)
    .orderBy('a.meetingAt')
    .execute(),
)
// any table of the schema, under any alias
expectType<{ name: string; label: string }[]>(
  await people.innerJoin('rooms', 'r', (j) => j.on('r.id', '=', 'people.id')).select(['name', 'r.label']).execute(),
)
// the same table twice, under two aliases
expectType<{ first: Date; second: Date | null }[]>(
  await people
    .innerJoin('appointments', 'a1', (j) => j.on('a1.personId', '=', 'people.id'))
    .leftJoin('appointments', 'a2', (j) => j.on('a2.personId', '=', 'people.id').on('a2.id', '<>', 'a1.id'))
    .select(['a1.meetingAt as first', 'a2.meetingAt as second'])
    .execute(),
)
expectError(people.innerJoin('appointments', 'a', (j) => j.on('a.personID', '=', 'people.id')))
expectError(people.innerJoin('appointments', 'a', (j) => j.on('appointments.personId', '=', 'people.id')))
expectError(people.innerJoin('appointments', 'a', (j) => j.on('a.personId', '==', 'people.id')))
expectError(people.innerJoin('appointments', 'a', (j) => j.on('a.personId', '=', 1)))
expectError(people.innerJoin('appointments', 'a', () => 'a.person_id = people.id'))
expectError(people.innerJoin('nope', 'a', (j) => j.on('a.id', '=', 'people.id')))
expectError(people.innerJoin('appointments', 'a', (j) => j.on('a.id', '=', 'people.id')).select(['appointments.id']))

// ---------------------------------------------------------------------------------------------
// Kysely's form: a table and two columns
// ---------------------------------------------------------------------------------------------

expectType<{ name: string; meetingAt: Date }[]>(
  await people.innerJoin('appointments', 'appointments.personId', 'people.id').select(['people.name', 'appointments.meetingAt']).execute(),
)
expectType<{ name: string; meetingAt: Date | null }[]>(
  await people.leftJoin('appointments', 'appointments.personId', 'id').select(['name', 'appointments.meetingAt']).execute(),
)
expectType<{ label: string; personId: number }[]>(
  await db
    .selectFrom('rooms')
    .innerJoin('attendances', 'attendances.appointmentId', 'rooms.id')
    .select(['label', 'attendances.personId'])
    .where('attendances.personId', '>', 1)
    .execute(),
)
expectError(people.innerJoin('appointments', 'people.id', 'appointments.personId'))
expectError(people.innerJoin('appointments', 'appointments.person_id', 'people.id'))
expectError(people.innerJoin('appointments', 'appointments.personId', 'people.nope'))
expectError(people.innerJoin('appointments', 'appointments.personId', 'rooms.id'))
expectError(people.innerJoin('nope', 'nope.id', 'people.id'))
// under a name the query already uses
expectError(people.innerJoin('appointments').innerJoin('appointments', 'appointments.personId', 'people.id'))
expectError(people.innerJoin('appointments').leftJoin('appointments', 'appointments.personId', 'people.id'))
// a name already used in the query
expectError(people.innerJoin('appointments').innerJoin('appointments'))
expectError(people.innerJoin('appointments', 'people', (j) => j.on('people.personId', '=', 'people.id')))
expectError(people.innerJoin('appointments', 'a', (j) => j.on('a.personId', '=', 'people.id')).innerJoin('rooms', 'a', (j) => j.on('a.id', '=', 'people.id')))

// ---------------------------------------------------------------------------------------------
// Two selections landing on one key: an error asking for `as`
// ---------------------------------------------------------------------------------------------

expectError(people.innerJoin('appointments').select(['people.id', 'appointments.id']))
expectError(people.innerJoin('appointments').select(['id', 'appointments.id']))
expectError(people.innerJoin('appointments').select(['people.id']).select(['appointments.id']))
expectError(appointments.innerJoin('person').select(['id', 'person.id']))
expectError(appointments.innerJoin('person').select(['notes', 'person.name as notes']))
expectType<{ id: number; appointmentId: number }[]>(
  await people.innerJoin('appointments').select(['people.id', 'appointments.id as appointmentId']).execute(),
)

// ---------------------------------------------------------------------------------------------
// Misuses: a join on what is not a relation, a reference to a table not joined
// ---------------------------------------------------------------------------------------------

expectError(people.innerJoin('rooms'))
expectError(people.leftJoin('rooms'))
expectError(people.innerJoin('apointments'))
expectError(people.innerJoin('person'))
expectError(appointments.innerJoin('appointments'))
expectError(people.innerJoin('appointments.person.people'))
// `alias.relation` only for an alias in the query, and a relation of its table
expectError(people.innerJoin('appointments.attendances'))
expectError(people.innerJoin('appointments').innerJoin('appointments.meetings'))
expectError(people.innerJoin('appointments').innerJoin('people.appointments'))

// a table that is not joined, or joined under another name
expectError(people.select(['appointments.meetingAt']))
expectError(people.where('appointments.meetingAt', '>', new Date()))
expectError(people.orderBy('appointments.meetingAt'))
expectError(people.innerJoin('appointments').select(['attendances.personId']))
expectError(people.innerJoin('appointments').where('attendances.personId', '=', 1))
expectError(people.innerJoin('appointments').orderBy('meetings.meetingAt'))
expectError(appointments.innerJoin('person').select(['people.name']))
// a joined column keeps its type: wrong values are errors
expectError(people.innerJoin('appointments').where('appointments.meetingAt', '>', '2013-01-01'))
expectError(people.leftJoin('appointments').where('appointments.id', '=', null))
expectError(people.innerJoin('appointments').where('appointments.notes', 'like', 1))
