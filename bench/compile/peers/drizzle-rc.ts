import { and, desc, eq, exists, gte, inArray, lt, sql } from 'drizzle-orm-rc'
import type { Query } from 'drizzle-orm-rc'
import { drizzle } from 'drizzle-orm-rc/node-postgres'
import type { NodePgDatabase } from 'drizzle-orm-rc/node-postgres'
import { appointments, people, relations } from '../../domain/drizzle-rc.js'
import { values as v } from '../../domain/values.js'
import type { CompilePeer } from '../cases.js'

// No database needed to build and compile; jit as in the end-to-end bench (its fastest setup).
const db = drizzle.mock({ relations, jit: true })

const filterOrderLimit = () =>
  db
    .select({ id: appointments.id, meetingAt: appointments.meetingAt, notes: appointments.notes })
    .from(appointments)
    .where(and(gte(appointments.meetingAt, v.since), inArray(appointments.personId, v.personIds)))
    .orderBy(desc(appointments.meetingAt))
    .limit(v.limit)

export const nestedQuery = (d: NodePgDatabase<typeof relations> = db) =>
  d.query.people.findMany({
    columns: { id: true, name: true },
    orderBy: { id: 'asc' },
    limit: v.people,
    with: {
      appointments: {
        columns: { id: true, meetingAt: true, notes: true },
        orderBy: { meetingAt: 'desc' },
        limit: v.latest,
        with: { attendees: { columns: { id: true, name: true }, orderBy: { id: 'asc' } } },
      },
    },
  })

export const drizzleRc: CompilePeer<Query> = {
  name: 'drizzle-rc',
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
