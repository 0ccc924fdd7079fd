// The select builder (API.md §3, §6): every test builds a query, asserts the SQL and parameters it
// compiles to, runs it, and asserts the rows the database really returned.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { JoineryError, NoResultError, column as c, schema, table } from '../src/index.js'
import type { CompiledQuery, Database } from '../src/index.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'

const clinic = schema(
  {
    people: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      nickname: c.text().nullable(),
      email: c.text().nullable().unique(),
      age: c.integer().nullable(),
      isActive: c.boolean(),
      createdAt: c.timestamptz(),
    }),
    favoriteColors: table({
      personId: c.integer().references('people.id'),
      colorName: c.text(),
    }),
  },
  { casing: 'snake_case' },
)

let t: TestDatabase
let db: Database<typeof clinic>

beforeAll(async () => {
  t = await testDatabase()
  await t.exec(`
    create table people (id serial primary key, name text not null, nickname text, email text unique, age integer,
      is_active boolean not null, created_at timestamptz not null);
    insert into people (name, nickname, email, age, is_active, created_at) values
      ('Reuven', 'Reuven', 'r@x', 40, true, '2013-01-01T00:00:00Z'),
      ('Shira', null, null, 31, true, '1960-05-01T12:00:00.123Z'),
      ('rachel', 'Rach', 'rachel@x', null, false, '2020-02-29T08:00:00Z'),
      ('Avi', 'Avi', 'avi@x', 31, false, '2040-01-01T00:00:00Z'),
      ('Zoe', null, 'zoe@x', 25, true, '1999-12-31T23:59:59.999Z');
    create table favorite_colors (person_id integer not null references people (id), color_name text not null);
    insert into favorite_colors values (1, 'blue'), (4, 'green'), (1, 'red');
  `)
  db = t.db(clinic)
})
afterAll(() => t.close())

const reuven = { id: 1, name: 'Reuven', nickname: 'Reuven', email: 'r@x', age: 40, isActive: true, createdAt: new Date('2013-01-01T00:00:00Z') }
const shira = { id: 2, name: 'Shira', nickname: null, email: null, age: 31, isActive: true, createdAt: new Date('1960-05-01T12:00:00.123Z') }

/** Asserts what a query compiles to, then what it returns. */
async function expectQuery(q: { compile(): CompiledQuery; execute(): Promise<unknown[]> }, compiled: CompiledQuery, rows: unknown[]) {
  expect(q.compile()).toEqual(compiled)
  expect(await q.execute()).toEqual(rows)
}

/** `[{ id: 1 }, { id: 3 }]` for `ids(1, 3)`. */
const ids = (...values: number[]) => values.map((id) => ({ id }))

const PEOPLE_IDS = 'select "people"."id" from "people"'

describe('select, selectAll', () => {
  test('select picks columns; keys are the schema keys, database names come from snake_case', async () => {
    await expectQuery(
      db.selectFrom('people').select(['id', 'name', 'createdAt']).orderBy('id').limit(2),
      {
        sql: 'select "people"."id", "people"."name", "people"."created_at" as "createdAt" from "people" order by "people"."id" asc limit $1',
        parameters: ['2'],
      },
      [
        { id: 1, name: 'Reuven', createdAt: new Date('2013-01-01T00:00:00Z') },
        { id: 2, name: 'Shira', createdAt: new Date('1960-05-01T12:00:00.123Z') },
      ],
    )
  })

  test('selectAll selects every column, like a query that selects nothing', async () => {
    const all = {
      sql: 'select "people"."id", "people"."name", "people"."nickname", "people"."email", "people"."age", "people"."is_active" as "isActive", "people"."created_at" as "createdAt" from "people" where "people"."id" = $1',
      parameters: ['2'],
    }
    await expectQuery(db.selectFrom('people').selectAll().where('id', '=', 2), all, [shira])
    await expectQuery(db.selectFrom('people').where('id', '=', 2), all, [shira])
  })

  test("qualified references 'people.name' and renames 'ref as key'", async () => {
    await expectQuery(
      db.selectFrom('people').select(['people.name', 'people.createdAt as joined', 'id as personId']).where('people.id', '=', 1).orderBy('people.name'),
      {
        sql: 'select "people"."name", "people"."created_at" as "joined", "people"."id" as "personId" from "people" where "people"."id" = $1 order by "people"."name" asc',
        parameters: ['1'],
      },
      [{ name: 'Reuven', joined: new Date('2013-01-01T00:00:00Z'), personId: 1 }],
    )
  })

  test("casing 'snake_case' maps table keys too: favoriteColors → favorite_colors", async () => {
    await expectQuery(
      db.selectFrom('favoriteColors').select(['personId', 'favoriteColors.colorName']).where('favoriteColors.personId', '=', 1).orderBy('colorName', 'desc'),
      {
        sql: 'select "favorite_colors"."person_id" as "personId", "favorite_colors"."color_name" as "colorName" from "favorite_colors" where "favorite_colors"."person_id" = $1 order by "favorite_colors"."color_name" desc',
        parameters: ['1'],
      },
      [
        { personId: 1, colorName: 'red' },
        { personId: 1, colorName: 'blue' },
      ],
    )
  })
})

describe('where(column, op, value): every operator', () => {
  const people = () => db.selectFrom('people').select(['id']).orderBy('id')
  const sqlWhere = (condition: string) => `${PEOPLE_IDS} where ${condition} order by "people"."id" asc`

  test('=', async () => {
    await expectQuery(people().where('name', '=', 'Shira'), { sql: sqlWhere('"people"."name" = $1'), parameters: ['Shira'] }, ids(2))
    await expectQuery(people().where('isActive', '=', false), { sql: sqlWhere('"people"."is_active" = $1'), parameters: ['false'] }, ids(3, 4))
  })

  test('<> (NULL is neither equal nor unequal)', async () => {
    await expectQuery(people().where('age', '<>', 31), { sql: sqlWhere('"people"."age" <> $1'), parameters: ['31'] }, ids(1, 5))
  })

  test('< and <=', async () => {
    await expectQuery(people().where('age', '<', 31), { sql: sqlWhere('"people"."age" < $1'), parameters: ['31'] }, ids(5))
    await expectQuery(people().where('age', '<=', 31), { sql: sqlWhere('"people"."age" <= $1'), parameters: ['31'] }, ids(2, 4, 5))
  })

  test('> and >= with a Date, sent as UTC timestamp text', async () => {
    const newYear2013 = new Date('2013-01-01T00:00:00Z')
    await expectQuery(
      people().where('createdAt', '>', newYear2013),
      { sql: sqlWhere('"people"."created_at" > $1'), parameters: ['2013-01-01 00:00:00.000+00'] },
      ids(3, 4),
    )
    await expectQuery(
      people().where('createdAt', '>=', newYear2013),
      { sql: sqlWhere('"people"."created_at" >= $1'), parameters: ['2013-01-01 00:00:00.000+00'] },
      ids(1, 3, 4),
    )
  })

  test('in and not in: one parameter per item', async () => {
    await expectQuery(people().where('id', 'in', [1, 3, 99]), { sql: sqlWhere('"people"."id" in ($1, $2, $3)'), parameters: ['1', '3', '99'] }, ids(1, 3))
    await expectQuery(
      people().where('name', 'not in', ['Reuven', 'Avi']),
      { sql: sqlWhere('"people"."name" not in ($1, $2)'), parameters: ['Reuven', 'Avi'] },
      ids(2, 3, 5),
    )
  })

  test('in [] compiles to false and not in [] to true, and both run', async () => {
    await expectQuery(people().where('id', 'in', []), { sql: sqlWhere('false'), parameters: [] }, [])
    await expectQuery(people().where('id', 'not in', []), { sql: sqlWhere('true'), parameters: [] }, ids(1, 2, 3, 4, 5))
    await expectQuery(
      people().where((eb) => eb.or([eb('email', 'in', []), eb('name', '=', 'Avi')])),
      { sql: sqlWhere('(false or "people"."name" = $1)'), parameters: ['Avi'] },
      ids(4),
    )
    await expectQuery(people().where((eb) => eb.not(eb('id', 'in', []))), { sql: sqlWhere('not (false)'), parameters: [] }, ids(1, 2, 3, 4, 5))
  })

  test('like is case-sensitive, ilike is not', async () => {
    await expectQuery(people().where('name', 'like', 'R%'), { sql: sqlWhere('"people"."name" like $1'), parameters: ['R%'] }, ids(1))
    await expectQuery(people().where('name', 'ilike', 'r%'), { sql: sqlWhere('"people"."name" ilike $1'), parameters: ['r%'] }, ids(1, 3))
  })

  test('is and is not, with null, true or false, written into the SQL', async () => {
    await expectQuery(people().where('email', 'is', null), { sql: sqlWhere('"people"."email" is null'), parameters: [] }, ids(2))
    await expectQuery(people().where('email', 'is not', null), { sql: sqlWhere('"people"."email" is not null'), parameters: [] }, ids(1, 3, 4, 5))
    await expectQuery(people().where('isActive', 'is', false), { sql: sqlWhere('"people"."is_active" is false'), parameters: [] }, ids(3, 4))
    await expectQuery(people().where('isActive', 'is not', true), { sql: sqlWhere('"people"."is_active" is not true'), parameters: [] }, ids(3, 4))
  })

  test('several where calls are joined with and', async () => {
    await expectQuery(
      people().where('age', '=', 31).where('isActive', '=', false).where('name', 'like', 'A%'),
      { sql: sqlWhere('(("people"."age" = $1 and "people"."is_active" = $2) and "people"."name" like $3)'), parameters: ['31', 'false', 'A%'] },
      ids(4),
    )
  })
})

describe('where((eb) => …)', () => {
  const people = () => db.selectFrom('people').select(['id']).orderBy('id')
  const sqlWhere = (condition: string) => `${PEOPLE_IDS} where ${condition} order by "people"."id" asc`

  test('eb(column, op, value) and eb.or', async () => {
    await expectQuery(
      people().where((eb) => eb.or([eb('name', '=', 'Avi'), eb('email', 'is', null)])),
      { sql: sqlWhere('("people"."name" = $1 or "people"."email" is null)'), parameters: ['Avi'] },
      ids(2, 4),
    )
  })

  test('eb.and and eb.not, nested', async () => {
    await expectQuery(
      people().where((eb) => eb.or([eb.and([eb('age', '>=', 30), eb.not(eb('isActive', '=', true))]), eb('name', '=', 'Zoe')])),
      {
        sql: sqlWhere('(("people"."age" >= $1 and not ("people"."is_active" = $2)) or "people"."name" = $3)'),
        parameters: ['30', 'true', 'Zoe'],
      },
      ids(4, 5),
    )
  })

  test('eb.and([]) is true and eb.or([]) is false', async () => {
    await expectQuery(people().where((eb) => eb.and([])), { sql: sqlWhere('true'), parameters: [] }, ids(1, 2, 3, 4, 5))
    await expectQuery(people().where((eb) => eb.or([])), { sql: sqlWhere('false'), parameters: [] }, [])
  })

  test('eb.ref compares two columns', async () => {
    await expectQuery(
      people().where((eb) => eb('nickname', '=', eb.ref('people.name'))),
      { sql: sqlWhere('"people"."nickname" = "people"."name"'), parameters: [] },
      ids(1, 4),
    )
    await expectQuery(
      people().where((eb) => eb('nickname', '<>', eb.ref('name'))),
      { sql: sqlWhere('"people"."nickname" <> "people"."name"'), parameters: [] },
      ids(3),
    )
  })

  test('eb.val makes a parameter of any value, encoded from its JS type', async () => {
    await expectQuery(
      people().where((eb) => eb('createdAt', '<', eb.val(new Date('1970-01-01T00:00:00Z')))),
      { sql: sqlWhere('"people"."created_at" < $1'), parameters: ['1970-01-01 00:00:00.000+00'] },
      ids(2),
    )
    await expectQuery(people().where((eb) => eb('name', '=', eb.val('Zoe'))), { sql: sqlWhere('"people"."name" = $1'), parameters: ['Zoe'] }, ids(5))
  })
})

describe('orderBy, limit, offset, distinct', () => {
  test('orderBy several columns; asc by default; NULL first when descending', async () => {
    await expectQuery(
      db.selectFrom('people').select(['id', 'age']).orderBy('age', 'desc').orderBy('id'),
      { sql: 'select "people"."id", "people"."age" from "people" order by "people"."age" desc, "people"."id" asc', parameters: [] },
      [
        { id: 3, age: null },
        { id: 1, age: 40 },
        { id: 2, age: 31 },
        { id: 4, age: 31 },
        { id: 5, age: 25 },
      ],
    )
  })

  test('limit and offset are parameters', async () => {
    await expectQuery(
      db.selectFrom('people').select(['id']).orderBy('id').limit(2).offset(1),
      { sql: `${PEOPLE_IDS} order by "people"."id" asc limit $1 offset $2`, parameters: ['2', '1'] },
      ids(2, 3),
    )
    await expectQuery(db.selectFrom('people').select(['id']).limit(0), { sql: `${PEOPLE_IDS} limit $1`, parameters: ['0'] }, [])
    await expectQuery(
      db.selectFrom('people').select(['id']).orderBy('id').offset(4),
      { sql: `${PEOPLE_IDS} order by "people"."id" asc offset $1`, parameters: ['4'] },
      ids(5),
    )
  })

  test('the last limit wins', async () => {
    await expectQuery(
      db.selectFrom('people').select(['id']).orderBy('id').limit(1).limit(3),
      { sql: `${PEOPLE_IDS} order by "people"."id" asc limit $1`, parameters: ['3'] },
      ids(1, 2, 3),
    )
  })

  test('distinct', async () => {
    await expectQuery(
      db.selectFrom('people').select(['age']).distinct().orderBy('age'),
      { sql: 'select distinct "people"."age" from "people" order by "people"."age" asc', parameters: [] },
      [{ age: 25 }, { age: 31 }, { age: 40 }, { age: null }],
    )
  })
})

describe('execute, first, firstOrThrow', () => {
  test('execute returns every row, [] when none', async () => {
    await expectQuery(db.selectFrom('people').select(['id']).where('name', '=', 'Nobody'), { sql: `${PEOPLE_IDS} where "people"."name" = $1`, parameters: ['Nobody'] }, [])
    await expectQuery(db.selectFrom('people').select(['id']).orderBy('id'), { sql: `${PEOPLE_IDS} order by "people"."id" asc`, parameters: [] }, ids(1, 2, 3, 4, 5))
  })

  test('first returns the first row, or undefined; it adds no limit', async () => {
    const q = db.selectFrom('people').where('age', '=', 31).orderBy('id')
    expect(q.compile().sql).not.toContain('limit')
    expect(await q.first()).toEqual(shira)
    expect(await db.selectFrom('people').where('age', '>', 100).first()).toBeUndefined()
  })

  test('firstOrThrow returns the first row, or throws NoResultError', async () => {
    expect(await db.selectFrom('people').where('id', '=', 1).firstOrThrow()).toEqual(reuven)
    const q = db.selectFrom('people').select(['id']).where('name', '=', 'Nobody')
    const error = await q.firstOrThrow().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NoResultError)
    expect(error).toBeInstanceOf(JoineryError)
    expect(error).toMatchObject({ name: 'NoResultError', message: `No row found: ${PEOPLE_IDS} where "people"."name" = $1` })
  })
})

describe('compile() and immutability', () => {
  test('compile() returns a frozen { sql, parameters } and runs nothing', async () => {
    const log: string[] = []
    const logged = t.db(clinic, { log: (event) => log.push(event.sql) })
    const compiled = logged.selectFrom('people').select(['id']).where('name', '=', 'x').compile()
    expect(compiled).toEqual({ sql: `${PEOPLE_IDS} where "people"."name" = $1`, parameters: ['x'] })
    expect(Object.isFrozen(compiled)).toBe(true)
    expect(Object.isFrozen(compiled.parameters)).toBe(true)
    // Deliberately mutating what the types mark readonly: the freeze is what stops it at run time.
    expect(() => (compiled.parameters as (string | null)[]).push('y')).toThrow(TypeError)
    expect(log).toEqual([])
  })

  test('the same builder compiles twice to identical SQL, and runs twice to identical rows', async () => {
    const q = db.selectFrom('people').select(['id', 'name']).where('age', 'in', [31, 40]).orderBy('id').limit(5)
    const first = q.compile()
    expect(q.compile()).toEqual(first)
    const rows = await q.execute()
    expect(rows).toEqual([
      { id: 1, name: 'Reuven' },
      { id: 2, name: 'Shira' },
      { id: 4, name: 'Avi' },
    ])
    expect(await q.execute()).toEqual(rows)
    expect(q.compile()).toEqual({
      sql: 'select "people"."id", "people"."name" from "people" where "people"."age" in ($1, $2) order by "people"."id" asc limit $3',
      parameters: ['31', '40', '5'],
    })
  })

  test('branches built from one shared prefix never see each other’s clauses', async () => {
    const adults = db.selectFrom('people').select(['id']).where('age', '>=', 30)
    const named = adults.where('name', 'like', 'R%')
    const latest = adults.orderBy('id', 'desc').limit(1)
    const withNames = adults.select(['name'])
    const distinctAges = adults.distinct()

    await expectQuery(adults.orderBy('id'), { sql: `${PEOPLE_IDS} where "people"."age" >= $1 order by "people"."id" asc`, parameters: ['30'] }, ids(1, 2, 4))
    await expectQuery(named, { sql: `${PEOPLE_IDS} where ("people"."age" >= $1 and "people"."name" like $2)`, parameters: ['30', 'R%'] }, ids(1))
    await expectQuery(latest, { sql: `${PEOPLE_IDS} where "people"."age" >= $1 order by "people"."id" desc limit $2`, parameters: ['30', '1'] }, ids(4))
    expect(withNames.compile()).toEqual({ sql: 'select "people"."id", "people"."name" from "people" where "people"."age" >= $1', parameters: ['30'] })
    expect(distinctAges.compile().sql).toBe(`select distinct "people"."id" from "people" where "people"."age" >= $1`)
    // The prefix itself is untouched by everything built on it.
    expect(adults.compile()).toEqual({ sql: `${PEOPLE_IDS} where "people"."age" >= $1`, parameters: ['30'] })
  })
})
