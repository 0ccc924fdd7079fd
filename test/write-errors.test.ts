// Writes that must not reach the database (API.md §4, §8; issue items 2 and 3): an update or
// delete without where(), and bad input an untyped caller can pass. Each is a JoineryError —
// never a DatabaseError — and the `log` option proves that nothing was sent.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { DatabaseError, JoineryError, column as c, enumOf, schema, sql, table } from '../src/index.js'
import type { Database, QueryLogEvent } from '../src/index.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'

const clinic = schema(
  {
    people: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      email: c.text().nullable().unique(),
      balance: c.bigint().default(0n),
      born: c.timestamptz().nullable(),
      mood: enumOf(['sad', 'ok', 'happy'], { name: 'mood' }).default('ok'),
      tags: c.integer().array().nullable(),
      photo: c.bytea().nullable(),
      nameLength: c.integer().generatedAlwaysAs(sql`length(name)`),
    }).computed((t) => ({ shout: sql<string>`upper(${t.name})` })),
  },
  { casing: 'snake_case' },
)

let t: TestDatabase
let db: Database<typeof clinic>
const events: QueryLogEvent[] = []
// An untyped caller: what JavaScript, or a value typed `any`, can pass.
let loose: any

beforeAll(async () => {
  t = await testDatabase()
  await t.exec(`
    create type mood as enum ('sad', 'ok', 'happy');
    create table people (id serial primary key, name text not null, email text unique, balance bigint not null default 0,
      born timestamptz, mood mood not null default 'ok', tags integer[], photo bytea,
      name_length integer generated always as (length(name)) stored);
  `)
  db = t.db(clinic, { log: (event) => events.push(event) })
  loose = db
})

beforeEach(async () => {
  await t.exec(`truncate people restart identity; insert into people (name, email) values ('Reuven', 'r@x'), ('Shira', null);`)
  events.length = 0
})

afterAll(() => t?.close())

const stored = () => t.rows('select id, name, email, balance::text as balance, mood::text as mood from people order by id')
const before = [
  { id: 1, name: 'Reuven', email: 'r@x', balance: '0', mood: 'ok' },
  { id: 2, name: 'Shira', email: null, balance: '0', mood: 'ok' },
]

/** `run` fails with a JoineryError (not a DatabaseError) whose message matches, nothing is sent, and the rows are untouched. */
async function refused(run: () => unknown, message: RegExp): Promise<void> {
  let error: unknown
  try {
    await run()
  } catch (caught) {
    error = caught
  }
  expect(error, 'it should have failed').toBeInstanceOf(JoineryError)
  expect(error).not.toBeInstanceOf(DatabaseError)
  expect((error as Error).message).toMatch(message)
  expect(events, 'nothing may reach the database').toEqual([])
  expect(await stored()).toEqual(before)
}

describe('no accidental mass writes (item 2)', () => {
  test('updateTable() without where() throws at run time, at execute() and at compile()', async () => {
    const q = loose.updateTable('people').set({ name: 'everyone' })
    await refused(() => q.execute(), /updateTable\('people'\) without where\(\).*\.where\(…\).*\.allRows\(\)/)
    await refused(() => q.returning(['id']).execute(), /without where\(\)/)
    await refused(() => q.compile(), /without where\(\)/)
  })

  test('deleteFrom() without where() throws at run time, with returning() too', async () => {
    const q = loose.deleteFrom('people')
    await refused(() => q.execute(), /deleteFrom\('people'\) without where\(\).*\.allRows\(\)/)
    await refused(() => q.returningAll().execute(), /without where\(\)/)
    await refused(() => q.compile(), /without where\(\)/)
  })

  test('inside a transaction too: the transaction is rolled back and the error rethrown', async () => {
    const error = await db.transaction(async (tx) => (tx as any).deleteFrom('people').execute()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(JoineryError)
    expect(events.map((event) => event.sql)).toEqual(['begin', 'rollback'])
    expect(await stored()).toEqual(before)
  })

  test('.allRows() says it is meant: every row is updated, or deleted', async () => {
    expect(await db.updateTable('people').set({ mood: 'happy' }).allRows().execute()).toStrictEqual({ rowCount: 2 })
    expect((await stored()).map((row) => row.mood)).toEqual(['happy', 'happy'])
    expect(await db.deleteFrom('people').allRows().execute()).toStrictEqual({ rowCount: 2 })
    expect(await stored()).toEqual([])
  })
})

describe('bad input is a JoineryError before the database (item 3)', () => {
  test('values([]) has no row to insert', async () => {
    await refused(() => db.insertInto('people').values([]).execute(), /values\(\[\]\) has no row to insert/)
  })

  test('undefined for a required column', async () => {
    await refused(() => loose.insertInto('people').values({ name: undefined }).execute(), /required column "name"/)
    await refused(() => loose.insertInto('people').values([{ name: 'ok' }, { name: undefined, email: 'x@x' }]).execute(), /row 1 has no value for required column "name"/)
  })

  test('a missing required column', async () => {
    await refused(() => loose.insertInto('people').values({ email: 'x@x' }).execute(), /required column "name"/)
  })

  test('an unknown column, in values(), set(), where(), returning() and onConflict(), naming the known ones', async () => {
    await refused(() => loose.insertInto('people').values({ name: 'x', nmae: 'y' }).execute(), /unknown column "nmae" on table "people"\. Known columns: id, name, email/)
    await refused(() => loose.updateTable('people').set({ nmae: 'y' }).where('id', '=', 1).execute(), /unknown column "nmae".*Known columns: id, name/)
    await refused(() => loose.updateTable('people').set({ name: 'y' }).where('nmae', '=', 'x').execute(), /nmae/)
    await refused(() => loose.deleteFrom('people').where('nmae', '=', 'x').execute(), /nmae/)
    await refused(() => loose.insertInto('people').values({ name: 'x' }).returning(['nmae']).execute(), /nmae/)
    await refused(() => loose.updateTable('people').set({ name: 'y' }).where('id', '=', 1).returning(['id', 'nmae']).execute(), /nmae/)
    await refused(() => loose.insertInto('people').values({ name: 'x' }).onConflict(['nmae'], (oc: any) => oc.doNothing()).execute(), /unknown column "nmae"/)
    await refused(
      () => loose.insertInto('people').values({ name: 'x' }).onConflict(['email'], (oc: any) => oc.doUpdateSet({ nmae: 'y' })).execute(),
      /unknown column "nmae"/,
    )
  })

  test('an unknown table, naming the known ones', async () => {
    await refused(() => loose.insertInto('persons').values({ name: 'x' }).execute(), /Unknown table "persons"\. Known tables: people/)
    await refused(() => loose.updateTable('persons'), /Unknown table "persons"/)
    await refused(() => loose.deleteFrom('persons'), /Unknown table "persons"/)
  })

  test('a generated or a computed column in values() or set()', async () => {
    await refused(() => loose.insertInto('people').values({ name: 'x', nameLength: 1 }).execute(), /people\.nameLength is generated by the database/)
    await refused(() => loose.updateTable('people').set({ nameLength: 1 }).where('id', '=', 1).execute(), /generated/)
    await refused(() => loose.insertInto('people').values({ name: 'x', shout: 'X' }).execute(), /people\.shout is a computed column/)
    await refused(() => loose.updateTable('people').set({ shout: 'X' }).where('id', '=', 1).execute(), /computed/)
  })

  test('set({}), and a set() whose values are all undefined', async () => {
    await refused(() => db.updateTable('people').set({}).where('id', '=', 1).execute(), /set\(\) has no column to set/)
    await refused(() => loose.updateTable('people').set({ name: undefined }).where('id', '=', 1).execute(), /no column to set/)
    await refused(() => loose.updateTable('people').where('id', '=', 1).execute(), /needs set\(\{…\}\)/)
  })

  test('an insert with neither values() nor columns().expression()', async () => {
    await refused(() => loose.insertInto('people').execute(), /needs values\(…\) or columns\(\[…\]\)\.expression\(query\)/)
  })

  test('values() and set() take objects', async () => {
    await refused(() => loose.insertInto('people').values('Reuven').execute(), /takes objects of column values/)
    await refused(() => loose.insertInto('people').values([['Reuven']]).execute(), /takes objects of column values/)
    await refused(() => loose.updateTable('people').set(null).where('id', '=', 1).execute(), /takes an object of column values/)
  })
})

describe('a value that cannot be encoded for its column is a JoineryError before the database', () => {
  // Each case: the column, a value of the wrong kind, and what the message says it expects.
  const cases: [column: string, value: unknown, expects: RegExp][] = [
    ['balance', '12', /Column people\.balance expects a bigint, got string "12"/],
    ['balance', 2 ** 53 + 2, /people\.balance expects a bigint, got number/], // an unsafe integer: it has already lost precision
    ['balance', 1.5, /people\.balance expects a bigint/],
    ['born', new Date('not a date'), /people\.born expects a valid Date, got an invalid Date/],
    ['born', '2020-01-01', /people\.born expects a valid Date, got string/],
    ['name', 42, /people\.name expects a string, got number 42/],
    ['mood', 'angry', /people\.mood expects one of 'sad', 'ok', 'happy', got string "angry"/],
    ['tags', [1, 'two'], /people\.tags\[\] expects an integer/],
    ['tags', 7, /people\.tags expects an array/],
    ['photo', 'base64', /people\.photo expects a Uint8Array/],
    ['id', 2 ** 31, /people\.id expects an integer between -2147483648 and 2147483647/],
  ]

  for (const [column, value, expects] of cases) {
    test(`${column} = ${typeof value === 'object' ? String(value) : JSON.stringify(value)}: in values(), set(), where() and doUpdateSet()`, async () => {
      await refused(() => loose.insertInto('people').values({ name: 'x', [column]: value }).execute(), expects)
      await refused(() => loose.insertInto('people').values([{ name: 'ok' }, { name: 'x', [column]: value }]).execute(), expects)
      await refused(() => loose.updateTable('people').set({ [column]: value }).where('id', '=', 1).execute(), expects)
      await refused(() => loose.deleteFrom('people').where(column, '=', value).execute(), expects)
      await refused(
        () => loose.insertInto('people').values({ name: 'x' }).onConflict(['email'], (oc: any) => oc.doUpdateSet({ [column]: value })).execute(),
        expects,
      )
    })
  }

  test('inside a transaction: nothing but begin and rollback is sent, and the first write is undone', async () => {
    const error = await db
      .transaction(async (tx) => {
        await tx.insertInto('people').values({ name: 'Noa' }).execute()
        await (tx as any).insertInto('people').values({ name: 'Avi', balance: 'lots' }).execute()
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(JoineryError)
    expect(error).not.toBeInstanceOf(DatabaseError)
    expect((error as Error).message).toMatch(/people\.balance expects a bigint/)
    expect(events.map((event) => event.sql)).toEqual(['begin', 'insert into "people" ("name") values ($1)', 'rollback'])
    expect(await stored()).toEqual(before)
  })
})
