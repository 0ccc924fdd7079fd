// include(), includeCount(), whereRelated() and whereNotRelated() at type level: exact, flat
// result types at any depth, and the misuses the compiler must reject (API.md §3).
import { expectError, expectType } from 'tsd'
import { column as c, createDb, schema, table } from '../src/index.js'
import type { Driver } from '../src/index.js'
import { clinicTables } from '../test/support/api-clinic.js'

declare const driver: Driver

// API.md §1 with the seed's many-to-many; artists/albums/tracks for nullable FKs; users and
// profiles for one-to-one.
const clinic = schema(
  {
    ...clinicTables,
    artists: table({ id: c.serial().primaryKey(), name: c.text() }),
    albums: table({ id: c.serial().primaryKey(), title: c.text(), artistId: c.integer().references('artists.id') }),
    tracks: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      albumId: c.integer().nullable().references('albums.id'),
      bytes: c.bigint(),
      price: c.numeric({ precision: 10, scale: 2 }),
      data: c.jsonb<{ tags: string[] }>(),
    }),
    users: table({ id: c.serial().primaryKey(), login: c.text() }),
    profiles: table({ id: c.serial().primaryKey(), userId: c.integer().unique().references('users.id'), bio: c.text().nullable() }),
    avatars: table({ id: c.serial().primaryKey(), userId: c.integer().nullable().unique().references('users.id'), url: c.text() }),
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

type Person = { id: number; name: string; email: string | null; createdAt: Date }
type Appointment = { id: number; personId: number; meetingAt: Date; notes: string | null }
type Attendance = { personId: number; appointmentId: number }
type Album = { id: number; title: string; artistId: number }
type Track = { id: number; name: string; albumId: number | null; bytes: bigint; price: string; data: { tags: string[] } }

// ---------------------------------------------------------------------------------------------
// The example of API.md §3
// ---------------------------------------------------------------------------------------------

expectType<
  {
    id: number
    name: string
    appointments: {
      meetingAt: Date
      notes: string | null
      attendances: { personId: number; appointmentId: number; person: { name: string } }[]
    }[]
  }[]
>(
  await people
    .select(['id', 'name'])
    .include('appointments', (a) =>
      a
        .select(['meetingAt', 'notes'])
        .where('meetingAt', '>=', new Date('2013-01-01'))
        .orderBy('meetingAt')
        .limit(5)
        .include('attendances', (x) => x.include('person', (p) => p.select(['name']))),
    )
    .execute(),
)

// ---------------------------------------------------------------------------------------------
// The shape follows the relation: arrays, objects, `| null`
// ---------------------------------------------------------------------------------------------

// many-to-one over a NOT NULL FK: the object, never null
expectType<{ id: number; personId: number; meetingAt: Date; notes: string | null; person: Person }[]>(
  await appointments.selectAll().include('person').execute(),
)
expectType<{ title: string; artist: { name: string } }[]>(
  await db.selectFrom('albums').select(['title']).include('artist', (a) => a.select(['name'])).execute(),
)
// many-to-one over a nullable FK: `| null`
expectType<{ name: string; album: { title: string } | null }[]>(
  await db.selectFrom('tracks').select(['name']).include('album', (a) => a.select(['title'])).execute(),
)
expectType<{ name: string; album: Album | null }[]>(await db.selectFrom('tracks').select(['name']).include('album').execute())
// one-to-many (the backref): an array
expectType<{ name: string; appointments: Appointment[] }[]>(await people.select(['name']).include('appointments').execute())
expectType<{ title: string; tracks: Track[] }[]>(await db.selectFrom('albums').select(['title']).include('tracks').execute())
// many-to-many: an array, both ways
expectType<{ name: string; meetings: Appointment[] }[]>(await people.select(['name']).include('meetings').execute())
expectType<{ id: number; attendees: { name: string }[] }[]>(
  await appointments.select(['id']).include('attendees', (p) => p.select(['name'])).execute(),
)
// one-to-one (unique FK): `| null` on the referenced side, the FK's nullability on the other
expectType<{ login: string; profiles: { bio: string | null } | null }[]>(
  await db.selectFrom('users').select(['login']).include('profiles', (p) => p.select(['bio'])).execute(),
)
expectType<{ bio: string | null; user: { login: string } }[]>(
  await db.selectFrom('profiles').select(['bio']).include('user', (u) => u.select(['login'])).execute(),
)
expectType<{ login: string; avatars: { id: number; userId: number | null; url: string } | null }[]>(
  await db.selectFrom('users').select(['login']).include('avatars').execute(),
)
expectType<{ url: string; user: { login: string } | null }[]>(
  await db.selectFrom('avatars').select(['url']).include('user', (u) => u.select(['login'])).execute(),
)

// include(name) with no callback, or a callback that selects nothing: the whole related row
expectType<{ id: number; appointments: Appointment[]; attendances: Attendance[] }[]>(
  await people.select(['id']).include('appointments').include('attendances').execute(),
)
expectType<{ id: number; appointments: Appointment[] }[]>(
  await people
    .select(['id'])
    .include('appointments', (a) => a.where('notes', 'is not', null).orderBy('meetingAt', 'desc').limit(3))
    .execute(),
)
expectType<{ id: number; appointments: Appointment[] }[]>(await people.select(['id']).include('appointments', (a) => a.selectAll()).execute())
// a query that selects nothing keeps its own whole row next to the included relation
expectType<
  { id: number; name: string; email: string | null; createdAt: Date; appointments: { id: number }[] }[]
>(await people.include('appointments', (a) => a.select(['id'])).execute())

// exact value types survive nesting: bigint, numeric strings, json, Date
expectType<{ name: string; albums: { tracks: { bytes: bigint; price: string; data: { tags: string[] } }[] }[] }[]>(
  await db
    .selectFrom('artists')
    .select(['name'])
    .include('albums', (a) => a.select([]).include('tracks', (t) => t.select(['bytes', 'price', 'data'])))
    .execute(),
)

// first / firstOrThrow carry the same nested type
expectType<{ name: string; meetings: { meetingAt: Date }[] } | undefined>(
  await people.select(['name']).include('meetings', (m) => m.select(['meetingAt'])).first(),
)
expectType<{ name: string; meetings: { meetingAt: Date }[] }>(
  await people.select(['name']).include('meetings', (m) => m.select(['meetingAt'])).firstOrThrow(),
)

// ---------------------------------------------------------------------------------------------
// The nested query: select (with `as`), where (both forms), orderBy, limit, offset, include
// ---------------------------------------------------------------------------------------------

expectType<{ name: string; appointments: { when: Date; notes: string | null; person: { who: string } }[] }[]>(
  await people
    .select(['name'])
    .include('appointments', (a) =>
      a
        .select(['meetingAt as when', 'appointments.notes'])
        .where('appointments.meetingAt', '<', new Date())
        .where('notes', 'like', '%x%')
        .where((eb) => eb.or([eb('notes', 'is', null), eb('id', 'in', [1, 2])]))
        .orderBy('meetingAt', 'desc')
        .orderBy('appointments.id')
        .limit(5)
        .offset(10)
        .include('person', (p) => p.select(['name as who'])),
    )
    .execute(),
)

// ---------------------------------------------------------------------------------------------
// Six levels of nesting (and more): every level keeps its exact type
// ---------------------------------------------------------------------------------------------

expectType<
  {
    name: string
    appointments: {
      meetingAt: Date
      attendances: {
        appointmentId: number
        person: {
          email: string | null
          meetings: {
            notes: string | null
            attendees: {
              createdAt: Date
              appointments: { id: number; person: { name: string } }[]
            }[]
          }[]
        }
      }[]
    }[]
  }[]
>(
  await people
    .select(['name'])
    .include('appointments', (l1) =>
      l1.select(['meetingAt']).include('attendances', (l2) =>
        l2.select(['appointmentId']).include('person', (l3) =>
          l3.select(['email']).include('meetings', (l4) =>
            l4.select(['notes']).include('attendees', (l5) =>
              l5.select(['createdAt']).include('appointments', (l6) =>
                l6
                  .select(['id'])
                  .where('meetingAt', '>', new Date())
                  .include('person', (l7) => l7.select(['name']).where('name', 'like', 'R%')),
              ),
            ),
          ),
        ),
      ),
    )
    .execute(),
)

// ---------------------------------------------------------------------------------------------
// includeCount: `${relation}Count: number`
// ---------------------------------------------------------------------------------------------

expectType<{ name: string; appointmentsCount: number }[]>(await people.select(['name']).includeCount('appointments').execute())
expectType<{ name: string; appointmentsCount: number; meetingsCount: number }[]>(
  await people
    .select(['name'])
    .includeCount('appointments', (a) => a.where('meetingAt', '>=', new Date('2013-01-01')))
    .includeCount('meetings')
    .execute(),
)
expectType<{ id: number; attendeesCount: number; person: { name: string; attendancesCount: number } }[]>(
  await appointments
    .select(['id'])
    .includeCount('attendees', (p) => p.where('email', 'is not', null))
    .include('person', (p) => p.select(['name']).includeCount('attendances'))
    .execute(),
)
expectError(people.includeCount('apointments'))
expectError(people.includeCount('person'))
expectError(people.includeCount('appointments', (a) => a.where('meetingAt', '>=', '2013-01-01')))
expectError(people.includeCount('appointments', (a) => a.where('nmae', '=', 'x')))
// an include landing on a key the result already has
expectError(people.include('appointments').include('appointments'))
expectError(people.select(['name as appointments']).include('appointments'))
expectError(people.select(['name as appointmentsCount']).includeCount('appointments'))
// and a selection landing on the key of an earlier include
expectError(people.include('appointments').select(['name as appointments']))
expectError(people.includeCount('appointments').select(['name as appointmentsCount']))
expectType<{ appointments: { id: number }[]; name: string }[]>(
  await people.include('appointments', (a) => a.select(['id'])).select(['name']).execute(),
)

// ---------------------------------------------------------------------------------------------
// whereRelated / whereNotRelated: filters, the result type is unchanged
// ---------------------------------------------------------------------------------------------

expectType<{ name: string }[]>(await people.select(['name']).whereRelated('appointments').execute())
expectType<{ name: string }[]>(
  await people
    .select(['name'])
    .whereRelated('appointments', (a) => a.where('notes', 'is not', null))
    .whereNotRelated('meetings', (m) => m.where('meetingAt', '<', new Date('2013-01-01')))
    .whereNotRelated('attendances')
    .execute(),
)
expectType<{ id: number }[]>(
  await appointments
    .select(['id'])
    .whereRelated('attendees', (p) => p.where('name', '=', 'Reuven').whereRelated('appointments'))
    .whereRelated('person', (p) => p.where((eb) => eb('email', 'is', null)))
    .execute(),
)
// also inside an include
expectType<{ name: string; appointments: { id: number }[] }[]>(
  await people
    .select(['name'])
    .include('appointments', (a) => a.select(['id']).whereRelated('attendees', (p) => p.where('name', 'like', 'S%')))
    .execute(),
)
expectError(people.whereRelated('apointments'))
expectError(people.whereNotRelated('person'))
expectError(people.whereRelated('appointments', (a) => a.where('meetingAt', '=', 'yesterday')))
expectError(people.whereNotRelated('meetings', (m) => m.where('name', '=', 'x')))
expectError(people.whereRelated('appointments', (a) => a.where('people.name', '=', 'x')))

// ---------------------------------------------------------------------------------------------
// Misuses
// ---------------------------------------------------------------------------------------------

// a misspelled relation, a relation of another table, a table that is not a relation
expectError(people.include('apointments'))
expectError(people.include('Appointments'))
expectError(people.include('person'))
expectError(appointments.include('appointments'))
expectError(db.selectFrom('artists').include('tracks'))
expectError(people.include('attendances', (x) => x.include('appointments')))
expectError(people.include('appointments', (a) => a.include('meetings')))
expectError(people.include())
expectError(people.include(['appointments']))

// an unknown column inside a nested include: select, where, orderBy, at any depth
expectError(people.include('appointments', (a) => a.select(['meetingTime'])))
expectError(people.include('appointments', (a) => a.select(['name'])))
expectError(people.include('appointments', (a) => a.select(['people.name'])))
expectError(people.include('appointments', (a) => a.select(['meeting_at'])))
expectError(people.include('appointments', (a) => a.where('meetingTime', '>', new Date())))
expectError(people.include('appointments', (a) => a.where((eb) => eb('nope', '=', 1))))
expectError(people.include('appointments', (a) => a.orderBy('name')))
expectError(people.include('appointments', (a) => a.include('attendances', (x) => x.include('person', (p) => p.select(['notes'])))))
expectError(
  people.include('appointments', (a) => a.include('attendees', (p) => p.include('meetings', (m) => m.orderBy('email')))),
)

// a where value of the wrong type inside a nested include, at any depth
expectError(people.include('appointments', (a) => a.where('meetingAt', '>=', '2013-01-01')))
expectError(people.include('appointments', (a) => a.where('id', '=', '1')))
expectError(people.include('appointments', (a) => a.where('notes', '=', null)))
expectError(people.include('appointments', (a) => a.where('id', 'like', '1%')))
expectError(people.include('appointments', (a) => a.where((eb) => eb('personId', 'in', ['1']))))
expectError(
  people.include('appointments', (a) => a.include('attendances', (x) => x.include('person', (p) => p.where('name', '=', 1)))),
)
expectError(db.selectFrom('tracks').include('album', (a) => a.include('artist', (r) => r.where('id', '=', 1n))))

// the callback returns the query it was given (runtime: a JoineryError otherwise)
expectError(people.include('appointments', () => 1))
expectError(people.include('appointments', () => ({})))
expectError(people.include('appointments', (a) => a.select(['id']).compile()))
expectError(people.include('appointments', 'meetingAt'))
expectError(people.includeCount('appointments', () => true))
expectError(people.whereRelated('appointments', () => 'id = 1'))
