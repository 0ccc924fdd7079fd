// include(): related rows nested in the result, in ONE SQL statement at any depth (API.md §3,
// ARCHITECTURE.md "Nested relations"). Each test checks the SQL and the rows the database gave,
// and the result type (`Equal`, checked by `tsc --noEmit`).
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { column as c, schema, sql, table } from '../src/index.js'
import type { QueryLogEvent } from '../src/index.js'
import { appointments as a, clinic, clinicDatabase, people as p, rooms } from './support/clinic.js'
import { chinook } from './support/chinook.js'
import type { TestDatabase } from './support/database.js'
import type { Equal } from './support/equal.js'

let t: TestDatabase
const log: QueryLogEvent[] = []

beforeAll(async () => {
  t = await clinicDatabase({ withChinook: true })
})
afterAll(() => t.close())

const clinicDb = () => t.db(clinic, { log: (event) => log.push(event) })

/** Runs `run` and returns what it returned and the SQL of each statement it sent. */
async function statements<R>(run: () => Promise<R>): Promise<{ result: R; sql: string[] }> {
  const start = log.length
  const result = await run()
  return { result, sql: log.slice(start).map((event) => event.sql) }
}

describe('include at depth (API.md §3)', () => {
  test('people → appointments (select, where, orderBy, limit) → attendances → person: one statement', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select(['id', 'name'])
      .include('appointments', (ap) =>
        ap
          .select(['meetingAt', 'notes'])
          .where('meetingAt', '>=', new Date('2013-01-01'))
          .orderBy('meetingAt')
          .limit(5)
          .include('attendances', (x) => x.orderBy('personId').include('person', (pp) => pp.select(['name']))),
      )
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."id", "people"."name", ' +
        `(select coalesce(json_agg("r0".* order by "r0"."meetingAt" asc), '[]'::json) ` +
        'from (select "r0"."meeting_at" as "meetingAt", "r0"."notes", ' +
        `(select coalesce(json_agg("r1".* order by "r1"."personId" asc), '[]'::json) ` +
        'from (select "r1"."person_id" as "personId", "r1"."appointment_id" as "appointmentId", ' +
        '(select to_json("r2".*) from (select "r2"."name" from "people" as "r2" where "r2"."id" = "r1"."person_id") as "r2") as "person" ' +
        'from "attendances" as "r1" where "r1"."appointment_id" = "r0"."id") as "r1") as "attendances" ' +
        'from "appointments" as "r0" where "r0"."person_id" = "people"."id" and "r0"."meeting_at" >= $1 order by "r0"."meeting_at" asc limit $2) as "r0") as "appointments" ' +
        'from "people" order by "people"."id" asc',
      parameters: ['2013-01-01 00:00:00.000+00', '5'],
    })
    const { result: rows, sql } = await statements(() => q.execute())
    expect(sql).toHaveLength(1)
    const attendance = (personId: number, appointmentId: number, name: string) => ({ personId, appointmentId, person: { name } })
    expect(rows).toStrictEqual([
      {
        id: 1,
        name: 'Reuven',
        appointments: [
          { meetingAt: a.a1.meetingAt, notes: 'New Year', attendances: [attendance(1, 1, 'Reuven'), attendance(2, 1, 'Shira')] },
          { meetingAt: a.a2.meetingAt, notes: null, attendances: [attendance(3, 2, 'Noa')] },
          { meetingAt: a.a5.meetingAt, notes: 'April', attendances: [attendance(1, 5, 'Reuven')] },
        ],
      },
      { id: 2, name: 'Shira', appointments: [{ meetingAt: a.a4.meetingAt, notes: 'March', attendances: [attendance(2, 4, 'Shira'), attendance(3, 4, 'Noa')] }] },
      { id: 3, name: 'Noa', appointments: [{ meetingAt: a.a6.meetingAt, notes: null, attendances: [attendance(3, 6, 'Noa')] }] },
      { id: 4, name: 'Avi', appointments: [] },
    ])
    const typed: Equal<
      typeof rows,
      { id: number; name: string; appointments: { meetingAt: Date; notes: string | null; attendances: { personId: number; appointmentId: number; person: { name: string } }[] }[] }[]
    > = true
    expect(typed).toBe(true)
  })

  test('ORDER BY goes inside the aggregate (several keys, desc), with no limit', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select(['name'])
      .where('id', '=', 1)
      .include('appointments', (ap) => ap.select(['id']).orderBy('roomId', 'desc').orderBy('meetingAt', 'desc'))
    expect(q.compile()).toEqual({
      sql:
        // roomId and meetingAt are not selected: each travels as a hidden column, left out of the result.
        `select "people"."name", (select coalesce(json_agg("r0".* order by "r0"."$order0" desc, "r0"."$order1" desc), '[]'::json) ` +
        'from (select "r0"."id", "r0"."room_id" as "$order0", "r0"."meeting_at" as "$order1" ' +
        'from "appointments" as "r0" where "r0"."person_id" = "people"."id") as "r0") as "appointments" from "people" where "people"."id" = $1',
      parameters: ['1'],
    })
    // desc puts NULL rooms first; then room 1 by meetingAt desc.
    expect(await q.execute()).toStrictEqual([{ name: 'Reuven', appointments: [{ id: 2 }, { id: 5 }, { id: 1 }, { id: 3 }] }])
  })

  test('LIMIT/OFFSET apply per parent row', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select(['name'])
      .include('appointments', (ap) => ap.select(['id']).orderBy('meetingAt', 'desc').limit(2).offset(1))
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        `select "people"."name", (select coalesce(json_agg("r0".* order by "r0"."$order0" desc), '[]'::json) ` +
        'from (select "r0"."id", "r0"."meeting_at" as "$order0" ' +
        'from "appointments" as "r0" where "r0"."person_id" = "people"."id" order by "r0"."meeting_at" desc limit $1 offset $2) as "r0") as "appointments" ' +
        'from "people" order by "people"."id" asc',
      parameters: ['2', '1'],
    })
    expect(await q.execute()).toStrictEqual([
      { name: 'Reuven', appointments: [{ id: 2 }, { id: 1 }] }, // 5, [2, 1], 3
      { name: 'Shira', appointments: [] }, // one appointment, skipped by the offset
      { name: 'Noa', appointments: [] },
      { name: 'Avi', appointments: [] },
    ])
    // limit alone: the latest appointment of each person.
    const latest = await clinicDb()
      .selectFrom('people')
      .select(['name'])
      .include('appointments', (ap) => ap.select(['id']).orderBy('meetingAt', 'desc').limit(1))
      .orderBy('id')
      .execute()
    expect(latest).toStrictEqual([
      { name: 'Reuven', appointments: [{ id: 5 }] },
      { name: 'Shira', appointments: [{ id: 4 }] },
      { name: 'Noa', appointments: [{ id: 6 }] },
      { name: 'Avi', appointments: [] },
    ])
  })

  test('a top-level limit/offset next to includes: the parents are limited first, the includes run for those only', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select(['name'])
      .whereRelated('appointments')
      .include('appointments', (ap) => ap.select(['id']).orderBy('id').limit(2))
      .orderBy('name', 'desc')
      .limit(2)
      .offset(1)
    expect(q.compile()).toEqual({
      sql:
        `select "people"."name", (select coalesce(json_agg("r0".* order by "r0"."id" asc), '[]'::json) ` +
        'from (select "r0"."id" from "appointments" as "r0" where "r0"."person_id" = "people"."id" order by "r0"."id" asc limit $1) as "r0") as "appointments" ' +
        'from (select "people".* from "people" where exists (select 1 from "appointments" as "r1" where "r1"."person_id" = "people"."id") ' +
        'order by "people"."name" desc limit $2 offset $3) as "people" order by "people"."name" desc',
      parameters: ['2', '2', '1'],
    })
    // Shira, [Reuven, Noa] (Avi has no appointment).
    expect(await q.execute()).toStrictEqual([
      { name: 'Reuven', appointments: [{ id: 1 }, { id: 2 }] },
      { name: 'Noa', appointments: [{ id: 6 }] },
    ])
  })

  test('a limit inside a many-to-many include applies per parent too', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select(['name'])
      .include('meetings', (m) => m.select(['id']).orderBy('id', 'desc').limit(1))
      .orderBy('id')
    expect(q.compile().sql).toBe(
      `select "people"."name", (select coalesce(json_agg("r0".* order by "r0"."id" desc), '[]'::json) ` +
        'from (select "r0"."id" from "appointments" as "r0" inner join "attendances" as "r0_j" on "r0_j"."appointment_id" = "r0"."id" ' +
        'where "r0_j"."person_id" = "people"."id" order by "r0"."id" desc limit $1) as "r0") as "meetings" from "people" order by "people"."id" asc',
    )
    expect(await q.execute()).toStrictEqual([
      { name: 'Reuven', meetings: [{ id: 5 }] },
      { name: 'Shira', meetings: [{ id: 4 }] },
      { name: 'Noa', meetings: [{ id: 6 }] },
      { name: 'Avi', meetings: [] },
    ])
  })
})

describe('result shapes by relation kind', () => {
  test('include(name) with no callback selects all columns of the related table (a many-to-one: an object)', async () => {
    const q = clinicDb().selectFrom('appointments').include('person').where('id', '=', 1)
    expect(q.compile()).toEqual({
      sql:
        'select "appointments"."id", "appointments"."person_id" as "personId", "appointments"."room_id" as "roomId", "appointments"."meeting_at" as "meetingAt", "appointments"."notes", ' +
        '(select to_json("r0".*) from (select "r0"."id", "r0"."name", "r0"."email", "r0"."created_at" as "createdAt" ' +
        'from "people" as "r0" where "r0"."id" = "appointments"."person_id") as "r0") as "person" from "appointments" where "appointments"."id" = $1',
      parameters: ['1'],
    })
    const rows = await q.execute()
    expect(rows).toStrictEqual([{ ...a.a1, person: p.reuven }])
    const typed: Equal<
      typeof rows,
      {
        id: number
        personId: number
        roomId: number | null
        meetingAt: Date
        notes: string | null
        person: { id: number; name: string; email: string | null; createdAt: Date }
      }[]
    > = true
    expect(typed).toBe(true)
  })

  test('include(name) with no callback, one-to-many: arrays of whole rows', async () => {
    const q = clinicDb().selectFrom('rooms').include('appointments').orderBy('id')
    expect(q.compile().sql).toBe(
      `select "rooms"."id", "rooms"."label", (select coalesce(json_agg("r0".*), '[]'::json) ` +
        'from (select "r0"."id", "r0"."person_id" as "personId", "r0"."room_id" as "roomId", "r0"."meeting_at" as "meetingAt", "r0"."notes" ' +
        'from "appointments" as "r0" where "r0"."room_id" = "rooms"."id") as "r0") as "appointments" from "rooms" order by "rooms"."id" asc',
    )
    const rows = await q.execute()
    // No ORDER BY was asked for inside: compare the set.
    expect(rows.map((r) => ({ ...r, appointments: [...r.appointments].sort((x, y) => x.id - y.id) }))).toStrictEqual([
      { ...rooms.blue, appointments: [a.a1, a.a3, a.a5, a.a6] },
      { ...rooms.green, appointments: [] },
    ])
  })

  test('many-to-one over a NOT NULL FK is an object; over a nullable FK it is null exactly where the FK is null', async () => {
    const q = clinicDb()
      .selectFrom('appointments')
      .select(['id'])
      .include('room')
      .include('person', (pp) => pp.select(['name']))
      .orderBy('id')
    expect(q.compile().sql).toBe(
      'select "appointments"."id", ' +
        '(select to_json("r0".*) from (select "r0"."id", "r0"."label" from "rooms" as "r0" where "r0"."id" = "appointments"."room_id") as "r0") as "room", ' +
        '(select to_json("r1".*) from (select "r1"."name" from "people" as "r1" where "r1"."id" = "appointments"."person_id") as "r1") as "person" ' +
        'from "appointments" order by "appointments"."id" asc',
    )
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      { id: 1, room: rooms.blue, person: { name: 'Reuven' } },
      { id: 2, room: null, person: { name: 'Reuven' } },
      { id: 3, room: rooms.blue, person: { name: 'Reuven' } },
      { id: 4, room: null, person: { name: 'Shira' } },
      { id: 5, room: rooms.blue, person: { name: 'Reuven' } },
      { id: 6, room: rooms.blue, person: { name: 'Noa' } },
    ])
    const typed: Equal<typeof rows, { id: number; room: { id: number; label: string } | null; person: { name: string } }[]> = true
    expect(typed).toBe(true)
  })

  test('one-to-one (a unique FK seen from the other side): an object or null', async () => {
    const q = clinicDb().selectFrom('people').select(['name']).include('profiles', (pr) => pr.select(['bio'])).orderBy('id')
    expect(q.compile().sql).toBe(
      'select "people"."name", (select to_json("r0".*) from (select "r0"."bio" from "profiles" as "r0" where "r0"."person_id" = "people"."id") as "r0") as "profiles" ' +
        'from "people" order by "people"."id" asc',
    )
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      { name: 'Reuven', profiles: { bio: 'Runs the clinic' } },
      { name: 'Shira', profiles: null },
      { name: 'Noa', profiles: { bio: 'Intern' } },
      { name: 'Avi', profiles: null },
    ])
    const typed: Equal<typeof rows, { name: string; profiles: { bio: string } | null }[]> = true
    expect(typed).toBe(true)
  })

  test('many-to-many (declared through the junction): arrays, [] when empty, from both sides', async () => {
    const q = clinicDb().selectFrom('people').select(['name']).include('meetings', (m) => m.select(['id', 'notes']).orderBy('id')).orderBy('id')
    expect(q.compile().sql).toBe(
      `select "people"."name", (select coalesce(json_agg("r0".* order by "r0"."id" asc), '[]'::json) ` +
        'from (select "r0"."id", "r0"."notes" from "appointments" as "r0" inner join "attendances" as "r0_j" on "r0_j"."appointment_id" = "r0"."id" ' +
        'where "r0_j"."person_id" = "people"."id") as "r0") as "meetings" ' +
        'from "people" order by "people"."id" asc',
    )
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      { name: 'Reuven', meetings: [{ id: 1, notes: 'New Year' }, { id: 5, notes: 'April' }] },
      { name: 'Shira', meetings: [{ id: 1, notes: 'New Year' }, { id: 4, notes: 'March' }] },
      { name: 'Noa', meetings: [{ id: 2, notes: null }, { id: 4, notes: 'March' }, { id: 6, notes: null }] },
      { name: 'Avi', meetings: [] },
    ])
    const typed: Equal<typeof rows, { name: string; meetings: { id: number; notes: string | null }[] }[]> = true
    expect(typed).toBe(true)

    const back = await clinicDb()
      .selectFrom('appointments')
      .select(['id'])
      .include('attendees', (x) => x.select(['name']).orderBy('name'))
      .where('id', 'in', [1, 3, 4])
      .orderBy('id')
      .execute()
    expect(back).toStrictEqual([
      { id: 1, attendees: [{ name: 'Reuven' }, { name: 'Shira' }] },
      { id: 3, attendees: [] },
      { id: 4, attendees: [{ name: 'Noa' }, { name: 'Shira' }] },
    ])
  })

  test('one-to-many is [] when there is no related row, never null', async () => {
    const rows = await clinicDb()
      .selectFrom('people')
      .select(['name'])
      .where('id', '=', 4)
      .include('appointments')
      .include('attendances')
      .include('meetings')
      .execute()
    expect(rows).toStrictEqual([{ name: 'Avi', appointments: [], attendances: [], meetings: [] }])
  })

  test('a nested where that matches nothing gives [] (and never drops the parent row)', async () => {
    const rows = await clinicDb()
      .selectFrom('people')
      .select(['id'])
      .include('appointments', (ap) => ap.select(['id']).where('notes', '=', 'nowhere'))
      .orderBy('id')
      .execute()
    expect(rows).toStrictEqual([1, 2, 3, 4].map((id) => ({ id, appointments: [] })))
  })

  test('a many-to-one inside a one-to-many inside a many-to-one (a relation object holding arrays)', async () => {
    const rows = await clinicDb()
      .selectFrom('profiles')
      .select(['bio'])
      .include('person', (pp) =>
        pp.select(['name']).include('appointments', (ap) => ap.select(['id']).orderBy('id').include('room', (r) => r.select(['label']))),
      )
      .orderBy('id')
      .execute()
    expect(rows).toStrictEqual([
      {
        bio: 'Runs the clinic',
        person: {
          name: 'Reuven',
          appointments: [
            { id: 1, room: { label: 'Blue' } },
            { id: 2, room: null },
            { id: 3, room: { label: 'Blue' } },
            { id: 5, room: { label: 'Blue' } },
          ],
        },
      },
      { bio: 'Intern', person: { name: 'Noa', appointments: [{ id: 6, room: { label: 'Blue' } }] } },
    ])
  })

  test("inside an include: 'table.column' references and 'ref as key' renames", async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select(['people.name as who'])
      .where('people.id', '=', 1)
      .include('appointments', (ap) => ap.select(['appointments.notes as note', 'id']).where('appointments.roomId', 'is', null).orderBy('appointments.id'))
    expect(q.compile()).toEqual({
      sql:
        `select "people"."name" as "who", (select coalesce(json_agg("r0".* order by "r0"."id" asc), '[]'::json) ` +
        'from (select "r0"."notes" as "note", "r0"."id" from "appointments" as "r0" where "r0"."person_id" = "people"."id" and "r0"."room_id" is null) as "r0") as "appointments" ' +
        'from "people" where "people"."id" = $1',
      parameters: ['1'],
    })
    const rows = await q.execute()
    expect(rows).toStrictEqual([{ who: 'Reuven', appointments: [{ note: null, id: 2 }] }])
    const typed: Equal<typeof rows, { who: string; appointments: { note: string | null; id: number }[] }[]> = true
    expect(typed).toBe(true)
  })

  test('distinct() with an include: duplicates removed, includes intact', async () => {
    // People who attend something, once each, with their profile: the join repeats people, distinct removes the repeats.
    const q = clinicDb()
      .selectFrom('people')
      .innerJoin('attendances')
      .distinct()
      .select(['people.id', 'people.name'])
      .include('profiles', (pr) => pr.select(['bio']))
      .orderBy('people.id')
    expect(await q.execute()).toStrictEqual([
      { id: 1, name: 'Reuven', profiles: { bio: 'Runs the clinic' } },
      { id: 2, name: 'Shira', profiles: null },
      { id: 3, name: 'Noa', profiles: { bio: 'Intern' } },
    ])
  })
})

describe('Chinook: six levels deep', () => {
  test('artist → album → track → invoiceLine → invoice → customer: one statement, the right shape and values', async () => {
    const db = t.db(chinook, { log: (event) => log.push(event) })
    const q = db
      .selectFrom('artist')
      .select(['artistId', 'name'])
      .where('artistId', 'in', [1, 8]) // AC/DC, and Audioslave
      .include('album', (al) =>
        al
          .select(['albumId', 'title'])
          .orderBy('albumId')
          .include('track', (tr) =>
            tr
              .select(['trackId', 'name', 'unitPrice'])
              .orderBy('trackId')
              .include('invoiceLine', (il) =>
                il
                  .select(['invoiceLineId', 'quantity'])
                  .orderBy('invoiceLineId')
                  .include('invoice', (inv) =>
                    inv.select(['invoiceId', 'invoiceDate', 'total']).include('customer', (cu) => cu.select(['customerId', 'firstName', 'lastName'])),
                  ),
              ),
          ),
      )
      .orderBy('artistId')
    expect(q.compile().sql).toBe(
      'select "artist"."artist_id" as "artistId", "artist"."name", ' +
        `(select coalesce(json_agg("r0".* order by "r0"."albumId" asc), '[]'::json) from (select "r0"."album_id" as "albumId", "r0"."title", ` +
        `(select coalesce(json_agg("r1".* order by "r1"."trackId" asc), '[]'::json) from (select "r1"."track_id" as "trackId", "r1"."name", "r1"."unit_price"::text as "unitPrice", ` +
        `(select coalesce(json_agg("r2".* order by "r2"."invoiceLineId" asc), '[]'::json) from (select "r2"."invoice_line_id" as "invoiceLineId", "r2"."quantity", ` +
        '(select to_json("r3".*) from (select "r3"."invoice_id" as "invoiceId", "r3"."invoice_date" as "invoiceDate", "r3"."total"::text, ' +
        '(select to_json("r4".*) from (select "r4"."customer_id" as "customerId", "r4"."first_name" as "firstName", "r4"."last_name" as "lastName" ' +
        'from "customer" as "r4" where "r4"."customer_id" = "r3"."customer_id") as "r4") as "customer" ' +
        'from "invoice" as "r3" where "r3"."invoice_id" = "r2"."invoice_id") as "r3") as "invoice" ' +
        'from "invoice_line" as "r2" where "r2"."track_id" = "r1"."track_id") as "r2") as "invoiceLine" ' +
        'from "track" as "r1" where "r1"."album_id" = "r0"."album_id") as "r1") as "track" ' +
        'from "album" as "r0" where "r0"."artist_id" = "artist"."artist_id") as "r0") as "album" ' +
        'from "artist" where "artist"."artist_id" in ($1, $2) order by "artist"."artist_id" asc',
    )
    const { result: rows, sql } = await statements(() => q.execute())
    expect(sql).toHaveLength(1)

    type Row = (typeof rows)[number]
    const typed: Equal<
      Row,
      {
        artistId: number
        name: string | null
        album: {
          albumId: number
          title: string
          track: {
            trackId: number
            name: string
            unitPrice: string
            invoiceLine: {
              invoiceLineId: number
              quantity: number
              invoice: { invoiceId: number; invoiceDate: Date; total: string; customer: { customerId: number; firstName: string; lastName: string } }
            }[]
          }[]
        }[]
      }
    > = true
    expect(typed).toBe(true)

    expect(rows.map((r) => [r.artistId, r.name, r.album.length])).toEqual([
      [1, 'AC/DC', 2],
      [8, 'Audioslave', 3],
    ])
    // Every leaf, flattened, equals the same walk written as joins in SQL.
    const flat = rows.flatMap((ar) =>
      ar.album.flatMap((al) =>
        al.track.flatMap((tr) =>
          tr.invoiceLine.map((il) => ({
            artist: ar.name,
            album: al.title,
            track: tr.trackId,
            price: tr.unitPrice,
            line: il.invoiceLineId,
            quantity: il.quantity,
            invoice: il.invoice.invoiceId,
            date: il.invoice.invoiceDate.toISOString(),
            total: il.invoice.total,
            customer: `${il.invoice.customer.firstName} ${il.invoice.customer.lastName}`,
          })),
        ),
      ),
    )
    const expected = await t.rows(`
      select ar.name as artist, al.title as album, tr.track_id as track, tr.unit_price::text as price,
             il.invoice_line_id as line, il.quantity, i.invoice_id as invoice,
             to_char(i.invoice_date, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as date, i.total::text as total,
             c.first_name || ' ' || c.last_name as customer
      from artist ar join album al using (artist_id) join track tr using (album_id)
      join invoice_line il using (track_id) join invoice i using (invoice_id) join customer c using (customer_id)
      where ar.artist_id in (1, 8)
      order by ar.artist_id, al.album_id, tr.track_id, il.invoice_line_id`)
    expect(expected.length).toBeGreaterThan(10)
    expect(flat).toEqual(expected)
    // Tracks nobody bought are there, with [].
    const tracks = rows.flatMap((ar) => ar.album.flatMap((al) => al.track))
    const [{ n }] = (await t.rows('select count(*)::int as n from track join album using (album_id) where artist_id in (1, 8)')) as [{ n: number }]
    expect(tracks).toHaveLength(n)
    expect(tracks.some((tr) => tr.invoiceLine.length === 0)).toBe(true)
  })

  test('six levels down a self-reference and back up: employee → customer → invoice → invoiceLine → track → album → artist', async () => {
    const db = t.db(chinook)
    const rows = await db
      .selectFrom('employee')
      .select(['employeeId', 'lastName'])
      .where('employeeId', '=', 3)
      .include('customer', (cu) =>
        cu
          .select(['customerId'])
          .orderBy('customerId')
          .limit(1)
          .include('invoice', (inv) =>
            inv
              .select(['invoiceId'])
              .orderBy('invoiceId')
              .limit(1)
              .include('invoiceLine', (il) =>
                il
                  .select(['invoiceLineId'])
                  .orderBy('invoiceLineId')
                  .include('track', (tr) =>
                    tr.select(['name']).include('album', (al) => al.select(['title']).include('artist', (ar) => ar.select(['name']))),
                  ),
              ),
          ),
      )
      .execute()
    const expected = await t.rows(`
      with c as (select customer_id from customer where support_rep_id = 3 order by customer_id limit 1),
           i as (select invoice_id, customer_id from invoice where customer_id = (select customer_id from c) order by invoice_id limit 1)
      select c.customer_id, i.invoice_id, il.invoice_line_id, tr.name as track, al.title as album, ar.name as artist
      from c join i using (customer_id) join invoice_line il using (invoice_id) join track tr using (track_id)
      left join album al using (album_id) left join artist ar using (artist_id)
      order by il.invoice_line_id`)
    expect(expected.length).toBeGreaterThan(0)
    const first = expected[0]!
    expect(rows).toStrictEqual([
      {
        employeeId: 3,
        lastName: 'Peacock',
        customer: [
          {
            customerId: first.customer_id,
            invoice: [
              {
                invoiceId: first.invoice_id,
                invoiceLine: expected.map((e) => ({
                  invoiceLineId: e.invoice_line_id,
                  track: { name: e.track, album: e.album === null ? null : { title: e.album, artist: { name: e.artist } } },
                })),
              },
            ],
          },
        ],
      },
    ])
  })
})

describe('inside the row subquery: the aggregate orders by value, keys keep their full length', () => {
  // numeric and bigint travel in JSON as text (exact), so ordering by the JSON text would put '10' before '9'.
  const ledger = schema(
    {
      accounts: table({ id: c.integer().primaryKey(), name: c.text() }),
      entries: table({
        id: c.integer().primaryKey(),
        accountId: c.integer().references('accounts.id'),
        amount: c.numeric(),
        seq: c.bigint(),
        memo: c.text(),
      }),
    },
    { casing: 'snake_case' },
  )
  const ledgerDb = () => t.db(ledger)

  beforeAll(async () => {
    await t.exec(`
      create table accounts (id integer primary key, name text not null);
      create table entries (
        id integer primary key, account_id integer not null references accounts,
        amount numeric not null, seq bigint not null, memo text not null
      );
      insert into accounts values (1, 'main'), (2, 'empty');
      insert into entries values
        (1, 1, 9, 10, 'nine'), (2, 1, 10, 9, 'ten'), (3, 1, 10, 100, 'ten again'),
        (4, 1, 100, 2, 'hundred'), (5, 1, 2.5, 11, 'two and a half');
    `)
  })

  test('ordered by a numeric column (text in JSON) and by an expression, with a limit: by value, and no hidden $order key in the results', async () => {
    const q = ledgerDb()
      .selectFrom('accounts')
      .select(['id'])
      .include('entries', (e) =>
        e
          .select(['id', 'amount'])
          .orderBy('amount', 'desc')
          .orderBy(sql`length(${sql.ref('memo')})`, 'desc')
          .limit(4),
      )
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        // amount is selected but travels as text, and the expression is not selected: both are
        // hidden columns of the row subquery, ordered as numeric and integer.
        `select "accounts"."id", (select coalesce(json_agg("r0".* order by "r0"."$order0" desc, "r0"."$order1" desc), '[]'::json) ` +
        'from (select "r0"."id", "r0"."amount"::text, "r0"."amount" as "$order0", length("memo") as "$order1" ' +
        'from "entries" as "r0" where "r0"."account_id" = "accounts"."id" order by "r0"."amount" desc, length("memo") desc limit $1) as "r0") as "entries" ' +
        'from "accounts" order by "accounts"."id" asc',
      parameters: ['4'],
    })
    const rows = await q.execute()
    // By value: 100, 10 ('ten again', the longer memo, first), 10, 9; as text it would be '9', '2.5', '100', '10'.
    expect(rows).toStrictEqual([
      {
        id: 1,
        entries: [
          { id: 4, amount: '100' },
          { id: 3, amount: '10' },
          { id: 2, amount: '10' },
          { id: 1, amount: '9' },
        ],
      },
      { id: 2, entries: [] },
    ])
    const typed: Equal<typeof rows, { id: number; entries: { id: number; amount: string }[] }[]> = true
    expect(typed).toBe(true)

    // bigint: 2, 9, 10 by value (as text: '10', '100', '11').
    const bySeq = await ledgerDb()
      .selectFrom('accounts')
      .select(['name'])
      .where('id', '=', 1)
      .include('entries', (e) => e.select(['seq', 'memo']).orderBy('seq').orderBy(sql`-${sql.ref('amount')}`).limit(3))
      .execute()
    expect(bySeq).toStrictEqual([
      {
        name: 'main',
        entries: [
          { seq: 2n, memo: 'hundred' },
          { seq: 9n, memo: 'ten' },
          { seq: 10n, memo: 'nine' },
        ],
      },
    ])
  })

  test('a key longer than 63 bytes (Postgres truncates longer names) inside an include comes back under the full key', async () => {
    const longKey = 'theIdentifierOfEveryAppointmentUnderAKeyLongerThanAnyPostgresNameCanBe'
    const wideKey = 'éééééééééééééééééééééééééééééééééééé' // 36 characters, 72 bytes in UTF-8
    expect(longKey).toHaveLength(70)
    expect(new TextEncoder().encode(wideKey)).toHaveLength(72)
    const q = clinicDb()
      .selectFrom('people')
      .select(['name'])
      .where('id', '=', 1)
      .include('appointments', (ap) =>
        ap
          .select((eb) => [eb.ref('id').as(longKey), 'notes'])
          .orderBy('id', 'desc')
          .include('room', (r) => r.select((eb) => [eb.ref('label').as(wideKey)])),
      )
    const rows = await q.execute()
    const entry = (id: number, notes: string | null, label: string | null) => ({ [longKey]: id, notes, room: label === null ? null : { [wideKey]: label } })
    expect(rows).toStrictEqual([
      { name: 'Reuven', appointments: [entry(5, 'April', 'Blue'), entry(3, 'Old', 'Blue'), entry(2, null, null), entry(1, 'New Year', 'Blue')] },
    ])
    const typed: Equal<typeof rows, { name: string; appointments: { [longKey]: number; notes: string | null; room: { [wideKey]: string } | null }[] }[]> = true
    expect(typed).toBe(true)
  })

  test("a long key's stand-in never takes a name the query already uses", async () => {
    const longKey = 'k'.repeat(70)
    const rows = await clinicDb()
      .selectFrom('people')
      .select(['name'])
      .where('id', '=', 1)
      .include('appointments', (ap) =>
        ap.select((eb) => [eb.ref('notes').as('$column1'), eb.ref('id').as(longKey), eb.ref('id').as('$column0')]).orderBy('id').limit(2),
      )
      .execute()
    expect(rows).toStrictEqual([
      {
        name: 'Reuven',
        appointments: [
          { $column1: 'New Year', [longKey]: 1, $column0: 1 },
          { $column1: null, [longKey]: 2, $column0: 2 },
        ],
      },
    ])
  })
})

describe('decoding without eval', () => {
  test('where a Content-Security-Policy forbids eval, rows and nested rows decode to the same values', async () => {
    // Decoders are generated once per query shape: the run without eval uses other keys, so it
    // cannot reuse what the first run generated.
    const generated = await clinicDb()
      .selectFrom('people')
      .select(['id', 'name as first'])
      .orderBy('id')
      .include('appointments', (ap) => ap.select(['id', 'meetingAt as at', 'notes']).orderBy('meetingAt', 'desc').include('room', (r) => r.select(['label'])))
      .execute()
    let refused = 0
    vi.stubGlobal('Function', function forbidden() {
      refused++
      throw new EvalError('Refused to evaluate a string as JavaScript')
    })
    try {
      const looped = await clinicDb()
        .selectFrom('people')
        .select(['id', 'name as second'])
        .orderBy('id')
        .include('appointments', (ap) => ap.select(['id', 'meetingAt as on', 'notes']).orderBy('meetingAt', 'desc').include('room', (r) => r.select(['label'])))
        .execute()
      expect(refused).toBeGreaterThanOrEqual(2)
      const renamed = looped.map(({ second, appointments, ...person }) => ({
        ...person,
        first: second,
        appointments: appointments.map(({ on, ...appointment }) => ({ ...appointment, at: on })),
      }))
      expect(renamed).toEqual(generated)
      expect(generated.flatMap((person) => person.appointments).some((appointment) => appointment.at instanceof Date)).toBe(true)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
