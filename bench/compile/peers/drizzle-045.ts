import { and, desc, eq, exists, gte, inArray, lt, sql } from 'drizzle-orm'
import type { Query } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { appointments, people, schema } from '../../domain/drizzle-045.js'
import { values as v } from '../../domain/values.js'
import type { CompilePeer } from '../cases.js'

// No database needed to build and compile.
const db = drizzle.mock({ schema })

const filterOrderLimit = () =>
  db
    .select({ id: appointments.id, meetingAt: appointments.meetingAt, notes: appointments.notes })
    .from(appointments)
    .where(and(gte(appointments.meetingAt, v.since), inArray(appointments.personId, v.personIds)))
    .orderBy(desc(appointments.meetingAt))
    .limit(v.limit)

// v1 relational queries have no many-to-many: attendees come through attendances → person.
export const nestedQuery = (d: NodePgDatabase<typeof schema> = db) =>
  d.query.people.findMany({
    columns: { id: true, name: true },
    orderBy: (p, { asc }) => [asc(p.id)],
    limit: v.people,
    with: {
      appointments: {
        columns: { id: true, meetingAt: true, notes: true },
        orderBy: (a, { desc }) => [desc(a.meetingAt)],
        limit: v.latest,
        with: {
          attendances: {
            columns: {},
            orderBy: (x, { asc }) => [asc(x.personId)],
            with: { person: { columns: { id: true, name: true } } },
          },
        },
      },
    },
  })

export const drizzle045: CompilePeer<Query> = {
  name: 'drizzle-0.45',
  cases: {
    pointSelect: () =>
      db
        .select({ id: people.id, name: people.name, email: people.email, createdAt: people.createdAt })
        .from(people)
        .where(eq(people.id, v.id))
        .toSQL(),
    filterOrderLimit: () => filterOrderLimit().toSQL(),
    innerJoin: () =>
      db
        .select({ name: people.name, meetingAt: appointments.meetingAt })
        .from(people)
        .innerJoin(appointments, eq(appointments.personId, people.id))
        .where(eq(people.id, v.id))
        .orderBy(appointments.meetingAt)
        .toSQL(),
    groupByCount: () =>
      db
        .select({ personId: appointments.personId, count: sql<number>`count(*)` })
        .from(appointments)
        .where(gte(appointments.meetingAt, v.since))
        .groupBy(appointments.personId)
        .toSQL(),
    insertReturning: () => db.insert(appointments).values(v.appointment).returning({ id: appointments.id }).toSQL(),
    updateWhere: () => db.update(people).set({ name: v.newName }).where(eq(people.id, v.id)).toSQL(),
    deleteWhere: () => db.delete(appointments).where(lt(appointments.meetingAt, v.cutoff)).toSQL(),
    upsert: () =>
      db.insert(people).values(v.upsert).onConflictDoUpdate({ target: people.email, set: { name: v.upsert.name } }).toSQL(),
    whereExists: () =>
      db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(
          exists(
            db
              .select({ id: appointments.id })
              .from(appointments)
              .where(and(eq(appointments.personId, people.id), gte(appointments.meetingAt, v.since))),
          ),
        )
        .toSQL(),
    nested: () => nestedQuery().toSQL(),
  },
  prebuilt: () => {
    const built = filterOrderLimit()
    return () => built.toSQL()
  },
  sqlOf: (q) => q.sql,
}
