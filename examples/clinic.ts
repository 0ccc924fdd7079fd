// The running example of the docs: people, their appointments, and who attends each
// appointment. Keys are camelCase; with casing 'snake_case' the database names are
// people.created_at, appointments.person_id, and so on.
//
// Relations come from the foreign keys: appointments.person, people.appointments,
// people.attendances, … The two `relations` lines add the many-to-many through attendances
// (people.meetings, appointments.attendees), which cannot be inferred here because
// people.appointments already names the one-to-many.
import { column as c, schema, sql, table } from '../src/index.js'

export const clinic = schema(
  {
    people: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      email: c.text().nullable().unique(),
      createdAt: c.timestamptz().default(sql`now()`),
    }),
    appointments: table({
      id: c.serial().primaryKey(),
      personId: c.integer().references('people.id'),
      meetingAt: c.timestamptz(),
      notes: c.text().nullable(),
    }),
    attendances: table({
      personId: c.integer().references('people.id', { onDelete: 'cascade' }),
      appointmentId: c.integer().references('appointments.id', { onDelete: 'cascade' }),
    }).primaryKey('personId', 'appointmentId'),
  },
  {
    casing: 'snake_case',
    relations: (r) => ({
      people: { meetings: r.many('appointments', { through: 'attendances' }) },
      appointments: { attendees: r.many('people', { through: 'attendances' }) },
    }),
  },
)
