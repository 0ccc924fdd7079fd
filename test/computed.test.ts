// Computed columns (API.md §1, "dynamically calculated column values"): SQL over a table's own
// columns, declared once with table(…).computed(…), then selectable, filterable, orderable and
// groupable by name like stored columns, at any depth of include — and never written.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { column as c, JoineryError, schema, sql, table } from '../src/index.js'
import type { QueryLogEvent } from '../src/index.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'

const directory = schema(
  {
    people: table({
      id: c.serial().primaryKey(),
      firstName: c.text(),
      lastName: c.text(),
      email: c.text().nullable(),
    }).computed((t) => ({
      fullName: sql<string>`${t.firstName} || ' ' || ${t.lastName}`,
      contact: sql<string>`coalesce(${t.email}, 'no email')`,
    })),
    appointments: table({
      id: c.serial().primaryKey(),
      personId: c.integer().references('people.id'),
      meetingAt: c.timestamptz(),
    }).computed((t) => ({ year: sql<number>`extract(year from ${t.meetingAt})::int` })),
    attendances: table({
      personId: c.integer().references('people.id'),
      appointmentId: c.integer().references('appointments.id'),
    }).primaryKey('personId', 'appointmentId'),
  },
  { casing: 'snake_case' },
)

const directorySql = `
  create table people (id serial primary key, first_name text not null, last_name text not null, email text);
  create table appointments (id serial primary key, person_id integer not null references people, meeting_at timestamptz not null);
  create table attendances (person_id integer not null references people, appointment_id integer not null references appointments, primary key (person_id, appointment_id));
  insert into people (id, first_name, last_name, email) values (1, 'Ada', 'Lovelace', 'ada@x'), (2, 'Alan', 'Turing', null), (3, 'Grace', 'Hopper', 'grace@x');
  insert into appointments (id, person_id, meeting_at) values
    (1, 1, '2013-01-01T09:00:00Z'), (2, 1, '2014-02-01T09:00:00Z'), (3, 2, '2013-05-05T09:00:00Z'), (4, 3, '2014-07-07T09:00:00Z');
  insert into attendances (person_id, appointment_id) values (1, 1), (2, 1), (3, 2), (2, 3), (3, 4), (1, 4);
`

let t: TestDatabase
const log: QueryLogEvent[] = []
beforeAll(async () => {
  t = await testDatabase()
  await t.exec(directorySql)
})
afterAll(() => t.close())

const db = () => t.db(directory, { log: (event) => log.push(event) })

const fullName = `("people"."first_name" || ' ' || "people"."last_name")`

describe('reading computed columns', () => {
  test('selectable by name; the SQL expression takes its place', async () => {
    const q = db().selectFrom('people').select(['id', 'fullName', 'people.contact as reach']).orderBy('id')
    expect(q.compile()).toEqual({
      sql: `select "people"."id", ${fullName} as "fullName", (coalesce("people"."email", 'no email')) as "reach" from "people" order by "people"."id" asc`,
      parameters: [],
    })
    expect(await q.execute()).toStrictEqual([
      { id: 1, fullName: 'Ada Lovelace', reach: 'ada@x' },
      { id: 2, fullName: 'Alan Turing', reach: 'no email' },
      { id: 3, fullName: 'Grace Hopper', reach: 'grace@x' },
    ])
  })

  test('usable in where (plain and with eb) and in orderBy', async () => {
    const q = db()
      .selectFrom('people')
      .select(['fullName'])
      .where('fullName', 'like', '%a%')
      .where((eb) => eb.or([eb('contact', '=', 'no email'), eb(eb.fn.upper('fullName'), 'like', 'GRACE%')]))
      .orderBy('fullName', 'desc')
    expect(q.compile()).toEqual({
      sql:
        `select ${fullName} as "fullName" from "people" where (${fullName} like $1 and ` +
        `((coalesce("people"."email", 'no email')) = $2 or upper(${fullName}) like $3)) order by ${fullName} desc`,
      parameters: ['%a%', 'no email', 'GRACE%'],
    })
    expect(await q.execute()).toStrictEqual([{ fullName: 'Grace Hopper' }, { fullName: 'Alan Turing' }])
  })

  test('usable in groupBy, with aggregates over it', async () => {
    const q = db()
      .selectFrom('appointments')
      .select((eb) => ['year', eb.fn.countAll().as('n'), eb.fn.max('year').as('same')])
      .groupBy('year')
      .orderBy('year')
    expect(q.compile()).toEqual({
      sql:
        'select (extract(year from "appointments"."meeting_at")::int) as "year", count(*) as "n", max((extract(year from "appointments"."meeting_at")::int)) as "same" ' +
        'from "appointments" group by (extract(year from "appointments"."meeting_at")::int) order by (extract(year from "appointments"."meeting_at")::int) asc',
      parameters: [],
    })
    expect(await q.execute()).toStrictEqual([
      { year: 2013, n: 2, same: 2013 },
      { year: 2014, n: 2, same: 2014 },
    ])
  })

  test('readable through a join, qualified by the join name', async () => {
    const q = db().selectFrom('appointments').innerJoin('person').select(['appointments.id', 'person.fullName']).where('person.fullName', '<>', 'Ada Lovelace').orderBy('appointments.id')
    expect(q.compile().sql).toBe(
      `select "appointments"."id", ("person"."first_name" || ' ' || "person"."last_name") as "fullName" from "appointments" ` +
        `inner join "people" as "person" on "person"."id" = "appointments"."person_id" ` +
        `where ("person"."first_name" || ' ' || "person"."last_name") <> $1 order by "appointments"."id" asc`,
    )
    expect(await q.execute()).toStrictEqual([
      { id: 3, fullName: 'Alan Turing' },
      { id: 4, fullName: 'Grace Hopper' },
    ])
  })

  test("a correlated subquery can read the outer row's computed column", async () => {
    const rows = await db()
      .selectFrom('people')
      .select((eb) => [
        'fullName',
        eb
          .selectFrom('appointments')
          .select((a) => [a.fn.min('year').as('firstYear')])
          .where((a) => a('personId', '=', a.ref('people.id')))
          .as('since'),
      ])
      .where((eb) => eb('fullName', '=', eb.ref('people.fullName')))
      .orderBy('id')
      .execute()
    expect(rows).toStrictEqual([
      { fullName: 'Ada Lovelace', since: 2013 },
      { fullName: 'Alan Turing', since: 2013 },
      { fullName: 'Grace Hopper', since: 2014 },
    ])
  })
})

describe('computed columns inside include', () => {
  test('two levels deep: appointments → attendances → person.fullName, filtered and ordered by computed columns', async () => {
    const q = db()
      .selectFrom('appointments')
      .select(['id', 'year'])
      .include('attendances', (x) =>
        x
          .select(['personId'])
          .orderBy('personId')
          .include('person', (p) => p.select(['fullName', 'contact'])),
      )
      .where('year', '=', 2014)
      .orderBy('id')
    const sqlText = q.compile().sql
    expect(sqlText).toContain(
      `(select to_json("r1".*) from (select ("r1"."first_name" || ' ' || "r1"."last_name") as "fullName", (coalesce("r1"."email", 'no email')) as "contact" ` +
        'from "people" as "r1" where "r1"."id" = "r0"."person_id") as "r1") as "person"',
    )
    expect(sqlText).toMatch(/ where \(extract\(year from "appointments"\."meeting_at"\)::int\) = \$1 order by "appointments"\."id" asc$/)
    expect(await q.execute()).toStrictEqual([
      {
        id: 2,
        year: 2014,
        attendances: [{ personId: 3, person: { fullName: 'Grace Hopper', contact: 'grace@x' } }],
      },
      {
        id: 4,
        year: 2014,
        attendances: [
          { personId: 1, person: { fullName: 'Ada Lovelace', contact: 'ada@x' } },
          { personId: 3, person: { fullName: 'Grace Hopper', contact: 'grace@x' } },
        ],
      },
    ])
  })

  test('people → appointments (computed year, where and orderBy on it) → attendances → person', async () => {
    const rows = await db()
      .selectFrom('people')
      .select(['fullName'])
      .include('appointments', (ap) =>
        ap
          .select(['year'])
          .where('year', '>=', 2013)
          .orderBy('year', 'desc')
          .include('attendances', (x) => x.select([]).orderBy('personId').include('person', (p) => p.select(['fullName']))),
      )
      .where('id', '=', 1)
      .execute()
    expect(rows).toStrictEqual([
      {
        fullName: 'Ada Lovelace',
        appointments: [
          { year: 2014, attendances: [{ person: { fullName: 'Grace Hopper' } }] },
          { year: 2013, attendances: [{ person: { fullName: 'Ada Lovelace' } }, { person: { fullName: 'Alan Turing' } }] },
        ],
      },
    ])
  })
})

describe('whole rows', () => {
  // Bug (reported): the types of a whole row (RowOf, Selectable) include computed columns, but a
  // query that selects nothing, selectAll() and include() without a callback leave them out.
  test('a query that selects nothing returns the computed columns too, as its type says', async () => {
    const [first] = await db().selectFrom('people').where('id', '=', 2).execute()
    expect(first).toStrictEqual({ id: 2, firstName: 'Alan', lastName: 'Turing', email: null, fullName: 'Alan Turing', contact: 'no email' })
    const [all] = await db().selectFrom('people').selectAll().where('id', '=', 2).execute()
    expect(all).toStrictEqual(first)
    const [appointment] = await db().selectFrom('appointments').select(['id']).include('person').where('id', '=', 3).execute()
    expect(appointment?.person).toStrictEqual(first)
  })
})

describe('never written', () => {
  test('insert values with a computed column: a JoineryError, nothing sent', async () => {
    const before = log.length
    const insert = () => db().insertInto('people').values({ firstName: 'Tim', lastName: 'Berners-Lee', fullName: 'TBL' } as never)
    expect(insert).toThrow(JoineryError)
    expect(insert).toThrow("insertInto('people'): people.fullName is a computed column; it is calculated when read and cannot be written.")
    expect(log.length).toBe(before)
  })

  test('update set with a computed column: a JoineryError, nothing sent', async () => {
    const before = log.length
    const update = () => db().updateTable('people').set({ contact: 'x' } as never)
    expect(update).toThrow(JoineryError)
    expect(update).toThrow('people.contact is a computed column; it is calculated when read and cannot be written.')
    expect(log.length).toBe(before)
    expect(await t.rows('select count(*)::int as n from people')).toEqual([{ n: 3 }])
  })

  test('but it can be returned by a write', async () => {
    const rows = await db()
      .updateTable('people')
      .set({ lastName: 'King' })
      .where('id', '=', 1)
      .returning(['id', 'fullName'])
      .execute()
    expect(rows).toStrictEqual([{ id: 1, fullName: 'Ada King' }])
    await t.exec(`update people set last_name = 'Lovelace' where id = 1`)
  })
})

describe('declaring', () => {
  test('a computed column must be an SQL expression and must not shadow a stored column', () => {
    const base = table({ id: c.serial().primaryKey(), name: c.text() })
    expect(() => base.computed(() => ({ label: 'plain text' as never }))).toThrow('computed column "label" must be an SQL expression')
    expect(() => base.computed((t) => ({ name: sql<string>`upper(${t.name})` }))).toThrow('computed column "name" has the name of a stored column.')
  })
})
