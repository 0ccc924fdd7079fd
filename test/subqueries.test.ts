// Subqueries (API.md §3): where(column, 'in', subquery), eb.exists, scalar subqueries in select
// with .as(), and correlated subqueries that refer to the outer query's 'people.id'.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { clinic, clinicDatabase } from './support/clinic.js'
import type { TestDatabase } from './support/database.js'

let t: TestDatabase
beforeAll(async () => {
  t = await clinicDatabase()
})
afterAll(() => t.close())

const db = () => t.db(clinic)

describe("where(column, 'in', subquery)", () => {
  test('in: the people attending appointment 4', async () => {
    const attendees = db().selectFrom('attendances').select(['personId']).where('appointmentId', '=', 4)
    const q = db().selectFrom('people').select(['name']).where('id', 'in', attendees).orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name" from "people" where "people"."id" in ' +
        '(select "attendances"."person_id" as "personId" from "attendances" where "attendances"."appointment_id" = $1) order by "people"."id" asc',
      parameters: ['4'],
    })
    expect(await q.execute()).toEqual([{ name: 'Shira' }, { name: 'Noa' }])
  })

  test('not in, with the subquery parameters numbered after the outer ones', async () => {
    const booked = db().selectFrom('appointments').select(['personId']).where('meetingAt', '>=', new Date('2013-01-01T00:00:00Z'))
    const q = db().selectFrom('people').select(['name']).where('name', '<>', 'Noa').where('id', 'not in', booked).orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name" from "people" where ("people"."name" <> $1 and "people"."id" not in ' +
        '(select "appointments"."person_id" as "personId" from "appointments" where "appointments"."meeting_at" >= $2)) order by "people"."id" asc',
      parameters: ['Noa', '2013-01-01 00:00:00.000+00'],
    })
    expect(await q.execute()).toEqual([{ name: 'Avi' }])
  })

  test('a subquery with its own joins and limit', async () => {
    const busiest = db()
      .selectFrom('appointments')
      .select(['personId'])
      .innerJoin('attendances')
      .groupBy('personId')
      .orderBy('personId')
      .limit(1)
    const q = db().selectFrom('people').select(['name']).where('id', 'in', busiest)
    expect(q.compile().sql).toBe(
      'select "people"."name" from "people" where "people"."id" in (select "appointments"."person_id" as "personId" from "appointments" ' +
        'inner join "attendances" on "attendances"."appointment_id" = "appointments"."id" ' +
        'group by "appointments"."person_id" order by "appointments"."person_id" asc limit $1)',
    )
    expect(await q.execute()).toEqual([{ name: 'Reuven' }])
  })
})

describe('eb.exists', () => {
  test('correlated exists / not exists: people with (or without) a meeting in room 1', async () => {
    const inBlue = db()
      .selectFrom('people')
      .select(['name'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('appointments')
            .select(['id'])
            .where((a) => a.and([a('personId', '=', a.ref('people.id')), a('roomId', '=', 1)])),
        ),
      )
      .orderBy('id')
    expect(inBlue.compile()).toEqual({
      sql:
        'select "people"."name" from "people" where exists (select "appointments"."id" from "appointments" ' +
        'where ("appointments"."person_id" = "people"."id" and "appointments"."room_id" = $1)) order by "people"."id" asc',
      parameters: ['1'],
    })
    expect(await inBlue.execute()).toEqual([{ name: 'Reuven' }, { name: 'Noa' }])

    const notInBlue = await db()
      .selectFrom('people')
      .select(['name'])
      .where((eb) => eb.not(eb.exists(eb.selectFrom('appointments').where((a) => a.and([a('personId', '=', a.ref('people.id')), a('roomId', '=', 1)])))))
      .orderBy('id')
      .execute()
    expect(notInBlue).toEqual([{ name: 'Shira' }, { name: 'Avi' }])
  })

  test('exists as a selected boolean', async () => {
    const rows = await db()
      .selectFrom('people')
      .select((eb) => ['name', eb.exists(eb.selectFrom('profiles').where((p) => p('personId', '=', p.ref('people.id')))).as('hasProfile')])
      .orderBy('id')
      .execute()
    expect(rows).toStrictEqual([
      { name: 'Reuven', hasProfile: true },
      { name: 'Shira', hasProfile: false },
      { name: 'Noa', hasProfile: true },
      { name: 'Avi', hasProfile: false },
    ])
  })

  test('eb.exists refuses anything but a select query', () => {
    const people = db().selectFrom('people')
    expect(() => people.where((eb) => eb.exists({ '~result': {} } as never))).toThrow('eb.exists() takes a select query')
  })
})

describe('scalar subqueries in select', () => {
  test('an uncorrelated subquery named with .as()', async () => {
    const q = db()
      .selectFrom('rooms')
      .select((eb) => ['label', eb.selectFrom('appointments').select((a) => [a.fn.countAll().as('n')]).as('allAppointments')])
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql: 'select "rooms"."label", (select count(*) as "n" from "appointments") as "allAppointments" from "rooms" order by "rooms"."id" asc',
      parameters: [],
    })
    expect(await q.execute()).toStrictEqual([
      { label: 'Blue', allAppointments: 6 },
      { label: 'Green', allAppointments: 6 },
    ])
  })

  test("correlated: each person's appointment count and latest meeting (a Date, or null)", async () => {
    const q = db()
      .selectFrom('people')
      .select((eb) => [
        'name',
        eb
          .selectFrom('appointments')
          .select((a) => [a.fn.countAll().as('n')])
          .where((a) => a('personId', '=', a.ref('people.id')))
          .as('appointmentCount'),
        eb
          .selectFrom('appointments')
          .select((a) => [a.fn.max('meetingAt').as('last')])
          .where((a) => a('personId', '=', a.ref('people.id')))
          .as('lastMeeting'),
      ])
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name", ' +
        '(select count(*) as "n" from "appointments" where "appointments"."person_id" = "people"."id") as "appointmentCount", ' +
        '(select max("appointments"."meeting_at") as "last" from "appointments" where "appointments"."person_id" = "people"."id") as "lastMeeting" ' +
        'from "people" order by "people"."id" asc',
      parameters: [],
    })
    expect(await q.execute()).toStrictEqual([
      { name: 'Reuven', appointmentCount: 4, lastMeeting: new Date('2013-04-01T09:00:00Z') },
      { name: 'Shira', appointmentCount: 1, lastMeeting: new Date('2013-03-01T09:00:00Z') },
      { name: 'Noa', appointmentCount: 1, lastMeeting: new Date('2014-01-01T09:00:00Z') },
      { name: 'Avi', appointmentCount: 0, lastMeeting: null },
    ])
  })

  test('a one-column subquery of a plain column, with limit: null when it finds nothing', async () => {
    const rows = await db()
      .selectFrom('people')
      .select((eb) => [
        'name',
        eb
          .selectFrom('profiles')
          .select(['bio'])
          .where((p) => p('personId', '=', p.ref('people.id')))
          .limit(1)
          .as('bio'),
      ])
      .orderBy('id')
      .execute()
    expect(rows).toStrictEqual([
      { name: 'Reuven', bio: 'Runs the clinic' },
      { name: 'Shira', bio: null },
      { name: 'Noa', bio: 'Intern' },
      { name: 'Avi', bio: null },
    ])
  })

  test("people with more than one appointment: 'in' a grouped subquery with having", async () => {
    const regulars = db()
      .selectFrom('appointments')
      .select(['personId'])
      .groupBy('personId')
      .having((a) => a(a.fn.countAll(), '>', 1))
    const q = db().selectFrom('people').select(['name']).where('id', 'in', regulars)
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name" from "people" where "people"."id" in (select "appointments"."person_id" as "personId" from "appointments" ' +
        'group by "appointments"."person_id" having count(*) > $1)',
      parameters: ['1'],
    })
    expect(await q.execute()).toEqual([{ name: 'Reuven' }])
  })

  test('an unknown outer reference fails with the tables in scope named', () => {
    const q = db()
      .selectFrom('people')
      .select((eb) => ['name', eb.selectFrom('appointments').select(['id']).where((a) => a('personId', '=', a.ref('persons.id' as never))).as('x')])
    expect(() => q.compile()).toThrow('Unknown table "persons" in column reference "persons.id". Tables in this query: appointments, people.')
  })
})
