// Decoding is exact and driver-independent (ARCHITECTURE.md, invariant 5): every column kind of the
// schema DSL, at its edges, reads back as one and the same JS value from PGlite and from a server.
// Values go in as raw SQL, so what is tested is the reading; the expected values are literals.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { citext } from '@electric-sql/pglite/contrib/citext'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { column as c, createDb, schema, sql, table } from '../src/index.js'
import type { Database } from '../src/index.js'
import { pgliteDriver } from '../src/driver/pglite.js'
import { usingServer } from './support/database.js'
import type { TestDatabase } from './support/database.js'
import {
  TRICKY_TEXTS,
  UNICODE,
  arrayColumns,
  arrayColumnsSql,
  closeFarFromUtc,
  integerColumns,
  laterScalarColumns,
  literal,
  openFarFromUtc,
  pick,
  row1,
  row1ArraysSql,
  row2,
  scalarColumns,
} from './support/kinds.js'

// Local time far from UTC (and not a whole hour off), so reading `timestamp` (without time zone)
// as local time instead of UTC would shift every value. Vitest runs each file in its own process.
const originalTimeZone = process.env.TZ
process.env.TZ = 'America/St_Johns'

const kinds = schema(
  {
    kinds: table({
      id: c.serial().primaryKey(),
      ...integerColumns,
      ...scalarColumns,
      ts: c.timestamp().nullable(),
      ...laterScalarColumns,
      ...arrayColumns,
    }),
    // Kept apart: a decoder that loops on them must not hang every other test (see below).
    grids: table({
      id: c.integer().primaryKey(),
      matrix: c.integer().array().array().nullable(),
    }),
  },
  { casing: 'snake_case' },
)

// citext is an extension PGlite may not have loaded: its own schema, tested only where it exists.
const caseless = schema({
  names: table({
    id: c.integer().primaryKey(),
    name: c.citext(),
    aliases: c.citext().array(),
  }),
})

const createKinds = String.raw`
  create type mood as enum ('sad', 'ok', 'happy');
  create table kinds (
    id serial primary key, big bigserial,
    int2 smallint, int4 integer, int8 bigint, int8_number bigint, int8_string bigint,
    num numeric, money numeric(10,2), float4 real, float8 double precision,
    bool boolean, txt text, vchar varchar(20), fixed char(5), uid uuid,
    day date, ts timestamp, tstz timestamptz, clock time, span interval,
    doc json, docb jsonb, bytes bytea, mood mood,
    ${arrayColumnsSql}
  );
  create table grids (id integer primary key, matrix integer[][]);
  insert into grids values (1, '{{1,2},{3,NULL}}'), (2, '{{5,6},{7,8}}'), (3, '{}'), (4, NULL);
  insert into kinds values (
    1, 9223372036854775807,
    32767, 2147483647, 9007199254740993, 9007199254740991, -9223372036854775808,
    '-12345678901234567890.1234567890', 12.5, '3.14', 'Infinity',
    true, ${literal(UNICODE)}, 'ÅÄÖ', 'ab', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
    '1969-07-20', '1900-01-01 00:00:00', '1969-12-31 23:59:59.999+00', '23:59:59.999999',
    '1 year 2 months 3 days 4 hours 5 minutes 6.5 seconds',
    '{"a": {"b": [1, 2.5, {"c": null}]}, "s": "quote \" and \\ backslash", "u": "\u00e9"}',
    '{"nested": {"deep": [true, false, null]}, "n": 1.5}',
    '\x00ff7f5c', 'happy',
    ${row1ArraysSql}
  ), (
    2, 1,
    -32768, -2147483648, -9007199254740993, -9007199254740991, 9223372036854775807,
    'NaN', -0.01, 'NaN', '-Infinity',
    false, '', 'NULL', 'abcde', '00000000-0000-0000-0000-000000000000',
    '0044-03-15 BC', '2040-02-29 12:34:56.789123', '0044-03-15 12:00:00+00 BC', '00:00:00', '-1 days 1 second',
    '[1, "two", null, {"x": []}]', '"a string"', '\x', 'sad',
    '{}', '{}', '{}', '{}', '{}', '{}', '{}',
    ARRAY[${TRICKY_TEXTS.map(literal).join(', ')}],
    '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}'
  );
  insert into kinds (id, big) values (3, 3);
`

/** Row 3: every nullable column is null. */
const row3 = { ...Object.fromEntries(Object.keys(row1).map((key) => [key, null])), id: 3, big: 3n }

const rows = [row1, row2, row3]

type Row = typeof row1
type Key = keyof Row

let t: TestDatabase
let db: Database<typeof kinds>
let hasCitext = false

async function createCaseless(exec: (sqlText: string) => Promise<void>): Promise<boolean> {
  try {
    await exec('create extension if not exists citext')
    await exec(`create table names (id integer primary key, name citext not null, aliases citext[] not null);
      insert into names values (1, 'Joinery', '{JoInErY,"two words",NULL}');`)
    return true
  } catch {
    return false
  }
}

beforeAll(async () => {
  t = await openFarFromUtc(createKinds)
  hasCitext = await createCaseless((sqlText) => t.exec(sqlText))
  db = t.db(kinds)
})

afterAll(() => closeFarFromUtc(t, originalTimeZone))

describe('db.selectFrom() decodes each column kind from the schema', () => {
  test('all columns of all rows, in one query', async () => {
    const q = db.selectFrom('kinds').orderBy('id')
    expect(q.compile().sql).toMatch(/^select "kinds"\."id", "kinds"\."big", .*"kinds"\."int8_number" as "int8Number", .* from "kinds" order by "kinds"\."id" asc$/)
    expect(await q.execute()).toStrictEqual(rows)
  })

  const groups: Record<string, readonly Key[]> = {
    'integers: int2/int4 as number, int8 as bigint by default, or number/string by mode': ['big', 'int2', 'int4', 'int8', 'int8Number', 'int8String'],
    'numeric as an exact string (30 digits, scale kept, NaN); real and double as number (NaN, ±Infinity)': ['num', 'money', 'float4', 'float8'],
    'boolean; text, varchar, char (blank-padded), uuid as strings, unicode intact': ['bool', 'txt', 'vchar', 'fixed', 'uid'],
    "date as 'YYYY-MM-DD' (BC too); timestamp read as UTC; timestamptz; time and interval as text": ['day', 'ts', 'tstz', 'clock', 'span'],
    'json and jsonb parsed; bytea as Uint8Array; enum as its string': ['doc', 'docb', 'bytes', 'mood'],
    'arrays of numbers: empty, with NULL elements, int8 as bigint, numeric as strings, NaN and ±Infinity': ['int2s', 'int4s', 'int8s', 'nums', 'float4s', 'float8s'],
    'arrays of booleans and strings: quotes, backslashes, commas, braces, "NULL" vs NULL': ['bools', 'texts', 'vchars', 'chars', 'uids', 'moods'],
    'arrays of dates, timestamps (BC, year 99, ±infinity), times and intervals': ['days', 'tss', 'tstzs', 'clocks', 'spans'],
    'arrays of json, jsonb and bytea': ['docs', 'docbs', 'byteas'],
  }
  for (const [what, keys] of Object.entries(groups)) {
    test(what, async () => {
      const found = await db.selectFrom('kinds').select(['id', ...keys]).orderBy('id').execute()
      expect(found).toStrictEqual(rows.map((row) => pick(row, ['id', ...keys])))
    })
  }

  test('a select of two columns writes exactly those, aliased to their keys', async () => {
    const q = db.selectFrom('kinds').select(['int8Number', 'tstz']).where('id', '=', 2)
    expect(q.compile()).toEqual({
      sql: 'select "kinds"."int8_number" as "int8Number", "kinds"."tstz" from "kinds" where "kinds"."id" = $1',
      parameters: ['2'],
    })
    expect(await q.execute()).toStrictEqual([{ int8Number: -9007199254740991, tstz: new Date('-000043-03-15T12:00:00Z') }])
  })

  test('citext reads as a string (skipped where the extension is unavailable)', async (ctx) => {
    if (!hasCitext) ctx.skip()
    const names = t.db(caseless)
    const q = names.selectFrom('names').where('name', '=', 'JOINERY')
    expect(q.compile()).toEqual({
      sql: 'select "names"."id", "names"."name", "names"."aliases" from "names" where "names"."name" = $1',
      parameters: ['JOINERY'],
    })
    expect(await q.execute()).toStrictEqual([{ id: 1, name: 'Joinery', aliases: ['JoInErY', 'two words', null] }])
  })
})

describe('values of each kind encode exactly: where(column, =, value read back) finds its row', () => {
  test('scalars', async () => {
    const ids = async (q: { execute(): Promise<{ id: number }[]> }) => (await q.execute()).map((row) => row.id)
    const find = db.selectFrom('kinds').select(['id'])
    expect(await ids(find.where('big', '=', 9223372036854775807n))).toEqual([1])
    expect(await ids(find.where('int8', '=', 9007199254740993n))).toEqual([1])
    expect(await ids(find.where('int8String', '=', '9223372036854775807'))).toEqual([2])
    expect(await ids(find.where('num', '=', '-12345678901234567890.1234567890'))).toEqual([1])
    expect(await ids(find.where('num', '=', 'NaN'))).toEqual([2])
    expect(await ids(find.where('float8', '=', -Infinity))).toEqual([2])
    expect(await ids(find.where('float4', '=', 3.14))).toEqual([1])
    expect(await ids(find.where('txt', '=', UNICODE))).toEqual([1])
    expect(await ids(find.where('fixed', '=', 'ab'))).toEqual([1])
    expect(await ids(find.where('uid', '=', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'))).toEqual([1])
    expect(await ids(find.where('day', '=', '0044-03-15 BC'))).toEqual([2])
    expect(await ids(find.where('ts', '=', new Date('1900-01-01T00:00:00Z')))).toEqual([1])
    expect(await ids(find.where('tstz', '=', new Date('-000043-03-15T12:00:00Z')))).toEqual([2])
    expect(await ids(find.where('span', '=', '-1 days +00:00:01'))).toEqual([2])
    expect(await ids(find.where('docb', '=', { n: 1.5, nested: { deep: [true, false, null] } }))).toEqual([1])
    expect(await ids(find.where('bytes', '=', new Uint8Array([0x00, 0xff, 0x7f, 0x5c])))).toEqual([1])
    expect(await ids(find.where('bytes', '=', new Uint8Array([])))).toEqual([2])
    expect(await ids(find.where('mood', '=', 'happy'))).toEqual([1])
  })

  test('arrays', async () => {
    const find = db.selectFrom('kinds').select(['id'])
    const q = find.where('texts', '=', TRICKY_TEXTS)
    expect(q.compile().parameters).toEqual([String.raw`{"}","\\","\"",",","NULL ","null","{}","a b","\\\"{,}\"\\"}`])
    expect(await q.execute()).toEqual([{ id: 2 }])
    expect(await find.where('tss', '=', []).execute()).toEqual([{ id: 2 }])
    expect(await find.where('int2s', '=', [1, -32768, 32767]).execute()).toEqual([{ id: 1 }])
    expect(await find.where('vchars', '=', ['ä', '}{']).execute()).toEqual([{ id: 1 }])
    expect(await find.where('clocks', '=', ['00:00:00', '12:30:00.5']).execute()).toEqual([{ id: 1 }])
  })

  test('timestamps read as ±infinity write back as ±infinity', async () => {
    const read = await db.selectFrom('kinds').select(['tstzs']).where('id', '=', 1).firstOrThrow()
    expect(read.tstzs).toStrictEqual(row1.tstzs)
    const q = db.selectFrom('kinds').select(['id']).where('tstzs', '=', read.tstzs!)
    expect(q.compile().parameters).toEqual(['{"1969-12-31 23:59:59.999+00","2100-01-01 00:00:00.000+00","infinity","-infinity"}'])
    expect(await q.execute()).toEqual([{ id: 1 }])
  })
})

describe('db.execute(sql`…`) decodes by type OID', () => {
  // Raw SQL has no schema: int8 is always bigint, enum and time/interval read as text.
  const scalars = (row: Record<string, unknown>) => ({
    ...pick(row, ['id', 'big', 'int2', 'int4', 'int8']),
    int8_number: row.int8Number === null ? null : BigInt(row.int8Number as number),
    int8_string: row.int8String === null ? null : BigInt(row.int8String as string),
    ...pick(row, ['num', 'money', 'float4', 'float8', 'bool', 'txt', 'vchar', 'fixed', 'uid', 'day', 'ts', 'tstz', 'clock', 'span', 'doc', 'docb', 'bytes', 'mood']),
  })

  test('every scalar kind of the table', async () => {
    const found = await db.execute(
      sql`select id, big, int2, int4, int8, int8_number, int8_string, num, money, float4, float8, bool, txt, vchar, fixed, uid,
        day, ts, tstz, clock, span, doc, docb, bytes, mood from kinds order by id`,
    )
    expect(found).toStrictEqual(rows.map(scalars))
  })

  test('scalar literals, and parameters encoded from their JS type', async () => {
    const found = await db.execute(sql`select
      9007199254740993::int8 as int8, 'Infinity'::numeric as inf, '-0'::float8 as minus_zero,
      '0044-03-15 BC'::date as bc, '1969-07-20 20:17:40'::timestamp as moon,
      ${new Date('2040-02-29T12:34:56.789Z')}::timestamptz as leap, ${new Uint8Array([0, 255])}::bytea as bytes,
      ${-9223372036854775808n}::int8 as min, ${[1, null, 3]}::int[] as ints, ${{ a: [1, { b: null }] }}::jsonb as doc,
      ${'it\'s "quoted" \\ {a,b}'}::text as txt, ${true} as yes, null::int as nothing, '[0:1]={7,8}'::int[] as bounded`)
    expect(found).toStrictEqual([
      {
        int8: 9007199254740993n,
        inf: 'Infinity',
        minus_zero: -0,
        bc: '0044-03-15 BC',
        moon: new Date('1969-07-20T20:17:40Z'),
        leap: new Date('2040-02-29T12:34:56.789Z'),
        bytes: new Uint8Array([0, 255]),
        min: -9223372036854775808n,
        ints: [1, null, 3],
        doc: { a: [1, { b: null }] },
        txt: 'it\'s "quoted" \\ {a,b}',
        yes: 'true', // an untyped parameter is text
        nothing: null,
        bounded: [7, 8], // explicit lower bounds are dropped: a JS array starts at 0
      },
    ])
  })

  test('arrays of built-in kinds', async () => {
    const arrays = ['int2s', 'int4s', 'int8s', 'nums', 'float4s', 'float8s', 'bools', 'texts', 'vchars', 'chars', 'uids', 'days', 'tss', 'tstzs', 'docs', 'docbs', 'byteas']
    const found = await db.execute(sql`select ${sql.raw(arrays.join(', '))} from kinds order by id`)
    expect(found).toStrictEqual(rows.map((row) => pick(row, arrays)))
  })

  test('arrays of time and interval (fixed OIDs 1183 and 1187)', async () => {
    const found = await db.execute(sql`select clocks, spans from kinds order by id`)
    expect(found).toStrictEqual(rows.map((row) => pick(row, ['clocks', 'spans'])))
  })
})

describe('two-dimensional arrays: c.integer().array().array()', () => {
  const grid = [
    { id: 1, matrix: [[1, 2], [3, null]] },
    { id: 2, matrix: [[5, 6], [7, 8]] },
    { id: 3, matrix: [] },
    { id: 4, matrix: null },
  ]

  test('read as nested arrays', async () => {
    // A decoder stuck in a loop would hang this whole file (a loop cannot time out), so the
    // column's codec first decodes once in a child process with a deadline.
    expect(decodeInChildProcess('c.integer().array().array()', '{{1,2},{3,NULL}}')).toBe('[[1,2],[3,null]]')
    expect(await db.selectFrom('grids').orderBy('id').execute()).toStrictEqual(grid)
  })

  test('written as nested arrays', async () => {
    const q = db.selectFrom('grids').select(['id']).where('matrix', '=', [[5, 6], [7, 8]])
    expect(q.compile()).toEqual({
      sql: 'select "grids"."id" from "grids" where "grids"."matrix" = $1',
      parameters: ['{{"5","6"},{"7","8"}}'],
    })
    expect(await q.execute()).toEqual([{ id: 2 }])
  })

  test('read by type OID from db.execute(sql`…`)', async () => {
    expect(await db.execute(sql`select id, matrix from grids order by id`)).toStrictEqual(grid)
  })
})

/** `JSON.stringify(codec.decode(text))` for the column `columnDsl`, run in a child process given 10 s. */
function decodeInChildProcess(columnDsl: string, text: string): string {
  const code = `import { column as c } from ${JSON.stringify(new URL('../src/index.js', import.meta.url).href)}
    process.stdout.write(JSON.stringify(${columnDsl}.meta.codec.decode(${JSON.stringify(text)})))`
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', code], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
    timeout: 10_000,
  })
  if (child.error !== undefined) return `no answer in 10 s (${child.error.message}): does decoding loop?`
  return child.status === 0 ? child.stdout : `failed: ${child.stderr}`
}

// With DATABASE_URL set, the same data also goes into a PGlite in this file, and every query's
// result must be deeply equal on both drivers (the literals above already pin each one down).
describe.runIf(usingServer)('pg and PGlite return the very same JS values', () => {
  let local: PGlite
  let localDb: Database<typeof kinds>
  let localHasCitext = false

  beforeAll(async () => {
    local = await PGlite.create({ extensions: { citext } })
    await local.exec(`set timezone to 'Asia/Kathmandu'`)
    await local.exec(createKinds)
    localHasCitext = await createCaseless(async (sqlText) => void (await local.exec(sqlText)))
    localDb = createDb(kinds, { driver: pgliteDriver(local) })
  })
  afterAll(() => local.close())

  const reads = {
    'selectFrom, all columns': (d: Database<typeof kinds>) => d.selectFrom('kinds').orderBy('id').execute(),
    'selectFrom with where on every kind of value': (d: Database<typeof kinds>) =>
      d
        .selectFrom('kinds')
        .where((eb) =>
          eb.or([
            eb('int8', '=', 9007199254740993n),
            eb('tstz', '=', new Date('-000043-03-15T12:00:00Z')),
            eb('bytes', 'in', [new Uint8Array([0])]),
            eb('texts', '=', TRICKY_TEXTS),
          ]),
        )
        .orderBy('id')
        .execute(),
    'execute(sql), every column': (d: Database<typeof kinds>) => d.execute(sql`select * from kinds order by id`),
    'execute(sql), two-dimensional arrays': (d: Database<typeof kinds>) => d.execute(sql`select * from grids order by id`),
    'execute(sql), parameters of every JS type': (d: Database<typeof kinds>) =>
      d.execute(sql`select ${new Date('-000100-06-01T00:00:00Z')}::timestamptz as at, ${new Uint8Array([0, 255])}::bytea as bytes,
        ${2n ** 63n - 1n}::int8 as n, ${[['a,b', null], ['"', '\\']]}::text[] as texts, ${{ a: [1, { b: null }] }}::json as doc`),
  }
  for (const [what, read] of Object.entries(reads)) {
    test(what, async () => {
      const [server, embedded] = await Promise.all([read(db), read(localDb)])
      expect(server.length).toBeGreaterThan(0)
      expect(server).toStrictEqual(embedded)
    })
  }

  test('citext', async (ctx) => {
    if (!hasCitext || !localHasCitext) ctx.skip()
    const read = (d: Database<typeof caseless>) => d.selectFrom('names').execute()
    const [server, embedded] = await Promise.all([read(t.db(caseless)), read(createDb(caseless, { driver: pgliteDriver(local) }))])
    expect(server).toStrictEqual([{ id: 1, name: 'Joinery', aliases: ['JoInErY', 'two words', null] }])
    expect(server).toStrictEqual(embedded)
  })
})
