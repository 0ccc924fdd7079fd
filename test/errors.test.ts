// Errors (API.md §8). Misuse that types would catch but an untyped caller lets through throws a
// JoineryError naming what is valid, before anything reaches the database (the `log` option
// proves no query was sent). Errors the database raises become DatabaseError subclasses.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  CheckViolationError,
  DatabaseError,
  ForeignKeyViolationError,
  JoineryError,
  NotNullViolationError,
  UniqueViolationError,
  column as c,
  createDb,
  enumOf,
  schema,
  sql,
  table,
} from '../src/index.js'
import type { Database, QueryLogEvent } from '../src/index.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'

const shop = schema(
  {
    people: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      email: c.text().nullable().unique(),
      age: c.integer().nullable(),
      points: c.bigint().nullable(),
      mood: enumOf(['sad', 'ok', 'happy'], { name: 'mood' }).nullable(),
      createdAt: c.timestamptz().nullable(),
    }),
    pets: table({
      id: c.serial().primaryKey(),
      ownerId: c.integer().references('people.id'),
      name: c.text(),
      legs: c.smallint(),
    }),
    // In the schema but never created: the database, not joinery, finds that out.
    ghosts: table({ id: c.integer() }),
  },
  { casing: 'snake_case' },
)

const PEOPLE_COLUMNS = 'id, name, email, age, points, mood, createdAt'

let t: TestDatabase
let db: Database<typeof shop>
// An untyped caller (plain JavaScript, or values typed any): what the compiler would reject.
let untyped: any
const events: QueryLogEvent[] = []

beforeAll(async () => {
  t = await testDatabase()
  await t.exec(`
    create type mood as enum ('sad', 'ok', 'happy');
    create table people (id serial primary key, name text not null, email text unique, age integer, points bigint,
      mood mood, created_at timestamptz);
    create table pets (id serial primary key, owner_id integer not null references people (id), name text not null,
      legs smallint not null check (legs >= 0));
    insert into people (name, email) values ('Reuven', 'r@x');
  `)
  db = t.db(shop, { log: (event) => events.push(event) })
  untyped = db
})
afterAll(() => t.close())
beforeEach(() => {
  events.length = 0
})

/**
 * `attempt` fails with a JoineryError saying `message` (a RegExp where the message lists
 * alternatives that grow with the product), and no query reached the database.
 */
async function expectMisuse(attempt: () => unknown, message: string | RegExp) {
  const error = await (async () => attempt())().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(JoineryError)
  expect(error).not.toBeInstanceOf(DatabaseError)
  if (typeof message === 'string') expect((error as Error).message).toBe(message)
  else expect((error as Error).message).toMatch(message)
  expect(events).toEqual([])
}

describe('unknown names', () => {
  test('unknown table: lists the known tables', async () => {
    await expectMisuse(() => untyped.selectFrom('peeple').execute(), 'Unknown table "peeple". Known tables: people, pets, ghosts.')
    await expectMisuse(() => untyped.selectFrom(undefined).execute(), 'Unknown table undefined. Known tables: people, pets, ghosts.')
  })

  test('unknown column in where, select, orderBy and eb.ref: lists the known columns', async () => {
    const message = `Unknown column "nmae" on table "people". Known columns: ${PEOPLE_COLUMNS}.`
    await expectMisuse(() => untyped.selectFrom('people').where('nmae', '=', 'x').execute(), message)
    await expectMisuse(() => untyped.selectFrom('people').select(['id', 'nmae']).execute(), message)
    await expectMisuse(() => untyped.selectFrom('people').orderBy('nmae').execute(), message)
    await expectMisuse(() => untyped.selectFrom('people').where((eb: any) => eb('name', '=', eb.ref('nmae'))).execute(), message)
    await expectMisuse(() => untyped.selectFrom('people').where('nmae', 'in', []).execute(), message)
  })

  test('a database name is not a key: created_at is createdAt', async () => {
    await expectMisuse(
      () => untyped.selectFrom('people').where('created_at', 'is', null).execute(),
      `Unknown column "created_at" on table "people". Known columns: ${PEOPLE_COLUMNS}.`,
    )
  })

  test('a qualified reference to a table not in the query', async () => {
    await expectMisuse(
      () => untyped.selectFrom('people').select(['peeple.name']).execute(),
      'Unknown table "peeple" in column reference "peeple.name". Tables in this query: people.',
    )
    await expectMisuse(
      () => untyped.selectFrom('people').where('pets.name', '=', 'Rex').execute(),
      'Unknown table "pets" in column reference "pets.name". Tables in this query: people.',
    )
  })

  test('compile() throws the same error, without a query', async () => {
    await expectMisuse(
      () => untyped.selectFrom('people').select(['nmae']).compile(),
      `Unknown column "nmae" on table "people". Known columns: ${PEOPLE_COLUMNS}.`,
    )
  })
})

describe('bad operators and values in where', () => {
  test('unknown operator: lists the valid ones', async () => {
    await expectMisuse(
      () => untyped.selectFrom('people').where('name', '==', 'x').execute(),
      /^where\("name", "==", …\): unknown operator\. Valid operators: =, <>, <, <=, >, >=, in, not in, like, ilike, is, is not\b.*\.$/,
    )
  })

  test('undefined as a value, alone or in a list', async () => {
    const message = `where("name", "=", …): the value is undefined. Pass a value, or use 'is' null.`
    await expectMisuse(() => untyped.selectFrom('people').where('name', '=', undefined).execute(), message)
    await expectMisuse(() => untyped.selectFrom('people').where((eb: any) => eb('name', '=', undefined)).execute(), message.replace('where(', 'eb('))
    await expectMisuse(
      () => untyped.selectFrom('people').where('id', 'in', [1, undefined]).execute(),
      `where("id", "in", …): the value is undefined. Pass a value, or use 'is' null.`,
    )
    await expectMisuse(() => untyped.selectFrom('people').where((eb: any) => eb('name', '=', eb.val(undefined))).execute(), 'eb.val() got undefined; pass null for NULL.')
    await expectMisuse(() => db.execute(sql`select ${undefined}`), 'A value interpolated into sql`…` is undefined; pass null for NULL.')
  })

  test("null with '=' or '<>': use 'is'", async () => {
    await expectMisuse(
      () => untyped.selectFrom('people').where('email', '=', null).execute(),
      `where("email", "=", …): comparing with null is never true in SQL; use 'is' or 'is not' null.`,
    )
    await expectMisuse(
      () => untyped.selectFrom('people').where('email', '<>', null).execute(),
      `where("email", "<>", …): comparing with null is never true in SQL; use 'is' or 'is not' null.`,
    )
  })

  test("'in' without an array, 'is' with something else than null, true or false", async () => {
    await expectMisuse(() => untyped.selectFrom('people').where('id', 'in', 1).execute(), /^where\("id", "in", …\): 'in' takes an array of values\b.*\.$/)
    await expectMisuse(() => untyped.selectFrom('people').where('email', 'is', 'x').execute(), `where("email", "is", …): 'is' takes null, true or false.`)
  })

  test('a where callback that does not return a condition; eb.and/or without an array', async () => {
    await expectMisuse(() => untyped.selectFrom('people').where(() => 'true').execute(), 'where((eb) => …) must return a condition built with eb.')
    await expectMisuse(() => untyped.selectFrom('people').where((eb: any) => eb.or(eb('id', '=', 1))).execute(), 'eb.or() takes an array of conditions.')
    await expectMisuse(() => untyped.selectFrom('people').where((eb: any) => eb.and(['id = 1'])).execute(), 'eb.and() items must be conditions built with eb(…).')
  })
})

describe('a value whose JS type cannot encode to its column', () => {
  test('integer columns: strings, fractions, out of range', async () => {
    const int4 = (got: string) => `Column people.age expects an integer between -2147483648 and 2147483647, got ${got}.`
    await expectMisuse(() => untyped.selectFrom('people').where('age', '=', '31').execute(), int4('string "31"'))
    await expectMisuse(() => untyped.selectFrom('people').where('age', '>', 1.5).execute(), int4('number 1.5'))
    await expectMisuse(() => untyped.selectFrom('people').where('age', '<', 2 ** 31).execute(), int4('number 2147483648'))
    await expectMisuse(() => untyped.selectFrom('people').where('people.age', 'in', [1, '2']).execute(), int4('string "2"'))
    await expectMisuse(
      () => untyped.selectFrom('pets').where('legs', '=', 40000).execute(),
      'Column pets.legs expects an integer between -32768 and 32767, got number 40000.',
    )
  })

  test('bigint columns: a string, or a number past 2^53 that has lost its exact value', async () => {
    await expectMisuse(() => untyped.selectFrom('people').where('points', '=', '1').execute(), 'Column people.points expects a bigint, got string "1".')
    await expectMisuse(() => untyped.selectFrom('people').where('points', '=', 2 ** 53 + 2).execute(), 'Column people.points expects a bigint, got number 9007199254740994.')
  })

  test('timestamp columns: an invalid Date, or a string', async () => {
    await expectMisuse(
      () => untyped.selectFrom('people').where('createdAt', '<', new Date('not a date')).execute(),
      'Column people.createdAt expects a valid Date, got an invalid Date.',
    )
    await expectMisuse(
      () => untyped.selectFrom('people').where('createdAt', '<', '2020-01-01').execute(),
      'Column people.createdAt expects a valid Date, got string "2020-01-01".',
    )
    await expectMisuse(
      () => untyped.selectFrom('people').where((eb: any) => eb('createdAt', '<', eb.val(new Date(Number.NaN)))).execute(),
      /^A \w+ expects a valid Date, got an invalid Date\.$/,
    )
  })

  test('text columns: a number; enum columns: a value not in the enum', async () => {
    await expectMisuse(() => untyped.selectFrom('people').where('name', '=', 5).execute(), 'Column people.name expects a string, got number 5.')
    await expectMisuse(
      () => untyped.selectFrom('people').where('mood', '=', 'angry').execute(),
      `Column people.mood expects one of 'sad', 'ok', 'happy', got string "angry".`,
    )
  })
})

describe('limit, offset, orderBy and select arguments', () => {
  test('limit and offset take a non-negative integer', async () => {
    const people = () => untyped.selectFrom('people')
    await expectMisuse(() => people().limit(-1).execute(), 'limit() takes a non-negative integer, got -1.')
    await expectMisuse(() => people().limit(1.5).execute(), 'limit() takes a non-negative integer, got 1.5.')
    await expectMisuse(() => people().limit(Number.NaN).execute(), 'limit() takes a non-negative integer, got NaN.')
    await expectMisuse(() => people().limit(Infinity).execute(), 'limit() takes a non-negative integer, got Infinity.')
    await expectMisuse(() => people().limit('10').execute(), 'limit() takes a non-negative integer, got "10".')
    await expectMisuse(() => people().offset(-1).execute(), 'offset() takes a non-negative integer, got -1.')
    await expectMisuse(() => people().offset(2.5).execute(), 'offset() takes a non-negative integer, got 2.5.')
    await expectMisuse(() => people().offset(Number.NaN).execute(), 'offset() takes a non-negative integer, got NaN.')
    await expectMisuse(() => people().offset(undefined).execute(), 'offset() takes a non-negative integer, got undefined.')
  })

  test('orderBy direction, and two selections on one key', async () => {
    await expectMisuse(() => untyped.selectFrom('people').orderBy('name', 'up').execute(), /^orderBy\(\) direction must be .*'asc'.*'desc'.*, got "up"\.$/)
    await expectMisuse(
      () => untyped.selectFrom('people').select(['name', 'people.name']).execute(),
      `Two selections land on the key "name": rename one with 'ref as otherName'.`,
    )
  })
})

describe('schema definitions', () => {
  // Each of these is a compile-time error; `as any` plays the JavaScript caller.
  test('schema() with a reference to an unknown table or column', () => {
    expect(() => schema({ pets: table({ ownerId: c.integer().references('owners.id') }) } as any)).toThrow(
      new JoineryError('pets.ownerId references unknown table "owners". Known tables: pets.'),
    )
    expect(() =>
      schema({
        people: table({ id: c.serial().primaryKey(), name: c.text() }),
        pets: table({ ownerId: c.integer().references('people.uuid') }),
      } as any),
    ).toThrow(new JoineryError('pets.ownerId references unknown column "uuid" of table "people". Known columns: id, name.'))
    expect(() => c.integer().references('people')).toThrow(new JoineryError(`references() takes 'table.column', got "people".`))
  })

  test('table().primaryKey(), unique() and index() of an unknown column', () => {
    const owners = table({ personId: c.integer(), petId: c.integer() }) as any
    expect(() => owners.primaryKey('personId', 'nope')).toThrow(new JoineryError('table().primaryKey() names unknown column "nope". Known columns: personId, petId.'))
    expect(() => owners.unique('nope')).toThrow(new JoineryError('table().unique() names unknown column "nope". Known columns: personId, petId.'))
    expect(() => owners.index('nope')).toThrow(new JoineryError('table().index() names unknown column "nope". Known columns: personId, petId.'))
    expect(() => owners.primaryKey()).toThrow(new JoineryError('table().primaryKey() needs at least one column.'))
  })

  test('the thrown errors are JoineryErrors', () => {
    const attempt = () => schema({ pets: table({ ownerId: c.integer().references('owners.id') }) } as any)
    expect(attempt).toThrow(JoineryError)
    expect(() => createDb({} as any, { driver: t.driver })).toThrow(new JoineryError('createDb() takes a schema made with schema({...}).'))
  })
})

describe('errors raised by the database become DatabaseError subclasses', () => {
  test('a unique violation: UniqueViolationError with SQLSTATE, constraint, table, SQL and parameters', async () => {
    const insert = () => db.execute(sql`insert into people (name, email) values (${'Dup'}, ${'dup@x'})`)
    await insert()
    const error = await insert().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UniqueViolationError)
    expect(error).toBeInstanceOf(DatabaseError)
    expect(error).toBeInstanceOf(JoineryError)
    expect(error).toMatchObject({
      name: 'UniqueViolationError',
      message: 'duplicate key value violates unique constraint "people_email_key"',
      code: '23505',
      constraint: 'people_email_key',
      table: 'people',
      detail: 'Key (email)=(dup@x) already exists.',
      sql: 'insert into people (name, email) values ($1, $2)',
      parameters: ['Dup', 'dup@x'],
    })
    expect((error as Error).cause).toBeInstanceOf(Error)
    // The log saw both statements; the second one with the error it failed with.
    expect(events).toHaveLength(2)
    expect(events[1]).toMatchObject({ sql: 'insert into people (name, email) values ($1, $2)', parameters: ['Dup', 'dup@x'], rowCount: undefined, error })
    expect(events[0]).toMatchObject({ rowCount: 1, error: undefined })
  })

  test('not-null, foreign-key and check violations', async () => {
    const notNull = await db.execute(sql`insert into pets (owner_id, name, legs) values (${1}, ${null}, ${4})`).catch((e: unknown) => e)
    expect(notNull).toBeInstanceOf(NotNullViolationError)
    expect(notNull).toMatchObject({ code: '23502', table: 'pets', column: 'name', parameters: ['1', null, '4'] })

    const foreignKey = await db.execute(sql`insert into pets (owner_id, name, legs) values (${999}, ${'Rex'}, ${4})`).catch((e: unknown) => e)
    expect(foreignKey).toBeInstanceOf(ForeignKeyViolationError)
    expect(foreignKey).toMatchObject({ code: '23503', table: 'pets', constraint: 'pets_owner_id_fkey', detail: 'Key (owner_id)=(999) is not present in table "people".' })

    const check = await db.execute(sql`insert into pets (owner_id, name, legs) values (${1}, ${'Rex'}, ${-1})`).catch((e: unknown) => e)
    expect(check).toBeInstanceOf(CheckViolationError)
    expect(check).toMatchObject({ code: '23514', table: 'pets', constraint: 'pets_legs_check' })
  })

  test('other SQLSTATEs are a plain DatabaseError; a builder query carries its SQL too', async () => {
    const divide = await db.execute(sql`select 1 / ${0}::int as x`).catch((e: unknown) => e)
    expect(divide).toBeInstanceOf(DatabaseError)
    expect((divide as object).constructor).toBe(DatabaseError)
    expect(divide).toMatchObject({ name: 'DatabaseError', code: '22012', message: 'division by zero', sql: 'select 1 / $1::int as x', parameters: ['0'] })

    const missing = await db.selectFrom('ghosts').execute().catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(DatabaseError)
    expect(missing).toMatchObject({ code: '42P01', message: 'relation "ghosts" does not exist', sql: 'select "ghosts"."id" from "ghosts"', parameters: [] })
  })

  test('after an error the database is still usable', async () => {
    await db.execute(sql`select 1 / 0`).catch(() => undefined)
    expect(await db.selectFrom('people').select(['name']).where('email', '=', 'r@x').execute()).toEqual([{ name: 'Reuven' }])
  })
})
