// Window functions (issue 6): eb.fn.rowNumber()/rank()/denseRank() and aggregates such as
// sum(col) with .over((o) => o.partitionBy(…).orderBy(…)), decoded like their plain forms.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { JoineryError } from '../src/index.js'
import { appointments as a, clinic, clinicDatabase } from './support/clinic.js'
import type { TestDatabase } from './support/database.js'

let t: TestDatabase
beforeAll(async () => {
  t = await clinicDatabase()
})
afterAll(() => t.close())

const db = () => t.db(clinic)

describe('ranking functions', () => {
  test("rowNumber partitioned by person, ordered by meeting: each person's 1st, 2nd, … appointment", async () => {
    const q = db()
      .selectFrom('appointments')
      .select((eb) => ['id', 'personId', eb.fn.rowNumber().over((o) => o.partitionBy('personId').orderBy('meetingAt')).as('nth')])
      .orderBy('personId')
      .orderBy('meetingAt')
    expect(q.compile()).toEqual({
      sql:
        'select "appointments"."id", "appointments"."person_id" as "personId", ' +
        'row_number() over (partition by "appointments"."person_id" order by "appointments"."meeting_at" asc) as "nth" ' +
        'from "appointments" order by "appointments"."person_id" asc, "appointments"."meeting_at" asc',
      parameters: [],
    })
    expect(await q.execute()).toStrictEqual([
      { id: 3, personId: 1, nth: 1 },
      { id: 1, personId: 1, nth: 2 },
      { id: 2, personId: 1, nth: 3 },
      { id: 5, personId: 1, nth: 4 },
      { id: 4, personId: 2, nth: 1 },
      { id: 6, personId: 3, nth: 1 },
    ])
  })

  test('rank and denseRank over an order with nulls first; ties share a rank', async () => {
    const q = db()
      .selectFrom('appointments')
      .select((eb) => [
        'id',
        eb.fn.rank().over((o) => o.orderBy('roomId', 'asc nulls first')).as('rank'),
        eb.fn.denseRank().over((o) => o.orderBy('roomId', 'asc nulls first')).as('dense'),
      ])
      .orderBy('id')
    expect(q.compile().sql).toBe(
      'select "appointments"."id", rank() over (order by "appointments"."room_id" asc nulls first) as "rank", ' +
        'dense_rank() over (order by "appointments"."room_id" asc nulls first) as "dense" from "appointments" order by "appointments"."id" asc',
    )
    // Appointments 2 and 4 have no room (first), the other four are in room 1.
    expect(await q.execute()).toStrictEqual([
      { id: 1, rank: 3, dense: 2 },
      { id: 2, rank: 1, dense: 1 },
      { id: 3, rank: 3, dense: 2 },
      { id: 4, rank: 1, dense: 1 },
      { id: 5, rank: 3, dense: 2 },
      { id: 6, rank: 3, dense: 2 },
    ])
  })

  test('over() with no window, and several partition and order keys', async () => {
    const q = db()
      .selectFrom('appointments')
      .select((eb) => [
        'id',
        eb.fn.rowNumber().over().as('plain'),
        eb.fn.rowNumber().over((o) => o.partitionBy('personId', 'roomId').orderBy('notes', 'desc nulls last').orderBy('id', 'desc')).as('inGroup'),
      ])
      .orderBy('id')
    expect(q.compile().sql).toBe(
      'select "appointments"."id", row_number() over () as "plain", row_number() over (partition by "appointments"."person_id", "appointments"."room_id" ' +
        'order by "appointments"."notes" desc nulls last, "appointments"."id" desc) as "inGroup" from "appointments" order by "appointments"."id" asc',
    )
    const rows = await q.execute()
    expect(rows.map((r) => r.plain).sort()).toEqual([1, 2, 3, 4, 5, 6])
    // Person 1 in room 1: 3 'Old', 1 'New Year', 5 'April' (notes desc); the other groups have one row each.
    expect(rows.map(({ id, inGroup }) => ({ id, inGroup }))).toStrictEqual([
      { id: 1, inGroup: 2 },
      { id: 2, inGroup: 1 },
      { id: 3, inGroup: 1 },
      { id: 4, inGroup: 1 },
      { id: 5, inGroup: 3 },
      { id: 6, inGroup: 1 },
    ])
  })
})

describe('aggregates as window functions', () => {
  test('a running sum (exact string), a count and a min per partition (number, Date)', async () => {
    const q = db()
      .selectFrom('appointments')
      .select((eb) => [
        'id',
        eb.fn.sum('id').over((o) => o.partitionBy('personId').orderBy('meetingAt')).as('runningIds'),
        eb.fn.count('notes').over((o) => o.partitionBy('personId')).as('notesOfPerson'),
        eb.fn.min('meetingAt').over((o) => o.partitionBy('personId')).as('firstMeeting'),
        eb.fn.countAll().over().as('all'),
      ])
      .orderBy('personId')
      .orderBy('meetingAt')
    expect(q.compile().sql).toBe(
      'select "appointments"."id", sum("appointments"."id") over (partition by "appointments"."person_id" order by "appointments"."meeting_at" asc) as "runningIds", ' +
        'count("appointments"."notes") over (partition by "appointments"."person_id") as "notesOfPerson", ' +
        'min("appointments"."meeting_at") over (partition by "appointments"."person_id") as "firstMeeting", ' +
        'count(*) over () as "all" from "appointments" order by "appointments"."person_id" asc, "appointments"."meeting_at" asc',
    )
    expect(await q.execute()).toStrictEqual([
      { id: 3, runningIds: '3', notesOfPerson: 3, firstMeeting: a.a3.meetingAt, all: 6 },
      { id: 1, runningIds: '4', notesOfPerson: 3, firstMeeting: a.a3.meetingAt, all: 6 },
      { id: 2, runningIds: '6', notesOfPerson: 3, firstMeeting: a.a3.meetingAt, all: 6 },
      { id: 5, runningIds: '11', notesOfPerson: 3, firstMeeting: a.a3.meetingAt, all: 6 },
      { id: 4, runningIds: '4', notesOfPerson: 1, firstMeeting: a.a4.meetingAt, all: 6 },
      { id: 6, runningIds: '6', notesOfPerson: 0, firstMeeting: a.a6.meetingAt, all: 6 },
    ])
  })

  test('a window over a joined table', async () => {
    const rows = await db()
      .selectFrom('appointments')
      .innerJoin('person')
      .select((eb) => ['appointments.id', 'person.name', eb.fn.rank().over((o) => o.partitionBy('person.name').orderBy('appointments.meetingAt', 'desc')).as('recent')])
      .where('person.name', '=', 'Reuven')
      .orderBy('appointments.meetingAt', 'desc')
      .execute()
    expect(rows).toStrictEqual([
      { id: 5, name: 'Reuven', recent: 1 },
      { id: 2, name: 'Reuven', recent: 2 },
      { id: 1, name: 'Reuven', recent: 3 },
      { id: 3, name: 'Reuven', recent: 4 },
    ])
  })

  test('over() must return the window builder it was given', () => {
    const people = db().selectFrom('appointments')
    expect(() => people.select((eb) => [eb.fn.rowNumber().over(() => ({}) as never).as('n')])).toThrow(JoineryError)
  })
})
