// The end-to-end cases: each runs one operation against the seeded server database.
import { eq } from 'drizzle-orm'
import { drizzle as drizzle045 } from 'drizzle-orm/node-postgres'
import { eq as eqRc } from 'drizzle-orm-rc'
import { drizzle as drizzleRc } from 'drizzle-orm-rc/node-postgres'
import knexFactory from 'knex'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { createDb } from '../../src/index.js'
import { pgDriver } from '../../src/driver/pg.js'
import { nestedQuery as drizzle045Nested } from '../compile/peers/drizzle-045.js'
import { nestedQuery as joineryNested } from '../compile/peers/joinery.js'
import { nestedQuery as drizzleRcNested } from '../compile/peers/drizzle-rc.js'
import { nestedQuery as knexNested } from '../compile/peers/knex.js'
import { nestedQuery as kyselyNested } from '../compile/peers/kysely.js'
import { databaseUrl } from '../domain/connection.js'
import * as d045 from '../domain/drizzle-045.js'
import * as dRc from '../domain/drizzle-rc.js'
import { clinic } from '../domain/joinery.js'
import type { KyselyClinic } from '../domain/kysely.js'
import { counts } from '../domain/sql.js'
import { values as v } from '../domain/values.js'
import { batched, nestedOneStatement, nPlusOne, pointSelectSql } from './nested-sql.js'

export type Query = 'pointSelect' | 'nested'

export interface E2eCase {
  readonly peer: string
  readonly query: Query
  /** One operation; `i` counts operations, so point selects walk through the ids. */
  readonly run: (i: number) => Promise<unknown>
  /** The result in a common shape, to check every peer loads the same data. */
  readonly normalize?: (result: unknown) => unknown
  readonly note?: string
}

export interface E2eContext {
  readonly cases: E2eCase[]
  close(): Promise<void>
}

type Row = Record<string, unknown>
const iso = (x: unknown) => (x instanceof Date ? x.toISOString() : new Date(String(x)).toISOString())
const idOf = (i: number) => 1 + (i % counts.people)

// The common shape of a nested result; `pick` reads a peer's keys.
function normalizeNested(rows: unknown, pick: { meetingAt: string; attendees: (a: Row) => Row[] }) {
  return (rows as Row[]).map((p) => ({
    id: p.id,
    name: p.name,
    appointments: (p.appointments as Row[]).map((a) => ({
      id: a.id,
      meetingAt: iso(a[pick.meetingAt]),
      notes: a.notes,
      attendees: pick.attendees(a).map((x) => ({ id: x.id, name: x.name })),
    })),
  }))
}
const camel = { meetingAt: 'meetingAt', attendees: (a: Row) => a.attendees as Row[] }
const person = (createdAt: string) => (row: unknown) => {
  const p = row as Row
  return { id: p.id, name: p.name, email: p.email, createdAt: iso(p[createdAt]) }
}
const snake = { meetingAt: 'meeting_at', attendees: (a: Row) => a.attendees as Row[] }

/** What a hand-written nested statement needs to return the values joinery does: Dates inside the JSON too. */
function withDates(people: Row[]): Row[] {
  for (const p of people) for (const a of p.appointments as Row[]) a.meetingAt = new Date(a.meetingAt as string)
  return people
}

export async function e2eContext(): Promise<E2eContext> {
  // One connection: every peer runs on the same backend, and named statements stay prepared.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  const joinery = createDb(clinic, { driver: pgDriver(pool) })
  const kysely = new Kysely<KyselyClinic>({ dialect: new PostgresDialect({ pool }) })
  const rc = drizzleRc({ client: pool, relations: dRc.relations, jit: true })
  const old = drizzle045(pool, { schema: d045.schema })
  const knex = knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 1, max: 1 } })

  const cases: E2eCase[] = [
    { peer: 'pg', query: 'pointSelect', run: (i) => pool.query(pointSelectSql, [idOf(i)]).then((r) => r.rows[0]), normalize: person('created_at') },
    {
      peer: 'pg prepared',
      query: 'pointSelect',
      run: (i) => pool.query({ name: 'bench_point_select', text: pointSelectSql, values: [idOf(i)] }).then((r) => r.rows[0]),
      normalize: person('created_at'),
      note: 'named statement: parsed and planned once per connection',
    },
    {
      peer: 'joinery',
      query: 'pointSelect',
      run: (i) => joinery.selectFrom('people').select(['id', 'name', 'email', 'createdAt']).where('id', '=', idOf(i)).first(),
      normalize: person('createdAt'),
    },
    {
      peer: 'kysely',
      query: 'pointSelect',
      run: (i) => kysely.selectFrom('people').select(['id', 'name', 'email', 'created_at']).where('id', '=', idOf(i)).executeTakeFirst(),
      normalize: person('created_at'),
    },
    {
      peer: 'drizzle-rc',
      query: 'pointSelect',
      run: (i) =>
        rc
          .select({ id: dRc.people.id, name: dRc.people.name, email: dRc.people.email, createdAt: dRc.people.createdAt })
          .from(dRc.people)
          .where(eqRc(dRc.people.id, idOf(i)))
          .then((rows) => rows[0]),
      normalize: person('createdAt'),
    },
    {
      peer: 'drizzle-0.45',
      query: 'pointSelect',
      run: (i) =>
        old
          .select({ id: d045.people.id, name: d045.people.name, email: d045.people.email, createdAt: d045.people.createdAt })
          .from(d045.people)
          .where(eq(d045.people.id, idOf(i)))
          .then((rows) => rows[0]),
      normalize: person('createdAt'),
    },
    {
      peer: 'knex',
      query: 'pointSelect',
      run: (i) => knex('people').select('id', 'name', 'email', 'created_at').where('id', idOf(i)).first(),
      normalize: person('created_at'),
      note: 'first() adds limit 1',
    },

    {
      peer: 'pg',
      query: 'nested',
      run: () => pool.query(nestedOneStatement, [v.people, v.latest]).then((r) => r.rows),
      normalize: (rows) => normalizeNested(rows, camel),
      note: 'hand-written, one statement; nested timestamps stay strings',
    },
    {
      peer: 'pg, same values',
      query: 'nested',
      run: () => pool.query(nestedOneStatement, [v.people, v.latest]).then((r) => withDates(r.rows)),
      normalize: (rows) => normalizeNested(rows, camel),
      note: 'the same statement, nested meetingAt turned into Dates: the result joinery returns',
    },
    {
      peer: 'pg prepared',
      query: 'nested',
      run: () => pool.query({ name: 'bench_nested', text: nestedOneStatement, values: [v.people, v.latest] }).then((r) => r.rows),
      normalize: (rows) => normalizeNested(rows, camel),
      note: 'the same statement, named',
    },
    {
      peer: 'joinery',
      query: 'nested',
      run: () => joineryNested(joinery).execute(),
      normalize: (rows) => normalizeNested(rows, camel),
      note: 'include() twice (appointments, then the declared many-to-many attendees)',
    },
    {
      peer: 'kysely',
      query: 'nested',
      run: () => kyselyNested(kysely).execute(),
      normalize: (rows) => normalizeNested(rows, snake),
      note: 'jsonArrayFrom; nested timestamps stay strings',
    },
    {
      peer: 'drizzle-rc',
      query: 'nested',
      run: () => drizzleRcNested(rc),
      normalize: (rows) => normalizeNested(rows, camel),
      note: 'relational query v2 (defineRelations, jit: true); decodes nested Dates',
    },
    {
      peer: 'drizzle-0.45',
      query: 'nested',
      run: () => drizzle045Nested(old),
      normalize: (rows) => normalizeNested(rows, { meetingAt: 'meetingAt', attendees: (a) => (a.attendances as Row[]).map((x) => x.person as Row) }),
      note: 'relational query v1, through attendances → person (no many-to-many)',
    },
    {
      peer: 'knex',
      query: 'nested',
      run: () => knexNested(knex),
      normalize: (rows) => normalizeNested(rows, snake),
      note: 'json_agg subqueries built with knex.raw; nested timestamps stay strings',
    },
    {
      peer: 'pg, 3 batched queries',
      query: 'nested',
      run: async () => {
        const people = (await pool.query<Row>(batched.people, [v.people])).rows
        const appts = (await pool.query<Row>(batched.appointments, [people.map((p) => p.id), v.latest])).rows
        const attendees = (await pool.query<Row>(batched.attendees, [appts.map((a) => a.id)])).rows
        const byAppointment = new Map<unknown, Row[]>()
        for (const x of attendees) {
          const list = byAppointment.get(x.appointment_id) ?? []
          if (list.length === 0) byAppointment.set(x.appointment_id, list)
          list.push({ id: x.id, name: x.name })
        }
        const byPerson = new Map<unknown, Row[]>()
        for (const a of appts) {
          const list = byPerson.get(a.person_id) ?? []
          if (list.length === 0) byPerson.set(a.person_id, list)
          list.push({ id: a.id, meetingAt: a.meeting_at, notes: a.notes, attendees: byAppointment.get(a.id) ?? [] })
        }
        return people.map((p) => ({ id: p.id, name: p.name, appointments: byPerson.get(p.id) ?? [] }))
      },
      normalize: (rows) => normalizeNested(rows, camel),
      note: 'one statement per level (window function for the top 5), stitched in JS',
    },
    {
      peer: 'pg, N+1',
      query: 'nested',
      run: async () => {
        const people = (await pool.query<Row>(nPlusOne.people, [v.people])).rows
        for (const p of people) {
          const appts = (await pool.query<Row>(nPlusOne.appointments, [p.id, v.latest])).rows
          for (const a of appts) a.attendees = (await pool.query<Row>(nPlusOne.attendees, [a.id])).rows
          p.appointments = appts
        }
        return people
      },
      normalize: (rows) => normalizeNested(rows, snake),
      note: 'one statement per person and per appointment, awaited in turn',
    },
  ]

  return {
    cases,
    async close() {
      await knex.destroy()
      await kysely.destroy() // ends the shared pool
    },
  }
}
