// pgDriver's own contract on a real server: rows come back as text whatever the client is set to,
// several statements in one parameterless query, row counts, errors, COPY, pipelined clients.
// Every case runs through a pool (db queries) and through a held client (a transaction).
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { JoineryError, UniqueViolationError, column as c, createDb, schema, sql, table } from '../src/index.js'
import type { Database } from '../src/index.js'
import { pgDriver } from '../src/driver/pg.js'
import { testDatabase, usingServer } from './support/database.js'
import type { TestDatabase } from './support/database.js'

const shop = schema({
  items: table({
    id: c.serial().primaryKey(),
    name: c.text().unique(),
    price: c.numeric(),
    added: c.timestamptz(),
    tags: c.text().array(),
  }),
})

const addedAt = new Date('2026-01-02T03:04:05.678Z')

describe.runIf(usingServer)('pgDriver on the server', () => {
  let t: TestDatabase
  const pools: pg.Pool[] = []

  async function dbWith(options: pg.PoolConfig): Promise<Database<typeof shop>> {
    const [row] = await t.rows('show search_path')
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${String(row!.search_path)}`, max: 2, ...options })
    pools.push(pool)
    return createDb(shop, { driver: pgDriver(pool) })
  }

  beforeAll(async () => {
    t = await testDatabase()
    await t.exec(`create table items (id serial primary key, name text not null unique, price numeric not null, added timestamptz not null, tags text[] not null)`)
    await t.exec(`insert into items (name, price, added, tags) values ('lamp', 12.50, '${addedAt.toISOString()}', '{a,"b c"}'), ('desk', 300, '${addedAt.toISOString()}', '{}')`)
  })

  afterAll(async () => {
    for (const pool of pools) await pool.end()
    await t.close()
  })

  const lamp = { id: 1, name: 'lamp', price: '12.50', added: addedAt, tags: ['a', 'b c'] }

  describe.each([
    ['a plain pool', {}],
    // A binary client would get binary rows from node-postgres' own query; joinery asks for text.
    ['a pool of binary clients', { binary: true }],
    // A pipelined client refuses custom query classes: the driver falls back to a query config.
    ['a pipelined pool', { pipeline: true }],
  ] as [string, pg.PoolConfig][])('%s', (_, options) => {
    let db: Database<typeof shop>
    beforeAll(async () => {
      db = await dbWith(options)
    })

    test('selects decode the same through the pool and through a held client', async () => {
      const query = () => db.selectFrom('items').where('name', '=', 'lamp')
      expect(await query().execute()).toEqual([lamp])
      expect(await db.transaction((tx) => tx.selectFrom('items').where('name', '=', 'lamp').execute())).toEqual([lamp])
    })

    test('writes without returning report the rows they touched', async () => {
      const writes = db.transaction(async (tx) => {
        expect(await tx.updateTable('items').set({ price: '13' }).where('name', 'in', ['lamp', 'desk']).execute()).toEqual({ rowCount: 2 })
        expect(await tx.deleteFrom('items').where('name', '=', 'nothing').execute()).toEqual({ rowCount: 0 })
        expect(await tx.insertInto('items').values([{ name: 'x', price: '1', added: addedAt, tags: [] }, { name: 'y', price: '1', added: addedAt, tags: [] }]).execute()).toEqual({ rowCount: 2 })
        throw new Error('undo')
      })
      await expect(writes).rejects.toThrow('undo')
      expect(await t.rows('select name, price from items order by id')).toEqual([
        { name: 'lamp', price: '12.50' },
        { name: 'desk', price: '300' },
      ])
    })

    test('a statement error is a typed DatabaseError and the connection stays usable', async () => {
      const duplicate = db.insertInto('items').values({ name: 'lamp', price: '1', added: addedAt, tags: [] })
      await expect(duplicate.execute()).rejects.toBeInstanceOf(UniqueViolationError)
      expect(await db.selectFrom('items').select(['name']).orderBy('id').execute()).toEqual([{ name: 'lamp' }, { name: 'desk' }])
    })
  })

  test('a pipelined pool of binary clients is refused: it could only return binary rows', () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, pipeline: true, binary: true } as pg.PoolConfig)
    pools.push(pool)
    expect(() => pgDriver(pool)).toThrow(JoineryError)
    expect(() => pgDriver(pool)).toThrow(/pipeline: true and binary: true/)
  })

  test('a statement keeps its text and values readable by tools that wrap client.query', async () => {
    const db = await dbWith({ max: 1 })
    const seen: unknown[] = []
    const original = pg.Client.prototype.query
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as { text?: unknown; values?: unknown }
      seen.push({ text: first.text, values: first.values })
      return (original as (...a: unknown[]) => unknown).apply(this, args)
    } as typeof original
    try {
      await db.selectFrom('items').select(['id']).where('name', '=', 'desk').execute()
    } finally {
      pg.Client.prototype.query = original
    }
    expect(seen).toEqual([{ text: 'select "items"."id" from "items" where "items"."name" = $1', values: ['desk'] }])
  })

  test('a row that fails to decode fails its query, and the connection goes back to the pool', async () => {
    const [row] = await t.rows('show search_path')
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${String(row!.search_path)}`, max: 1 })
    pools.push(pool)
    // The column holds text; this schema says jsonb, so decoding the second row throws.
    const notes = schema({ notes: table({ id: c.integer().primaryKey(), body: c.jsonb() }) })
    await t.exec(`create table notes (id integer primary key, body text not null); insert into notes values (1, '{"a":1}'), (2, 'not json')`)
    const db = createDb(notes, { driver: pgDriver(pool) })
    const read = () => db.selectFrom('notes').orderBy('id').execute()
    await expect(read()).rejects.toThrow(SyntaxError)
    await expect(db.transaction((tx) => tx.selectFrom('notes').orderBy('id').execute())).rejects.toThrow(SyntaxError)
    expect(pool.totalCount).toBe(1)
    expect(await db.selectFrom('notes').where('id', '=', 1).execute()).toEqual([{ id: 1, body: { a: 1 } }])
    expect(pool.totalCount).toBe(1)
  })

  test('several statements in one parameterless query: the last one is the result', async () => {
    const db = await dbWith({})
    expect(await db.execute(sql.raw<{ n: number }>('select 1 as n; select 2 as n union all select 3'))).toEqual([{ n: 2 }, { n: 3 }])
  })

  test('COPY FROM STDIN is refused by the client, which stays usable', async () => {
    const db = await dbWith({ max: 1 })
    await expect(db.execute(sql.raw('copy items (name) from stdin'))).rejects.toThrow(/COPY FROM STDIN/)
    expect(await db.execute(sql<{ n: number }>`select ${41}::int + 1 as n`)).toEqual([{ n: 42 }])
  })
})
