// insertInto(…).onConflict (API.md §4): do nothing, or update with fixed values or with the values
// of the row that was not inserted (`excluded`). SQL, parameters, result and the rows stored.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { DatabaseError, column as c, schema, sql, table } from '../src/index.js'
import type { Database, QueryLogEvent } from '../src/index.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'

const clinic = schema(
  {
    people: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      email: c.text().nullable().unique(),
      visits: c.integer().default(0),
      lastSeenAt: c.timestamptz().nullable(),
    }),
    attendances: table({
      personId: c.integer(),
      appointmentId: c.integer(),
      note: c.text().nullable(),
    }).primaryKey('personId', 'appointmentId'),
  },
  { casing: 'snake_case' },
)

let t: TestDatabase
let db: Database<typeof clinic>
const events: QueryLogEvent[] = []

beforeAll(async () => {
  t = await testDatabase()
  await t.exec(`
    create table people (id serial primary key, name text not null, email text unique, visits integer not null default 0, last_seen_at timestamptz);
    create table attendances (person_id integer not null, appointment_id integer not null, note text, primary key (person_id, appointment_id));
  `)
  db = t.db(clinic, { log: (event) => events.push(event) })
})

beforeEach(async () => {
  await t.exec(`
    truncate people, attendances restart identity;
    insert into people (name, email, visits) values ('Reuven', 'r@x', 3), ('Shira', null, 1);
    insert into attendances values (1, 1, 'first');
  `)
  events.length = 0
})

afterAll(() => t?.close())

const people = () => t.rows(`select id, name, email, visits, (last_seen_at at time zone 'UTC')::text as seen from people order by id`)

describe('onConflict(columns, (oc) => oc.doNothing())', () => {
  test('a conflicting row is skipped: { rowCount: 0 }, the stored row unchanged', async () => {
    const q = db.insertInto('people').values({ name: 'Other Reuven', email: 'r@x' }).onConflict(['email'], (oc) => oc.doNothing())
    expect(q.compile()).toEqual({
      sql: 'insert into "people" ("name", "email") values ($1, $2) on conflict ("email") do nothing',
      parameters: ['Other Reuven', 'r@x'],
    })
    expect(await q.execute()).toStrictEqual({ rowCount: 0 })
    expect(await people()).toEqual([
      { id: 1, name: 'Reuven', email: 'r@x', visits: 3, seen: null },
      { id: 2, name: 'Shira', email: null, visits: 1, seen: null },
    ])
  })

  test('with several rows, the new ones are inserted and returning() gives only them', async () => {
    const rows = await db
      .insertInto('people')
      .values([
        { name: 'Noa', email: 'noa@x' },
        { name: 'Again', email: 'r@x' },
        { name: 'Avi', email: 'avi@x' },
      ])
      .onConflict(['email'], (oc) => oc.doNothing())
      .returning(['id', 'name'])
      .execute()
    expect(rows).toStrictEqual([
      { id: 3, name: 'Noa' },
      { id: 5, name: 'Avi' },
    ])
    expect((await people()).map((row) => row.name)).toEqual(['Reuven', 'Shira', 'Noa', 'Avi'])
  })

  test('a composite key: onConflict on both columns of the primary key', async () => {
    const q = db
      .insertInto('attendances')
      .values([
        { personId: 1, appointmentId: 1, note: 'again' },
        { personId: 1, appointmentId: 2 },
      ])
      .onConflict(['personId', 'appointmentId'], (oc) => oc.doNothing())
    expect(q.compile().sql).toBe(
      'insert into "attendances" ("person_id", "appointment_id", "note") values ($1, $2, $3), ($4, $5, default) on conflict ("person_id", "appointment_id") do nothing',
    )
    expect(await q.execute()).toStrictEqual({ rowCount: 1 })
    expect(await t.rows('select person_id, appointment_id, note from attendances order by 1, 2')).toEqual([
      { person_id: 1, appointment_id: 1, note: 'first' },
      { person_id: 1, appointment_id: 2, note: null },
    ])
  })
})

describe('onConflict(columns, (oc) => oc.doUpdateSet(…))', () => {
  test('doUpdateSet({...}): fixed values, parameters after those of the row', async () => {
    const q = db.insertInto('people').values({ name: 'Reuven', email: 'r@x' }).onConflict(['email'], (oc) => oc.doUpdateSet({ name: 'Reuven B.', visits: 10 }))
    expect(q.compile()).toEqual({
      sql: 'insert into "people" ("name", "email") values ($1, $2) on conflict ("email") do update set "name" = $3, "visits" = $4',
      parameters: ['Reuven', 'r@x', 'Reuven B.', '10'],
    })
    expect(await q.execute()).toStrictEqual({ rowCount: 1 })
    expect(await people()).toEqual([
      { id: 1, name: 'Reuven B.', email: 'r@x', visits: 10, seen: null },
      { id: 2, name: 'Shira', email: null, visits: 1, seen: null },
    ])
  })

  test('doUpdateSet((excluded) => …): the values of the row that was not inserted, camelCase keys mapped', async () => {
    const seen = new Date('2024-05-06T07:08:09.010Z')
    const q = db
      .insertInto('people')
      .values([
        { name: 'Reuven Again', email: 'r@x', lastSeenAt: seen },
        { name: 'Noa', email: 'noa@x', lastSeenAt: seen },
      ])
      .onConflict(['email'], (oc) => oc.doUpdateSet((excluded) => ({ name: excluded.name, lastSeenAt: excluded.lastSeenAt })))
      .returning(['id', 'name', 'lastSeenAt'])
    expect(q.compile()).toEqual({
      sql:
        'insert into "people" ("name", "email", "last_seen_at") values ($1, $2, $3), ($4, $5, $6)' +
        ' on conflict ("email") do update set "name" = "excluded"."name", "last_seen_at" = "excluded"."last_seen_at"' +
        ' returning "people"."id", "people"."name", "people"."last_seen_at" as "lastSeenAt"',
      parameters: ['Reuven Again', 'r@x', '2024-05-06 07:08:09.010+00', 'Noa', 'noa@x', '2024-05-06 07:08:09.010+00'],
    })
    expect(await q.execute()).toStrictEqual([
      { id: 1, name: 'Reuven Again', lastSeenAt: seen },
      { id: 4, name: 'Noa', lastSeenAt: seen },
    ])
    expect(await people()).toEqual([
      { id: 1, name: 'Reuven Again', email: 'r@x', visits: 3, seen: '2024-05-06 07:08:09.01' },
      { id: 2, name: 'Shira', email: null, visits: 1, seen: null },
      { id: 4, name: 'Noa', email: 'noa@x', visits: 0, seen: '2024-05-06 07:08:09.01' },
    ])
  })

  test('an expression mixing the stored row and excluded: visits = people.visits + excluded.visits', async () => {
    const q = db
      .insertInto('people')
      .values({ name: 'Reuven', email: 'r@x', visits: 2 })
      .onConflict(['email'], (oc) => oc.doUpdateSet((excluded) => ({ visits: sql<number>`${sql.ref('people.visits')} + ${excluded.visits}` })))
      .returningAll()
    expect(q.compile().sql).toBe(
      'insert into "people" ("name", "email", "visits") values ($1, $2, $3) on conflict ("email") do update set "visits" = "people"."visits" + "excluded"."visits"' +
        ' returning "people"."id", "people"."name", "people"."email", "people"."visits", "people"."last_seen_at" as "lastSeenAt"',
    )
    expect(await q.execute()).toStrictEqual([{ id: 1, name: 'Reuven', email: 'r@x', visits: 5, lastSeenAt: null }])
    expect(await q.execute()).toStrictEqual([{ id: 1, name: 'Reuven', email: 'r@x', visits: 7, lastSeenAt: null }])
    expect((await people()).map((row) => row.visits)).toEqual([7, 1])
  })

  test('no conflict: the row is inserted and the update part is not used', async () => {
    const rows = await db
      .insertInto('people')
      .values({ name: 'Avi', email: 'avi@x' })
      .onConflict(['email'], (oc) => oc.doUpdateSet({ name: 'never' }))
      .returning(['id', 'name'])
      .execute()
    expect(rows).toStrictEqual([{ id: 3, name: 'Avi' }])
    expect((await people()).map((row) => row.name)).toEqual(['Reuven', 'Shira', 'Avi'])
  })

  test('a composite key updated from excluded', async () => {
    await db
      .insertInto('attendances')
      .values({ personId: 1, appointmentId: 1, note: 'updated' })
      .onConflict(['personId', 'appointmentId'], (oc) => oc.doUpdateSet((excluded) => ({ note: excluded.note })))
      .execute()
    expect(await t.rows('select person_id, appointment_id, note from attendances')).toEqual([{ person_id: 1, appointment_id: 1, note: 'updated' }])
  })

  test('onConflict on columns without a unique constraint is the database’s error, as a DatabaseError with its SQLSTATE', async () => {
    const q = db.insertInto('people').values({ name: 'Reuven' }).onConflict(['name'], (oc) => oc.doNothing())
    const error = await q.execute().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseError)
    expect(error).toMatchObject({ code: '42P10', sql: q.compile().sql, parameters: ['Reuven'] })
    expect((await people()).length).toBe(2)
  })
})
