// The clinic for drizzle-orm 1.0-rc: tables, and relations with defineRelations (v2 relational queries).
import { defineRelations } from 'drizzle-orm-rc'
import { index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm-rc/pg-core'

export const people = pgTable('people', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const appointments = pgTable(
  'appointments',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull().references(() => people.id),
    meetingAt: timestamp('meeting_at', { withTimezone: true }).notNull(),
    notes: text('notes'),
  },
  (t) => [index('appointments_person_meeting').on(t.personId, t.meetingAt.desc())],
)

export const attendances = pgTable(
  'attendances',
  {
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    appointmentId: integer('appointment_id').notNull().references(() => appointments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.personId, t.appointmentId] })],
)

export const rooms = pgTable('rooms', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  floor: integer('floor').notNull(),
  capacity: integer('capacity').notNull(),
})

export const comments = pgTable('comments', {
  id: serial('id').primaryKey(),
  appointmentId: integer('appointment_id').notNull().references(() => appointments.id, { onDelete: 'cascade' }),
  authorId: integer('author_id').notNull().references(() => people.id),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const tables = { people, appointments, attendances, rooms, comments }

export const relations = defineRelations(tables, (r) => ({
  people: {
    appointments: r.many.appointments({ from: r.people.id, to: r.appointments.personId }),
    attendances: r.many.attendances({ from: r.people.id, to: r.attendances.personId }),
  },
  appointments: {
    person: r.one.people({ from: r.appointments.personId, to: r.people.id, optional: false }),
    attendances: r.many.attendances({ from: r.appointments.id, to: r.attendances.appointmentId }),
    attendees: r.many.people({
      from: r.appointments.id.through(r.attendances.appointmentId),
      to: r.people.id.through(r.attendances.personId),
    }),
  },
  attendances: {
    person: r.one.people({ from: r.attendances.personId, to: r.people.id, optional: false }),
    appointment: r.one.appointments({ from: r.attendances.appointmentId, to: r.appointments.id, optional: false }),
  },
}))
