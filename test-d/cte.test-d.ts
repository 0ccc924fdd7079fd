// Common table expressions and set operations at type level (issue 6, API.md §3): a CTE is a
// table whose columns are its query's result row; several CTEs, recursive ones, Kysely's explicit
// join form on a CTE; union/intersect/except only between queries of the same row type.
import { expectError, expectType } from 'tsd'
import { column as c, createDb, schema, sql, table } from '../src/index.js'
import type { Driver } from '../src/index.js'

declare const driver: Driver

const company = schema(
  {
    employees: table({
      id: c.serial().primaryKey(),
      name: c.text(),
      managerId: c.integer().nullable().references('employees.id'),
      hiredAt: c.timestamptz(),
      salary: c.numeric({ precision: 10, scale: 2 }),
    }),
    offices: table({ id: c.serial().primaryKey(), city: c.text() }),
  },
  { casing: 'snake_case' },
)

const db = createDb(company, { driver })

// ---------------------------------------------------------------------------------------------
// db.with
// ---------------------------------------------------------------------------------------------

expectType<{ id: number; name: string }[]>(
  await db
    .with('bosses', (w) => w.selectFrom('employees').select(['id', 'name']).where('managerId', 'is', null))
    .selectFrom('bosses')
    .selectAll()
    .execute(),
)
// a CTE with no selection has the whole row; its columns can be filtered and ordered
expectType<{ name: string; hiredAt: Date }[]>(
  await db
    .with('all', (w) => w.selectFrom('employees'))
    .selectFrom('all')
    .select(['name', 'all.hiredAt'])
    .where('managerId', 'is not', null)
    .where('salary', '>', '1000')
    .orderBy('hiredAt', 'desc')
    .execute(),
)
// renamed columns and expressions become the CTE's columns
const stats = await db
  .with('stats', (w) =>
    w
      .selectFrom('employees')
      .select((eb) => ['managerId as boss', eb.fn.countAll().as('reports'), eb.fn.max('hiredAt').as('lastHire')])
      .groupBy('managerId'),
  )
  .selectFrom('stats')
  .select(['boss', 'reports', 'lastHire'])
  .where('reports', '>', 1)
  .firstOrThrow()
expectType<{ boss: number | null; reports: number; lastHire: Date | null }>(stats)

// several CTEs: each reads the ones before it
expectType<{ name: string; boss: string }[]>(
  await db
    .with('bosses', (w) => w.selectFrom('employees').select(['id', 'name']).where('managerId', 'is', null))
    .with('reports', (w) =>
      w.selectFrom('employees').innerJoin('bosses', 'bosses.id', 'employees.managerId').select(['employees.name', 'bosses.name as boss']),
    )
    .selectFrom('reports')
    .selectAll()
    .execute(),
)

// Kysely's explicit join form on a CTE (and leftJoin makes its columns nullable)
expectType<{ name: string; managerName: string }[]>(
  await db
    .with('chain', (w) => w.selectFrom('employees').select(['id as managerId', 'name as managerName']))
    .selectFrom('employees')
    .innerJoin('chain', 'chain.managerId', 'employees.managerId')
    .select(['employees.name', 'chain.managerName'])
    .execute(),
)
expectType<{ name: string; managerName: string | null }[]>(
  await db
    .with('chain', (w) => w.selectFrom('employees').select(['id as managerId', 'name as managerName']))
    .selectFrom('employees')
    .leftJoin('chain', 'chain.managerId', 'employees.managerId')
    .select(['employees.name', 'chain.managerName'])
    .execute(),
)

// an unknown column inside a CTE's select, where or orderBy
expectError(db.with('x', (w) => w.selectFrom('employees').select(['nmae'])))
expectError(db.with('x', (w) => w.selectFrom('employees').where('salry', '>', '1')))
expectError(db.with('x', (w) => w.selectFrom('employees').select(['id']).orderBy('manager_id')))
// an unknown table inside a CTE
expectError(db.with('x', (w) => w.selectFrom('employee')))
// a column the CTE did not select, read from the CTE
expectError(db.with('x', (w) => w.selectFrom('employees').select(['id'])).selectFrom('x').select(['name']))
expectError(db.with('x', (w) => w.selectFrom('employees').select(['id'])).selectFrom('x').where('name', '=', 'A'))
// a value of the wrong type for a CTE column
expectError(db.with('x', (w) => w.selectFrom('employees').select(['id'])).selectFrom('x').where('id', '=', '1'))
// the CTE exists only in its statement, and not inside its own (non-recursive) definition
expectError(db.selectFrom('x'))
expectError(db.with('x', (w) => w.selectFrom('x')))
expectError(db.with('x', (w) => w.selectFrom('employees')).selectFrom('y'))
// the callback returns a query
expectError(db.with('x', () => 'select 1'))
// the explicit join names a column of the CTE on the left, a column in scope on the right
expectError(
  db
    .with('chain', (w) => w.selectFrom('employees').select(['id as managerId']))
    .selectFrom('employees')
    .innerJoin('chain', 'chain.id', 'employees.managerId'),
)
expectError(
  db
    .with('chain', (w) => w.selectFrom('employees').select(['id as managerId']))
    .selectFrom('employees')
    .innerJoin('chain', 'chain.managerId', 'offices.id'),
)

// ---------------------------------------------------------------------------------------------
// db.withRecursive: base rows, then a step that reads the rows so far
// ---------------------------------------------------------------------------------------------

const tree = await db
  .withRecursive(
    'tree',
    (w) =>
      w
        .selectFrom('employees')
        .select(() => ['id', 'name', sql<number>`1`.as('depth')])
        .where('managerId', 'is', null),
    (w) =>
      w
        .selectFrom('employees')
        .innerJoin('tree', 'tree.id', 'employees.managerId')
        .select((eb) => ['employees.id', 'employees.name', eb('tree.depth', '+', 1).as('depth')]),
  )
  .selectFrom('tree')
  .select(['name', 'depth'])
  .orderBy('depth')
  .firstOrThrow()
expectType<{ name: string; depth: number }>(tree)

expectType<{ id: number; managerId: number | null }[]>(
  await db
    .withRecursive(
      'up',
      (w) => w.selectFrom('employees').select(['id', 'managerId']).where('id', '=', 8),
      (w) => w.selectFrom('employees').innerJoin('up', 'up.managerId', 'employees.id').select(['employees.id', 'employees.managerId']),
    )
    .selectFrom('up')
    .selectAll()
    .execute(),
)

// the step must return the base's row type
expectError(
  db.withRecursive(
    'up',
    (w) => w.selectFrom('employees').select(['id', 'managerId']),
    (w) => w.selectFrom('employees').innerJoin('up', 'up.managerId', 'employees.id').select(['employees.id']),
  ),
)
expectError(
  db.withRecursive(
    'up',
    (w) => w.selectFrom('employees').select(['id', 'managerId']),
    (w) => w.selectFrom('employees').innerJoin('up', 'up.managerId', 'employees.id').select(['employees.id', 'employees.name as managerId']),
  ),
)
// the base cannot read the CTE yet; the step can
expectError(
  db.withRecursive(
    'up',
    (w) => w.selectFrom('up'),
    (w) => w.selectFrom('up'),
  ),
)
// withRecursive takes two callbacks
expectError(db.withRecursive('up', (w) => w.selectFrom('employees')))

// ---------------------------------------------------------------------------------------------
// Set operations: the same row type on both sides
// ---------------------------------------------------------------------------------------------

const names = db.selectFrom('employees').select(['name'])
const cities = db.selectFrom('offices').select(['city as name'])
expectType<{ name: string }[]>(await names.union(cities).orderBy('name').limit(10).execute())
expectType<{ name: string }[]>(await names.unionAll(cities).execute())
expectType<{ name: string }[]>(await names.intersect(cities).execute())
expectType<{ name: string }[]>(await names.except(cities).offset(1).execute())
expectType<{ id: number; name: string }[]>(
  await db.selectFrom('employees').select(['id', 'name']).union(db.selectFrom('employees').select(['name', 'id'])).execute(),
)
// a union of different shapes
expectError(names.union(db.selectFrom('offices').select(['city'])))
expectError(names.union(db.selectFrom('employees').select(['name', 'id'])))
expectError(names.unionAll(db.selectFrom('employees').select(['id as name'])))
expectError(names.intersect(db.selectFrom('employees').select(['hiredAt as name'])))
expectError(names.except(db.selectFrom('employees').select(['managerId as name'])))
expectError(db.selectFrom('employees').select(['managerId']).union(db.selectFrom('employees').select(['id as managerId'])))
expectError(names.union('select city from offices'))
