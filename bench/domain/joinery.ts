// The clinic in joinery's DSL: API.md §1's tables (shared with the tests), its canonical
// many-to-many lines, plus rooms and comments.
import { column as c, schema, sql, table } from '../../src/index.js'
import { clinicTables } from '../../test/support/api-clinic.js'

export const clinic = schema(
  {
    ...clinicTables,
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
