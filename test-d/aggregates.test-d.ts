// Aggregates, grouping and window functions at type level (issue 6): count is a number, sum/avg
// the string Postgres returns, min/max keep their column's type; groupBy, having, distinctOn,
// orderBy with nulls first/last, and over(…) — with the misuses the compiler must reject.
import { expectError, expectType } from 'tsd'
import { column as c, createDb, schema, sql, table } from '../src/index.js'
import type { Driver, Expression } from '../src/index.js'

declare const driver: Driver

const ledger = schema(
  {
    transfers: table({
      id: c.serial().primaryKey(),
      account: c.text(),
      amount: c.integer(),
      cents: c.bigint(),
      price: c.numeric({ precision: 10, scale: 2 }),
      at: c.timestamptz(),
      day: c.date(),
      note: c.text().nullable(),
      approved: c.boolean(),
    }),
  },
  { casing: 'snake_case' },
)

const db = createDb(ledger, { driver })
const transfers = db.selectFrom('transfers')

// ---------------------------------------------------------------------------------------------
// The type of each aggregate
// ---------------------------------------------------------------------------------------------

// valueOf(e): the value type T of an Expression<T>, compared exactly by expectType.
declare function valueOf<T>(expression: Expression<T>): T

transfers.where((eb) => {
  expectType<number>(valueOf(eb.fn.countAll()))
  expectType<number>(valueOf(eb.fn.count('note')))
  expectType<string | null>(valueOf(eb.fn.sum('amount')))
  expectType<string | null>(valueOf(eb.fn.sum('cents')))
  expectType<string | null>(valueOf(eb.fn.avg('price')))
  expectType<number | null>(valueOf(eb.fn.min('amount')))
  expectType<bigint | null>(valueOf(eb.fn.max('cents')))
  expectType<string | null>(valueOf(eb.fn.max('price')))
  expectType<Date | null>(valueOf(eb.fn.min('at')))
  expectType<string | null>(valueOf(eb.fn.max('day')))
  expectType<string | null>(valueOf(eb.fn.max('note')))
  expectType<boolean | null>(valueOf(eb.fn.max('approved')))
  expectType<number | null>(valueOf(eb.fn.max(eb('amount', '*', 2))))
  return eb.and([])
})

// An aggregate without groupBy: Postgres refuses a plain column beside it (at run time), but the
// type of each aggregate is right either way.
const totals = await transfers
  .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('amount').as('total'), eb.fn.avg('amount').as('mean'), eb.fn.min('at').as('first'), eb.fn.max('cents').as('most')])
  .firstOrThrow()
expectType<{ n: number; total: string | null; mean: string | null; first: Date | null; most: bigint | null }>(totals)

expectType<{ account: string; n: number }[]>(await transfers.select((eb) => ['account', eb.fn.countAll().as('n')]).execute())
// columns renamed with `as` next to expressions; the reference before `as` must be a column
expectType<{ who: string; n: number }[]>(await transfers.select((eb) => ['account as who', eb.fn.countAll().as('n')]).execute())
expectError(transfers.select((eb) => ['acount as who', eb.fn.countAll().as('n')]))
expectError(transfers.select(() => ['acount']))

// ---------------------------------------------------------------------------------------------
// groupBy, having
// ---------------------------------------------------------------------------------------------

const perAccount = await transfers
  .select((eb) => ['account', eb.fn.countAll().as('n'), eb.fn.max('at').as('last')])
  .groupBy('account', 'transfers.approved', sql`date_trunc('month', at)`)
  .having((eb) => eb.and([eb(eb.fn.countAll(), '>', 1), eb(eb.fn.max('at'), '<', new Date()), eb('account', '<>', 'x')]))
  .having((eb) => eb(eb.fn.sum('amount'), '>', '100'))
  .execute()
expectType<{ account: string; n: number; last: Date | null }[]>(perAccount)

// a wrong-typed value in having
expectError(transfers.groupBy('account').having((eb) => eb(eb.fn.countAll(), '>', '1')))
expectError(transfers.groupBy('account').having((eb) => eb(eb.fn.max('at'), '>', 5)))
expectError(transfers.groupBy('account').having((eb) => eb(eb.fn.sum('amount'), '>', 100)))
expectError(transfers.groupBy('account').having((eb) => eb(eb.fn.max('cents'), '>', 1)))
expectError(transfers.groupBy('account').having((eb) => eb('account', '=', 1)))
// having takes a callback returning a condition
expectError(transfers.groupBy('account').having((eb) => eb.fn.countAll()))
expectError(transfers.groupBy('account').having('count(*) > 1'))
// groupBy names known columns (or expressions)
expectError(transfers.groupBy('acount'))
expectError(transfers.groupBy('created_at'))
expectError(transfers.groupBy(1))

// ---------------------------------------------------------------------------------------------
// distinctOn and orderBy
// ---------------------------------------------------------------------------------------------

expectType<{ account: string; at: Date }[]>(
  await transfers
    .distinctOn('account')
    .select(['account', 'at'])
    .orderBy('account')
    .orderBy('at', 'desc')
    .orderBy('note', 'asc nulls first')
    .orderBy('transfers.note', 'desc nulls last')
    .orderBy(sql`count(*)`, 'desc')
    .execute(),
)
expectError(transfers.distinctOn('acount'))
expectError(transfers.distinctOn())
expectError(transfers.orderBy('note', 'nulls last'))
expectError(transfers.orderBy('note', 'desc nulls middle'))
expectError(transfers.orderBy('note', 'DESC NULLS LAST'))

// ---------------------------------------------------------------------------------------------
// Window functions
// ---------------------------------------------------------------------------------------------

const windowed = await transfers
  .select((eb) => [
    'id',
    eb.fn.rowNumber().over((o) => o.partitionBy('account').orderBy('at', 'desc')).as('nth'),
    eb.fn.rank().over((o) => o.orderBy('amount', 'desc nulls last')).as('rank'),
    eb.fn.denseRank().over((o) => o.orderBy(eb.ref('amount'))).as('dense'),
    eb.fn.sum('amount').over((o) => o.partitionBy('account', eb.ref('approved')).orderBy('at')).as('running'),
    eb.fn.countAll().over().as('all'),
    eb.fn.max('at').over((o) => o.partitionBy('account')).as('latest'),
  ])
  .firstOrThrow()
expectType<{ id: number; nth: number; rank: number; dense: number; running: string | null; all: number; latest: Date | null }>(windowed)

transfers.where((eb) => {
  expectType<number>(valueOf(eb.fn.rowNumber().over()))
  expectType<string | null>(valueOf(eb.fn.avg('amount').over((o) => o.partitionBy('account'))))
  return eb.and([])
})
// windows name known columns, valid directions, and return the builder
expectError(transfers.select((eb) => [eb.fn.rowNumber().over((o) => o.partitionBy('acount')).as('n')]))
expectError(transfers.select((eb) => [eb.fn.rank().over((o) => o.orderBy('amount', 'down')).as('n')]))
expectError(transfers.select((eb) => [eb.fn.rank().over(() => 'order by amount').as('n')]))
// over() makes a plain expression: no second over
expectError(transfers.select((eb) => [eb.fn.rank().over().over().as('n')]))
// ranking functions are not plain functions of a column
expectError(transfers.select((eb) => [eb.fn.rowNumber('id').as('n')]))
