// The clinic in joinery's DSL: API.md §1 (with its canonical many-to-many lines), plus rooms and comments.
import { column as c, schema, sql, table } from '../../src/index.js'

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
    rooms: table({
      id: c.serial().primaryKey(),
      name: c.text().unique(),
      floor: c.integer(),
      capacity: c.integer(),
    }),
    comments: table({
      id: c.serial().primaryKey(),
      appointmentId: c.integer().references('appointments.id', { onDelete: 'cascade' }),
      authorId: c.integer().references('people.id'),
      body: c.text(),
      createdAt: c.timestamptz().default(sql`now()`),
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
