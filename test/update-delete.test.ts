// updateTable and deleteFrom (API.md §4): the SQL and parameters each compiles to, what execute()
// returns (rows with returning, else { rowCount }), and what the database holds afterwards.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { column as c, schema, sql, table } from '../src/index.js'
import type { Database, QueryLogEvent } from '../src/index.js'
import { appointmentsTable } from './support/api-clinic.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'

const clinic = schema(
  {
    people: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      email: c.text().nullable().unique(),
      visits: c.integer().default(0),
      balance: c.bigint(),
      createdAt: c.timestamptz().default(sql`now()`),
    }),
    appointments: appointmentsTable,
  },
  { casing: 'snake_case' },
)

let t: TestDatabase
let db: Database<typeof clinic>
const events: QueryLogEvent[] = []

beforeAll(async () => {
  t = await testDatabase()
  await t.exec(`
    create table people (id serial primary key, name text not null, email text unique, visits integer not null default 0,
      balance bigint not null, created_at timestamptz not null default now());
    create table appointments (id serial primary key, person_id integer not null references people on delete cascade,
      meeting_at timestamptz not null, notes text);
  `)
  db = t.db(clinic, { log: (event) => events.push(event) })
})

beforeEach(async () => {
  await t.exec(`
    truncate people, appointments restart identity cascade;
    insert into people (name, email, visits, balance, created_at) values
      ('Reuven', 'r@x', 3, 9007199254740993, '2010-01-01Z'), ('Shira', null, 0, -5, '2011-01-01Z'), ('Noa', 'noa@x', 7, 0, '2012-01-01Z');
    insert into appointments (person_id, meeting_at, notes) values
      (1, '2012-06-01T09:00:00Z', 'Old'), (1, '2013-01-01T09:00:00Z', 'New Year'), (2, '2013-03-01T09:00:00Z', null), (3, '2014-01-01T09:00:00Z', 'Later');
  `)
  events.length = 0
})

afterAll(() => t?.close())

const people = () => t.rows('select id, name, email, visits, balance::text as balance from people order by id')
const appointmentIds = async () => (await t.rows('select id from appointments order by id')).map((row) => row.id)

describe('updateTable()', () => {
  test('set().where(): one parameter per value; without returning the result is { rowCount }', async () => {
    const q = db.updateTable('people').set({ name: 'R.' }).where('id', '=', 1)
    expect(q.compile()).toEqual({ sql: 'update "people" set "name" = $1 where "people"."id" = $2', parameters: ['R.', '1'] })
    expect(await q.execute()).toStrictEqual({ rowCount: 1 })
    expect(await people()).toEqual([
      { id: 1, name: 'R.', email: 'r@x', visits: 3, balance: '9007199254740993' },
      { id: 2, name: 'Shira', email: null, visits: 0, balance: '-5' },
      { id: 3, name: 'Noa', email: 'noa@x', visits: 7, balance: '0' },
    ])
    expect(events.map((event) => [event.sql, event.rowCount])).toEqual([[q.compile().sql, 1]])
  })

  test('several columns, null for a nullable one, values encoded like their columns (bigint beyond 2^53)', async () => {
    const q = db.updateTable('people').set({ email: null, balance: 9007199254740995n, createdAt: new Date('2020-02-29T12:00:00.5Z') }).where('name', '=', 'Reuven')
    expect(q.compile()).toEqual({
      sql: 'update "people" set "email" = $1, "balance" = $2, "created_at" = $3 where "people"."name" = $4',
      parameters: [null, '9007199254740995', '2020-02-29 12:00:00.500+00', 'Reuven'],
    })
    expect(await q.execute()).toStrictEqual({ rowCount: 1 })
    expect(await t.rows(`select email, balance::text as balance, (created_at at time zone 'UTC')::text as at from people where id = 1`)).toEqual([
      { email: null, balance: '9007199254740995', at: '2020-02-29 12:00:00.5' },
    ])
  })

  test('set() twice sets the columns of both, in order', async () => {
    const q = db.updateTable('people').set({ name: 'N.' }).set({ visits: 8 }).where('id', '=', 3)
    expect(q.compile()).toEqual({ sql: 'update "people" set "name" = $1, "visits" = $2 where "people"."id" = $3', parameters: ['N.', '8', '3'] })
    await q.execute()
    expect((await people())[2]).toEqual({ id: 3, name: 'N.', email: 'noa@x', visits: 8, balance: '0' })
  })

  test('a key whose value is undefined is left out of set()', async () => {
    const q = db.updateTable('people').set({ name: 'S.', email: undefined }).where('id', '=', 2)
    expect(q.compile().sql).toBe('update "people" set "name" = $1 where "people"."id" = $2')
  })

  test('a value may be an expression over the row: visits = visits + 1', async () => {
    const q = db
      .updateTable('people')
      .set({ visits: sql<number>`${sql.ref('visits')} + ${1}` })
      .where('visits', '>', 0)
      .returning(['id', 'visits'])
    expect(q.compile()).toEqual({
      sql: 'update "people" set "visits" = "visits" + $1 where "people"."visits" > $2 returning "people"."id", "people"."visits"',
      parameters: ['1', '0'],
    })
    expect(await q.execute()).toStrictEqual([
      { id: 1, visits: 4 },
      { id: 3, visits: 8 },
    ])
    expect((await people()).map((row) => row.visits)).toEqual([4, 0, 8])
  })

  test('where() twice and where((eb) => …) combine with and/or', async () => {
    const q = db
      .updateTable('people')
      .set({ visits: 100 })
      .where((eb) => eb.or([eb('email', 'is', null), eb('name', '=', 'Noa')]))
      .where('visits', '<', 5)
    expect(q.compile()).toEqual({
      sql: 'update "people" set "visits" = $1 where (("people"."email" is null or "people"."name" = $2) and "people"."visits" < $3)',
      parameters: ['100', 'Noa', '5'],
    })
    expect(await q.execute()).toStrictEqual({ rowCount: 1 })
    expect((await people()).map((row) => row.visits)).toEqual([3, 100, 7])
  })

  test('returning([...]) gives the updated rows as they are after the update', async () => {
    const q = db.updateTable('people').set({ name: 'R.' }).where('id', '=', 1).returning(['id', 'name', 'balance as money'])
    expect(q.compile().sql).toBe('update "people" set "name" = $1 where "people"."id" = $2 returning "people"."id", "people"."name", "people"."balance" as "money"')
    expect(await q.execute()).toStrictEqual([{ id: 1, name: 'R.', money: 9007199254740993n }])
  })

  test('returningAll() gives whole rows', async () => {
    const rows = await db.updateTable('people').set({ visits: 1 }).where('id', 'in', [2, 3]).returningAll().execute()
    expect(rows).toStrictEqual([
      { id: 2, name: 'Shira', email: null, visits: 1, balance: -5n, createdAt: new Date('2011-01-01Z') },
      { id: 3, name: 'Noa', email: 'noa@x', visits: 1, balance: 0n, createdAt: new Date('2012-01-01Z') },
    ])
  })

  test('no matching row: { rowCount: 0 }, or [] with returning; nothing changes', async () => {
    expect(await db.updateTable('people').set({ name: 'x' }).where('id', '=', 99).execute()).toStrictEqual({ rowCount: 0 })
    expect(await db.updateTable('people').set({ name: 'x' }).where('id', '=', 99).returning(['id']).execute()).toStrictEqual([])
    expect((await people()).map((row) => row.name)).toEqual(['Reuven', 'Shira', 'Noa'])
  })

  test('.allRows() says the update is meant for every row: no where clause', async () => {
    const q = db.updateTable('people').set({ visits: 0 }).allRows()
    expect(q.compile()).toEqual({ sql: 'update "people" set "visits" = $1', parameters: ['0'] })
    expect(await q.execute()).toStrictEqual({ rowCount: 3 })
    expect((await people()).map((row) => row.visits)).toEqual([0, 0, 0])
  })

  test('.allRows() with a where() still filters', async () => {
    const q = db.updateTable('people').set({ visits: 9 }).allRows().where('id', '=', 2)
    expect(q.compile().sql).toBe('update "people" set "visits" = $1 where "people"."id" = $2')
    expect(await q.execute()).toStrictEqual({ rowCount: 1 })
    expect((await people()).map((row) => row.visits)).toEqual([3, 9, 7])
  })

  test('where() with a subquery', async () => {
    const q = db
      .updateTable('people')
      .set({ visits: 50 })
      .where('id', 'in', db.selectFrom('appointments').select(['personId']).where('notes', 'is', null))
    expect(q.compile()).toEqual({
      sql: 'update "people" set "visits" = $1 where "people"."id" in (select "appointments"."person_id" as "personId" from "appointments" where "appointments"."notes" is null)',
      parameters: ['50'],
    })
    expect(await q.execute()).toStrictEqual({ rowCount: 1 })
    expect((await people()).map((row) => row.visits)).toEqual([3, 50, 7])
  })
})

describe('deleteFrom()', () => {
  test('where(): { rowCount } of the deleted rows', async () => {
    const cutoff = new Date('2013-01-01T00:00:00Z')
    const q = db.deleteFrom('appointments').where('meetingAt', '<', cutoff)
    expect(q.compile()).toEqual({ sql: 'delete from "appointments" where "appointments"."meeting_at" < $1', parameters: ['2013-01-01 00:00:00.000+00'] })
    expect(await q.execute()).toStrictEqual({ rowCount: 1 })
    expect(await appointmentIds()).toEqual([2, 3, 4])
  })

  test('returning([...]) gives the deleted rows', async () => {
    const q = db.deleteFrom('appointments').where('personId', '=', 1).returning(['id', 'notes'])
    expect(q.compile().sql).toBe('delete from "appointments" where "appointments"."person_id" = $1 returning "appointments"."id", "appointments"."notes"')
    expect(await q.execute()).toStrictEqual([
      { id: 1, notes: 'Old' },
      { id: 2, notes: 'New Year' },
    ])
    expect(await appointmentIds()).toEqual([3, 4])
  })

  test('returningAll() gives whole deleted rows', async () => {
    const rows = await db.deleteFrom('appointments').where('notes', 'is', null).returningAll().execute()
    expect(rows).toStrictEqual([{ id: 3, personId: 2, meetingAt: new Date('2013-03-01T09:00:00Z'), notes: null }])
    expect(await appointmentIds()).toEqual([1, 2, 4])
  })

  test('no matching row: { rowCount: 0 }', async () => {
    expect(await db.deleteFrom('appointments').where('id', '=', 99).execute()).toStrictEqual({ rowCount: 0 })
    expect(await appointmentIds()).toEqual([1, 2, 3, 4])
  })

  test('.allRows() deletes every row', async () => {
    const q = db.deleteFrom('appointments').allRows()
    expect(q.compile()).toEqual({ sql: 'delete from "appointments"', parameters: [] })
    expect(await q.execute()).toStrictEqual({ rowCount: 4 })
    expect(await appointmentIds()).toEqual([])
    expect((await people()).length).toBe(3)
  })

  test('a delete that cascades reports the rows of its own table only', async () => {
    expect(await db.deleteFrom('people').where('id', '=', 1).execute()).toStrictEqual({ rowCount: 1 })
    expect(await appointmentIds()).toEqual([3, 4])
  })

  test('where((eb) => …) with not / in', async () => {
    const q = db.deleteFrom('appointments').where((eb) => eb.not(eb('personId', 'in', [1, 2])))
    expect(q.compile()).toEqual({ sql: 'delete from "appointments" where not ("appointments"."person_id" in ($1, $2))', parameters: ['1', '2'] })
    expect(await q.execute()).toStrictEqual({ rowCount: 1 })
    expect(await appointmentIds()).toEqual([1, 2, 3])
  })
})
