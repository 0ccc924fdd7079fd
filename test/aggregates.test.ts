// Aggregates (API.md §3): groupBy, having, count as an exact JS number, sum/avg of integers as
// the exact decimal string Postgres returns, min/max keeping their column's type, distinctOn,
// and orderBy on expressions with nulls first/last.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { column as c, DatabaseError, schema, sql, table } from '../src/index.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'

// A ledger: int4 amounts, int8 cents (one of them past 2^53), timestamps, a nullable note.
const ledger = schema(
  {
    transfers: table({
      id: c.serial().primaryKey(),
      account: c.text(),
      amount: c.integer(),
      cents: c.bigint(),
      at: c.timestamptz(),
      note: c.text().nullable(),
    }),
  },
  { casing: 'snake_case' },
)

const ledgerSql = `
  create table transfers (id serial primary key, account text not null, amount integer not null, cents bigint not null, at timestamptz not null, note text);
  insert into transfers (id, account, amount, cents, at, note) values
    (1, 'alice', 10, 9007199254740993, '2024-01-01T00:00:00Z', 'rent'),
    (2, 'alice', 20, 1, '2024-02-01T00:00:00Z', null),
    (3, 'bob', 5, 2, '2024-01-15T00:00:00Z', 'gift'),
    (4, 'bob', 7, 3, '2024-03-01T00:00:00Z', null),
    (5, 'carol', 1, 4, '2023-12-31T00:00:00Z', null);
`

let t: TestDatabase
beforeAll(async () => {
  t = await testDatabase()
  await t.exec(ledgerSql)
})
afterAll(() => t.close())

const db = () => t.db(ledger)

describe('groupBy and aggregate functions', () => {
  test('count, sum, avg, min, max per group, each decoded to its own type', async () => {
    const q = db()
      .selectFrom('transfers')
      .select((eb) => [
        'account',
        eb.fn.countAll().as('n'),
        eb.fn.count('note').as('notes'),
        eb.fn.sum('amount').as('total'),
        eb.fn.avg('amount').as('mean'),
        eb.fn.sum('cents').as('allCents'),
        eb.fn.min('at').as('first'),
        eb.fn.max('cents').as('most'),
        eb.fn.max('note').as('lastNote'),
      ])
      .groupBy('account')
      .orderBy('account')
    expect(q.compile()).toEqual({
      sql:
        'select "transfers"."account", count(*) as "n", count("transfers"."note") as "notes", sum("transfers"."amount") as "total", ' +
        'avg("transfers"."amount") as "mean", sum("transfers"."cents") as "allCents", min("transfers"."at") as "first", ' +
        'max("transfers"."cents") as "most", max("transfers"."note") as "lastNote" from "transfers" ' +
        'group by "transfers"."account" order by "transfers"."account" asc',
      parameters: [],
    })
    const rows = await q.execute()
    expect(rows).toStrictEqual([
      {
        account: 'alice',
        n: 2,
        notes: 1,
        total: '30',
        mean: '15.0000000000000000',
        // 9007199254740993 + 1: exact, where a JS number would have said 9007199254740994 by luck or not at all.
        allCents: '9007199254740994',
        first: new Date('2024-01-01T00:00:00Z'),
        most: 9007199254740993n,
        lastNote: 'rent',
      },
      { account: 'bob', n: 2, notes: 1, total: '12', mean: '6.0000000000000000', allCents: '5', first: new Date('2024-01-15T00:00:00Z'), most: 3n, lastNote: 'gift' },
      { account: 'carol', n: 1, notes: 0, total: '1', mean: '1.00000000000000000000', allCents: '4', first: new Date('2023-12-31T00:00:00Z'), most: 4n, lastNote: null },
    ])
    // The strings are exactly what Postgres prints for the same aggregates.
    const raw = await t.rows(
      'select sum(amount)::text as total, avg(amount)::text as mean, sum(cents)::text as cents from transfers group by account order by account',
    )
    expect(rows.map((r) => ({ total: r.total, mean: r.mean, cents: r.allCents }))).toEqual(raw)
    expect(typeof rows[0]!.n).toBe('number')
  })

  test('groupBy several columns and an expression', async () => {
    const q = db()
      .selectFrom('transfers')
      .select((eb) => ['account', sql<number>`extract(year from ${eb.ref('at')})::int`.as('year'), eb.fn.countAll().as('n')])
      .groupBy('account', sql`extract(year from ${sql.ref('transfers.at')})::int`)
      .orderBy('account')
      .orderBy(sql`2`)
    expect(q.compile()).toEqual({
      sql:
        'select "transfers"."account", extract(year from "transfers"."at")::int as "year", count(*) as "n" from "transfers" ' +
        'group by "transfers"."account", extract(year from "transfers"."at")::int order by "transfers"."account" asc, 2 asc',
      parameters: [],
    })
    expect(await q.execute()).toStrictEqual([
      { account: 'alice', year: 2024, n: 2 },
      { account: 'bob', year: 2024, n: 2 },
      { account: 'carol', year: 2023, n: 1 },
    ])
  })

  test('having filters groups, with values as parameters', async () => {
    const q = db()
      .selectFrom('transfers')
      .select((eb) => ['account', eb.fn.sum('amount').as('total')])
      .groupBy('account')
      .having((eb) => eb.and([eb(eb.fn.countAll(), '>', 1), eb(eb.fn.max('amount'), '>=', 10)]))
      .orderBy('account')
    expect(q.compile()).toEqual({
      sql:
        'select "transfers"."account", sum("transfers"."amount") as "total" from "transfers" group by "transfers"."account" ' +
        'having (count(*) > $1 and max("transfers"."amount") >= $2) order by "transfers"."account" asc',
      parameters: ['1', '10'],
    })
    expect(await q.execute()).toStrictEqual([{ account: 'alice', total: '30' }])
  })

  test('where and having together: rows are filtered before grouping, groups after', async () => {
    const rows = await db()
      .selectFrom('transfers')
      .select((eb) => ['account', eb.fn.countAll().as('n')])
      .where('at', '>=', new Date('2024-01-01T00:00:00Z'))
      .groupBy('account')
      .having((eb) => eb(eb.fn.countAll(), '>=', 1))
      .orderBy('account')
      .execute()
    expect(rows).toStrictEqual([
      { account: 'alice', n: 2 },
      { account: 'bob', n: 2 },
    ])
  })
})

describe('aggregates without groupBy', () => {
  test('over the whole table: one row', async () => {
    const q = db()
      .selectFrom('transfers')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('amount').as('total'), eb.fn.avg('cents').as('meanCents'), eb.fn.max('at').as('last')])
    expect(q.compile()).toEqual({
      sql: 'select count(*) as "n", sum("transfers"."amount") as "total", avg("transfers"."cents") as "meanCents", max("transfers"."at") as "last" from "transfers"',
      parameters: [],
    })
    expect(await q.execute()).toStrictEqual([
      { n: 5, total: '43', meanCents: '1801439850948200.6000', last: new Date('2024-03-01T00:00:00Z') },
    ])
  })

  test('over no rows: count is 0, the others are null', async () => {
    const rows = await db()
      .selectFrom('transfers')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('amount').as('total'), eb.fn.avg('amount').as('mean'), eb.fn.min('at').as('first'), eb.fn.max('cents').as('most')])
      .where('account', '=', 'nobody')
      .execute()
    expect(rows).toStrictEqual([{ n: 0, total: null, mean: null, first: null, most: null }])
  })

  test('a plain column beside an aggregate without groupBy fails at run time with a DatabaseError', async () => {
    const q = db()
      .selectFrom('transfers')
      .select((eb) => ['account', eb.fn.countAll().as('n')])
    const error: unknown = await q.execute().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseError)
    expect(error).toMatchObject({ code: '42803', sql: 'select "transfers"."account", count(*) as "n" from "transfers"' })
    expect((error as DatabaseError).message).toContain('must appear in the GROUP BY clause')
  })
})

describe('distinctOn and ordering', () => {
  test('distinctOn keeps the first row of each group by orderBy', async () => {
    const q = db()
      .selectFrom('transfers')
      .distinctOn('account')
      .select(['account', 'id', 'at'])
      .orderBy('account')
      .orderBy('at', 'desc')
    expect(q.compile()).toEqual({
      sql:
        'select distinct on ("transfers"."account") "transfers"."account", "transfers"."id", "transfers"."at" from "transfers" ' +
        'order by "transfers"."account" asc, "transfers"."at" desc',
      parameters: [],
    })
    expect(await q.execute()).toStrictEqual([
      { account: 'alice', id: 2, at: new Date('2024-02-01T00:00:00Z') },
      { account: 'bob', id: 4, at: new Date('2024-03-01T00:00:00Z') },
      { account: 'carol', id: 5, at: new Date('2023-12-31T00:00:00Z') },
    ])
  })

  test('nulls first / nulls last on a column', async () => {
    const first = db().selectFrom('transfers').select(['id']).orderBy('note', 'asc nulls first').orderBy('id')
    const last = db().selectFrom('transfers').select(['id']).orderBy('note', 'desc nulls last').orderBy('id')
    expect(first.compile().sql).toBe('select "transfers"."id" from "transfers" order by "transfers"."note" asc nulls first, "transfers"."id" asc')
    expect(last.compile().sql).toBe('select "transfers"."id" from "transfers" order by "transfers"."note" desc nulls last, "transfers"."id" asc')
    expect((await first.execute()).map((r) => r.id)).toEqual([2, 4, 5, 3, 1])
    expect((await last.execute()).map((r) => r.id)).toEqual([1, 3, 2, 4, 5])
  })

  test('orderBy an expression, with nulls last', async () => {
    const q = db()
      .selectFrom('transfers')
      .select((eb) => ['account', eb.fn.max('note').as('lastNote'), eb.fn.sum('amount').as('total')])
      .groupBy('account')
      .orderBy(sql`max(${sql.ref('transfers.note')})`, 'desc nulls last')
      .orderBy(sql`sum(${sql.ref('transfers.amount')})`, 'desc')
    expect(q.compile()).toEqual({
      sql:
        'select "transfers"."account", max("transfers"."note") as "lastNote", sum("transfers"."amount") as "total" from "transfers" ' +
        'group by "transfers"."account" order by max("transfers"."note") desc nulls last, sum("transfers"."amount") desc',
      parameters: [],
    })
    expect(await q.execute()).toStrictEqual([
      { account: 'alice', lastNote: 'rent', total: '30' },
      { account: 'bob', lastNote: 'gift', total: '12' },
      { account: 'carol', lastNote: null, total: '1' },
    ])
  })

  test('an unknown direction is refused', () => {
    const q = db().selectFrom('transfers')
    expect(() => q.orderBy('id', 'descending' as never)).toThrow("orderBy() direction must be one of 'asc', 'desc'")
  })
})
