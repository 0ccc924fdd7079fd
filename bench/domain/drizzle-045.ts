// The clinic for drizzle-orm 0.45: tables, and relations with relations() (v1 relational queries,
// which have no many-to-many: attendees are reached through attendances → person).
import { relations } from 'drizzle-orm'
import { index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core'

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

export const peopleRelations = relations(people, ({ many }) => ({
  appointments: many(appointments),
  attendances: many(attendances),
}))

export const appointmentsRelations = relations(appointments, ({ one, many }) => ({
  person: one(people, { fields: [appointments.personId], references: [people.id] }),
  attendances: many(attendances),
}))

export const attendancesRelations = relations(attendances, ({ one }) => ({
  person: one(people, { fields: [attendances.personId], references: [people.id] }),
  appointment: one(appointments, { fields: [attendances.appointmentId], references: [appointments.id] }),
}))

export const schema = {
  people,
  appointments,
  attendances,
  rooms,
  comments,
  peopleRelations,
  appointmentsRelations,
  attendancesRelations,
}
