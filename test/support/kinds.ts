// The column kinds shared by test/decode.test.ts (top level) and test/include-decode.test.ts
// (nested): schema columns, SQL and expected values. The columns come in groups so that each file
// can put its own extra columns between them and keep its column order.
import { expect } from 'vitest'
import { column as c, enumOf } from '../../src/index.js'
import { testDatabase } from './database.js'
import type { TestDatabase } from './database.js'

export const UNICODE = 'emoji 👩‍👩‍👧‍👦, flag 🇮🇱, combining e\u0301 (not \u00e9), quotes \'" and a backslash \\, tab\tend'
export const TRICKY_TEXTS = ['}', '\\', '"', ',', 'NULL ', 'null', '{}', 'a b', '\\"{,}"\\']

/** A SQL string literal (standard_conforming_strings: only quotes are doubled). */
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`

/** The row with only `keys`, to compare a select of a few columns. */
export const pick = (row: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, row[key]]))

/** big … num: integers by mode and numeric. */
export const integerColumns = {
  big: c.bigserial(),
  int2: c.smallint().nullable(),
  int4: c.integer().nullable(),
  int8: c.bigint().nullable(),
  int8Number: c.bigint({ mode: 'number' }).nullable(),
  int8String: c.bigint({ mode: 'string' }).nullable(),
  num: c.numeric().nullable(),
}

/** money … day. */
export const scalarColumns = {
  money: c.numeric({ precision: 10, scale: 2 }).nullable(),
  float4: c.real().nullable(),
  float8: c.doublePrecision().nullable(),
  bool: c.boolean().nullable(),
  txt: c.text().nullable(),
  vchar: c.varchar(20).nullable(),
  fixed: c.char(5).nullable(),
  uid: c.uuid().nullable(),
  day: c.date().nullable(),
}

/** tstz … mood. */
export const laterScalarColumns = {
  tstz: c.timestamptz().nullable(),
  clock: c.time().nullable(),
  span: c.interval().nullable(),
  doc: c.json().nullable(),
  docb: c.jsonb().nullable(),
  bytes: c.bytea().nullable(),
  mood: enumOf(['sad', 'ok', 'happy'], { name: 'mood' }).nullable(),
}

/** int2s … moods: a one-dimensional array of each kind. */
export const arrayColumns = {
  int2s: c.smallint().array().nullable(),
  int4s: c.integer().array().nullable(),
  int8s: c.bigint().array().nullable(),
  nums: c.numeric().array().nullable(),
  float4s: c.real().array().nullable(),
  float8s: c.doublePrecision().array().nullable(),
  bools: c.boolean().array().nullable(),
  texts: c.text().array().nullable(),
  vchars: c.varchar(20).array().nullable(),
  chars: c.char(5).array().nullable(),
  uids: c.uuid().array().nullable(),
  days: c.date().array().nullable(),
  tss: c.timestamp().array().nullable(),
  tstzs: c.timestamptz().array().nullable(),
  clocks: c.time().array().nullable(),
  spans: c.interval().array().nullable(),
  docs: c.json().array().nullable(),
  docbs: c.jsonb().array().nullable(),
  byteas: c.bytea().array().nullable(),
  moods: enumOf(['sad', 'ok', 'happy'], { name: 'mood' }).array().nullable(),
}

/** The SQL columns of `arrayColumns`, in their order. */
export const arrayColumnsSql = String.raw`int2s smallint[], int4s integer[], int8s bigint[], nums numeric[], float4s real[], float8s double precision[],
    bools boolean[], texts text[], vchars varchar(20)[], chars char(5)[], uids uuid[],
    days date[], tss timestamp[], tstzs timestamptz[], clocks time[], spans interval[],
    docs json[], docbs jsonb[], byteas bytea[], moods mood[]`

/** Row 1's values of `arrayColumns`, in their order. */
export const row1ArraysSql = String.raw`'{1,-32768,32767}', '{}', '{9007199254740993,NULL,-9223372036854775808}',
    '{NaN,Infinity,-Infinity,0.000000000000000000000000000001,NULL}',
    '{NaN,Infinity,-Infinity,1.5}', '{-0,1e-310,0.30000000000000004,NaN}',
    '{t,f,NULL}',
    ARRAY['a,b', '{braces}', 'quote"d', 'back\slash', '', 'NULL', NULL, ' spaced ', 'emoji 🎉', 'apostrophe''s'],
    ARRAY['ä', '}{'], ARRAY['a', 'abcde'], ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', NULL]::uuid[],
    '{1969-07-20,2040-02-29,"0044-03-15 BC",NULL}',
    '{"1900-01-01 00:00:00","2040-02-29 12:34:56.789",NULL,"0001-01-01 00:00:00 BC","0099-12-31 23:59:59"}',
    '{"1969-12-31 23:59:59.999+00","2100-01-01 00:00:00+00",infinity,-infinity}',
    '{00:00:00,12:30:00.5}', '{"1 day","-1 second"}',
    ARRAY['{"a":1}', '[1,2]', 'null', '"s"']::json[], ARRAY['{"b": {"c": "d,e}"}}']::jsonb[],
    ARRAY['\x00ff'::bytea, '\x'::bytea, NULL], '{sad,happy,NULL}'`

/** Row 1 as joinery reads it: the columns of the groups above (and id, ts). */
export const row1 = {
  id: 1,
  big: 9223372036854775807n,
  int2: 32767,
  int4: 2147483647,
  int8: 9007199254740993n,
  int8Number: 9007199254740991,
  int8String: '-9223372036854775808',
  num: '-12345678901234567890.1234567890',
  money: '12.50',
  float4: 3.14,
  float8: Infinity,
  bool: true,
  txt: UNICODE,
  vchar: 'ÅÄÖ',
  fixed: 'ab   ',
  uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  day: '1969-07-20',
  ts: new Date('1900-01-01T00:00:00.000Z'),
  tstz: new Date('1969-12-31T23:59:59.999Z'),
  clock: '23:59:59.999999',
  span: '1 year 2 mons 3 days 04:05:06.5',
  doc: { a: { b: [1, 2.5, { c: null }] }, s: 'quote " and \\ backslash', u: 'é' },
  docb: { nested: { deep: [true, false, null] }, n: 1.5 },
  bytes: new Uint8Array([0x00, 0xff, 0x7f, 0x5c]),
  mood: 'happy',
  int2s: [1, -32768, 32767],
  int4s: [],
  int8s: [9007199254740993n, null, -9223372036854775808n],
  nums: ['NaN', 'Infinity', '-Infinity', '0.000000000000000000000000000001', null],
  float4s: [NaN, Infinity, -Infinity, 1.5],
  float8s: [-0, 1e-310, 0.30000000000000004, NaN],
  bools: [true, false, null],
  texts: ['a,b', '{braces}', 'quote"d', 'back\\slash', '', 'NULL', null, ' spaced ', 'emoji 🎉', "apostrophe's"],
  vchars: ['ä', '}{'],
  chars: ['a    ', 'abcde'],
  uids: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', null],
  days: ['1969-07-20', '2040-02-29', '0044-03-15 BC', null],
  tss: [
    new Date('1900-01-01T00:00:00Z'),
    new Date('2040-02-29T12:34:56.789Z'),
    null,
    new Date('0000-01-01T00:00:00Z'), // 1 BC is year 0
    new Date('0099-12-31T23:59:59Z'), // not 1999: Date.UTC maps years 0–99 to the 1900s
  ],
  tstzs: [new Date('1969-12-31T23:59:59.999Z'), new Date('2100-01-01T00:00:00Z'), new Date(8.64e15), new Date(-8.64e15)],
  clocks: ['00:00:00', '12:30:00.5'],
  spans: ['1 day', '-00:00:01'],
  docs: [{ a: 1 }, [1, 2], null, 's'],
  docbs: [{ b: { c: 'd,e}' } }],
  byteas: [new Uint8Array([0x00, 0xff]), new Uint8Array([]), null],
  moods: ['sad', 'happy', null],
}

/** Row 2 as joinery reads it: the columns of the groups above (and id, ts). */
export const row2 = {
  id: 2,
  big: 1n,
  int2: -32768,
  int4: -2147483648,
  int8: -9007199254740993n,
  int8Number: -9007199254740991,
  int8String: '9223372036854775807',
  num: 'NaN',
  money: '-0.01',
  float4: NaN,
  float8: -Infinity,
  bool: false,
  txt: '',
  vchar: 'NULL',
  fixed: 'abcde',
  uid: '00000000-0000-0000-0000-000000000000',
  day: '0044-03-15 BC',
  ts: new Date('2040-02-29T12:34:56.789Z'), // microseconds truncated to milliseconds
  tstz: new Date('-000043-03-15T12:00:00Z'), // 44 BC is year -43
  clock: '00:00:00',
  span: '-1 days +00:00:01',
  doc: [1, 'two', null, { x: [] }],
  docb: 'a string',
  bytes: new Uint8Array([]),
  mood: 'sad',
  int2s: [],
  int4s: [],
  int8s: [],
  nums: [],
  float4s: [],
  float8s: [],
  bools: [],
  texts: TRICKY_TEXTS,
  vchars: [],
  chars: [],
  uids: [],
  days: [],
  tss: [],
  tstzs: [],
  clocks: [],
  spans: [],
  docs: [],
  docbs: [],
  byteas: [],
  moods: [],
}

/**
 * Opens the test database and runs `setupSql`, for a file that has set process.env.TZ to
 * 'America/St_Johns' (far from UTC, and not a whole hour off). PGlite is one connection: a session
 * time zone with odd historical offsets (+05:41:16 in 1900) sticks, so timestamptz arrives with
 * offsets to apply. The server keeps its own zone.
 */
export async function openFarFromUtc(setupSql: string): Promise<TestDatabase> {
  expect(new Date('2020-01-01T00:00:00Z').getTimezoneOffset(), 'the process runs far from UTC').toBe(210)
  const t = await testDatabase()
  if (t.kind === 'pglite') await t.exec(`set timezone to 'Asia/Kathmandu'`)
  await t.exec(setupSql)
  return t
}

/** Closes what openFarFromUtc opened and gives process.env.TZ back its value from before. */
export async function closeFarFromUtc(t: TestDatabase, originalTimeZone: string | undefined): Promise<void> {
  await t.close()
  if (originalTimeZone === undefined) delete process.env.TZ
  else process.env.TZ = originalTimeZone
}
