// insertInto (API.md §4): every test builds an insert, asserts the SQL and parameters it compiles
// to, runs it, and asserts both what joinery returned and what the database really holds, read
// with the raw client. Values of every column kind go in through joinery and come back exactly.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { JoineryError, column as c, enumOf, schema, sql, table } from '../src/index.js'
import type { Database, QueryLogEvent } from '../src/index.js'
import { appointmentsTable, peopleTable } from './support/api-clinic.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'

// Far from UTC, and not a whole hour off: reading `timestamp` (without time zone) as local time
// instead of UTC, or writing it so, would shift every value. Vitest runs each file in its own process.
const originalTimeZone = process.env.TZ
process.env.TZ = 'America/St_Johns'

const mood = enumOf(['sad', 'ok', 'happy'], { name: 'mood' })

const clinic = schema(
  {
    people: peopleTable,
    appointments: appointmentsTable,
    archive: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      email: c.text().nullable(),
    }),
    guests: table({
      id: c.serial().primaryKey(),
      firstName: c.text(),
      lastName: c.text(),
    }).computed((t) => ({ fullName: sql<string>`${t.firstName} || ' ' || ${t.lastName}` })),
    notes: table({
      id: c.serial().primaryKey(),
      body: c.text().nullable(),
      at: c.timestamptz().default(sql`now()`),
    }),
    kinds: table({
      id: c.serial().primaryKey(),
      big: c.bigint().nullable(),
      bigNumber: c.bigint({ mode: 'number' }).nullable(),
      bigString: c.bigint({ mode: 'string' }).nullable(),
      num: c.numeric().nullable(),
      money: c.numeric({ precision: 12, scale: 2 }).nullable(),
      small: c.smallint().nullable(),
      int: c.integer().nullable(),
      float4: c.real().nullable(),
      float8: c.doublePrecision().nullable(),
      bool: c.boolean().nullable(),
      txt: c.text().nullable(),
      uid: c.uuid().nullable(),
      day: c.date().nullable(),
      ts: c.timestamp().nullable(),
      tstz: c.timestamptz().nullable(),
      clock: c.time().nullable(),
      span: c.interval().nullable(),
      doc: c.json<{ a: number; nested: { list: (number | string | boolean | null)[] }; s: string }>().nullable(),
      docb: c.jsonb<Record<string, unknown>>().nullable(),
      list: c.jsonb<unknown[]>().nullable(),
      bytes: c.bytea().nullable(),
      mood: mood.nullable(),
      ints: c.integer().array().nullable(),
      bigs: c.bigint().array().nullable(),
      texts: c.text().array().nullable(),
      days: c.date().array().nullable(),
      stamps: c.timestamptz().array().nullable(),
      moods: mood.array().nullable(),
      matrix: c.integer().array().array().nullable(),
    }),
  },
  { casing: 'snake_case' },
)

let t: TestDatabase
let db: Database<typeof clinic>
const events: QueryLogEvent[] = []
const sent = () => events.map((event) => event.sql)

beforeAll(async () => {
  expect(new Date('2020-01-01T00:00:00Z').getTimezoneOffset(), 'the process runs far from UTC').toBe(210)
  t = await testDatabase()
  await t.exec(`
    create type mood as enum ('sad', 'ok', 'happy');
    create table people (id serial primary key, name text not null, email text unique, created_at timestamptz not null default now());
    create table appointments (id serial primary key, person_id integer not null references people, meeting_at timestamptz not null, notes text);
    create table archive (id serial primary key, name text not null, email text);
    create table guests (id serial primary key, first_name text not null, last_name text not null);
    create table notes (id serial primary key, body text, at timestamptz not null default now());
    create table kinds (
      id serial primary key, big bigint, big_number bigint, big_string bigint, num numeric, money numeric(12,2),
      small smallint, int integer, float4 real, float8 double precision, bool boolean, txt text, uid uuid,
      day date, ts timestamp, tstz timestamptz, clock time, span interval, doc json, docb jsonb, list jsonb,
      bytes bytea, mood mood, ints integer[], bigs bigint[], texts text[], days date[], stamps timestamptz[], moods mood[],
      matrix integer[][]
    );
  `)
  db = t.db(clinic, { log: (event) => events.push(event) })
})

beforeEach(async () => {
  await t.exec('truncate people, appointments, archive, guests, notes, kinds restart identity cascade')
  events.length = 0
})

afterAll(async () => {
  await t?.close()
  if (originalTimeZone === undefined) delete process.env.TZ
  else process.env.TZ = originalTimeZone
})

const recently = (date: unknown) => date instanceof Date && Math.abs(date.getTime() - Date.now()) < 10 * 60_000

describe('values()', () => {
  test('one row: the columns it gives, as parameters; without returning the result is { rowCount }', async () => {
    const q = db.insertInto('people').values({ name: 'Reuven', email: 'r@x' })
    expect(q.compile()).toEqual({ sql: 'insert into "people" ("name", "email") values ($1, $2)', parameters: ['Reuven', 'r@x'] })
    expect(await q.execute()).toStrictEqual({ rowCount: 1 })
    const rows = await t.rows('select id, name, email, created_at is not null as has_created_at from people')
    expect(rows).toEqual([{ id: 1, name: 'Reuven', email: 'r@x', has_created_at: true }])
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ sql: q.compile().sql, parameters: ['Reuven', 'r@x'], rowCount: 1, error: undefined })
  })

  test('many rows with different keys: the union of the keys, and `default` where a row has no value', async () => {
    const createdAt = new Date('2013-01-01T09:00:00.000Z')
    const q = db.insertInto('people').values([{ name: 'Reuven', email: 'r@x' }, { name: 'Shira', createdAt }, { email: 'n@x', name: 'Noa' }])
    expect(q.compile()).toEqual({
      sql: 'insert into "people" ("name", "email", "created_at") values ($1, $2, default), ($3, default, $4), ($5, $6, default)',
      parameters: ['Reuven', 'r@x', 'Shira', '2013-01-01 09:00:00.000+00', 'Noa', 'n@x'],
    })
    expect(await q.execute()).toStrictEqual({ rowCount: 3 })
    const rows = await t.rows(`select id, name, email, created_at = '2013-01-01T09:00:00Z' as given_date,
      created_at > now() - interval '1 hour' as defaulted from people order by id`)
    expect(rows).toEqual([
      { id: 1, name: 'Reuven', email: 'r@x', given_date: false, defaulted: true },
      { id: 2, name: 'Shira', email: null, given_date: true, defaulted: false },
      { id: 3, name: 'Noa', email: 'n@x', given_date: false, defaulted: true },
    ])
  })

  test('a key whose value is undefined is left out, like a missing key; null is sent as NULL', async () => {
    const q = db.insertInto('people').values([{ name: 'Shira', email: undefined }, { name: 'Noa', email: null }])
    expect(q.compile()).toEqual({ sql: 'insert into "people" ("name", "email") values ($1, default), ($2, $3)', parameters: ['Shira', 'Noa', null] })
    expect(await q.execute()).toStrictEqual({ rowCount: 2 })
    expect(await t.rows('select name, email from people order by id')).toEqual([
      { name: 'Shira', email: null },
      { name: 'Noa', email: null },
    ])
  })

  test('a value may be an expression: it is written into the SQL instead of a parameter', async () => {
    const q = db.insertInto('people').values({ name: sql<string>`upper(${'reuven'})`, createdAt: sql<Date>`'2001-02-03T04:05:06Z'::timestamptz` })
    expect(q.compile()).toEqual({
      sql: `insert into "people" ("name", "created_at") values (upper($1), '2001-02-03T04:05:06Z'::timestamptz)`,
      parameters: ['reuven'],
    })
    await q.execute()
    expect(await db.selectFrom('people').select(['name', 'createdAt']).execute()).toStrictEqual([
      { name: 'REUVEN', createdAt: new Date('2001-02-03T04:05:06Z') },
    ])
  })

  test('a serial column may be given explicitly', async () => {
    await db.insertInto('people').values({ id: 42, name: 'Avi' }).execute()
    expect(await t.rows('select id, name from people')).toEqual([{ id: 42, name: 'Avi' }])
  })

  test('a built insert is a value: executing it twice inserts twice, with the same SQL', async () => {
    const q = db.insertInto('people').values({ name: 'Twice' })
    await q.execute()
    await q.execute()
    expect(sent()).toEqual(['insert into "people" ("name") values ($1)', 'insert into "people" ("name") values ($1)'])
    expect(await t.rows('select id, name from people order by id')).toEqual([
      { id: 1, name: 'Twice' },
      { id: 2, name: 'Twice' },
    ])
  })

  test('a row with no keys, on a table whose columns are all optional, inserts the defaults', async () => {
    // `insert into "notes" () values ()` is not SQL: one row of defaults is `default values`.
    const one = await db.insertInto('notes').values({}).returning(['id', 'body']).execute()
    expect(one).toStrictEqual([{ id: 1, body: null }])
    expect(await db.insertInto('notes').values([{}, {}]).execute()).toStrictEqual({ rowCount: 2 })
    expect(await t.rows('select id, body, at is not null as has_at from notes order by id')).toEqual([
      { id: 1, body: null, has_at: true },
      { id: 2, body: null, has_at: true },
      { id: 3, body: null, has_at: true },
    ])
  })
})

describe('returning() and returningAll()', () => {
  test('returning([...]) gives the chosen columns of every inserted row, keys as in the schema', async () => {
    const q = db
      .insertInto('appointments')
      .values([{ personId: 1, meetingAt: new Date('2013-01-01'), notes: 'New Year meeting' }, { personId: 1, meetingAt: new Date('2013-02-01') }])
    await db.insertInto('people').values({ name: 'Reuven' }).execute()
    const returning = q.returning(['id', 'personId', 'meetingAt as at'])
    expect(returning.compile()).toEqual({
      sql:
        'insert into "appointments" ("person_id", "meeting_at", "notes") values ($1, $2, $3), ($4, $5, default)' +
        ' returning "appointments"."id", "appointments"."person_id" as "personId", "appointments"."meeting_at" as "at"',
      parameters: ['1', '2013-01-01 00:00:00.000+00', 'New Year meeting', '1', '2013-02-01 00:00:00.000+00'],
    })
    expect(await returning.execute()).toStrictEqual([
      { id: 1, personId: 1, at: new Date('2013-01-01T00:00:00Z') },
      { id: 2, personId: 1, at: new Date('2013-02-01T00:00:00Z') },
    ])
    expect(await t.rows(`select id, person_id, (meeting_at at time zone 'UTC')::text as at, notes from appointments order by id`)).toEqual([
      { id: 1, person_id: 1, at: '2013-01-01 00:00:00', notes: 'New Year meeting' },
      { id: 2, person_id: 1, at: '2013-02-01 00:00:00', notes: null },
    ])
  })

  test('two columns landing on one key: a compile-time error and a JoineryError, not a row that silently keeps one', async () => {
    const q = db.insertInto('people').values({ name: 'Noa' })
    // @ts-expect-error — two selections land on the key "id": rename one with 'ref as otherName'
    expect(() => q.returning(['id', 'name as id'])).toThrow(JoineryError)
    expect(() => (q.returning as unknown as (columns: string[]) => unknown)(['people.id', 'id'])).toThrow('Two selections land on the key "id"')
    const rows = await q.returning(['id', 'id', 'name']).execute()
    expect(rows).toStrictEqual([{ id: 1, name: 'Noa' }])
    expect(q.returning(['id', 'id']).compile().sql).toBe('insert into "people" ("name") values ($1) returning "people"."id"')
  })

  test('returningAll() gives whole rows, with the values the database filled in', async () => {
    const q = db.insertInto('people').values({ name: 'Shira' }).returningAll()
    expect(q.compile().sql).toBe(
      'insert into "people" ("name") values ($1) returning "people"."id", "people"."name", "people"."email", "people"."created_at" as "createdAt"',
    )
    const [row, ...rest] = await q.execute()
    expect(rest).toEqual([])
    expect(row).toMatchObject({ id: 1, name: 'Shira', email: null })
    expect(Object.keys(row!)).toEqual(['id', 'name', 'email', 'createdAt'])
    expect(recently(row!.createdAt)).toBe(true)
    // The database keeps microseconds; the Date is the same instant to the millisecond.
    const stored = await t.rows(`select date_trunc('milliseconds', created_at) = $1::timestamptz as same from people`, [row!.createdAt.toISOString()])
    expect(stored).toEqual([{ same: true }])
  })

  test('returningAll() on a table with computed columns returns them too, as its type says', async () => {
    const rows = await db.insertInto('guests').values({ firstName: 'Ada', lastName: 'Lovelace' }).returningAll().execute()
    expect(rows).toStrictEqual([{ id: 1, firstName: 'Ada', lastName: 'Lovelace', fullName: 'Ada Lovelace' }])
  })

  test('returning a computed column by name', async () => {
    const q = db.insertInto('guests').values({ firstName: 'Alan', lastName: 'Turing' }).returning(['id', 'fullName'])
    expect(q.compile().sql).toBe(
      `insert into "guests" ("first_name", "last_name") values ($1, $2) returning "guests"."id", ("guests"."first_name" || ' ' || "guests"."last_name") as "fullName"`,
    )
    expect(await q.execute()).toStrictEqual([{ id: 1, fullName: 'Alan Turing' }])
  })
})

describe('columns([...]).expression(query): insert … select', () => {
  beforeEach(async () => {
    await t.exec(`insert into people (name, email, created_at) values ('Reuven', 'r@x', '2010-01-01Z'), ('Shira', null, '2011-01-01Z'), ('Noa', 'noa@x', '2012-01-01Z')`)
    events.length = 0
  })

  test('inserts the rows of a select, its parameters numbered in the one statement', async () => {
    const q = db
      .insertInto('appointments')
      .columns(['personId', 'meetingAt'])
      .expression(db.selectFrom('people').select(['id as personId', 'createdAt as meetingAt']).where('name', '<>', 'Shira').orderBy('id'))
    expect(q.compile()).toEqual({
      sql:
        'insert into "appointments" ("person_id", "meeting_at") select "people"."id" as "personId", "people"."created_at" as "meetingAt"' +
        ' from "people" where "people"."name" <> $1 order by "people"."id" asc',
      parameters: ['Shira'],
    })
    expect(await q.execute()).toStrictEqual({ rowCount: 2 })
    expect(await t.rows(`select person_id, (meeting_at at time zone 'UTC')::text as at, notes from appointments order by id`)).toEqual([
      { person_id: 1, at: '2010-01-01 00:00:00', notes: null },
      { person_id: 3, at: '2012-01-01 00:00:00', notes: null },
    ])
  })

  test('with returning(), the inserted rows come back', async () => {
    const rows = await db
      .insertInto('archive')
      .columns(['name', 'email'])
      .expression(db.selectFrom('people').select(['name', 'email']).orderBy('id'))
      .returning(['id', 'name', 'email'])
      .execute()
    expect(rows).toStrictEqual([
      { id: 1, name: 'Reuven', email: 'r@x' },
      { id: 2, name: 'Shira', email: null },
      { id: 3, name: 'Noa', email: 'noa@x' },
    ])
    expect(await t.rows('select id, name, email from archive order by id')).toEqual(rows)
  })

  test('the query’s columns land in the columns of the same name, whatever order it selects them in', async () => {
    // The types match columns to the query by name; SQL matches them by position. Selecting
    // `email, name` for `columns(['name', 'email'])` must not swap them (nor fail on NOT NULL).
    const q = db.insertInto('archive').columns(['name', 'email']).expression(db.selectFrom('people').select(['email', 'name']).where('id', '=', 1))
    let outcome: unknown
    try {
      outcome = await q.execute()
    } catch (error) {
      outcome = error
    }
    if (outcome instanceof Error) {
      // Refusing is acceptable too, if it happens before the database.
      expect(outcome).toBeInstanceOf(JoineryError)
      expect(sent()).toEqual([])
    } else expect(await t.rows('select name, email from archive')).toEqual([{ name: 'Reuven', email: 'r@x' }])
  })

  test('a query selecting columns that columns() does not list is refused before the database', async () => {
    const query = db.selectFrom('people').select(['name', 'id'])
    const insert = async () => (db.insertInto('archive').columns(['name']) as { expression(q: unknown): { execute(): Promise<unknown> } }).expression(query).execute()
    await expect(insert()).rejects.toThrow(JoineryError)
    await expect(insert()).rejects.not.toHaveProperty('code')
    expect(sent()).toEqual([])
    expect(await t.rows('select count(*)::int as n from archive')).toEqual([{ n: 0 }])
  })
})

// Every column kind, written through joinery at its edges, reads back identically through joinery
// and, cast to text by Postgres itself, through the raw client.
const UNICODE = 'it\'s "quoted", a back\\slash, {braces}, ünïcödé 🎉, tab\tand a\nnewline'

const row1 = {
  big: 9007199254740993n, // 2^53 + 1: not a JS number
  bigNumber: 9007199254740991,
  bigString: '9223372036854775807',
  num: '12345678901234567890.123456789012345678',
  money: '12.50',
  small: 32767,
  int: -2147483648,
  float4: 1.5,
  float8: 0.30000000000000004,
  bool: true,
  txt: UNICODE,
  uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  day: '2024-02-29',
  ts: new Date('2020-02-29T12:34:56.789Z'),
  tstz: new Date('1999-12-31T23:59:59.999Z'),
  clock: '13:14:15.123456',
  span: '1 year 2 mons 3 days 04:05:06.789',
  doc: { a: 1, nested: { list: [1, 'two', null, true] }, s: 'quote " and \\ backslash' },
  docb: { key: 'value', n: 1.5, deep: { arr: [true, false, null] } },
  list: [1, { x: 'y' }, [2, 3], 'four', null],
  bytes: new Uint8Array([0x00, 0x01, 0x7f, 0x80, 0xff]),
  mood: 'happy' as const,
  ints: [1, -2, 2147483647],
  bigs: [9007199254740993n, -9223372036854775808n],
  texts: ['a,b', 'with "quotes"', 'back\\slash', '', 'NULL', '{x}', ' spaced ', 'ünï 🎉'],
  days: ['2024-01-01', '1999-12-31', '0044-03-15 BC'],
  stamps: [new Date('1969-07-20T20:17:40.123Z'), new Date('2100-01-01T00:00:00Z')],
  moods: ['sad', 'happy'] as ('sad' | 'ok' | 'happy')[],
  matrix: [
    [1, 2],
    [3, 4],
  ],
}

const row2 = {
  big: -9223372036854775808n,
  bigNumber: -9007199254740991,
  bigString: '-1',
  num: 'NaN',
  money: '-0.01',
  small: -32768,
  int: 0,
  float4: -Infinity,
  float8: Number.NaN,
  bool: false,
  txt: '',
  uid: '00000000-0000-0000-0000-000000000000',
  day: '0044-03-15 BC',
  ts: new Date('1900-01-01T00:00:00Z'),
  tstz: new Date('-000043-03-15T12:00:00Z'), // 44 BC
  clock: '00:00:00',
  span: '-1 days +00:00:01',
  doc: { a: 0, nested: { list: [] }, s: '' },
  docb: {},
  list: [],
  bytes: new Uint8Array([]),
  mood: 'sad' as const,
  ints: [],
  bigs: [],
  texts: [],
  days: [],
  stamps: [new Date(8.64e15), new Date(-8.64e15)], // ±infinity, as joinery reads them
  moods: [],
  matrix: [],
}

const nulls = Object.fromEntries(Object.keys(row1).map((key) => [key, null])) as { [K in keyof typeof row1]: null }

// What Postgres holds, in its own text (time zones pinned to UTC, so the session's zone does not matter).
const RAW = `select big::text, big_number::text, big_string::text, num::text, money::text, small::text, int::text,
  float4::text, float8::text, bool::text, txt, uid::text, day::text, ts::text, (tstz at time zone 'UTC')::text as tstz,
  clock::text, span::text, doc::text, docb = $2::jsonb as docb, list = $3::jsonb as list, bytes::text, mood::text,
  ints::text, bigs::text, array_length(texts, 1) as texts_length, days::text,
  array(select (s at time zone 'UTC')::text from unnest(stamps) s)::text as stamps, moods::text, matrix::text
  from kinds where id = $1`

describe('values of every column kind round-trip exactly', () => {
  test('edge values: bigint beyond 2^53, numeric strings, Date, Uint8Array, json, arrays, enums', async () => {
    const q = db.insertInto('kinds').values([row1, row2, {}]).returningAll()
    const { parameters } = q.compile()
    expect(parameters.slice(0, 29)).toEqual([
      '9007199254740993',
      '9007199254740991',
      '9223372036854775807',
      '12345678901234567890.123456789012345678',
      '12.50',
      '32767',
      '-2147483648',
      '1.5',
      '0.30000000000000004',
      'true',
      UNICODE,
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      '2024-02-29',
      '2020-02-29 12:34:56.789',
      '1999-12-31 23:59:59.999+00',
      '13:14:15.123456',
      '1 year 2 mons 3 days 04:05:06.789',
      JSON.stringify(row1.doc),
      JSON.stringify(row1.docb),
      JSON.stringify(row1.list),
      '\\x00017f80ff',
      'happy',
      '{"1","-2","2147483647"}',
      '{"9007199254740993","-9223372036854775808"}',
      '{"a,b","with \\"quotes\\"","back\\\\slash","","NULL","{x}"," spaced ","ünï 🎉"}',
      '{"2024-01-01","1999-12-31","0044-03-15 BC"}',
      '{"1969-07-20 20:17:40.123+00","2100-01-01 00:00:00.000+00"}',
      '{"sad","happy"}',
      '{{"1","2"},{"3","4"}}',
    ])
    const returned = await q.execute()
    const expected = [
      { id: 1, ...row1 },
      { id: 2, ...row2 },
      { id: 3, ...nulls },
    ]
    expect(returned).toStrictEqual(expected)
    expect(await db.selectFrom('kinds').selectAll().orderBy('id').execute()).toStrictEqual(expected)

    const [raw1] = await t.rows(RAW, [1, JSON.stringify(row1.docb), JSON.stringify(row1.list)])
    expect(raw1).toEqual({
      big: '9007199254740993',
      big_number: '9007199254740991',
      big_string: '9223372036854775807',
      num: '12345678901234567890.123456789012345678',
      money: '12.50',
      small: '32767',
      int: '-2147483648',
      float4: '1.5',
      float8: '0.30000000000000004',
      bool: 'true',
      txt: UNICODE,
      uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      day: '2024-02-29',
      ts: '2020-02-29 12:34:56.789',
      tstz: '1999-12-31 23:59:59.999',
      clock: '13:14:15.123456',
      span: '1 year 2 mons 3 days 04:05:06.789',
      doc: JSON.stringify(row1.doc), // json keeps the text it was given
      docb: true,
      list: true,
      bytes: '\\x00017f80ff',
      mood: 'happy',
      ints: '{1,-2,2147483647}',
      bigs: '{9007199254740993,-9223372036854775808}',
      texts_length: 8,
      days: '{2024-01-01,1999-12-31,"0044-03-15 BC"}',
      stamps: '{"1969-07-20 20:17:40.123","2100-01-01 00:00:00"}',
      moods: '{sad,happy}',
      matrix: '{{1,2},{3,4}}',
    })
    const texts = await t.rows('select s from kinds, unnest(texts) with ordinality as u(s, n) where id = 1 order by n')
    expect(texts.map((r) => r.s)).toEqual(row1.texts)

    const [raw2] = await t.rows(RAW, [2, '{}', '[]'])
    expect(raw2).toEqual({
      big: '-9223372036854775808',
      big_number: '-9007199254740991',
      big_string: '-1',
      num: 'NaN',
      money: '-0.01',
      small: '-32768',
      int: '0',
      float4: '-Infinity',
      float8: 'NaN',
      bool: 'false',
      txt: '',
      uid: '00000000-0000-0000-0000-000000000000',
      day: '0044-03-15 BC',
      ts: '1900-01-01 00:00:00',
      tstz: '0044-03-15 12:00:00 BC',
      clock: '00:00:00',
      span: '-1 days +00:00:01',
      doc: JSON.stringify(row2.doc),
      docb: true,
      list: true,
      bytes: '\\x',
      mood: 'sad',
      ints: '{}',
      bigs: '{}',
      texts_length: null,
      days: '{}',
      stamps: '{infinity,-infinity}',
      moods: '{}',
      matrix: '{}',
    })
    const [raw3] = await t.rows('select num_nulls(big, big_number, big_string, num, money, small, int, float4, float8, bool, txt, uid, day, ts, tstz, clock, span, doc, docb, list, bytes, mood, ints, bigs, texts, days, stamps, moods, matrix) as n from kinds where id = 3')
    expect(raw3).toEqual({ n: 29 })
  })

  test('an update writes each kind the same way, and where() encodes its value like the column', async () => {
    await t.exec('insert into kinds (id) values (1)')
    const q = db.updateTable('kinds').set(row1).where('id', '=', 1).returningAll()
    expect(await q.execute()).toStrictEqual([{ id: 1, ...row1 }])
    const [raw] = await t.rows(RAW, [1, JSON.stringify(row1.docb), JSON.stringify(row1.list)])
    expect(raw).toMatchObject({ big: '9007199254740993', ts: '2020-02-29 12:34:56.789', bytes: '\\x00017f80ff', docb: true, list: true })
    const found = await db.selectFrom('kinds').select(['id']).where('big', '=', 9007199254740993n).where('ts', '=', row1.ts).where('bytes', '=', row1.bytes).execute()
    expect(found).toStrictEqual([{ id: 1 }])
  })

  test('values written by the raw client read back through joinery as the same values', async () => {
    await t.exec(`insert into kinds (big, ts, tstz, bytes, docb, ints, moods) values
      (9007199254740993, '2020-02-29 12:34:56.789', '1999-12-31 23:59:59.999+00', '\\x00ff', '{"a": [1]}', '{1,2}', '{ok}')`)
    expect(await db.selectFrom('kinds').select(['big', 'ts', 'tstz', 'bytes', 'docb', 'ints', 'moods']).execute()).toStrictEqual([
      {
        big: 9007199254740993n,
        ts: new Date('2020-02-29T12:34:56.789Z'),
        tstz: new Date('1999-12-31T23:59:59.999Z'),
        bytes: new Uint8Array([0x00, 0xff]),
        docb: { a: [1] },
        ints: [1, 2],
        moods: ['ok'],
      },
    ])
  })
})
