// Exact nested values (issue 3 item 3, ARCHITECTURE.md "Nested relations"): every column kind
// decodes to the same JS value in three places — at top level, inside a one-relation
// (children.kind, many-to-one) and inside a many-relation (parents.kinds, one-to-many) — on
// each driver; with DATABASE_URL set, a PGlite opened in this file must give the very same values.
// The values are those of test/decode.test.ts (shared in test/support/kinds.ts), plus a
// 30-digit numeric, a date and a timestamp past 2038, and custom types.
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { column as c, createDb, schema, table } from '../src/index.js'
import type { Database } from '../src/index.js'
import { pgliteDriver } from '../src/driver/pglite.js'
import { usingServer } from './support/database.js'
import type { TestDatabase } from './support/database.js'
import * as shared from './support/kinds.js'

// Local time far from UTC and not a whole hour off: reading `timestamp` (without time zone) as
// local time instead of UTC would shift every value. Vitest runs each file in its own process.
const originalTimeZone = process.env.TZ
process.env.TZ = 'America/St_Johns'

const point = (text: string) => {
  const [x = NaN, y = NaN] = text.slice(1, -1).split(',').map(Number)
  return { x, y }
}

const kindColumns = {
  id: c.serial().primaryKey(),
  parentId: c.integer().references('parents.id'),
  ...shared.integerColumns,
  num30: c.numeric({ precision: 30, scale: 0 }).nullable(),
  ...shared.scalarColumns,
  dayLate: c.date().nullable(),
  ts: c.timestamp().nullable(),
  tsLate: c.timestamp().nullable(),
  ...shared.laterScalarColumns,
  addr: c.custom('inet').nullable(),
  pt: c.custom<{ x: number; y: number }>('point', { decode: point }).nullable(),
  ...shared.arrayColumns,
  addrs: c.custom('inet').array().nullable(),
  matrix: c.integer().array().array().nullable(),
}

const s = schema(
  {
    parents: table({ id: c.integer().primaryKey(), label: c.text() }),
    kinds: table(kindColumns),
    children: table({ id: c.integer().primaryKey(), kindId: c.integer().references('kinds.id') }),
  },
  { casing: 'snake_case' },
)

type Db = Database<typeof s>

const createSql = String.raw`
  create type mood as enum ('sad', 'ok', 'happy');
  create table parents (id integer primary key, label text not null);
  create table kinds (
    id serial primary key, parent_id integer not null references parents, big bigserial,
    int2 smallint, int4 integer, int8 bigint, int8_number bigint, int8_string bigint,
    num numeric, num30 numeric(30,0), money numeric(10,2), float4 real, float8 double precision,
    bool boolean, txt text, vchar varchar(20), fixed char(5), uid uuid,
    day date, day_late date, ts timestamp, ts_late timestamp, tstz timestamptz, clock time, span interval,
    doc json, docb jsonb, bytes bytea, mood mood, addr inet, pt point,
    ${shared.arrayColumnsSql}, addrs inet[], matrix integer[][]
  );
  create table children (id integer primary key, kind_id integer not null references kinds);
  insert into parents values (1, 'every kind'), (2, 'json edge cases');
  insert into kinds values (
    1, 1, 9223372036854775807,
    32767, 2147483647, 9007199254740993, 9007199254740991, -9223372036854775808,
    '-12345678901234567890.1234567890', '123456789012345678901234567890', 12.5, '3.14', 'Infinity',
    true, ${shared.literal(shared.UNICODE)}, 'ÅÄÖ', 'ab', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
    '1969-07-20', '2100-12-31', '1900-01-01 00:00:00', '2038-01-19 03:14:08', '1969-12-31 23:59:59.999+00', '23:59:59.999999',
    '1 year 2 months 3 days 4 hours 5 minutes 6.5 seconds',
    '{"a": {"b": [1, 2.5, {"c": null}]}, "s": "quote \" and \\ backslash", "u": "\u00e9"}',
    '{"nested": {"deep": [true, false, null]}, "n": 1.5}',
    '\x00ff7f5c', 'happy', '192.168.0.1/24', '(1.5,-2)',
    ${shared.row1ArraysSql}, '{10.0.0.1,NULL,::1}', '{{1,2},{3,NULL}}'
  ), (
    2, 1, 1,
    -32768, -2147483648, -9007199254740993, -9007199254740991, 9223372036854775807,
    'NaN', '-999999999999999999999999999999', -0.01, 'NaN', '-Infinity',
    false, '', 'NULL', 'abcde', '00000000-0000-0000-0000-000000000000',
    '0044-03-15 BC', '1950-06-15', '2040-02-29 12:34:56.789123', '1901-12-13 20:45:52', '0044-03-15 12:00:00+00 BC', '00:00:00',
    '-1 days 1 second',
    '[1, "two", null, {"x": []}]', '"a string"', '\x', 'sad', '::1', '(0,0)',
    '{}', '{}', '{}', '{}', '{}', '{}', '{}',
    ARRAY[${shared.TRICKY_TEXTS.map(shared.literal).join(', ')}],
    '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}'
  );
  insert into kinds (id, parent_id, big) values (3, 1, 3);
  insert into kinds (id, parent_id, big, doc, docs) values
    (4, 2, 4, '{"zero": -0, "big": 12345678901234567890, "dup": 1, "dup": 2}', ARRAY['{"zero": -0}']::json[]),
    (5, 2, 5, '{"nul": "a\u0000b"}', null);
  insert into children values (1, 1), (2, 2), (3, 3), (4, 4), (5, 5);
`

const row1 = {
  ...shared.row1,
  parentId: 1,
  num30: '123456789012345678901234567890',
  dayLate: '2100-12-31',
  tsLate: new Date('2038-01-19T03:14:08Z'),
  addr: '192.168.0.1/24',
  pt: { x: 1.5, y: -2 },
  addrs: ['10.0.0.1', null, '::1'],
  matrix: [
    [1, 2],
    [3, null],
  ],
}

const row2 = {
  ...shared.row2,
  parentId: 1,
  num30: '-999999999999999999999999999999',
  dayLate: '1950-06-15',
  tsLate: new Date('1901-12-13T20:45:52Z'),
  addr: '::1',
  pt: { x: 0, y: 0 },
  addrs: [],
  matrix: [],
}

/** Row 3: every nullable column is null. */
const row3 = { ...Object.fromEntries(Object.keys(row1).map((key) => [key, null])), id: 3, parentId: 1, big: 3n }

const rows = [row1, row2, row3]
type Key = keyof typeof row1


/** The kinds rows read in the three places, by one database. */
interface ThreePlaces {
  top: Record<string, unknown>[]
  one: Record<string, unknown>[]
  many: Record<string, unknown>[]
  sql: { top: string; one: string; many: string }
}

/** Reads `ids` of kinds, columns `keys` (undefined: all, through include(name) with no callback) in the three places. */
async function threePlaces(db: Db, ids: readonly number[], keys?: readonly Key[]): Promise<ThreePlaces> {
  const kinds = db.selectFrom('kinds').where('id', 'in', ids).orderBy('id')
  const top = keys === undefined ? kinds : kinds.select(keys)
  const one = db
    .selectFrom('children')
    .select(['id'])
    .where('kindId', 'in', ids)
    .include('kind', (k) => (keys === undefined ? k : k.select(keys)))
    .orderBy('id')
  const many = db
    .selectFrom('parents')
    .select(['id'])
    .include('kinds', (k) => {
      const filtered = k.where('id', 'in', ids).orderBy('id')
      return keys === undefined ? filtered : filtered.select(keys)
    })
    .orderBy('id')
  const [topRows, oneRows, manyRows] = await Promise.all([top.execute(), one.execute(), many.execute()])
  return {
    top: topRows as Record<string, unknown>[],
    one: oneRows.map((row) => row.kind as Record<string, unknown>),
    many: manyRows.flatMap((row) => row.kinds as Record<string, unknown>[]),
    sql: { top: top.compile().sql, one: one.compile().sql, many: many.compile().sql },
  }
}

let t: TestDatabase
let db: Db

beforeAll(async () => {
  t = await shared.openFarFromUtc(createSql)
  db = t.db(s)
})

afterAll(() => shared.closeFarFromUtc(t, originalTimeZone))

describe('every column kind, the same JS value at top level, in a one-relation, in a many-relation', () => {
  test("whole rows (include(name) with no callback): a row wider than Postgres' 100-argument function limit comes back exact, in one row subquery, no json_build_object", async () => {
    const found = await threePlaces(db, [1, 2, 3])
    // More than 50 columns: as key/value arguments of one function call, more than the 100 Postgres takes.
    expect(Object.keys(kindColumns).length).toBeGreaterThan(50)
    // Every column, first to last, in one row subquery that becomes JSON whole.
    expect(found.sql.one).toContain('(select to_json("r0".*) from (select "r0"."id", "r0"."parent_id" as "parentId", ')
    expect(found.sql.many).toContain(`(select coalesce(json_agg("r0".* order by "r0"."id" asc), '[]'::json) from (select "r0"."id", "r0"."parent_id" as "parentId", `)
    for (const sqlText of [found.sql.one, found.sql.many]) {
      expect(sqlText).toContain('"r0"."matrix"::text from "kinds" as "r0" where ')
      expect(sqlText).not.toContain('json_build_')
    }
    // `addr` (inet) has its own test below, so that this one shows any other difference.
    const withoutAddr = (place: Record<string, unknown>[]) => place.map(({ addr: _, ...rest }) => rest)
    expect(found.top).toStrictEqual(rows)
    expect(withoutAddr(found.one)).toStrictEqual(withoutAddr(rows))
    expect(withoutAddr(found.many)).toStrictEqual(withoutAddr(rows))
  })

  test("a custom type whose cast to text differs from its output (inet '::1' vs '::1/128'): as at top level", async () => {
    for (const keys of [undefined, ['id', 'addr', 'addrs']] as const) {
      const found = await threePlaces(db, [1, 2, 3], keys)
      const addrs = (place: Record<string, unknown>[]) => place.map((row) => shared.pick(row, ['id', 'addr', 'addrs']))
      const expected = [
        { id: 1, addr: '192.168.0.1/24', addrs: ['10.0.0.1', null, '::1'] },
        { id: 2, addr: '::1', addrs: [] },
        { id: 3, addr: null, addrs: null },
      ]
      expect(addrs(found.top)).toStrictEqual(expected)
      expect(addrs(found.one)).toStrictEqual(expected)
      expect(addrs(found.many)).toStrictEqual(expected)
    }
  })

  const groups: Record<string, readonly Key[]> = {
    'integers: int2/int4 as number, int8 as bigint by default (2^53+1 exact), or number/string by mode': ['big', 'int2', 'int4', 'int8', 'int8Number', 'int8String'],
    'numeric as an exact string (30 digits, scale kept, NaN, Infinity); real and double as number (NaN, ±Infinity)': ['num', 'num30', 'money', 'float4', 'float8'],
    'boolean; text, varchar, char (blank-padded), uuid as strings, unicode intact': ['bool', 'txt', 'vchar', 'fixed', 'uid'],
    "date as 'YYYY-MM-DD' (BC, before 1970, after 2038); timestamp read as UTC; timestamptz; time and interval as text": ['day', 'dayLate', 'ts', 'tsLate', 'tstz', 'clock', 'span'],
    'json and jsonb parsed; bytea (0x00, 0xff) as Uint8Array; enum as its string; a custom type read by its decode': ['doc', 'docb', 'bytes', 'mood', 'pt'],
    'arrays of numbers: empty, with NULL elements, int8 as bigint, numeric as strings, NaN and ±Infinity, -0, 2-D': ['int2s', 'int4s', 'int8s', 'nums', 'float4s', 'float8s', 'matrix'],
    'arrays of booleans and strings: quotes, backslashes, commas, braces, "NULL" vs NULL; of enums and custom types': ['bools', 'texts', 'vchars', 'chars', 'uids', 'moods', 'addrs'],
    'arrays of dates, timestamps (BC, year 99, ±infinity), times and intervals': ['days', 'tss', 'tstzs', 'clocks', 'spans'],
    'arrays of json, jsonb and bytea': ['docs', 'docbs', 'byteas'],
  }
  for (const [what, keys] of Object.entries(groups)) {
    test(`selected columns (a row subquery of those columns): ${what}`, async () => {
      const found = await threePlaces(db, [1, 2, 3], ['id', ...keys])
      expect(found.sql.one).toContain('(select to_json("r0".*) from (select "r0"."id", ')
      expect(found.sql.one).not.toContain('json_build_')
      const expected = rows.map((row) => shared.pick(row, ['id', ...keys]))
      expect(found.top).toStrictEqual(expected)
      expect(found.one).toStrictEqual(expected)
      expect(found.many).toStrictEqual(expected)
    })
  }

  test('nulls: a one-relation whose columns are all null is an object of nulls, not null', async () => {
    const found = await threePlaces(db, [3], ['id', 'int8', 'num', 'ts', 'bytes', 'doc', 'int8s', 'pt'])
    const expected = [{ id: 3, int8: null, num: null, ts: null, bytes: null, doc: null, int8s: null, pt: null }]
    expect(found.top).toStrictEqual(expected)
    expect(found.one).toStrictEqual(expected)
    expect(found.many).toStrictEqual(expected)
  })

  // json keeps its text, so top level is JSON.parse of exactly what was stored; nested, to_json and
  // json_agg of the row subquery embed that text as it is (json, never jsonb, which would turn -0
  // into 0 and refuse \u0000), whether the columns are selected or the row is whole.
  const jsonEdges = {
    doc: JSON.parse('{"zero": -0, "big": 12345678901234567890, "dup": 1, "dup": 2}') as unknown,
    docs: [{ zero: -0 }],
  }
  const nul = { doc: { nul: 'a\u0000b' }, docs: null }

  test('json edge values (-0, a 20-digit number, a repeated key, \\u0000) in selected columns', async () => {
    expect(Object.is((jsonEdges.doc as { zero: number }).zero, -0)).toBe(true)
    for (const [id, expected] of [[4, jsonEdges], [5, nul]] as const) {
      const found = await threePlaces(db, [id], ['doc', 'docs'])
      expect(found.top).toStrictEqual([expected])
      expect(found.one).toStrictEqual([expected])
      expect(found.many).toStrictEqual([expected])
    }
  })

  test('json edge values in whole rows (every column, one row subquery): -0 stays -0', async () => {
    const found = await threePlaces(db, [4])
    expect(found.sql.one).toContain('(select to_json("r0".*) from (select ')
    expect(found.sql.many).toContain('(select coalesce(json_agg("r0".* order by "r0"."id" asc), ')
    for (const sqlText of [found.sql.one, found.sql.many]) expect(sqlText).not.toContain('jsonb')
    const docs = (place: Record<string, unknown>[]) => place.map((row) => shared.pick(row, ['doc', 'docs']))
    expect(docs(found.top)).toStrictEqual([jsonEdges])
    expect(docs(found.one)).toStrictEqual([jsonEdges])
    expect(docs(found.many)).toStrictEqual([jsonEdges])
  })

  test('json edge values in whole rows (every column, one row subquery): a json string holding \\u0000 reads, no database error', async () => {
    const found = await threePlaces(db, [5])
    const docs = (place: Record<string, unknown>[]) => place.map((row) => shared.pick(row, ['doc', 'docs']))
    expect(docs(found.top)).toStrictEqual([nul])
    expect(docs(found.one)).toStrictEqual([nul])
    expect(docs(found.many)).toStrictEqual([nul])
  })
})

// With DATABASE_URL set, the same data also goes into a PGlite in this file, and each place must
// give deeply equal values on both drivers.
describe.runIf(usingServer)('pg and PGlite return the very same JS values, in each place', () => {
  let local: PGlite
  let localDb: Db

  beforeAll(async () => {
    local = await PGlite.create()
    await local.exec(`set timezone to 'Asia/Kathmandu'`)
    await local.exec(createSql)
    localDb = createDb(s, { driver: pgliteDriver(local) })
  })
  afterAll(() => local.close())

  test('whole rows', async () => {
    const [server, embedded] = await Promise.all([threePlaces(db, [1, 2, 3]), threePlaces(localDb, [1, 2, 3])])
    expect(server.top).toHaveLength(3)
    expect(server.top).toStrictEqual(embedded.top)
    expect(server.one).toStrictEqual(embedded.one)
    expect(server.many).toStrictEqual(embedded.many)
    const withoutAddr = (place: Record<string, unknown>[]) => place.map(({ addr: _, ...rest }) => rest) // inet: its own test above
    expect(withoutAddr(server.one)).toStrictEqual(withoutAddr(server.top))
    expect(withoutAddr(server.many)).toStrictEqual(withoutAddr(server.top))
  })

  test('every column selected by name (one row subquery, however wide)', async () => {
    const keys = (Object.keys(kindColumns) as Key[]).filter((key) => key !== 'parentId' && key !== 'addr') // inet: its own test above
    expect(keys.length).toBeGreaterThan(50)
    const [server, embedded] = await Promise.all([threePlaces(db, [1, 2, 3], keys), threePlaces(localDb, [1, 2, 3], keys)])
    expect(server.sql.one).toContain('(select to_json("r0".*) from (select "r0"."id", ')
    expect(server.sql.one).not.toContain('json_build_')
    expect(server.one).toStrictEqual(embedded.one)
    expect(server.many).toStrictEqual(embedded.many)
    expect(server.one).toStrictEqual(rows.map((row) => shared.pick(row, keys)))
  })
})
