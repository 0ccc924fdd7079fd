// Counts and filters along relations (API.md §3, issue 3 item 4): includeCount(name, build?) →
// `${name}Count: number`; whereRelated / whereNotRelated → EXISTS / NOT EXISTS, also through a
// many-to-many. Each test checks the SQL and the rows the database gave.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
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
const names = (rows: readonly { name: string }[]) => rows.map((row) => row.name)

describe('includeCount', () => {
  test('one-to-many: `${name}Count`, 0 when there is none', async () => {
    const q = db().selectFrom('people').select(['name']).includeCount('appointments').orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name", (select count(*) from "appointments" as "r0" where "r0"."person_id" = "people"."id") as "appointmentsCount" ' +
        'from "people" order by "people"."id" asc',
      parameters: [],
    })
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      { name: 'Reuven', appointmentsCount: 4 },
      { name: 'Shira', appointmentsCount: 1 },
      { name: 'Noa', appointmentsCount: 1 },
      { name: 'Avi', appointmentsCount: 0 },
    ])
    const typed: Equal<typeof rows, { name: string; appointmentsCount: number }[]> = true
    expect(typed).toBe(true)
  })

  test('with a where: counts only the matching related rows', async () => {
    const q = db()
      .selectFrom('people')
      .select(['name'])
      .includeCount('appointments', (ap) => ap.where('notes', 'is not', null))
      .orderBy('id')
    expect(q.compile().sql).toBe(
      'select "people"."name", (select count(*) from "appointments" as "r0" where "r0"."person_id" = "people"."id" and "r0"."notes" is not null) as "appointmentsCount" ' +
        'from "people" order by "people"."id" asc',
    )
    expect(await q.execute()).toStrictEqual([
      { name: 'Reuven', appointmentsCount: 3 },
      { name: 'Shira', appointmentsCount: 1 },
      { name: 'Noa', appointmentsCount: 0 },
      { name: 'Avi', appointmentsCount: 0 },
    ])
  })

  test('through a many-to-many, with and without a where (an or of two conditions)', async () => {
    const q = db()
      .selectFrom('people')
      .select(['name'])
      .includeCount('meetings')
      .includeCount('attendances')
      .orderBy('id')
    expect(q.compile().sql).toBe(
      'select "people"."name", ' +
        '(select count(*) from "appointments" as "r0" inner join "attendances" as "r0_j" on "r0_j"."appointment_id" = "r0"."id" where "r0_j"."person_id" = "people"."id") as "meetingsCount", ' +
        '(select count(*) from "attendances" as "r1" where "r1"."person_id" = "people"."id") as "attendancesCount" ' +
        'from "people" order by "people"."id" asc',
    )
    expect(await q.execute()).toStrictEqual([
      { name: 'Reuven', meetingsCount: 2, attendancesCount: 2 },
      { name: 'Shira', meetingsCount: 2, attendancesCount: 2 },
      { name: 'Noa', meetingsCount: 3, attendancesCount: 3 },
      { name: 'Avi', meetingsCount: 0, attendancesCount: 0 },
    ])

    const filtered = db()
      .selectFrom('people')
      .select(['name'])
      .includeCount('meetings', (m) => m.where((eb) => eb.or([eb('notes', '=', 'March'), eb('notes', 'is', null)])))
      .orderBy('id')
    expect(filtered.compile()).toEqual({
      sql:
        'select "people"."name", (select count(*) from "appointments" as "r0" inner join "attendances" as "r0_j" on "r0_j"."appointment_id" = "r0"."id" ' +
        'where "r0_j"."person_id" = "people"."id" and ("r0"."notes" = $1 or "r0"."notes" is null)) as "meetingsCount" from "people" order by "people"."id" asc',
      parameters: ['March'],
    })
    // meetings: Reuven 1, 5; Shira 1, 4 (March); Noa 2 (no notes), 4 (March), 6 (no notes).
    expect(await filtered.execute()).toStrictEqual([
      { name: 'Reuven', meetingsCount: 0 },
      { name: 'Shira', meetingsCount: 1 },
      { name: 'Noa', meetingsCount: 3 },
      { name: 'Avi', meetingsCount: 0 },
    ])
  })

  test('inside an include: the count travels in JSON and still reads as a number', async () => {
    const q = db()
      .selectFrom('people')
      .select(['name'])
      .where('id', '<=', 2)
      .include('appointments', (ap) => ap.select(['id']).orderBy('id').includeCount('attendees'))
      .orderBy('id')
    expect(q.compile().sql).toBe(
      `select "people"."name", (select coalesce(json_agg("r0".* order by "r0"."id" asc), '[]'::json) from (select "r0"."id", ` +
        '(select count(*) from "people" as "r1" inner join "attendances" as "r1_j" on "r1_j"."person_id" = "r1"."id" where "r1_j"."appointment_id" = "r0"."id") as "attendeesCount" ' +
        'from "appointments" as "r0" where "r0"."person_id" = "people"."id") as "r0") as "appointments" ' +
        'from "people" where "people"."id" <= $1 order by "people"."id" asc',
    )
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      {
        name: 'Reuven',
        appointments: [
          { id: 1, attendeesCount: 2 },
          { id: 2, attendeesCount: 1 },
          { id: 3, attendeesCount: 0 },
          { id: 5, attendeesCount: 1 },
        ],
      },
      { name: 'Shira', appointments: [{ id: 4, attendeesCount: 2 }] },
    ])
    const typed: Equal<typeof rows, { name: string; appointments: { id: number; attendeesCount: number }[] }[]> = true
    expect(typed).toBe(true)
  })

  test('of a many-to-one: 1 or 0', async () => {
    const rows = await db().selectFrom('appointments').select(['id']).includeCount('room').orderBy('id').execute()
    expect(rows).toStrictEqual([
      { id: 1, roomCount: 1 },
      { id: 2, roomCount: 0 },
      { id: 3, roomCount: 1 },
      { id: 4, roomCount: 0 },
      { id: 5, roomCount: 1 },
      { id: 6, roomCount: 1 },
    ])
  })

  test('a count key that would land on a selected key is a JoineryError (and a type error)', () => {
    const q = db().selectFrom('people').select(['name as appointmentsCount'])
    // @ts-expect-error — the result already has a key "appointmentsCount" (a compile-time error too)
    expect(() => q.includeCount('appointments')).toThrow(/already has a key "appointmentsCount"/)
  })
})

describe('whereRelated / whereNotRelated', () => {
  test('whereRelated(name): EXISTS, no callback', async () => {
    const q = db().selectFrom('people').select(['name']).whereRelated('appointments').orderBy('id')
    expect(q.compile()).toEqual({
      sql: 'select "people"."name" from "people" where exists (select 1 from "appointments" as "r0" where "r0"."person_id" = "people"."id") order by "people"."id" asc',
      parameters: [],
    })
    expect(names(await q.execute())).toEqual(['Reuven', 'Shira', 'Noa'])
  })

  test('whereRelated(name, build): the nested where goes inside the EXISTS', async () => {
    const q = db()
      .selectFrom('people')
      .select(['name'])
      .whereRelated('appointments', (ap) => ap.where('notes', 'is', null).where('meetingAt', '>', new Date('2013-06-01')))
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name" from "people" where exists (select 1 from "appointments" as "r0" where "r0"."person_id" = "people"."id" ' +
        'and ("r0"."notes" is null and "r0"."meeting_at" > $1)) order by "people"."id" asc',
      parameters: ['2013-06-01 00:00:00.000+00'],
    })
    expect(names(await q.execute())).toEqual(['Noa'])
  })

  test('whereNotRelated: NOT EXISTS, with and without a callback', async () => {
    const q = db().selectFrom('people').select(['name']).whereNotRelated('appointments').orderBy('id')
    expect(q.compile().sql).toBe(
      'select "people"."name" from "people" where not exists (select 1 from "appointments" as "r0" where "r0"."person_id" = "people"."id") order by "people"."id" asc',
    )
    expect(names(await q.execute())).toEqual(['Avi'])
    const noMarch = await db()
      .selectFrom('people')
      .select(['name'])
      .whereNotRelated('appointments', (ap) => ap.where('notes', '=', 'March'))
      .orderBy('id')
      .execute()
    expect(names(noMarch)).toEqual(['Reuven', 'Noa', 'Avi'])
  })

  test('through a many-to-many, from both sides', async () => {
    const q = db()
      .selectFrom('people')
      .select(['name'])
      .whereRelated('meetings', (m) => m.where('notes', '=', 'March'))
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name" from "people" where exists (select 1 from "appointments" as "r0" inner join "attendances" as "r0_j" on "r0_j"."appointment_id" = "r0"."id" ' +
        'where "r0_j"."person_id" = "people"."id" and "r0"."notes" = $1) order by "people"."id" asc',
      parameters: ['March'],
    })
    expect(names(await q.execute())).toEqual(['Shira', 'Noa'])
    expect(names(await db().selectFrom('people').select(['name']).whereNotRelated('meetings').orderBy('id').execute())).toEqual(['Avi'])

    const attendedByNoa = await db()
      .selectFrom('appointments')
      .select(['id'])
      .whereRelated('attendees', (x) => x.where('name', '=', 'Noa'))
      .orderBy('id')
      .execute()
    expect(attendedByNoa).toEqual([{ id: 2 }, { id: 4 }, { id: 6 }])
    const attendedByNobody = await db().selectFrom('appointments').select(['id']).whereNotRelated('attendees').orderBy('id').execute()
    expect(attendedByNobody).toEqual([{ id: 3 }])
  })

  test('along a many-to-one (nullable FK) and a one-to-one', async () => {
    const withRoom = await db().selectFrom('appointments').select(['id']).whereRelated('room').orderBy('id').execute()
    expect(withRoom).toEqual([{ id: 1 }, { id: 3 }, { id: 5 }, { id: 6 }])
    const q = db().selectFrom('appointments').select(['id']).whereNotRelated('room').orderBy('id')
    expect(q.compile().sql).toBe(
      'select "appointments"."id" from "appointments" where not exists (select 1 from "rooms" as "r0" where "r0"."id" = "appointments"."room_id") order by "appointments"."id" asc',
    )
    expect(await q.execute()).toEqual([{ id: 2 }, { id: 4 }])
    const ofShira = await db()
      .selectFrom('appointments')
      .select(['id'])
      .whereRelated('person', (pp) => pp.where('name', '=', 'Shira'))
      .execute()
    expect(ofShira).toEqual([{ id: 4 }])
    expect(names(await db().selectFrom('people').select(['name']).whereNotRelated('profiles').orderBy('id').execute())).toEqual(['Shira', 'Avi'])
  })

  test('nested: people with an appointment that Shira attends', async () => {
    const q = db()
      .selectFrom('people')
      .select(['name'])
      .whereRelated('appointments', (ap) => ap.whereRelated('attendees', (x) => x.where('name', '=', 'Shira')))
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name" from "people" where exists (select 1 from "appointments" as "r0" where "r0"."person_id" = "people"."id" and ' +
        'exists (select 1 from "people" as "r1" inner join "attendances" as "r1_j" on "r1_j"."person_id" = "r1"."id" ' +
        'where "r1_j"."appointment_id" = "r0"."id" and "r1"."name" = $1)) order by "people"."id" asc',
      parameters: ['Shira'],
    })
    expect(names(await q.execute())).toEqual(['Reuven', 'Shira'])
  })

  test('combined with other conditions (and), with a join, and inside an include', async () => {
    const q = db()
      .selectFrom('people')
      .select(['name'])
      .where('email', 'is not', null)
      .whereRelated('meetings')
      .whereNotRelated('profiles', (pr) => pr.where('bio', '=', 'Intern'))
      .orderBy('id')
    expect(q.compile().sql).toBe(
      'select "people"."name" from "people" where (("people"."email" is not null and ' +
        'exists (select 1 from "appointments" as "r0" inner join "attendances" as "r0_j" on "r0_j"."appointment_id" = "r0"."id" where "r0_j"."person_id" = "people"."id")) and ' +
        'not exists (select 1 from "profiles" as "r1" where "r1"."person_id" = "people"."id" and "r1"."bio" = $1)) order by "people"."id" asc',
    )
    expect(names(await q.execute())).toEqual(['Reuven'])

    const joined = await db()
      .selectFrom('people')
      .innerJoin('appointments')
      .select(['people.name', 'appointments.id'])
      .whereRelated('profiles')
      .orderBy('appointments.id')
      .execute()
    expect(joined).toEqual([
      { name: 'Reuven', id: 1 },
      { name: 'Reuven', id: 2 },
      { name: 'Reuven', id: 3 },
      { name: 'Reuven', id: 5 },
      { name: 'Noa', id: 6 },
    ])

    const nested = await db()
      .selectFrom('people')
      .select(['name'])
      .include('appointments', (ap) => ap.select(['id']).whereRelated('attendees', (x) => x.where('name', '=', 'Noa')).orderBy('id'))
      .orderBy('id')
      .execute()
    expect(nested).toStrictEqual([
      { name: 'Reuven', appointments: [{ id: 2 }] },
      { name: 'Shira', appointments: [{ id: 4 }] },
      { name: 'Noa', appointments: [{ id: 6 }] },
      { name: 'Avi', appointments: [] },
    ])
  })
})

describe('on Chinook, against hand-written SQL', () => {
  test('the employee self-reference: managers, the top of the tree, and how many report to each', async () => {
    const c = t.db(chinook)
    const managers = await c.selectFrom('employee').select(['employeeId']).whereRelated('employeeByReportsToEmployee').orderBy('employeeId').execute()
    const expectedManagers = await t.rows('select distinct reports_to as id from employee where reports_to is not null order by 1')
    expect(managers.map((e) => e.employeeId)).toEqual(expectedManagers.map((r) => r.id))
    expect(managers.length).toBeGreaterThan(1)

    const top = await c.selectFrom('employee').select(['employeeId', 'title']).whereNotRelated('reportsToEmployee').execute()
    expect(top).toEqual([{ employeeId: 1, title: 'General Manager' }])

    const counts = await c.selectFrom('employee').select(['employeeId']).includeCount('employeeByReportsToEmployee').orderBy('employeeId').execute()
    const expectedCounts = await t.rows(
      'select e.employee_id, (select count(*)::int from employee r where r.reports_to = e.employee_id) as n from employee e order by 1',
    )
    expect(counts).toEqual(expectedCounts.map((r) => ({ employeeId: r.employee_id, employeeByReportsToEmployeeCount: r.n })))
  })

  test('playlists holding a Jazz track (through the junction), with their count of tracks over 10 minutes', async () => {
    const c = t.db(chinook)
    const rows = await c
      .selectFrom('playlist')
      .select(['playlistId', 'name'])
      .whereRelated('track', (tr) => tr.whereRelated('genre', (g) => g.where('name', '=', 'Jazz')))
      .includeCount('track', (tr) => tr.where('milliseconds', '>', 600000))
      .orderBy('playlistId')
      .execute()
    const expected = await t.rows(`
      select p.playlist_id, p.name,
        (select count(*)::int from playlist_track pt join track t using (track_id) where pt.playlist_id = p.playlist_id and t.milliseconds > 600000) as n
      from playlist p
      where exists (select 1 from playlist_track pt join track t using (track_id) join genre g using (genre_id) where pt.playlist_id = p.playlist_id and g.name = 'Jazz')
      order by p.playlist_id`)
    expect(expected.length).toBeGreaterThan(1)
    expect(rows).toEqual(expected.map((r) => ({ playlistId: r.playlist_id, name: r.name, trackCount: r.n })))
  })
})
