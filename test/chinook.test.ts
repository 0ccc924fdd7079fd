// Truth against a real data set (issue 3 item 8): on the loaded Chinook fixture, include()
// results equal, row for row, a hand-written SQL answer run through the raw client. The nested
// results are flattened (a parent without children gives one row of nulls, as a left join does)
// and compared with the flat answer; where the raw client's types differ from joinery's
// (numeric, timestamp), the SQL answer casts them to text and joinery's values are written the same way.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { chinook, chinookDatabase } from './support/chinook.js'
import type { TestDatabase } from './support/database.js'

let t: TestDatabase

beforeAll(async () => {
  t = await chinookDatabase()
})
afterAll(() => t.close())

const db = () => t.db(chinook)

/** One flat row per leaf, or one row of nulls for a parent with no children: what a left join gives. */
function leaves<P, C, R>(parents: readonly P[], children: (parent: P) => readonly C[], row: (parent: P, child: C | undefined) => R): R[] {
  return parents.flatMap((parent) => {
    const found = children(parent)
    return found.length === 0 ? [row(parent, undefined)] : found.map((child) => row(parent, child))
  })
}

/** `2009-01-01 00:00:00` — a timestamp without time zone as Postgres writes it, from joinery's Date (read as UTC). */
const timestampText = (date: Date) => date.toISOString().replace('T', ' ').replace(/\.000Z$/, '')

test('the data loaded', async () => {
  const [counts] = await t.rows(`select (select count(*)::int from artist) as artists, (select count(*)::int from track) as tracks,
    (select count(*)::int from playlist_track) as entries, (select count(*)::int from invoice_line) as lines`)
  expect(counts).toEqual({ artists: 275, tracks: 3503, entries: 8715, lines: 2240 })
})

test('artists → albums → tracks with their genre, ordered and limited at every level', async () => {
  const rows = await db()
    .selectFrom('artist')
    .select(['artistId', 'name'])
    .where('name', 'like', 'A%')
    .orderBy('name')
    .orderBy('artistId')
    .limit(12)
    .offset(2)
    .include('album', (al) =>
      al
        .select(['albumId', 'title'])
        .orderBy('title', 'desc')
        .orderBy('albumId')
        .limit(2)
        .include('track', (tr) =>
          tr
            .select(['trackId', 'name', 'milliseconds', 'unitPrice', 'composer'])
            .orderBy('milliseconds', 'desc')
            .orderBy('trackId')
            .limit(3)
            .include('genre', (g) => g.select(['name'])),
        ),
    )
    .execute()

  const answer = await t.rows(`
    with a as (
      select artist_id, name from artist where name like 'A%' order by name, artist_id limit 12 offset 2
    ), al as (
      select * from (
        select al.*, row_number() over (partition by al.artist_id order by al.title desc, al.album_id) as n
        from album al where al.artist_id in (select artist_id from a)
      ) ranked where n <= 2
    ), tr as (
      select * from (
        select tr.*, row_number() over (partition by tr.album_id order by tr.milliseconds desc, tr.track_id) as n
        from track tr where tr.album_id in (select album_id from al)
      ) ranked where n <= 3
    )
    select a.artist_id, a.name as artist, al.album_id, al.title, tr.track_id, tr.name as track, tr.milliseconds,
           tr.unit_price::text as unit_price, tr.composer, g.name as genre
    from a
    left join al on al.artist_id = a.artist_id
    left join tr on tr.album_id = al.album_id
    left join genre g on g.genre_id = tr.genre_id
    order by a.name, a.artist_id, al.title desc, al.album_id, tr.milliseconds desc, tr.track_id`)

  const flat = rows.flatMap((ar) =>
    leaves(
      ar.album.length === 0 ? [undefined] : ar.album,
      (al) => al?.track ?? [],
      (al, tr) => ({
        artist_id: ar.artistId,
        artist: ar.name,
        album_id: al?.albumId ?? null,
        title: al?.title ?? null,
        track_id: tr?.trackId ?? null,
        track: tr?.name ?? null,
        milliseconds: tr?.milliseconds ?? null,
        unit_price: tr?.unitPrice ?? null,
        composer: tr === undefined ? null : tr.composer,
        genre: tr === undefined ? null : (tr.genre?.name ?? null),
      }),
    ),
  )
  expect(rows).toHaveLength(12)
  expect(answer.length).toBeGreaterThan(15)
  expect(flat).toEqual(answer)
  // Both limits bit somewhere (so the per-parent windows are really tested).
  expect(rows.some((ar) => ar.album.length === 2)).toBe(true)
  expect(rows.some((ar) => ar.album.some((al) => al.track.length === 3))).toBe(true)
})

test('playlists → tracks through the junction (first 5 by name, and how many in all); empty playlists give []', async () => {
  const rows = await db()
    .selectFrom('playlist')
    .select(['playlistId', 'name'])
    .include('track', (tr) => tr.select(['trackId', 'name']).orderBy('name').orderBy('trackId').limit(5))
    .includeCount('track')
    .orderBy('playlistId')
    .execute()

  const answer = await t.rows(`
    select p.playlist_id, p.name as playlist,
           (select count(*)::int from playlist_track c where c.playlist_id = p.playlist_id) as total,
           ranked.track_id, ranked.name as track
    from playlist p
    left join lateral (
      select tr.track_id, tr.name from playlist_track pt join track tr on tr.track_id = pt.track_id
      where pt.playlist_id = p.playlist_id order by tr.name, tr.track_id limit 5
    ) ranked on true
    order by p.playlist_id, ranked.name, ranked.track_id`)

  const flat = leaves(
    rows,
    (pl) => pl.track,
    (pl, tr) => ({ playlist_id: pl.playlistId, playlist: pl.name, total: pl.trackCount, track_id: tr?.trackId ?? null, track: tr?.name ?? null }),
  )
  expect(flat).toEqual(answer)
  expect(rows).toHaveLength(18)
  expect(rows.filter((pl) => pl.track.length === 0).length).toBeGreaterThan(0)
  expect(rows.every((pl) => pl.track.length === Math.min(5, pl.trackCount))).toBe(true)

  // …and from the other side: the playlists of a few tracks.
  const tracks = await db()
    .selectFrom('track')
    .select(['trackId'])
    .where('trackId', 'in', [1, 2, 3402])
    .include('playlist', (pl) => pl.select(['playlistId']).orderBy('playlistId'))
    .orderBy('trackId')
    .execute()
  const back = await t.rows(`
    select tr.track_id, coalesce(array_agg(pt.playlist_id order by pt.playlist_id) filter (where pt.playlist_id is not null), '{}') as ids
    from track tr left join playlist_track pt on pt.track_id = tr.track_id
    where tr.track_id in (1, 2, 3402) group by tr.track_id order by tr.track_id`)
  expect(tracks.map((tr) => ({ track_id: tr.trackId, ids: tr.playlist.map((pl) => pl.playlistId) }))).toEqual(back)
})

test('employees → their reports (the self-reference both ways), with their customers counted', async () => {
  const rows = await db()
    .selectFrom('employee')
    .select(['employeeId', 'firstName', 'lastName', 'title', 'hireDate'])
    .include('reportsToEmployee', (m) => m.select(['lastName']))
    .include('employeeByReportsToEmployee', (r) => r.select(['employeeId', 'lastName']).orderBy('employeeId'))
    .includeCount('customer')
    .orderBy('employeeId')
    .execute()

  const answer = await t.rows(`
    select e.employee_id, e.first_name, e.last_name, e.title, to_char(e.hire_date, 'YYYY-MM-DD HH24:MI:SS') as hire_date,
           m.last_name as manager, (select count(*)::int from customer c where c.support_rep_id = e.employee_id) as customers,
           r.employee_id as report_id, r.last_name as report
    from employee e
    left join employee m on m.employee_id = e.reports_to
    left join employee r on r.reports_to = e.employee_id
    order by e.employee_id, r.employee_id`)

  const flat = leaves(
    rows,
    (e) => e.employeeByReportsToEmployee,
    (e, r) => ({
      employee_id: e.employeeId,
      first_name: e.firstName,
      last_name: e.lastName,
      title: e.title,
      hire_date: e.hireDate === null ? null : timestampText(e.hireDate),
      manager: e.reportsToEmployee?.lastName ?? null,
      customers: e.customerCount,
      report_id: r?.employeeId ?? null,
      report: r?.lastName ?? null,
    }),
  )
  expect(flat).toEqual(answer)
  expect(rows.find((e) => e.employeeId === 1)?.reportsToEmployee).toBeNull()
  expect(rows.filter((e) => e.employeeByReportsToEmployee.length > 0).map((e) => e.employeeId)).toEqual([1, 2, 6])
})

test('customers → their support rep and their two largest invoices → lines → track: numeric and timestamp values exact', async () => {
  const rows = await db()
    .selectFrom('customer')
    .select(['customerId', 'lastName'])
    .where('country', '=', 'Brazil')
    .include('supportRep', (e) => e.select(['lastName']))
    .include('invoice', (i) =>
      i
        .select(['invoiceId', 'invoiceDate', 'total'])
        .orderBy('total', 'desc')
        .orderBy('invoiceId')
        .limit(2)
        .include('invoiceLine', (l) => l.select(['unitPrice', 'quantity']).orderBy('invoiceLineId').include('track', (tr) => tr.select(['name']))),
    )
    .orderBy('customerId')
    .execute()

  const answer = await t.rows(`
    select c.customer_id, c.last_name, rep.last_name as rep, i.invoice_id, to_char(i.invoice_date, 'YYYY-MM-DD HH24:MI:SS') as invoice_date,
           i.total::text as total, il.unit_price::text as unit_price, il.quantity, tr.name as track
    from customer c
    left join employee rep on rep.employee_id = c.support_rep_id
    left join lateral (select * from invoice i where i.customer_id = c.customer_id order by i.total desc, i.invoice_id limit 2) i on true
    left join invoice_line il on il.invoice_id = i.invoice_id
    left join track tr on tr.track_id = il.track_id
    where c.country = 'Brazil'
    order by c.customer_id, i.total desc, i.invoice_id, il.invoice_line_id`)

  const flat = rows.flatMap((cu) =>
    leaves(
      cu.invoice,
      (inv) => inv.invoiceLine,
      (inv, line) => ({
        customer_id: cu.customerId,
        last_name: cu.lastName,
        rep: cu.supportRep?.lastName ?? null,
        invoice_id: inv.invoiceId,
        invoice_date: timestampText(inv.invoiceDate),
        total: inv.total,
        unit_price: line?.unitPrice ?? null,
        quantity: line?.quantity ?? null,
        track: line?.track.name ?? null,
      }),
    ),
  )
  expect(rows.length).toBeGreaterThan(3)
  expect(flat).toEqual(answer)
  expect(flat.every((row) => /^\d+\.\d\d$/.test(row.total) && (row.unit_price === null || /^\d+\.\d\d$/.test(row.unit_price)))).toBe(true) // scale kept: '0.99', '13.86'
})
