// Writes at type level (API.md §4): what values(), set(), onConflict() and returning() take, what
// execute() returns, and the misuses the compiler must reject — side by side.
import { expectAssignable, expectError, expectType } from 'tsd'
import { column as c, createDb, enumOf, schema, sql, table } from '../src/index.js'
import type {
  CompiledQuery,
  DeleteQueryBuilder,
  Driver,
  Expression,
  InsertQueryBuilder,
  Insertable,
  UpdateQueryBuilder,
  Updateable,
} from '../src/index.js'
import { appointmentsTable, attendancesTable } from '../test/support/api-clinic.js'

// API.md §1, plus a generated column, a computed one, and a table of other kinds.
const clinic = schema(
  {
    people: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      email: c.text().nullable().unique(),
      createdAt: c.timestamptz().default(sql`now()`),
      nameLength: c.integer().generatedAlwaysAs(sql`length(name)`),
    }).computed((t) => ({ shout: sql<string>`upper(${t.name})` })),
    appointments: appointmentsTable,
    attendances: attendancesTable,
    kinds: table({
      id: c.bigserial().primaryKey(),
      big: c.bigint(),
      money: c.numeric({ precision: 10, scale: 2 }),
      day: c.date(),
      photo: c.bytea().nullable(),
      doc: c.jsonb<{ tags: string[] }>(),
      mood: enumOf(['sad', 'ok', 'happy']),
      scores: c.integer().array(),
    }),
  },
  { casing: 'snake_case' },
)

declare const driver: Driver
const db = createDb(clinic, { driver })

type Person = { id: number; name: string; email: string | null; createdAt: Date; nameLength: number; shout: string }

// ---------------------------------------------------------------------------------------------
// insertInto(t).values(row | rows)
// ---------------------------------------------------------------------------------------------

expectType<InsertQueryBuilder<typeof clinic, 'people'>>(db.insertInto('people').values({ name: 'Reuven' }))
expectType<{ rowCount: number }>(await db.insertInto('people').values({ name: 'Reuven', email: 'r@x' }).execute())
expectType<{ rowCount: number }>(await db.insertInto('people').values([{ name: 'A' }, { name: 'B', email: null, createdAt: new Date() }]).execute())
expectType<{ rowCount: number }>(await db.insertInto('people').values({ id: 7, name: 'Explicit id' }).execute())
// undefined in an optional column means "use the default", as if the key were missing
expectType<{ rowCount: number }>(await db.insertInto('people').values({ name: 'x', email: undefined }).execute())
expectType<CompiledQuery>(db.insertInto('people').values({ name: 'Reuven' }).compile())
// a value may be an expression of the column's type
expectType<{ rowCount: number }>(await db.insertInto('people').values({ name: sql<string>`upper('r')`, createdAt: sql<Date>`now()` }).execute())
// every kind takes its own JS type
expectType<{ rowCount: number }>(
  await db
    .insertInto('kinds')
    .values({ big: 9007199254740993n, money: '12.50', day: '2024-02-29', photo: new Uint8Array([1]), doc: { tags: ['a'] }, mood: 'ok', scores: [1, 2] })
    .execute(),
)
// readonly arrays of rows are fine
const rows = [{ name: 'A' }, { name: 'B' }] as const
expectType<{ rowCount: number }>(await db.insertInto('people').values(rows).execute())

// Insertable: required columns required; serial, defaulted and nullable ones optional; generated ones absent
expectType<{ name: string; id?: number; email?: string | null; createdAt?: Date }>({} as Insertable<typeof clinic, 'people'>)
expectAssignable<Parameters<ReturnType<typeof db.insertInto<'people'>>['values']>[0]>({ name: 'x' } satisfies Insertable<typeof clinic, 'people'>)

// insert missing a required column
expectError(db.insertInto('people').values({ email: 'r@x' }))
expectError(db.insertInto('people').values({}))
expectError(db.insertInto('people').values([{ name: 'A' }, { email: 'b@x' }]))
expectError(db.insertInto('appointments').values({ personId: 1 }))
expectError(db.insertInto('attendances').values({ personId: 1 }))
// undefined or null for a required column
expectError(db.insertInto('people').values({ name: undefined }))
expectError(db.insertInto('people').values({ name: null }))
// wrong value types
expectError(db.insertInto('people').values({ name: 1 }))
expectError(db.insertInto('people').values({ name: 'x', createdAt: '2020-01-01' }))
expectError(db.insertInto('people').values({ name: 'x', email: 42 }))
expectError(db.insertInto('people').values({ name: sql<number>`1` }))
expectError(db.insertInto('kinds').values({ big: 1, money: '1', day: '2024-01-01', doc: { tags: [] }, mood: 'ok', scores: [] }))
expectError(db.insertInto('kinds').values({ big: 1n, money: 1.5, day: '2024-01-01', doc: { tags: [] }, mood: 'ok', scores: [] }))
expectError(db.insertInto('kinds').values({ big: 1n, money: '1', day: new Date(), doc: { tags: [] }, mood: 'ok', scores: [] }))
expectError(db.insertInto('kinds').values({ big: 1n, money: '1', day: '2024-01-01', doc: { tags: [1] }, mood: 'ok', scores: [] }))
expectError(db.insertInto('kinds').values({ big: 1n, money: '1', day: '2024-01-01', doc: { tags: [] }, mood: 'angry', scores: [] }))
expectError(db.insertInto('kinds').values({ big: 1n, money: '1', day: '2024-01-01', doc: { tags: [] }, mood: 'ok', scores: ['1'] }))
expectError(db.insertInto('kinds').values({ big: 1n, money: '1', day: '2024-01-01', doc: { tags: [] }, mood: 'ok', scores: [], photo: 'base64' }))
// a generated column, a computed column, an unknown column
expectError(db.insertInto('people').values({ name: 'x', nameLength: 1 }))
expectError(db.insertInto('people').values({ name: 'x', shout: 'X' }))
expectError(db.insertInto('people').values({ name: 'x', nmae: 'y' }))
expectError(db.insertInto('people').values({ name: 'x', created_at: new Date() }))
// not rows
expectError(db.insertInto('people').values('Reuven'))
expectError(db.insertInto('people').values())
// an unknown table; an insert needs values() or columns().expression() before it runs
expectError(db.insertInto('persons'))
expectError(db.insertInto('people').execute())
expectError(db.insertInto('people').returning(['id']))

// ---------------------------------------------------------------------------------------------
// returning([...]) and returningAll(): rows instead of { rowCount }
// ---------------------------------------------------------------------------------------------

expectType<{ id: number }[]>(await db.insertInto('people').values({ name: 'R' }).returning(['id']).execute())
expectType<{ id: number; at: Date; shout: string }[]>(
  await db.insertInto('people').values({ name: 'R' }).returning(['people.id', 'createdAt as at', 'shout']).execute(),
)
expectType<Person[]>(await db.insertInto('people').values({ name: 'R' }).returningAll().execute())
expectType<{ id: bigint; big: bigint }[]>(await db.insertInto('kinds').values({ big: 1n, money: '1', day: '2024-01-01', doc: { tags: [] }, mood: 'ok', scores: [] }).returning(['id', 'big']).execute())
// returning an unknown column, a column of another table, a database name
expectError(db.insertInto('people').values({ name: 'R' }).returning(['nmae']))
expectError(db.insertInto('people').values({ name: 'R' }).returning(['appointments.id']))
expectError(db.insertInto('people').values({ name: 'R' }).returning(['created_at']))
expectError(db.insertInto('people').values({ name: 'R' }).returning('id'))
expectError(db.insertInto('people').values({ name: 'R' }).returningAll(['id']))
// returning: an unknown reference before ' as ', two columns landing on one key (as in select)
expectError(db.insertInto('people').values({ name: 'R' }).returning(['nope as who']))
expectError(db.insertInto('people').values({ name: 'R' }).returning(['id', 'name as id']))
expectError(db.updateTable('people').set({ name: 'R.' }).where('id', '=', 2).returning(['id', 'people.id']))
expectError(db.deleteFrom('people').where('id', '=', 2).returning(['name as who', 'email as who']))
// the same name twice is one column
expectType<{ id: number }[]>(await db.insertInto('people').values({ name: 'R' }).returning(['id', 'id']).execute())

// ---------------------------------------------------------------------------------------------
// onConflict(columns, (oc) => oc.doNothing() | oc.doUpdateSet(…))
// ---------------------------------------------------------------------------------------------

expectType<{ rowCount: number }>(await db.insertInto('people').values({ name: 'R', email: 'r@x' }).onConflict(['email'], (oc) => oc.doNothing()).execute())
expectType<{ rowCount: number }>(
  await db.insertInto('people').values({ name: 'R', email: 'r@x' }).onConflict(['email'], (oc) => oc.doUpdateSet({ name: 'Reuven' })).execute(),
)
expectType<{ id: number; name: string }[]>(
  await db
    .insertInto('people')
    .values({ name: 'R', email: 'r@x' })
    .onConflict(['email'], (oc) =>
      oc.doUpdateSet((excluded) => {
        expectType<Expression<string>>(excluded.name)
        expectType<Expression<string | null>>(excluded.email)
        expectType<Expression<Date>>(excluded.createdAt)
        return { name: excluded.name, createdAt: excluded.createdAt }
      }),
    )
    .returning(['id', 'name'])
    .execute(),
)
expectType<{ rowCount: number }>(
  await db.insertInto('attendances').values({ personId: 1, appointmentId: 2 }).onConflict(['personId', 'appointmentId'], (oc) => oc.doNothing()).execute(),
)
// onConflict: unknown columns, wrong values, a callback that does not return an action
expectError(db.insertInto('people').values({ name: 'R' }).onConflict(['mail'], (oc) => oc.doNothing()))
expectError(db.insertInto('people').values({ name: 'R' }).onConflict('email', (oc) => oc.doNothing()))
expectError(db.insertInto('people').values({ name: 'R' }).onConflict(['email'], (oc) => oc.doUpdateSet({ nmae: 'x' })))
expectError(db.insertInto('people').values({ name: 'R' }).onConflict(['email'], (oc) => oc.doUpdateSet({ name: 1 })))
expectError(db.insertInto('people').values({ name: 'R' }).onConflict(['email'], (oc) => oc.doUpdateSet({ nameLength: 1 })))
expectError(db.insertInto('people').values({ name: 'R' }).onConflict(['email'], (oc) => oc.doUpdateSet((excluded) => ({ name: excluded.email }))))
expectError(db.insertInto('people').values({ name: 'R' }).onConflict(['email'], (oc) => oc.doUpdateSet((excluded) => ({ name: excluded.nmae }))))
expectError(db.insertInto('people').values({ name: 'R' }).onConflict(['email'], () => 'nothing'))
expectError(db.insertInto('people').values({ name: 'R' }).onConflict(['email']))

// ---------------------------------------------------------------------------------------------
// insertInto(t).columns([...]).expression(selectQuery)
// ---------------------------------------------------------------------------------------------

expectType<{ rowCount: number }>(
  await db
    .insertInto('appointments')
    .columns(['personId', 'meetingAt'])
    .expression(db.selectFrom('people').select(['id as personId', 'createdAt as meetingAt']))
    .execute(),
)
expectType<{ id: number }[]>(
  await db.insertInto('people').columns(['name']).expression(db.selectFrom('people').select(['name']).where('email', 'is', null)).returning(['id']).execute(),
)
// a column the query does not select, a value of the wrong type, unknown and generated columns
expectError(db.insertInto('appointments').columns(['personId', 'meetingAt']).expression(db.selectFrom('people').select(['id as personId'])))
expectError(db.insertInto('appointments').columns(['personId']).expression(db.selectFrom('people').select(['name as personId'])))
expectError(db.insertInto('people').columns(['name']).expression(db.selectFrom('people').select(['email as name'])))
expectError(db.insertInto('people').columns(['nmae']))
expectError(db.insertInto('people').columns(['nameLength']))
expectError(db.insertInto('people').columns(['name']).expression('select 1'))
// a query that selects more than the listed columns
expectError(db.insertInto('people').columns(['name']).expression(db.selectFrom('people').select(['name', 'id'])))

// ---------------------------------------------------------------------------------------------
// updateTable(t).set(patch).where(…)
// ---------------------------------------------------------------------------------------------

expectType<{ rowCount: number }>(await db.updateTable('people').set({ name: 'R.' }).where('id', '=', 2).execute())
expectType<{ rowCount: number }>(await db.updateTable('people').where('id', '=', 2).set({ email: null, createdAt: new Date() }).execute())
expectType<{ rowCount: number }>(await db.updateTable('people').set({ name: sql<string>`upper(name)` }).where((eb) => eb('id', 'in', [1, 2])).execute())
// undefined leaves a column as it is
expectType<{ rowCount: number }>(await db.updateTable('people').set({ name: 'x', email: undefined }).where('id', '=', 1).execute())
expectType<{ id: number; name: string }[]>(await db.updateTable('people').set({ name: 'R.' }).where('id', '=', 2).returning(['id', 'name']).execute())
expectType<{ id: number; name: string }[]>(await db.updateTable('people').set({ name: 'R.' }).returning(['id', 'name']).where('id', '=', 2).execute())
expectType<Person[]>(await db.updateTable('people').set({ name: 'R.' }).where('id', '=', 2).returningAll().execute())
expectType<{ rowCount: number }>(await db.updateTable('people').set({ name: 'everyone' }).allRows().execute())
expectType<UpdateQueryBuilder<typeof clinic, 'people', never, true>>(db.updateTable('people').set({ name: 'x' }).where('id', '=', 1))
expectType<CompiledQuery>(db.updateTable('people').set({ name: 'x' }).compile())
// Updateable: every writable column optional
expectType<{ id?: number; name?: string; email?: string | null; createdAt?: Date }>({} as Updateable<typeof clinic, 'people'>)

// execute() without where() or allRows() cannot be called
expectError(await db.updateTable('people').set({ name: 'everyone' }).execute())
expectError(await db.updateTable('people').set({ name: 'everyone' }).returning(['id']).execute())
expectError(await db.updateTable('people').set({ name: 'everyone' }).returningAll().execute())
// update of an unknown, generated or computed column; wrong value types
expectError(db.updateTable('people').set({ nmae: 'x' }))
expectError(db.updateTable('people').set({ created_at: new Date() }))
expectError(db.updateTable('people').set({ nameLength: 3 }))
expectError(db.updateTable('people').set({ shout: 'X' }))
expectError(db.updateTable('people').set({ name: null }))
expectError(db.updateTable('people').set({ name: 1 }))
expectError(db.updateTable('people').set({ createdAt: '2020-01-01' }))
expectError(db.updateTable('kinds').set({ big: 1 }))
expectError(db.updateTable('kinds').set({ mood: 'angry' }))
expectError(db.updateTable('people').set('name'))
// where: unknown column, wrong value type; returning an unknown column
expectError(db.updateTable('people').set({ name: 'x' }).where('nmae', '=', 'x'))
expectError(db.updateTable('people').set({ name: 'x' }).where('id', '=', 'two'))
expectError(db.updateTable('people').set({ name: 'x' }).where('id', '=', 1).returning(['nmae']))
expectError(db.updateTable('persons'))

// ---------------------------------------------------------------------------------------------
// deleteFrom(t).where(…)
// ---------------------------------------------------------------------------------------------

const cutoff = new Date('2013-01-01')
expectType<{ rowCount: number }>(await db.deleteFrom('appointments').where('meetingAt', '<', cutoff).execute())
expectType<{ id: number }[]>(await db.deleteFrom('appointments').where('meetingAt', '<', cutoff).returning(['id']).execute())
expectType<{ id: number; personId: number; meetingAt: Date; notes: string | null }[]>(
  await db.deleteFrom('appointments').where('id', '=', 1).returningAll().execute(),
)
expectType<{ rowCount: number }>(await db.deleteFrom('appointments').allRows().execute())
expectType<DeleteQueryBuilder<typeof clinic, 'appointments', never, true>>(db.deleteFrom('appointments').where('id', '=', 1))

// execute() without where() or allRows() cannot be called
expectError(await db.deleteFrom('appointments').execute())
expectError(await db.deleteFrom('appointments').returning(['id']).execute())
// unknown columns, wrong value types, an unknown table
expectError(db.deleteFrom('appointments').where('meeting_at', '<', cutoff))
expectError(db.deleteFrom('appointments').where('meetingAt', '<', '2013-01-01'))
expectError(db.deleteFrom('appointments').where('id', '=', 1).returning(['name']))
expectError(db.deleteFrom('persons'))

// A read-only table (a view) cannot be written.
{
  const views = schema({
    orders: table({ id: c.serial().primaryKey() }),
    bigOrders: table({ id: c.integer() }).readOnly(),
  })
  const vdb = createDb(views, { driver: {} as Driver })
  expectType<{ id: number }[]>(await vdb.selectFrom('bigOrders').selectAll().execute())
  expectError(vdb.insertInto('bigOrders'))
  expectError(vdb.updateTable('bigOrders'))
  expectError(vdb.deleteFrom('bigOrders'))
  vdb.insertInto('orders').values({})
}
