// The clinic of API.md §1 for the relation tests, with two additions that give every relation
// kind: `rooms` (appointments.roomId is a NULLABLE foreign key: many-to-one `| null`) and
// `profiles` (profiles.personId is UNIQUE: one-to-one, people.profiles `| null`). The
// many-to-many `meetings`/`attendees` are declared as in API.md.
import { column as c, schema, table } from '../../src/index.js'
import { attendancesTable, peopleTable } from './api-clinic.js'
import { loadChinook } from './chinook.js'
import { testDatabase } from './database.js'
import type { TestDatabase } from './database.js'

/** The schema, made anew (its own metadata object) at each call. */
export const makeClinic = () =>
  schema(
    {
      people: peopleTable,
      rooms: table({
        id: c.serial().primaryKey(),
        label: c.text(),
      }),
      appointments: table({
        id: c.serial().primaryKey(),
        personId: c.integer().references('people.id'),
        roomId: c.integer().nullable().references('rooms.id'),
        meetingAt: c.timestamptz(),
        notes: c.text().nullable(),
      }),
      attendances: attendancesTable,
      profiles: table({
        id: c.serial().primaryKey(),
        personId: c.integer().references('people.id').unique(),
        bio: c.text(),
      }),
    },
    {
      casing: 'snake_case',
      relations: (r) => ({
        people: { meetings: r.many('appointments', { through: 'attendances' }) },
        appointments: { attendees: r.many('people', { through: 'attendances' }) },
      }),
    },
  )

export const clinic = makeClinic()

export type Clinic = typeof clinic

/**
 * Tables and rows (ids fixed, so results can be written down):
 * - people 1 Reuven (r@x), 2 Shira (no email), 3 Noa (noa@x), 4 Avi (no email, nothing else)
 * - rooms 1 Blue, 2 Green (unused)
 * - appointments 1–6: Reuven has 1 (2013-01-01, Blue, 'New Year'), 2 (2013-02-01, no room, no
 *   notes), 3 (2012-06-01, Blue, 'Old'), 5 (2013-04-01, Blue, 'April'); Shira has 4 (2013-03-01,
 *   no room, 'March'); Noa has 6 (2014-01-01, Blue, no notes)
 * - attendances: 1 ← Reuven, Shira; 2 ← Noa; 4 ← Shira, Noa; 5 ← Reuven; 6 ← Noa
 * - profiles: Reuven 'Runs the clinic', Noa 'Intern'
 */
export const clinicSql = `
  create table people (id serial primary key, name text not null, email text unique, created_at timestamptz not null default now());
  create table rooms (id serial primary key, label text not null);
  create table appointments (
    id serial primary key, person_id integer not null references people, room_id integer references rooms,
    meeting_at timestamptz not null, notes text
  );
  create table attendances (
    person_id integer not null references people on delete cascade,
    appointment_id integer not null references appointments on delete cascade,
    primary key (person_id, appointment_id)
  );
  create table profiles (id serial primary key, person_id integer not null unique references people, bio text not null);
  insert into people (id, name, email, created_at) values
    (1, 'Reuven', 'r@x', '2010-01-01T00:00:00Z'), (2, 'Shira', null, '2011-02-03T04:05:06.789Z'),
    (3, 'Noa', 'noa@x', '2012-03-04T00:00:00Z'), (4, 'Avi', null, '2013-04-05T00:00:00Z');
  insert into rooms (id, label) values (1, 'Blue'), (2, 'Green');
  insert into appointments (id, person_id, room_id, meeting_at, notes) values
    (1, 1, 1, '2013-01-01T09:00:00Z', 'New Year'), (2, 1, null, '2013-02-01T09:00:00Z', null),
    (3, 1, 1, '2012-06-01T09:00:00Z', 'Old'), (4, 2, null, '2013-03-01T09:00:00Z', 'March'),
    (5, 1, 1, '2013-04-01T09:00:00Z', 'April'), (6, 3, 1, '2014-01-01T09:00:00Z', null);
  insert into attendances (person_id, appointment_id) values (1, 1), (2, 1), (3, 2), (2, 4), (3, 4), (1, 5), (3, 6);
  insert into profiles (id, person_id, bio) values (1, 1, 'Runs the clinic'), (2, 3, 'Intern');
`

/** A test database holding the clinic (clinicSql), and Chinook too with `withChinook`. */
export async function clinicDatabase(options: { withChinook?: boolean } = {}): Promise<TestDatabase> {
  const t = await testDatabase()
  await t.exec(clinicSql)
  if (options.withChinook === true) await loadChinook(t)
  return t
}

/** The rows above as joinery returns them (whole rows). */
export const people = {
  reuven: { id: 1, name: 'Reuven', email: 'r@x', createdAt: new Date('2010-01-01T00:00:00Z') },
  shira: { id: 2, name: 'Shira', email: null, createdAt: new Date('2011-02-03T04:05:06.789Z') },
  noa: { id: 3, name: 'Noa', email: 'noa@x', createdAt: new Date('2012-03-04T00:00:00Z') },
  avi: { id: 4, name: 'Avi', email: null, createdAt: new Date('2013-04-05T00:00:00Z') },
}
export const appointments = {
  a1: { id: 1, personId: 1, roomId: 1, meetingAt: new Date('2013-01-01T09:00:00Z'), notes: 'New Year' },
  a2: { id: 2, personId: 1, roomId: null, meetingAt: new Date('2013-02-01T09:00:00Z'), notes: null },
  a3: { id: 3, personId: 1, roomId: 1, meetingAt: new Date('2012-06-01T09:00:00Z'), notes: 'Old' },
  a4: { id: 4, personId: 2, roomId: null, meetingAt: new Date('2013-03-01T09:00:00Z'), notes: 'March' },
  a5: { id: 5, personId: 1, roomId: 1, meetingAt: new Date('2013-04-01T09:00:00Z'), notes: 'April' },
  a6: { id: 6, personId: 3, roomId: 1, meetingAt: new Date('2014-01-01T09:00:00Z'), notes: null },
}
export const rooms = { blue: { id: 1, label: 'Blue' }, green: { id: 2, label: 'Green' } }
