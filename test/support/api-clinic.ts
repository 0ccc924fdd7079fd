// The clinic of API.md §1 exactly (no rooms or profiles: see clinic.ts for the fixture with data),
// shared by tests (test/) and type tests (test-d/: tsd checks the *.test-d.ts files that import it).
// A file builds its own schema from these tables, adding its own.
import { column as c, schema, sql, table } from '../../src/index.js'

export const peopleTable = table({
  id: c.serial().primaryKey(),
  name: c.text(),
  email: c.text().nullable().unique(),
  createdAt: c.timestamptz().default(sql`now()`),
})

export const appointmentsTable = table({
  id: c.serial().primaryKey(),
  personId: c.integer().references('people.id'),
  meetingAt: c.timestamptz(),
  notes: c.text().nullable(),
})

export const attendancesTable = table({
  personId: c.integer().references('people.id', { onDelete: 'cascade' }),
  appointmentId: c.integer().references('appointments.id', { onDelete: 'cascade' }),
}).primaryKey('personId', 'appointmentId')

/** people, appointments and attendances, as in API.md §1. */
export const clinicTables = { people: peopleTable, appointments: appointmentsTable, attendances: attendancesTable }

/** The clinic with API.md's many-to-many: people.meetings and appointments.attendees. */
export const clinicWithMeetings = schema(clinicTables, {
  casing: 'snake_case',
  relations: (r) => ({
    people: { meetings: r.many('appointments', { through: 'attendances' }) },
    appointments: { attendees: r.many('people', { through: 'attendances' }) },
  }),
})
