import { afterAll, beforeAll, expect, test } from 'vitest'
import { column as c, JoineryError, schema, table } from '../src/index.js'
import type { QueryLogEvent } from '../src/index.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'

// A view is a table the application reads and never writes: .readOnly() says so.
const shop = schema(
  {
    orders: table({ id: c.serial().primaryKey(), total: c.numeric({ precision: 10, scale: 2 }) }),
    bigOrders: table({ id: c.integer(), total: c.numeric() }).readOnly(),
  },
  { casing: 'snake_case' },
)

let t: TestDatabase
const events: QueryLogEvent[] = []
beforeAll(async () => {
  t = await testDatabase()
  await t.exec(`create table orders (id serial primary key, total numeric(10,2) not null);
    create view big_orders as select id, total from orders where total > 100;
    insert into orders (total) values (50), (150.25);`)
})
afterAll(() => t.close())

test('a read-only table reads like any other', async () => {
  const db = t.db(shop)
  const q = db.selectFrom('bigOrders').select(['id', 'total'])
  expect(q.compile().sql).toBe('select "big_orders"."id", "big_orders"."total" from "big_orders"')
  expect(await q.execute()).toEqual([{ id: 2, total: '150.25' }])
})

test('writing it is refused before anything reaches the database', () => {
  const db = t.db(shop, { log: (event) => events.push(event) })
  // Untyped callers: the types already refuse these (test-d/write.test-d.ts).
  const untyped = db as unknown as { insertInto(t: string): unknown; updateTable(t: string): unknown; deleteFrom(t: string): unknown }
  for (const write of [() => untyped.insertInto('bigOrders'), () => untyped.updateTable('bigOrders'), () => untyped.deleteFrom('bigOrders')])
    expect(write).toThrow(new JoineryError('Table "bigOrders" is read-only (a view, or marked .readOnly()): it cannot be written.'))
  expect(events).toEqual([])
})
