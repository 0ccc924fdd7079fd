// The expression builder `eb` and the `sql` tag (API.md §3, §6): conditions, arithmetic, case,
// functions, aliased expressions in select, and raw SQL in select/where/orderBy. Each test
// checks the compiled SQL and parameters, then the rows the database returned.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DatabaseError, sql } from '../src/index.js'
import type { QueryLogEvent } from '../src/index.js'
import { clinic, clinicDatabase } from './support/clinic.js'
import type { TestDatabase } from './support/database.js'

let t: TestDatabase
const log: QueryLogEvent[] = []

beforeAll(async () => {
  t = await clinicDatabase()
})
afterAll(() => t.close())

const clinicDb = () => t.db(clinic, { log: (event) => log.push(event) })

describe('conditions with eb', () => {
  test('eb(column, op, value) combined with and, or, not', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select(['name'])
      .where((eb) => eb.or([eb.and([eb('name', 'like', 'R%'), eb.not(eb('email', 'is', null))]), eb('id', '>=', 3)]))
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name" from "people" where ' +
        '(("people"."name" like $1 and not ("people"."email" is null)) or "people"."id" >= $2) order by "people"."id" asc',
      parameters: ['R%', '3'],
    })
    expect(await q.execute()).toEqual([{ name: 'Reuven' }, { name: 'Noa' }, { name: 'Avi' }])
  })

  test('an empty and() is true, an empty or() is false', async () => {
    const all = clinicDb().selectFrom('people').select(['id']).where((eb) => eb.and([])).orderBy('id')
    const none = clinicDb().selectFrom('people').select(['id']).where((eb) => eb.or([]))
    expect(all.compile().sql).toBe('select "people"."id" from "people" where true order by "people"."id" asc')
    expect(none.compile().sql).toBe('select "people"."id" from "people" where false')
    expect(await all.execute()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }])
    expect(await none.execute()).toEqual([])
  })

  test('eb.ref compares two columns; eb.val passes a value', async () => {
    const q = clinicDb()
      .selectFrom('appointments')
      .select(['id'])
      .where((eb) => eb.and([eb('roomId', '=', eb.ref('personId')), eb('notes', '<>', eb.val('Old'))]))
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "appointments"."id" from "appointments" where ' +
        '("appointments"."room_id" = "appointments"."person_id" and "appointments"."notes" <> $1) order by "appointments"."id" asc',
      parameters: ['Old'],
    })
    // 1, 3 and 5 have personId = roomId = 1; 3 is 'Old'.
    expect(await q.execute()).toEqual([{ id: 1 }, { id: 5 }])
  })

  test('eb.between: bounds are encoded like the column', async () => {
    const q = clinicDb()
      .selectFrom('appointments')
      .select(['id'])
      .where((eb) => eb.between('meetingAt', new Date('2013-01-01T00:00:00Z'), new Date('2013-03-31T00:00:00Z')))
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql: 'select "appointments"."id" from "appointments" where "appointments"."meeting_at" between $1 and $2 order by "appointments"."id" asc',
      parameters: ['2013-01-01 00:00:00.000+00', '2013-03-31 00:00:00.000+00'],
    })
    expect(await q.execute()).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }])
  })

  test('an expression on the left: eb(eb.fn.lower(column), op, value)', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select(['id'])
      .where((eb) => eb(eb.fn.lower('name'), '=', 'shira'))
    expect(q.compile()).toEqual({ sql: 'select "people"."id" from "people" where lower("people"."name") = $1', parameters: ['shira'] })
    expect(await q.execute()).toEqual([{ id: 2 }])
  })
})

describe('computing values', () => {
  test('arithmetic + - * / % and || on columns, parenthesised as built', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select((eb) => [
        'id',
        eb('id', '+', 1).as('plus'),
        eb('id', '-', 1).as('minus'),
        eb('id', '*', 10).as('times'),
        eb('id', '/', 2).as('half'),
        eb('id', '%', 2).as('odd'),
        eb('id', '+', eb('id', '*', 10)).as('nested'),
        eb('name', '||', '!').as('shout'),
      ])
      .where('id', '<=', 3)
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."id", ("people"."id" + $1) as "plus", ("people"."id" - $2) as "minus", ("people"."id" * $3) as "times", ' +
        '("people"."id" / $4) as "half", ("people"."id" % $5) as "odd", ("people"."id" + ("people"."id" * $6)) as "nested", ' +
        '("people"."name" || $7) as "shout" from "people" where "people"."id" <= $8 order by "people"."id" asc',
      parameters: ['1', '1', '10', '2', '2', '10', '!', '3'],
    })
    // Integer division, as in SQL: 1 / 2 = 0.
    expect(await q.execute()).toStrictEqual([
      { id: 1, plus: 2, minus: 0, times: 10, half: 0, odd: 1, nested: 11, shout: 'Reuven!' },
      { id: 2, plus: 3, minus: 1, times: 20, half: 1, odd: 0, nested: 22, shout: 'Shira!' },
      { id: 3, plus: 4, minus: 2, times: 30, half: 1, odd: 1, nested: 33, shout: 'Noa!' },
    ])
  })

  // Bug (reported): the value of || is encoded like the column on its left, so appending text to
  // a non-text column (which the types accept, and SQL does: 1 || ':' is '1:') throws.
  test('|| appends text to a column of any type', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select((eb) => [eb('id', '||', ':').as('tag')])
      .where('id', '=', 1)
    expect(q.compile()).toEqual({
      sql: 'select ("people"."id" || $1) as "tag" from "people" where "people"."id" = $2',
      parameters: [':', '1'],
    })
    expect(await q.execute()).toStrictEqual([{ tag: '1:' }])
  })

  test('case when … then … else … end, and without else (null)', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select((eb) => [
        'name',
        eb.case().when(eb('email', 'is', null)).then('no email').when(eb('id', '=', 1)).then('owner').else('other').end().as('kind'),
        eb.case().when(eb('id', '=', 3)).then(eb.ref('email')).end().as('onlyNoa'),
      ])
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name", case when "people"."email" is null then $1::text when "people"."id" = $2 then $3::text else $4::text end as "kind", ' +
        'case when "people"."id" = $5 then "people"."email" end as "onlyNoa" from "people" order by "people"."id" asc',
      parameters: ['no email', '1', 'owner', 'other', '3'],
    })
    expect(await q.execute()).toStrictEqual([
      { name: 'Reuven', kind: 'owner', onlyNoa: null },
      { name: 'Shira', kind: 'no email', onlyNoa: null },
      { name: 'Noa', kind: 'other', onlyNoa: 'noa@x' },
      { name: 'Avi', kind: 'no email', onlyNoa: null },
    ])
  })

  test('eb.fn helpers: lower, upper, coalesce, now', async () => {
    const before = Date.now()
    const q = clinicDb()
      .selectFrom('people')
      .select((eb) => [
        eb.fn.lower('name').as('low'),
        eb.fn.upper('name').as('up'),
        eb.fn.coalesce('email', eb.val('-')).as('contact'),
        eb.fn.coalesce('createdAt', eb.fn.now()).as('since'),
        eb.fn.now().as('now'),
      ])
      .where('id', 'in', [1, 2])
      .orderBy('id')
    expect(q.compile()).toEqual({
      sql:
        'select lower("people"."name") as "low", upper("people"."name") as "up", coalesce("people"."email", $1) as "contact", ' +
        'coalesce("people"."created_at", now()) as "since", now() as "now" from "people" where "people"."id" in ($2, $3) order by "people"."id" asc',
      parameters: ['-', '1', '2'],
    })
    const rows = await q.execute()
    expect(rows.map(({ now: _now, ...rest }) => rest)).toStrictEqual([
      { low: 'reuven', up: 'REUVEN', contact: 'r@x', since: new Date('2010-01-01T00:00:00Z') },
      { low: 'shira', up: 'SHIRA', contact: '-', since: new Date('2011-02-03T04:05:06.789Z') },
    ])
    expect(rows[0]!.now).toBeInstanceOf(Date)
    expect(rows[0]!.now.getTime()).toBeGreaterThan(before - 60_000)
  })

  test("eb.fn('name', [args]) calls any function; its declared type matches what comes back", async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select((eb) => ['name', eb.fn<number>('length', ['name']).as('letters'), eb.fn<string>('md5', [eb.ref('name')]).as('hash')])
      .where('id', '=', 2)
    expect(q.compile()).toEqual({
      sql: 'select "people"."name", length("people"."name") as "letters", md5("people"."name") as "hash" from "people" where "people"."id" = $1',
      parameters: ['2'],
    })
    const rows = await q.execute()
    expect(rows).toStrictEqual([{ name: 'Shira', letters: 5, hash: expect.stringMatching(/^[0-9a-f]{32}$/) }])
    const [check] = await t.rows(`select md5('Shira') as hash`)
    expect(rows[0]!.hash).toBe(check!.hash)
  })

  test('a function name that is not an identifier is refused before anything is sent', () => {
    const q = clinicDb()
      .selectFrom('people')
      .select((eb) => [eb.fn<number>('length(name)); drop table people; --', ['name']).as('x')])
    expect(() => q.compile()).toThrow('Invalid function name')
  })
})

describe('select((eb) => [...]) and .as()', () => {
  test('mixes columns, renamed columns and aliased expressions', async () => {
    const q = clinicDb()
      .selectFrom('appointments')
      .select((eb) => ['id', 'appointments.notes as note', eb.ref('meetingAt').as('at'), eb('roomId', 'is not', null).as('hasRoom')])
      .where('personId', '=', 1)
      .orderBy('meetingAt')
    expect(q.compile()).toEqual({
      sql:
        'select "appointments"."id", "appointments"."notes" as "note", "appointments"."meeting_at" as "at", ' +
        '"appointments"."room_id" is not null as "hasRoom" from "appointments" where "appointments"."person_id" = $1 ' +
        'order by "appointments"."meeting_at" asc',
      parameters: ['1'],
    })
    expect(await q.execute()).toStrictEqual([
      { id: 3, note: 'Old', at: new Date('2012-06-01T09:00:00Z'), hasRoom: true },
      { id: 1, note: 'New Year', at: new Date('2013-01-01T09:00:00Z'), hasRoom: true },
      { id: 2, note: null, at: new Date('2013-02-01T09:00:00Z'), hasRoom: false },
      { id: 5, note: 'April', at: new Date('2013-04-01T09:00:00Z'), hasRoom: true },
    ])
  })

  test('a selected expression without .as() is refused', () => {
    // What a JavaScript caller (or a cast) can pass: the types require .as().
    const people = clinicDb().selectFrom('people')
    expect(() => people.select((eb) => [eb.fn.upper('name')] as never)).toThrow('select() takes column names or expressions named with .as()')
  })

  // Bug (reported): eb.val() in a selection is sent as an untyped parameter, so Postgres reads it
  // as text and the row has '1' and 'true' where the types promise 1 and true.
  test('eb.val() selected comes back as the value it was given', async () => {
    const rows = await clinicDb()
      .selectFrom('people')
      .select((eb) => ['id', eb.val(1).as('one'), eb.val(true).as('yes'), eb.case().when(eb('id', '=', 1)).then(10).else(20).end().as('ten')])
      .where('id', '=', 1)
      .execute()
    expect(rows).toStrictEqual([{ id: 1, one: 1, yes: true, ten: 10 }])
  })
})

describe('the sql tag', () => {
  test('in select (with .as), where and orderBy, values as parameters', async () => {
    const q = clinicDb()
      .selectFrom('people')
      .select((eb) => ['name', sql<number>`length(${eb.ref('name')}) * ${2}`.as('double'), sql.ref<string | null>('people.email').as('mail')])
      .where(() => sql<boolean>`${sql.ref('people.name')} ilike ${'%a%'}`)
      .orderBy(sql`length(${sql.ref('people.name')})`, 'desc')
      .orderBy('name')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."name", length("people"."name") * $1 as "double", "people"."email" as "mail" from "people" ' +
        'where "people"."name" ilike $2 order by length("people"."name") desc, "people"."name" asc',
      parameters: ['2', '%a%'],
    })
    expect(await q.execute()).toStrictEqual([
      { name: 'Shira', double: 10, mail: null },
      { name: 'Avi', double: 6, mail: null },
      { name: 'Noa', double: 6, mail: 'noa@x' },
    ])
  })

  test('an sql fragment as the value of a comparison', async () => {
    const q = clinicDb()
      .selectFrom('appointments')
      .select(['id'])
      .where('meetingAt', '<', sql<Date>`timestamptz '2013-01-01T00:00:00Z'`)
    expect(q.compile()).toEqual({
      sql: `select "appointments"."id" from "appointments" where "appointments"."meeting_at" < timestamptz '2013-01-01T00:00:00Z'`,
      parameters: [],
    })
    expect(await q.execute()).toEqual([{ id: 3 }])
  })

  test('db.execute(sql<T>`…`) runs a statement and decodes by database type', async () => {
    const name = 'Reuven'
    const query = sql<{ n: number; big: bigint; first: Date; avg: string }>`
      select count(*)::int as n, count(*) as big, min(created_at) as first, avg(id) as avg from people where name <> ${name}`
    const rows = await clinicDb().execute(query)
    expect(rows).toStrictEqual([{ n: 3, big: 3n, first: new Date('2011-02-03T04:05:06.789Z'), avg: '3.0000000000000000' }])
    expect(log.at(-1)).toMatchObject({ parameters: ['Reuven'] })
    expect(log.at(-1)!.sql).toContain('where name <> $1')
  })

  test('sql.ref, sql.table and sql.join quote names and join fragments; values stay parameters', async () => {
    const ids = [1, 3]
    const conditions = [sql`${sql.ref('people.id')} in (${sql.join(ids)})`, sql`${sql.ref('people.email')} is not null`]
    const query = sql<{ name: string }>`select ${sql.join([sql.ref('people.name'), sql.ref('people.id')])} from ${sql.table('people')} where ${sql.join(conditions, sql` and `)} order by ${sql.ref('people.id')}`
    const rows = await clinicDb().execute(query)
    expect(log.at(-1)).toMatchObject({
      sql: 'select "people"."name", "people"."id" from "people" where "people"."id" in ($1, $2) and "people"."email" is not null order by "people"."id"',
      parameters: ['1', '3'],
    })
    expect(rows).toStrictEqual([
      { name: 'Reuven', id: 1 },
      { name: 'Noa', id: 3 },
    ])
  })

  test('sql.ref quotes what it is given, so a strange name cannot break out', async () => {
    const query = sql`select ${sql.ref('people.name"; drop table people; --')} from people`
    await expect(clinicDb().execute(query)).rejects.toBeInstanceOf(DatabaseError)
    expect(log.at(-1)!.sql).toBe('select "people"."name""; drop table people; --" from people')
    expect(await t.rows('select count(*)::int as n from people')).toEqual([{ n: 4 }])
  })

  test('an interpolated value is a parameter even when it looks like SQL; sql.raw is the one unescaped door', async () => {
    const hostile = "x' or '1'='1"
    const asValue = await clinicDb().execute(sql<{ name: string }>`select name from people where name = ${hostile}`)
    expect(asValue).toEqual([])
    expect(log.at(-1)).toMatchObject({ sql: 'select name from people where name = $1', parameters: [hostile] })
    // The same text through sql.raw is SQL: it matches every row. Never pass user input to it.
    const asSql = await clinicDb().execute(sql<{ name: string }>`select name from people where name = '${sql.raw(hostile)}' order by id`)
    expect(log.at(-1)).toMatchObject({ sql: "select name from people where name = 'x' or '1'='1' order by id", parameters: [] })
    expect(asSql.map((r) => r.name)).toEqual(['Reuven', 'Shira', 'Noa', 'Avi'])
  })

  test('undefined in sql`…` is a mistake caught before sending', () => {
    const missing: string | undefined = undefined
    expect(() => sql`select ${missing as unknown as string}`).toThrow('undefined')
  })
})
