// Transactions (API.md §5), typed database errors and the query log (§8), and faults (issue 4,
// items 4–7). Each test says what the database holds afterwards, read from outside the transaction.
// On pg the pool's own counters show that a transaction holds one client and always gives it back.
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  CheckViolationError,
  DatabaseError,
  DeadlockDetectedError,
  ForeignKeyViolationError,
  JoineryError,
  NotNullViolationError,
  SerializationFailureError,
  UniqueViolationError,
  column as c,
  createDb,
  schema,
  sql,
  table,
} from '../src/index.js'
import type { Database, IsolationLevel, QueryLogEvent, Transaction } from '../src/index.js'
import { pgDriver } from '../src/driver/pg.js'
import { testDatabase, usingServer } from './support/database.js'
import type { TestDatabase } from './support/database.js'

const bank = schema(
  {
    people: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      email: c.text().nullable().unique(),
    }),
    accounts: table({
      id: c.serial().primaryKey(),
      personId: c.integer().references('people.id'),
      balance: c.integer(),
    }),
    counters: table({
      id: c.integer().primaryKey(),
      value: c.integer(),
    }),
    // Its unique constraint is checked at COMMIT, so a transaction can fail in COMMIT itself.
    ledger: table({
      id: c.serial().primaryKey(),
      ref: c.text(),
    }),
  },
  { casing: 'snake_case' },
)

type Bank = typeof bank

let t: TestDatabase
let db: Database<Bank>
const events: QueryLogEvent[] = []
const sent = () => events.map((event) => event.sql)

beforeAll(async () => {
  t = await testDatabase()
  await t.exec(`
    create table people (id serial primary key, name text not null, email text unique);
    create table accounts (id serial primary key, person_id integer not null references people, balance integer not null check (balance >= 0));
    create table counters (id integer primary key, value integer not null);
    create table ledger (id serial primary key, ref text not null, constraint ledger_ref_key unique (ref) deferrable initially deferred);
  `)
  db = t.db(bank, { log: (event) => events.push(event) })
})

beforeEach(async () => {
  await t.exec(`
    truncate people, accounts, counters, ledger restart identity cascade;
    insert into people (name, email) values ('Reuven', 'r@x'), ('Shira', null);
    insert into accounts (person_id, balance) values (1, 100), (2, 50);
    insert into counters values (1, 0);
  `)
  events.length = 0
})

afterAll(() => t?.close())

/** Names in the people table, read from outside any transaction. */
const names = async () => (await t.rows('select name from people order by id')).map((row) => row.name)

/** A pool of our own on the server, in this file's schema, to read its counters. */
async function ownPool(options: pg.PoolConfig = {}): Promise<pg.Pool> {
  const [row] = await t.rows('show search_path')
  return new pg.Pool({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${String(row!.search_path)}`, ...options })
}

const counts = (pool: pg.Pool) => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount })

/** Resolves when `check` answers true (polling), or fails after `ms`. */
async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** A promise with its resolve function outside: steps of two transactions taking turns. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void
  const promise = new Promise<void>((resolve) => (fire = resolve))
  return { promise, fire }
}

describe('db.transaction(fn): COMMIT when fn returns, ROLLBACK and rethrow when it throws', () => {
  test('commit: fn’s value is returned, the rows are visible to everyone afterwards', async () => {
    const result = await db.transaction(async (tx) => {
      const [person] = await tx.insertInto('people').values({ name: 'Noa' }).returning(['id']).execute()
      await tx.insertInto('accounts').values({ personId: person!.id, balance: 10 }).execute()
      return person!.id
    })
    expect(result).toBe(3)
    expect(sent()).toEqual([
      'begin',
      'insert into "people" ("name") values ($1) returning "people"."id"',
      'insert into "accounts" ("person_id", "balance") values ($1, $2)',
      'commit',
    ])
    expect(await names()).toEqual(['Reuven', 'Shira', 'Noa'])
    expect(await t.rows('select person_id, balance from accounts where person_id = 3')).toEqual([{ person_id: 3, balance: 10 }])
  })

  test('rollback: the very error fn threw is rethrown, and nothing it wrote is kept', async () => {
    const thrown = new Error('changed my mind')
    const error = await db
      .transaction(async (tx) => {
        await tx.insertInto('people').values({ name: 'Noa' }).execute()
        await tx.updateTable('accounts').set({ balance: 0 }).where('id', '=', 1).execute()
        throw thrown
      })
      .catch((e: unknown) => e)
    expect(error).toBe(thrown)
    expect(sent()).toEqual(['begin', 'insert into "people" ("name") values ($1)', 'update "accounts" set "balance" = $1 where "accounts"."id" = $2', 'rollback'])
    expect(await names()).toEqual(['Reuven', 'Shira'])
    expect(await t.rows('select balance from accounts order by id')).toEqual([{ balance: 100 }, { balance: 50 }])
  })

  test('a thrown value that is not an Error is rethrown as it is', async () => {
    await expect(db.transaction(() => Promise.reject('plain string'))).rejects.toBe('plain string')
    expect(sent()).toEqual(['begin', 'rollback'])
  })

  test('a failing statement inside a transaction leaves nothing written (fault)', async () => {
    const error = await db
      .transaction(async (tx) => {
        await tx.insertInto('people').values({ name: 'Noa' }).execute()
        await tx.updateTable('accounts').set({ balance: 1 }).where('id', '=', 1).execute()
        await tx.updateTable('accounts').set({ balance: -1 }).where('id', '=', 2).execute()
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CheckViolationError)
    expect(sent().at(-1)).toBe('rollback')
    expect(await names()).toEqual(['Reuven', 'Shira'])
    expect(await t.rows('select balance from accounts order by id')).toEqual([{ balance: 100 }, { balance: 50 }])
  })

  test('a failed statement whose error fn catches cannot be committed: the transaction reports that it rolled back', async () => {
    // Postgres answers COMMIT of a failed transaction with ROLLBACK, without an error. Resolving
    // here would tell the caller that "Noa" was saved when she was not.
    const outcome = await db
      .transaction(async (tx) => {
        await tx.insertInto('people').values({ name: 'Noa' }).execute()
        await tx.insertInto('people').values({ name: 'Copy', email: 'r@x' }).execute().catch(() => undefined)
        return 'done'
      })
      .then(
        (value) => ({ resolved: value }),
        (error: unknown) => ({ rejected: error }),
      )
    expect(await names()).toEqual(['Reuven', 'Shira'])
    expect(outcome).not.toHaveProperty('resolved')
    expect((outcome as { rejected: unknown }).rejected).toBeInstanceOf(Error)
  })

  test('the way to survive a failing statement is a nested transaction (a savepoint)', async () => {
    await db.transaction(async (tx) => {
      await tx.insertInto('people').values({ name: 'Noa' }).execute()
      const error = await tx.transaction((sp) => sp.insertInto('people').values({ name: 'Copy', email: 'r@x' }).execute()).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UniqueViolationError)
      await tx.insertInto('people').values({ name: 'Avi' }).execute()
    })
    expect(await names()).toEqual(['Reuven', 'Shira', 'Noa', 'Avi'])
  })

  test('fn must be a function; isolation and readOnly must be valid — JoineryError, nothing sent', async () => {
    const loose = db as any
    await expect(loose.transaction('not a function')).rejects.toThrow(JoineryError)
    await expect(loose.transaction(async () => 1, { isolation: 'snapshot' })).rejects.toThrow(
      /isolation must be one of 'read uncommitted', 'read committed', 'repeatable read', 'serializable', got "snapshot"/,
    )
    await expect(loose.transaction(async () => 1, { readOnly: 'yes' })).rejects.toThrow(/readOnly must be a boolean/)
    expect(events).toEqual([])
  })
})

describe('tx.transaction(fn): savepoints', () => {
  test('an inner failure is rolled back alone; the outer transaction goes on and commits', async () => {
    const inner = new Error('inner')
    await db.transaction(async (tx) => {
      await tx.insertInto('people').values({ name: 'A' }).execute()
      await expect(
        tx.transaction(async (sp) => {
          await sp.insertInto('people').values({ name: 'B' }).execute()
          throw inner
        }),
      ).rejects.toBe(inner)
      await tx.insertInto('people').values({ name: 'C' }).execute()
    })
    expect(sent()).toEqual([
      'begin',
      'insert into "people" ("name") values ($1)',
      'savepoint sp_1',
      'insert into "people" ("name") values ($1)',
      'rollback to savepoint sp_1',
      'insert into "people" ("name") values ($1)',
      'commit',
    ])
    expect(await names()).toEqual(['Reuven', 'Shira', 'A', 'C'])
  })

  test('an inner success is released, its value returned, and committed with the outer one', async () => {
    const value = await db.transaction(async (tx) => {
      const inner = await tx.transaction(async (sp) => (await sp.insertInto('people').values({ name: 'B' }).returning(['id']).execute())[0]!.id)
      const second = await tx.transaction(async (sp) => {
        await sp.insertInto('people').values({ name: 'C' }).execute()
        return 'second'
      })
      return [inner, second]
    })
    expect(value).toEqual([3, 'second'])
    expect(sent()).toEqual([
      'begin',
      'savepoint sp_1',
      'insert into "people" ("name") values ($1) returning "people"."id"',
      'release savepoint sp_1',
      'savepoint sp_2',
      'insert into "people" ("name") values ($1)',
      'release savepoint sp_2',
      'commit',
    ])
    expect(await names()).toEqual(['Reuven', 'Shira', 'B', 'C'])
  })

  test('an inner error that fn does not catch rolls back everything', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.insertInto('people').values({ name: 'A' }).execute()
        await tx.transaction(async (sp) => {
          await sp.insertInto('people').values({ name: 'B' }).execute()
          throw new Error('boom')
        })
      }),
    ).rejects.toThrow('boom')
    expect(sent().at(-1)).toBe('rollback')
    expect(await names()).toEqual(['Reuven', 'Shira'])
  })

  test('an outer rollback undoes a released inner savepoint', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.transaction((sp) => sp.insertInto('people').values({ name: 'B' }).execute())
        throw new Error('outer')
      }),
    ).rejects.toThrow('outer')
    expect(await names()).toEqual(['Reuven', 'Shira'])
  })

  test('three levels: each failure undoes its own level and the levels inside it, nothing more', async () => {
    await db.transaction(async (tx) => {
      await tx.insertInto('people').values({ name: 'outer' }).execute()
      await tx
        .transaction(async (level1) => {
          await level1.insertInto('people').values({ name: 'level1' }).execute()
          await level1
            .transaction(async (level2) => {
              await level2.insertInto('people').values({ name: 'level2' }).execute()
              throw new Error('level2')
            })
            .catch(() => undefined)
          throw new Error('level1')
        })
        .catch(() => undefined)
      await tx.insertInto('people').values({ name: 'outer again' }).execute()
    })
    expect(await names()).toEqual(['Reuven', 'Shira', 'outer', 'outer again'])
  })

  test('three levels: an inner success inside a kept middle level is kept', async () => {
    await db.transaction(async (tx) => {
      await tx.transaction(async (level1) => {
        await level1.insertInto('people').values({ name: 'level1' }).execute()
        await level1.transaction((level2) => level2.insertInto('people').values({ name: 'level2' }).execute())
        await level1.transaction(async (level2) => {
          await level2.insertInto('people').values({ name: 'dropped' }).execute()
          throw new Error('no')
        }).catch(() => undefined)
      })
    })
    expect(await names()).toEqual(['Reuven', 'Shira', 'level1', 'level2'])
  })
})

describe('isolation and readOnly', () => {
  const levels: IsolationLevel[] = ['read uncommitted', 'read committed', 'repeatable read', 'serializable']
  for (const isolation of levels)
    test(`isolation: '${isolation}'`, async () => {
      const setting = await db.transaction(
        async (tx) => (await tx.execute(sql<{ level: string }>`select current_setting('transaction_isolation') as level`))[0]!.level,
        { isolation },
      )
      expect(setting).toBe(isolation)
      expect(sent()[0]).toBe(`begin isolation level ${isolation}`)
    })

  test('no options: plain begin, the server’s default level', async () => {
    const setting = await db.transaction(async (tx) => (await tx.execute(sql<{ level: string }>`select current_setting('transaction_isolation') as level`))[0]!.level)
    expect(setting).toBe('read committed')
    expect(sent()[0]).toBe('begin')
  })

  test('readOnly: reads work, a write fails with a DatabaseError (25006) and nothing is written', async () => {
    const error = await db
      .transaction(
        async (tx) => {
          const [setting] = await tx.execute(sql<{ ro: string }>`select current_setting('transaction_read_only') as ro`)
          expect(setting).toEqual({ ro: 'on' })
          expect(await tx.selectFrom('people').select(['name']).orderBy('id').execute()).toEqual([{ name: 'Reuven' }, { name: 'Shira' }])
          await tx.insertInto('people').values({ name: 'Noa' }).execute()
        },
        { readOnly: true },
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseError)
    expect(error).toMatchObject({ code: '25006', sql: 'insert into "people" ("name") values ($1)', parameters: ['Noa'] })
    expect(sent()[0]).toBe('begin read only')
    expect(await names()).toEqual(['Reuven', 'Shira'])
  })

  test('isolation and readOnly together', async () => {
    const settings = await db.transaction(
      async (tx) => tx.execute(sql<{ level: string; ro: string }>`select current_setting('transaction_isolation') as level, current_setting('transaction_read_only') as ro`),
      { isolation: 'repeatable read', readOnly: true },
    )
    expect(settings).toEqual([{ level: 'repeatable read', ro: 'on' }])
    expect(sent()[0]).toBe('begin isolation level repeatable read read only')
  })

  test('readOnly: false is a read-write transaction', async () => {
    await db.transaction((tx) => tx.insertInto('people').values({ name: 'Noa' }).execute(), { readOnly: false })
    expect(sent()[0]).toBe('begin')
    expect(await names()).toEqual(['Reuven', 'Shira', 'Noa'])
  })
})

describe('a transaction object is only usable while its callback runs', () => {
  test('tx after COMMIT: JoineryError, nothing sent', async () => {
    let saved: Transaction<Bank> | undefined
    await db.transaction(async (tx) => {
      saved = tx
    })
    events.length = 0
    await expect(saved!.selectFrom('people').execute()).rejects.toThrow(/This transaction has ended/)
    await expect(saved!.insertInto('people').values({ name: 'late' }).execute()).rejects.toThrow(JoineryError)
    await expect(saved!.execute(sql`select 1`)).rejects.toThrow(JoineryError)
    await expect(saved!.transaction(async () => 1)).rejects.toThrow(JoineryError)
    expect(events).toEqual([])
    expect(await names()).toEqual(['Reuven', 'Shira'])
  })

  test('tx after ROLLBACK: JoineryError, nothing sent', async () => {
    let saved: Transaction<Bank> | undefined
    await db
      .transaction(async (tx) => {
        saved = tx
        throw new Error('rollback')
      })
      .catch(() => undefined)
    events.length = 0
    await expect(saved!.updateTable('people').set({ name: 'x' }).allRows().execute()).rejects.toThrow(JoineryError)
    expect(events).toEqual([])
  })

  test('a savepoint’s object after its savepoint ended, while the outer transaction still runs', async () => {
    await db.transaction(async (tx) => {
      let inner: Transaction<Bank> | undefined
      await tx.transaction(async (sp) => {
        inner = sp
      })
      const count = events.length
      await expect(inner!.insertInto('people').values({ name: 'late' }).execute()).rejects.toThrow(/This transaction has ended/)
      expect(events.length).toBe(count)
      await tx.insertInto('people').values({ name: 'on time' }).execute()
    })
    expect(await names()).toEqual(['Reuven', 'Shira', 'on time'])
  })
})

describe('queries on db (not tx) inside the callback run outside the transaction', () => {
  test.runIf(usingServer)('pg: on another pooled connection, which does not see uncommitted rows', async () => {
    await db.transaction(async (tx) => {
      await tx.insertInto('people').values({ name: 'Noa' }).execute()
      const [inside] = await tx.execute(sql<{ pid: number }>`select pg_backend_pid() as pid`)
      const [outside] = await db.execute(sql<{ pid: number }>`select pg_backend_pid() as pid`)
      expect(outside!.pid).not.toBe(inside!.pid)
      expect((await db.selectFrom('people').select(['name']).execute()).map((row) => row.name)).toEqual(['Reuven', 'Shira'])
      expect((await tx.selectFrom('people').select(['name']).execute()).map((row) => row.name)).toEqual(['Reuven', 'Shira', 'Noa'])
    })
    expect(await names()).toEqual(['Reuven', 'Shira', 'Noa'])
  })

  test.runIf(!usingServer)('PGlite: one connection — a db query waits until the transaction has ended', async () => {
    let done = false
    let waiting: Promise<string[]> | undefined
    await db.transaction(async (tx) => {
      await tx.insertInto('people').values({ name: 'Noa' }).execute()
      // Not awaited: awaiting it here would wait for this very transaction, forever.
      waiting = db
        .selectFrom('people')
        .select(['name'])
        .execute()
        .then((rows) => {
          done = true
          return rows.map((row) => row.name)
        })
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(done).toBe(false)
    })
    expect(await waiting).toEqual(['Reuven', 'Shira', 'Noa'])
  })
})

describe('typed database errors, the same classes and fields from pg and PGlite', () => {
  test('UniqueViolationError (23505)', async () => {
    const q = db.insertInto('people').values({ name: 'Copy', email: 'r@x' })
    const error = await q.execute().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UniqueViolationError)
    expect(error).toBeInstanceOf(DatabaseError)
    expect(error).toMatchObject({
      name: 'UniqueViolationError',
      code: '23505',
      constraint: 'people_email_key',
      table: 'people',
      column: undefined,
      detail: 'Key (email)=(r@x) already exists.',
      sql: 'insert into "people" ("name", "email") values ($1, $2)',
      parameters: ['Copy', 'r@x'],
      message: 'duplicate key value violates unique constraint "people_email_key"',
    })
    expect((error as Error).cause).toBeInstanceOf(Error)
    expect(await names()).toEqual(['Reuven', 'Shira'])
  })

  test('ForeignKeyViolationError (23503): a missing parent, and a parent still referenced', async () => {
    const insert = await db.insertInto('accounts').values({ personId: 99, balance: 1 }).execute().catch((e: unknown) => e)
    expect(insert).toBeInstanceOf(ForeignKeyViolationError)
    expect(insert).toMatchObject({
      code: '23503',
      constraint: 'accounts_person_id_fkey',
      table: 'accounts',
      column: undefined,
      detail: 'Key (person_id)=(99) is not present in table "people".',
      sql: 'insert into "accounts" ("person_id", "balance") values ($1, $2)',
      parameters: ['99', '1'],
    })
    const remove = await db.deleteFrom('people').where('id', '=', 1).execute().catch((e: unknown) => e)
    expect(remove).toBeInstanceOf(ForeignKeyViolationError)
    expect(remove).toMatchObject({
      code: '23503',
      constraint: 'accounts_person_id_fkey',
      table: 'accounts',
      detail: 'Key (id)=(1) is still referenced from table "accounts".',
      sql: 'delete from "people" where "people"."id" = $1',
      parameters: ['1'],
    })
  })

  test('NotNullViolationError (23502), with the column', async () => {
    const error = await db
      .insertInto('people')
      .values({ name: null as unknown as string })
      .execute()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotNullViolationError)
    expect(error).toMatchObject({
      code: '23502',
      constraint: undefined,
      table: 'people',
      column: 'name',
      sql: 'insert into "people" ("name") values ($1)',
      parameters: [null],
    })
    expect((error as NotNullViolationError).detail).toMatch(/^Failing row contains \(\d+, null, null\)\.$/)
  })

  test('CheckViolationError (23514)', async () => {
    const error = await db.updateTable('accounts').set({ balance: -5 }).where('id', '=', 1).execute().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CheckViolationError)
    expect(error).toMatchObject({
      code: '23514',
      constraint: 'accounts_balance_check',
      table: 'accounts',
      column: undefined,
      detail: 'Failing row contains (1, 1, -5).',
      sql: 'update "accounts" set "balance" = $1 where "accounts"."id" = $2',
      parameters: ['-5', '1'],
    })
  })

  test('an error raised with SQLSTATE 40001 or 40P01 maps to SerializationFailureError / DeadlockDetectedError', async () => {
    const raise = (code: string) => db.execute(sql.raw(`do $$ begin raise exception 'raised %', '${code}' using errcode = '${code}'; end $$`)).catch((e: unknown) => e)
    const serialization = await raise('40001')
    expect(serialization).toBeInstanceOf(SerializationFailureError)
    expect(serialization).toMatchObject({ code: '40001', message: 'raised 40001', parameters: [] })
    const deadlock = await raise('40P01')
    expect(deadlock).toBeInstanceOf(DeadlockDetectedError)
    expect(deadlock).toMatchObject({ code: '40P01', message: 'raised 40P01' })
  })

  test('any other SQLSTATE is a plain DatabaseError with its code', async () => {
    const error = await db.execute(sql`select * from no_such_table`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseError)
    expect(error).not.toBeInstanceOf(UniqueViolationError)
    expect(error).toMatchObject({ name: 'DatabaseError', code: '42P01', sql: 'select * from no_such_table', parameters: [] })
  })

  test('an error in COMMIT itself (a deferred constraint) is typed too, and nothing is kept', async () => {
    const error = await db
      .transaction(async (tx) => {
        await tx.insertInto('ledger').values([{ ref: 'a' }, { ref: 'a' }]).execute() // allowed until COMMIT
        await tx.insertInto('people').values({ name: 'Noa' }).execute()
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UniqueViolationError)
    expect(error).toMatchObject({ code: '23505', constraint: 'ledger_ref_key', table: 'ledger', sql: 'commit', parameters: [] })
    expect(sent().at(-1)).toBe('commit')
    expect(await names()).toEqual(['Reuven', 'Shira'])
    expect(await t.rows('select count(*)::int as n from ledger')).toEqual([{ n: 0 }])
  })

  test.runIf(usingServer)('SerializationFailureError (40001) from two serializable transactions updating one row', async () => {
    const firstRead = signal()
    const secondRead = signal()
    const read = (tx: Transaction<Bank>) => tx.selectFrom('counters').select(['value']).where('id', '=', 1).firstOrThrow()
    const first = db.transaction(
      async (tx) => {
        const { value } = await read(tx)
        firstRead.fire()
        await secondRead.promise
        await tx.updateTable('counters').set({ value: value + 1 }).where('id', '=', 1).execute()
      },
      { isolation: 'serializable' },
    )
    const second = db.transaction(
      async (tx) => {
        await firstRead.promise
        const { value } = await read(tx)
        secondRead.fire()
        await first // the first commits; this one's snapshot is now stale
        await tx.updateTable('counters').set({ value: value + 10 }).where('id', '=', 1).execute()
      },
      { isolation: 'serializable' },
    )
    await first
    const error = await second.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SerializationFailureError)
    expect(error).toMatchObject({ code: '40001', sql: 'update "counters" set "value" = $1 where "counters"."id" = $2', parameters: ['10', '1'] })
    expect(await t.rows('select value from counters')).toEqual([{ value: 1 }])
  })

  test.runIf(usingServer)('DeadlockDetectedError (40P01) from two transactions locking rows in opposite order', async () => {
    const bothLocked = { one: signal(), two: signal() }
    const lock = (tx: Transaction<Bank>, id: number) => tx.updateTable('accounts').set({ balance: sql<number>`${sql.ref('balance')} + ${1}` }).where('id', '=', id).execute()
    const one = db.transaction(async (tx) => {
      await lock(tx, 1)
      bothLocked.one.fire()
      await bothLocked.two.promise
      await lock(tx, 2)
    })
    const two = db.transaction(async (tx) => {
      await lock(tx, 2)
      bothLocked.two.fire()
      await bothLocked.one.promise
      await lock(tx, 1)
    })
    const outcomes = await Promise.allSettled([one, two])
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected')
    expect(failed).toHaveLength(1)
    const error = (failed[0] as PromiseRejectedResult).reason
    expect(error).toBeInstanceOf(DeadlockDetectedError)
    expect(error).toMatchObject({ code: '40P01', sql: 'update "accounts" set "balance" = "balance" + $1 where "accounts"."id" = $2' })
    // The survivor added 1 to both rows; the victim's first update was rolled back.
    expect(await t.rows('select balance from accounts order by id')).toEqual([{ balance: 101 }, { balance: 51 }])
  })
})

describe('the log option', () => {
  test('once per query: sql, parameters, durationMs, rowCount; error undefined on success', async () => {
    await db.selectFrom('people').select(['name']).where('id', '<', 10).execute()
    await db.insertInto('people').values([{ name: 'A' }, { name: 'B' }]).execute()
    await db.execute(sql`select ${'x'}::text as x`)
    expect(events.map(({ durationMs, ...rest }) => rest)).toEqual([
      { sql: 'select "people"."name" from "people" where "people"."id" < $1', parameters: ['10'], rowCount: 2, error: undefined },
      { sql: 'insert into "people" ("name") values ($1), ($2)', parameters: ['A', 'B'], rowCount: 2, error: undefined },
      { sql: 'select $1::text as x', parameters: ['x'], rowCount: 1, error: undefined },
    ])
    for (const event of events) {
      expect(typeof event.durationMs).toBe('number')
      expect(Number.isFinite(event.durationMs) && event.durationMs >= 0).toBe(true)
    }
  })

  test('a failed query is logged once, with the very error that was thrown and no rowCount', async () => {
    const error = await db.insertInto('people').values({ name: 'Copy', email: 'r@x' }).execute().catch((e: unknown) => e)
    expect(events).toHaveLength(1)
    expect(events[0]!.error).toBe(error)
    expect(events[0]).toMatchObject({ sql: 'insert into "people" ("name", "email") values ($1, $2)', parameters: ['Copy', 'r@x'], rowCount: undefined })
  })

  test('a transaction logs each of its statements once, begin and commit included', async () => {
    await db.transaction(async (tx) => {
      await tx.updateTable('counters').set({ value: 5 }).where('id', '=', 1).execute()
      await tx.transaction((sp) => sp.selectFrom('counters').select(['value']).execute())
    })
    expect(events.map((event) => [event.sql, event.rowCount, event.error])).toEqual([
      ['begin', 0, undefined],
      ['update "counters" set "value" = $1 where "counters"."id" = $2', 1, undefined],
      ['savepoint sp_1', 0, undefined],
      ['select "counters"."value" from "counters"', 1, undefined],
      ['release savepoint sp_1', 0, undefined],
      ['commit', 0, undefined],
    ])
  })

  test('misuse caught before the database is not logged: nothing was sent', async () => {
    expect(() => (db as any).insertInto('people').values([])).toThrow(JoineryError)
    await expect((db as any).deleteFrom('people').execute()).rejects.toThrow(JoineryError)
    expect(events).toEqual([])
  })
})

describe('faults', () => {
  test('50 concurrent increments under serializable, retried on SerializationFailureError, add exactly 50', async () => {
    let retries = 0
    const increment = async (): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        try {
          await db.transaction(
            async (tx) => {
              const { value } = await tx.selectFrom('counters').select(['value']).where('id', '=', 1).firstOrThrow()
              await tx.updateTable('counters').set({ value: value + 1 }).where('id', '=', 1).execute()
            },
            { isolation: 'serializable' },
          )
          return
        } catch (error) {
          if (!(error instanceof SerializationFailureError) || attempt >= 1000) throw error
          retries++
        }
      }
    }
    await Promise.all(Array.from({ length: 50 }, increment))
    expect(await t.rows('select value from counters where id = 1')).toEqual([{ value: 50 }])
    // On a server the transactions really overlap; on PGlite they take turns on its one connection.
    if (usingServer) expect(retries).toBeGreaterThan(0)
    else expect(retries).toBe(0)
  }, 120_000)
})

describe.runIf(usingServer)('pg: a transaction holds one pool client and always gives it back', () => {
  let pool: pg.Pool
  let pdb: Database<Bank>

  beforeEach(async () => {
    // Two connections at most, and a short wait: a client that is not given back makes the next
    // transactions fail fast instead of hanging.
    pool = await ownPool({ max: 2, connectionTimeoutMillis: 3_000 })
    pdb = createDb(bank, { driver: pgDriver(pool) })
    await pdb.execute(sql`select 1`)
    expect(counts(pool)).toEqual({ total: 1, idle: 1, waiting: 0 })
  })

  afterEach(async () => {
    await pool.end()
  })

  const baseline = { total: 1, idle: 1, waiting: 0 }

  test('every statement of a transaction runs on the one client it holds', async () => {
    const seen = await pdb.transaction(async (tx) => {
      const during = counts(pool)
      const pids: number[] = []
      for (let i = 0; i < 3; i++) pids.push((await tx.execute(sql<{ pid: number }>`select pg_backend_pid() as pid`))[0]!.pid)
      await tx.transaction(async (sp) => pids.push((await sp.execute(sql<{ pid: number }>`select pg_backend_pid() as pid`))[0]!.pid))
      return { during, pids }
    })
    expect(seen.during).toEqual({ total: 1, idle: 0, waiting: 0 })
    expect(new Set(seen.pids).size).toBe(1)
    expect(counts(pool)).toEqual(baseline)
  })

  test('after commits', async () => {
    for (let i = 0; i < 5; i++) await pdb.transaction((tx) => tx.insertInto('people').values({ name: `n${i}` }).execute())
    expect(counts(pool)).toEqual(baseline)
    expect((await names()).length).toBe(7)
  })

  test('after rollbacks: fn throws', async () => {
    for (let i = 0; i < 5; i++)
      await expect(
        pdb.transaction(async (tx) => {
          await tx.insertInto('people').values({ name: 'x' }).execute()
          throw new Error('no')
        }),
      ).rejects.toThrow('no')
    expect(counts(pool)).toEqual(baseline)
    expect(await names()).toEqual(['Reuven', 'Shira'])
  })

  test('after a database error inside fn, and after a JoineryError inside fn', async () => {
    for (let i = 0; i < 3; i++) {
      await expect(pdb.transaction((tx) => tx.insertInto('people').values({ name: 'Copy', email: 'r@x' }).execute())).rejects.toThrow(UniqueViolationError)
      await expect(pdb.transaction((tx) => (tx as any).deleteFrom('people').execute())).rejects.toThrow(JoineryError)
    }
    expect(counts(pool)).toEqual(baseline)
    expect(await names()).toEqual(['Reuven', 'Shira'])
  })

  test('after an error in COMMIT itself', async () => {
    for (let i = 0; i < 3; i++)
      await expect(pdb.transaction((tx) => tx.insertInto('ledger').values([{ ref: 'same' }, { ref: 'same' }]).execute())).rejects.toThrow(UniqueViolationError)
    expect(counts(pool)).toEqual(baseline)
    // The client given back is usable and outside any transaction.
    await pdb.transaction((tx) => tx.insertInto('ledger').values({ ref: 'ok' }).execute())
    expect(await t.rows('select ref from ledger')).toEqual([{ ref: 'ok' }])
    expect(counts(pool)).toEqual(baseline)
  })

  test('invalid options never take a client', async () => {
    await expect((pdb as any).transaction(async () => 1, { isolation: 'bogus' })).rejects.toThrow(JoineryError)
    expect(counts(pool)).toEqual(baseline)
  })

  test('concurrent transactions beyond the pool size queue for a client and all finish', async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) => pdb.transaction((tx) => tx.insertInto('people').values({ name: `c${i}` }).execute())))
    expect(counts(pool)).toEqual({ total: 2, idle: 2, waiting: 0 })
    expect((await names()).length).toBe(8)
  })
})

describe.runIf(usingServer)('pg: pg_terminate_backend on a transaction’s connection', () => {
  let pool: pg.Pool
  let pdb: Database<Bank>
  const uncaught: unknown[] = []
  const onUncaught = (error: unknown) => uncaught.push(error)

  beforeEach(async () => {
    uncaught.length = 0
    process.on('uncaughtException', onUncaught)
    pool = await ownPool({ max: 2, connectionTimeoutMillis: 3_000 })
    pdb = createDb(bank, { driver: pgDriver(pool) })
  })

  afterEach(async () => {
    process.off('uncaughtException', onUncaught)
    await pool.end()
  })

  const terminate = async (pid: number) => {
    await t.rows('select pg_terminate_backend($1)', [pid])
    await until(async () => (await t.rows('select count(*)::int as n from pg_stat_activity where pid = $1', [pid]))[0]!.n === 0, `backend ${pid} is gone`)
  }

  /** After the fault: a clear error, nothing half-committed, nothing thrown elsewhere, and the pool serves the next query. */
  async function afterTheFault(outcome: unknown): Promise<void> {
    expect(outcome).toBeInstanceOf(Error)
    expect((outcome as Error).message).toMatch(/terminat|connection/i)
    expect(await names()).toEqual(['Reuven', 'Shira'])
    expect(uncaught, 'the terminated connection must not throw outside the transaction').toEqual([])
    expect(await pdb.selectFrom('people').select(['name']).orderBy('id').execute()).toEqual([{ name: 'Reuven' }, { name: 'Shira' }])
    await pdb.transaction((tx) => tx.insertInto('people').values({ name: 'next' }).execute())
    expect(await names()).toEqual(['Reuven', 'Shira', 'next'])
    expect(pool.totalCount).toBe(pool.idleCount)
    expect(pool.waitingCount).toBe(0)
  }

  test('while the transaction is idle between statements', async () => {
    const outcome = await pdb
      .transaction(async (tx) => {
        await tx.insertInto('people').values({ name: 'half' }).execute()
        const [{ pid } = { pid: 0 }] = await tx.execute(sql<{ pid: number }>`select pg_backend_pid() as pid`)
        await terminate(pid)
        await new Promise((resolve) => setTimeout(resolve, 100)) // let the client read the server's goodbye
        await tx.insertInto('people').values({ name: 'after' }).execute()
      })
      .then(() => 'committed', (error: unknown) => error)
    await afterTheFault(outcome)
  })

  test('while a statement of the transaction is running', async () => {
    const outcome = await pdb
      .transaction(async (tx) => {
        await tx.insertInto('people').values({ name: 'half' }).execute()
        const [{ pid } = { pid: 0 }] = await tx.execute(sql<{ pid: number }>`select pg_backend_pid() as pid`)
        // Its failure is awaited below, after the termination: handled from the start.
        const sleeping = tx.execute(sql`select pg_sleep(30)`).then(
          () => undefined,
          (error: unknown) => ({ error }),
        )
        await until(async () => (await t.rows(`select count(*)::int as n from pg_stat_activity where pid = $1 and query like '%pg_sleep%' and state = 'active'`, [pid]))[0]!.n === 1, 'the sleep runs')
        await terminate(pid)
        const failed = await sleeping
        if (failed !== undefined) throw failed.error
      })
      .then(() => 'committed', (error: unknown) => error)
    await afterTheFault(outcome)
  })
})
