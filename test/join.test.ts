// Joins along relations (API.md §3, issue 3 item 5): innerJoin/leftJoin(relation) with ON from the
// foreign key, the 'alias.relation' path, many-to-many joins, the explicit
// `leftJoin(table, alias, (j) => j.on(…))` form and Kysely's `innerJoin(table, left, right)`;
// 'table.column' references in select/where/orderBy. SQL + rows + result types.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { JoineryError } from '../src/index.js'
import { chinook } from './support/chinook.js'
import { clinic, clinicDatabase } from './support/clinic.js'
import type { TestDatabase } from './support/database.js'
import type { Equal } from './support/equal.js'

let t: TestDatabase

beforeAll(async () => {
  t = await clinicDatabase({ withChinook: true })
})
afterAll(() => t.close())

const db = () => t.db(clinic)
const at = (iso: string) => new Date(`${iso}T09:00:00Z`)

describe('along a relation: ON comes from the foreign key', () => {
  test("innerJoin('appointments') (one-to-many): the API.md example; 'people.name' comes back as name", async () => {
    const q = db().selectFrom('people').innerJoin('appointments').select(['people.name', 'appointments.meetingAt']).orderBy('appointments.meetingAt')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name", "appointments"."meeting_at" as "meetingAt" from "people" ' +
        'inner join "appointments" on "appointments"."person_id" = "people"."id" order by "appointments"."meeting_at" asc',
      parameters: [],
    })
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      { name: 'Reuven', meetingAt: at('2012-06-01') },
      { name: 'Reuven', meetingAt: at('2013-01-01') },
      { name: 'Reuven', meetingAt: at('2013-02-01') },
      { name: 'Shira', meetingAt: at('2013-03-01') },
      { name: 'Reuven', meetingAt: at('2013-04-01') },
      { name: 'Noa', meetingAt: at('2014-01-01') },
    ])
    const typed: Equal<typeof rows, { name: string; meetingAt: Date }[]> = true
    expect(typed).toBe(true)
  })

  test("leftJoin('appointments'): unmatched rows get nulls, and the joined columns are nullable in the type", async () => {
    const q = db()
      .selectFrom('people')
      .leftJoin('appointments')
      .select(['people.name', 'appointments.id', 'appointments.notes'])
      .where('people.id', '>=', 2)
      .orderBy('people.id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name", "appointments"."id", "appointments"."notes" from "people" ' +
        'left join "appointments" on "appointments"."person_id" = "people"."id" where "people"."id" >= $1 order by "people"."id" asc',
      parameters: ['2'],
    })
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      { name: 'Shira', id: 4, notes: 'March' },
      { name: 'Noa', id: 6, notes: null },
      { name: 'Avi', id: null, notes: null },
    ])
    const typed: Equal<typeof rows, { name: string; id: number | null; notes: string | null }[]> = true
    expect(typed).toBe(true)
  })

  test('many-to-one: the joined table is named by the relation (person → "people" as "person")', async () => {
    const q = db().selectFrom('appointments').innerJoin('person').select(['appointments.id', 'person.name']).where('person.name', '=', 'Shira')
    expect(q.compile()).toEqual({
      sql:
        'select "appointments"."id", "person"."name" from "appointments" inner join "people" as "person" on "person"."id" = "appointments"."person_id" ' +
        'where "person"."name" = $1',
      parameters: ['Shira'],
    })
    expect(await q.execute()).toStrictEqual([{ id: 4, name: 'Shira' }])
  })

  test('leftJoin along a nullable many-to-one', async () => {
    const q = db().selectFrom('appointments').leftJoin('room').select(['appointments.id', 'room.label']).orderBy('appointments.id')
    expect(q.compile().sql).toBe(
      'select "appointments"."id", "room"."label" from "appointments" left join "rooms" as "room" on "room"."id" = "appointments"."room_id" order by "appointments"."id" asc',
    )
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      { id: 1, label: 'Blue' },
      { id: 2, label: null },
      { id: 3, label: 'Blue' },
      { id: 4, label: null },
      { id: 5, label: 'Blue' },
      { id: 6, label: 'Blue' },
    ])
    const typed: Equal<typeof rows, { id: number; label: string | null }[]> = true
    expect(typed).toBe(true)
  })

  test("the 'alias.relation' path: a relation of a joined table", async () => {
    const q = db()
      .selectFrom('people')
      .innerJoin('appointments')
      .leftJoin('appointments.room')
      .select(['people.name', 'appointments.id', 'room.label'])
      .where('people.id', '=', 1)
      .orderBy('appointments.id')
    expect(q.compile().sql).toBe(
      'select "people"."name", "appointments"."id", "room"."label" from "people" ' +
        'inner join "appointments" on "appointments"."person_id" = "people"."id" ' +
        'left join "rooms" as "room" on "room"."id" = "appointments"."room_id" where "people"."id" = $1 order by "appointments"."id" asc',
    )
    expect(await q.execute()).toStrictEqual([
      { name: 'Reuven', id: 1, label: 'Blue' },
      { name: 'Reuven', id: 2, label: null },
      { name: 'Reuven', id: 3, label: 'Blue' },
      { name: 'Reuven', id: 5, label: 'Blue' },
    ])
  })

  test('many-to-many: two joins through the junction; leftJoin keeps people without any', async () => {
    const q = db().selectFrom('people').innerJoin('meetings').select(['people.name', 'meetings.id']).orderBy('people.id').orderBy('meetings.id')
    expect(q.compile().sql).toBe(
      'select "people"."name", "meetings"."id" from "people" ' +
        'inner join "attendances" as "meetings_j" on "meetings_j"."person_id" = "people"."id" ' +
        'inner join "appointments" as "meetings" on "meetings"."id" = "meetings_j"."appointment_id" ' +
        'order by "people"."id" asc, "meetings"."id" asc',
    )
    expect(await q.execute()).toStrictEqual([
      { name: 'Reuven', id: 1 },
      { name: 'Reuven', id: 5 },
      { name: 'Shira', id: 1 },
      { name: 'Shira', id: 4 },
      { name: 'Noa', id: 2 },
      { name: 'Noa', id: 4 },
      { name: 'Noa', id: 6 },
    ])
    const left = db().selectFrom('people').leftJoin('meetings').select(['people.name', 'meetings.notes']).where('people.id', 'in', [1, 4]).orderBy('people.id').orderBy('meetings.id')
    expect(left.compile().sql).toBe(
      'select "people"."name", "meetings"."notes" from "people" ' +
        'left join "attendances" as "meetings_j" on "meetings_j"."person_id" = "people"."id" ' +
        'left join "appointments" as "meetings" on "meetings"."id" = "meetings_j"."appointment_id" ' +
        'where "people"."id" in ($1, $2) order by "people"."id" asc, "meetings"."id" asc',
    )
    expect(await left.execute()).toStrictEqual([
      { name: 'Reuven', notes: 'New Year' },
      { name: 'Reuven', notes: 'April' },
      { name: 'Avi', notes: null },
    ])
  })

  test("a many-to-many reached through the 'alias.relation' path", async () => {
    const rows = await db()
      .selectFrom('people')
      .innerJoin('appointments')
      .innerJoin('appointments.attendees')
      .select(['people.name', 'appointments.id', 'attendees.name as attendee'])
      .where('people.id', '=', 2)
      .orderBy('attendees.name')
      .execute()
    expect(rows).toStrictEqual([
      { name: 'Shira', id: 4, attendee: 'Noa' },
      { name: 'Shira', id: 4, attendee: 'Shira' },
    ])
  })

  test('a self-reference (Chinook employee.reportsTo), as a hand-written self-join answers', async () => {
    const c = t.db(chinook)
    const q = c
      .selectFrom('employee')
      .leftJoin('reportsToEmployee')
      .select(['employee.employeeId', 'employee.lastName', 'reportsToEmployee.lastName as manager'])
      .orderBy('employee.employeeId')
    expect(q.compile().sql).toBe(
      'select "employee"."employee_id" as "employeeId", "employee"."last_name" as "lastName", "reportsToEmployee"."last_name" as "manager" from "employee" ' +
        'left join "employee" as "reportsToEmployee" on "reportsToEmployee"."employee_id" = "employee"."reports_to" order by "employee"."employee_id" asc',
    )
    const expected = await t.rows('select e.employee_id, e.last_name, m.last_name as manager from employee e left join employee m on m.employee_id = e.reports_to order by 1')
    expect(expected).toHaveLength(8)
    expect(await q.execute()).toStrictEqual(expected.map((r) => ({ employeeId: r.employee_id, lastName: r.last_name, manager: r.manager })))

    const reports = await c
      .selectFrom('employee')
      .innerJoin('employeeByReportsToEmployee')
      .select(['employee.lastName as manager', 'employeeByReportsToEmployee.lastName as report'])
      .orderBy('employee.employeeId')
      .orderBy('employeeByReportsToEmployee.employeeId')
      .execute()
    const expectedReports = await t.rows('select m.last_name as manager, e.last_name as report from employee m join employee e on e.reports_to = m.employee_id order by m.employee_id, e.employee_id')
    expect(reports).toStrictEqual(expectedReports)
  })
})

describe('explicit joins', () => {
  test("leftJoin('appointments', 'a', (j) => j.on('a.personId', '=', 'people.id')): alias and ON as written", async () => {
    const q = db()
      .selectFrom('people')
      .leftJoin('appointments', 'a', (j) => j.on('a.personId', '=', 'people.id'))
      .select(['people.name', 'a.notes'])
      .where('people.id', 'in', [2, 4])
      .orderBy('people.id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name", "a"."notes" from "people" left join "appointments" as "a" on "a"."person_id" = "people"."id" ' +
        'where "people"."id" in ($1, $2) order by "people"."id" asc',
      parameters: ['2', '4'],
    })
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      { name: 'Shira', notes: 'March' },
      { name: 'Avi', notes: null },
    ])
    const typed: Equal<typeof rows, { name: string; notes: string | null }[]> = true
    expect(typed).toBe(true)
  })

  test('several on() conditions are joined with and; an inner join on a table that is not a relation', async () => {
    const q = db()
      .selectFrom('appointments')
      .innerJoin('rooms', 'r', (j) => j.on('r.id', '=', 'appointments.roomId').on('r.id', '<', 'appointments.id'))
      .select(['appointments.id', 'r.label'])
      .orderBy('appointments.id')
    expect(q.compile().sql).toBe(
      'select "appointments"."id", "r"."label" from "appointments" inner join "rooms" as "r" on ("r"."id" = "appointments"."room_id" and "r"."id" < "appointments"."id") ' +
        'order by "appointments"."id" asc',
    )
    expect(await q.execute()).toStrictEqual([
      { id: 3, label: 'Blue' },
      { id: 5, label: 'Blue' },
      { id: 6, label: 'Blue' },
    ])
  })

  test("Kysely's form: innerJoin('appointments', 'appointments.personId', 'people.id')", async () => {
    const q = db()
      .selectFrom('people')
      .innerJoin('appointments', 'appointments.personId', 'people.id')
      .select(['people.name', 'appointments.notes'])
      .where('appointments.notes', 'is not', null)
      .orderBy('people.name', 'desc')
      .orderBy('appointments.notes')
    expect(q.compile().sql).toBe(
      'select "people"."name", "appointments"."notes" from "people" inner join "appointments" on "appointments"."person_id" = "people"."id" ' +
        'where "appointments"."notes" is not null order by "people"."name" desc, "appointments"."notes" asc',
    )
    expect(await q.execute()).toStrictEqual([
      { name: 'Shira', notes: 'March' },
      { name: 'Reuven', notes: 'April' },
      { name: 'Reuven', notes: 'New Year' },
      { name: 'Reuven', notes: 'Old' },
    ])
    const left = await db()
      .selectFrom('people')
      .leftJoin('profiles', 'profiles.personId', 'people.id')
      .select(['people.name', 'profiles.bio'])
      .orderBy('people.id')
      .execute()
    expect(left).toStrictEqual([
      { name: 'Reuven', bio: 'Runs the clinic' },
      { name: 'Shira', bio: null },
      { name: 'Noa', bio: 'Intern' },
      { name: 'Avi', bio: null },
    ])
  })
})

describe("'table.column' references once a table is joined", () => {
  test('in select (renamed with as), where (values encoded by the joined column) and orderBy', async () => {
    const q = db()
      .selectFrom('people')
      .innerJoin('appointments')
      .select(['people.name as who', 'appointments.meetingAt as when', 'people.id'])
      .where('appointments.meetingAt', '>=', new Date('2013-02-01T00:00:00Z'))
      .where('people.name', '<>', 'Noa')
      .orderBy('appointments.meetingAt', 'desc')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name" as "who", "appointments"."meeting_at" as "when", "people"."id" from "people" ' +
        'inner join "appointments" on "appointments"."person_id" = "people"."id" ' +
        'where ("appointments"."meeting_at" >= $1 and "people"."name" <> $2) order by "appointments"."meeting_at" desc',
      parameters: ['2013-02-01 00:00:00.000+00', 'Noa'],
    })
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      { who: 'Reuven', when: at('2013-04-01'), id: 1 },
      { who: 'Shira', when: at('2013-03-01'), id: 2 },
      { who: 'Reuven', when: at('2013-02-01'), id: 1 },
    ])
    const typed: Equal<typeof rows, { who: string; when: Date; id: number }[]> = true
    expect(typed).toBe(true)
  })

  test('a bare column still means the from table; a joined one is reached only by its alias', async () => {
    const rows = await db().selectFrom('appointments').innerJoin('person').select(['id', 'person.id as personKey']).where('id', '=', 6).execute()
    expect(rows).toStrictEqual([{ id: 6, personKey: 3 }])
  })

  test('two selections landing on one key: a compile-time error asking for `as`, and a JoineryError', () => {
    const q = db().selectFrom('people').innerJoin('appointments')
    // @ts-expect-error — two selections land on the key "id": rename one with 'ref as otherName'
    expect(() => q.select(['people.id', 'appointments.id'])).toThrow(JoineryError)
    expect(() => (q.select as unknown as (columns: string[]) => unknown)(['people.id', 'appointments.id'])).toThrow('Two selections land on the key "id"')
  })

  test('an include next to a join correlates on the from table', async () => {
    const rows = await db()
      .selectFrom('people')
      .innerJoin('appointments')
      .select(['people.name', 'appointments.id'])
      .include('profiles', (pr) => pr.select(['bio']))
      .where('appointments.roomId', 'is', null)
      .orderBy('appointments.id')
      .execute()
    expect(rows).toStrictEqual([
      { name: 'Reuven', id: 2, profiles: { bio: 'Runs the clinic' } },
      { name: 'Shira', id: 4, profiles: null },
    ])
  })
})
