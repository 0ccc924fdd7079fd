// Common table expressions (API.md §3): db.with(name, (db) => q).selectFrom(name), several CTEs
// chained, a CTE joined with Kysely's explicit form, and withRecursive over the Chinook
// employees' reports_to hierarchy.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { JoineryError, sql } from '../src/index.js'
import { chinook, chinookDatabase } from './support/chinook.js'
import type { TestDatabase } from './support/database.js'

let t: TestDatabase
beforeAll(async () => {
  t = await chinookDatabase()
})
afterAll(() => t.close())

const db = () => t.db(chinook)

// Chinook's eight employees: Adams (1) manages Edwards (2) and Mitchell (6); Edwards manages
// Peacock (3), Park (4) and Johnson (5); Mitchell manages King (7) and Callahan (8).
test('the fixture has the hierarchy these tests describe', async () => {
  expect(await t.rows('select employee_id, last_name, reports_to from employee order by employee_id')).toEqual([
    { employee_id: 1, last_name: 'Adams', reports_to: null },
    { employee_id: 2, last_name: 'Edwards', reports_to: 1 },
    { employee_id: 3, last_name: 'Peacock', reports_to: 2 },
    { employee_id: 4, last_name: 'Park', reports_to: 2 },
    { employee_id: 5, last_name: 'Johnson', reports_to: 2 },
    { employee_id: 6, last_name: 'Mitchell', reports_to: 1 },
    { employee_id: 7, last_name: 'King', reports_to: 6 },
    { employee_id: 8, last_name: 'Callahan', reports_to: 6 },
  ])
})

describe('db.with', () => {
  test('a CTE read like a table: select, where, orderBy on its columns', async () => {
    const q = db()
      .with('managers', (w) => w.selectFrom('employee').select(['employeeId', 'lastName', 'title']).where('title', 'like', '%Manager%'))
      .selectFrom('managers')
      .select(['lastName', 'title'])
      .where('employeeId', '>', 1)
      .orderBy('lastName')
    expect(q.compile()).toEqual({
      sql:
        'with "managers" as (select "employee"."employee_id" as "employeeId", "employee"."last_name" as "lastName", "employee"."title" ' +
        'from "employee" where "employee"."title" like $1) ' +
        'select "managers"."lastName", "managers"."title" from "managers" where "managers"."employeeId" > $2 order by "managers"."lastName" asc',
      parameters: ['%Manager%', '1'],
    })
    expect(await q.execute()).toStrictEqual([
      { lastName: 'Edwards', title: 'Sales Manager' },
      { lastName: 'Mitchell', title: 'IT Manager' },
    ])
  })

  test("a CTE's columns keep their types: a Date, an exact numeric string, a count", async () => {
    const q = db()
      .with('spending', (w) =>
        w
          .selectFrom('invoice')
          .select((eb) => ['customerId', eb.fn.max('invoiceDate').as('lastAt'), eb.fn.sum('total').as('spent'), eb.fn.countAll().as('invoices')])
          .groupBy('customerId'),
      )
      .selectFrom('spending')
      .selectAll()
      .where('customerId', 'in', [1, 2])
      .orderBy('customerId')
    const rows = await q.execute()
    const expected = await t.rows(
      `select customer_id, to_char(max(invoice_date), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_at, sum(total)::text as spent, count(*)::int as invoices
       from invoice where customer_id in (1, 2) group by customer_id order by customer_id`,
    )
    expect(rows).toStrictEqual(
      expected.map((r) => ({ customerId: r.customer_id, lastAt: new Date(r.last_at as string), spent: r.spent, invoices: r.invoices })),
    )
    expect(rows).toHaveLength(2)
    expect(rows[0]!.lastAt).toBeInstanceOf(Date)
  })

  test('several CTEs, each reading the ones before it', async () => {
    const q = db()
      .with('team', (w) => w.selectFrom('employee').select(['employeeId', 'lastName']).where('reportsTo', '=', 2))
      .with('teamCustomers', (w) =>
        w
          .selectFrom('customer')
          .innerJoin('team', 'team.employeeId', 'customer.supportRepId')
          .select((eb) => ['team.lastName', eb.fn.countAll().as('customers')])
          .groupBy('team.lastName'),
      )
      .selectFrom('teamCustomers')
      .selectAll()
      .orderBy('customers', 'desc')
    expect(q.compile()).toEqual({
      sql:
        'with "team" as (select "employee"."employee_id" as "employeeId", "employee"."last_name" as "lastName" from "employee" ' +
        'where "employee"."reports_to" = $1), ' +
        '"teamCustomers" as (select "team"."lastName", count(*) as "customers" from "customer" ' +
        'inner join "team" on "team"."employeeId" = "customer"."support_rep_id" group by "team"."lastName") ' +
        'select "teamCustomers"."lastName", "teamCustomers"."customers" from "teamCustomers" order by "teamCustomers"."customers" desc',
      parameters: ['2'],
    })
    const rows = await q.execute()
    const expected = await t.rows(
      `select e.last_name, count(*)::int as customers from customer c join employee e on e.employee_id = c.support_rep_id
       where e.reports_to = 2 group by e.last_name order by customers desc`,
    )
    expect(rows).toStrictEqual(expected.map((r) => ({ lastName: r.last_name, customers: r.customers })))
    expect(rows.map((r) => r.lastName)).toEqual(['Peacock', 'Park', 'Johnson'])
  })

  test("a CTE joined with Kysely's explicit form: innerJoin('chain', 'chain.managerId', 'employee.reportsTo')", async () => {
    const q = db()
      .with('chain', (w) => w.selectFrom('employee').select(['employeeId as managerId', 'lastName as managerName']))
      .selectFrom('employee')
      .innerJoin('chain', 'chain.managerId', 'employee.reportsTo')
      .select(['employee.lastName', 'chain.managerName'])
      .where('chain.managerName', '<>', 'Adams')
      .orderBy('employee.employeeId')
    expect(q.compile()).toEqual({
      sql:
        'with "chain" as (select "employee"."employee_id" as "managerId", "employee"."last_name" as "managerName" from "employee") ' +
        'select "employee"."last_name" as "lastName", "chain"."managerName" from "employee" ' +
        'inner join "chain" on "chain"."managerId" = "employee"."reports_to" where "chain"."managerName" <> $1 order by "employee"."employee_id" asc',
      parameters: ['Adams'],
    })
    expect(await q.execute()).toStrictEqual([
      { lastName: 'Peacock', managerName: 'Edwards' },
      { lastName: 'Park', managerName: 'Edwards' },
      { lastName: 'Johnson', managerName: 'Edwards' },
      { lastName: 'King', managerName: 'Mitchell' },
      { lastName: 'Callahan', managerName: 'Mitchell' },
    ])
  })

  test('leftJoin on a CTE keeps rows without a match (null)', async () => {
    const rows = await db()
      .with('chain', (w) => w.selectFrom('employee').select(['employeeId as managerId', 'lastName as managerName']))
      .selectFrom('employee')
      .leftJoin('chain', 'chain.managerId', 'employee.reportsTo')
      .select(['employee.lastName', 'chain.managerName'])
      .where('employee.employeeId', 'in', [1, 2])
      .orderBy('employee.employeeId')
      .execute()
    expect(rows).toStrictEqual([
      { lastName: 'Adams', managerName: null },
      { lastName: 'Edwards', managerName: 'Adams' },
    ])
  })
})

describe('db.withRecursive', () => {
  test('the whole hierarchy from the top, with depth and path', async () => {
    const q = db()
      .withRecursive(
        'chain',
        (w) =>
          w
            .selectFrom('employee')
            .select((eb) => ['employeeId', 'lastName', sql<number>`1`.as('depth'), sql<string>`${eb.ref('lastName')}::text`.as('path')])
            .where('reportsTo', 'is', null),
        (w) =>
          w
            .selectFrom('employee')
            .innerJoin('chain', 'chain.employeeId', 'employee.reportsTo')
            .select((eb) => [
              'employee.employeeId',
              'employee.lastName',
              eb('chain.depth', '+', 1).as('depth'),
              eb('chain.path', '||', sql<string>`' > ' || ${eb.ref('employee.lastName')}`).as('path'),
            ]),
      )
      .selectFrom('chain')
      .select(['lastName', 'depth', 'path'])
      .orderBy('path')
    expect(q.compile()).toEqual({
      sql:
        'with recursive "chain" as (' +
        'select "employee"."employee_id" as "employeeId", "employee"."last_name" as "lastName", 1 as "depth", "employee"."last_name"::text as "path" ' +
        'from "employee" where "employee"."reports_to" is null ' +
        'union all ' +
        'select "employee"."employee_id" as "employeeId", "employee"."last_name" as "lastName", ("chain"."depth" + $1) as "depth", ' +
        `("chain"."path" || ' > ' || "employee"."last_name") as "path" ` +
        'from "employee" inner join "chain" on "chain"."employeeId" = "employee"."reports_to") ' +
        'select "chain"."lastName", "chain"."depth", "chain"."path" from "chain" order by "chain"."path" asc',
      parameters: ['1'],
    })
    expect(await q.execute()).toStrictEqual([
      { lastName: 'Adams', depth: 1, path: 'Adams' },
      { lastName: 'Edwards', depth: 2, path: 'Adams > Edwards' },
      { lastName: 'Johnson', depth: 3, path: 'Adams > Edwards > Johnson' },
      { lastName: 'Park', depth: 3, path: 'Adams > Edwards > Park' },
      { lastName: 'Peacock', depth: 3, path: 'Adams > Edwards > Peacock' },
      { lastName: 'Mitchell', depth: 2, path: 'Adams > Mitchell' },
      { lastName: 'Callahan', depth: 3, path: 'Adams > Mitchell > Callahan' },
      { lastName: 'King', depth: 3, path: 'Adams > Mitchell > King' },
    ])
  })

  test("upwards: Callahan's managers, to the top", async () => {
    const q = db()
      .withRecursive(
        'bosses',
        (w) => w.selectFrom('employee').select(['employeeId', 'lastName', 'reportsTo']).where('employeeId', '=', 8),
        (w) =>
          w
            .selectFrom('employee')
            .innerJoin('bosses', 'bosses.reportsTo', 'employee.employeeId')
            .select(['employee.employeeId', 'employee.lastName', 'employee.reportsTo']),
      )
      .selectFrom('bosses')
      .selectAll()
    expect(q.compile().sql).toBe(
      'with recursive "bosses" as (select "employee"."employee_id" as "employeeId", "employee"."last_name" as "lastName", "employee"."reports_to" as "reportsTo" ' +
        'from "employee" where "employee"."employee_id" = $1 union all ' +
        'select "employee"."employee_id" as "employeeId", "employee"."last_name" as "lastName", "employee"."reports_to" as "reportsTo" ' +
        'from "employee" inner join "bosses" on "bosses"."reportsTo" = "employee"."employee_id") ' +
        'select "bosses"."employeeId", "bosses"."lastName", "bosses"."reportsTo" from "bosses"',
    )
    expect(await q.execute()).toStrictEqual([
      { employeeId: 8, lastName: 'Callahan', reportsTo: 6 },
      { employeeId: 6, lastName: 'Mitchell', reportsTo: 1 },
      { employeeId: 1, lastName: 'Adams', reportsTo: null },
    ])
  })

  test('a recursive CTE followed by a plain one that reads it, joined back to a table', async () => {
    const q = db()
      .withRecursive(
        'underNancy',
        (w) => w.selectFrom('employee').select(['employeeId']).where('employeeId', '=', 2),
        (w) => w.selectFrom('employee').innerJoin('underNancy', 'underNancy.employeeId', 'employee.reportsTo').select(['employee.employeeId']),
      )
      .with('served', (w) =>
        w
          .selectFrom('customer')
          .innerJoin('underNancy', 'underNancy.employeeId', 'customer.supportRepId')
          .select((eb) => [eb.fn.countAll().as('customers')]),
      )
      .selectFrom('served')
      .selectAll()
    expect(q.compile().sql).toMatch(/^with recursive "underNancy" as \(.* union all .*\), "served" as \(select count\(\*\) as "customers" from "customer" inner join "underNancy" on /)
    const [expected] = await t.rows('select count(*)::int as n from customer where support_rep_id in (3, 4, 5)')
    expect(await q.execute()).toStrictEqual([{ customers: expected!.n }])
  })
})

describe('mistakes', () => {
  test('a CTE name must be an identifier and must not hide a table', () => {
    expect(() => db().with('bad name', (w) => w.selectFrom('employee'))).toThrow('with(): a CTE name is letters, digits and _, got "bad name".')
    expect(() => db().with('employee', (w) => w.selectFrom('employee'))).toThrow(JoineryError)
  })

  test('an unknown column of a CTE names the columns it has', () => {
    const q = db()
      .with('managers', (w) => w.selectFrom('employee').select(['employeeId', 'lastName']))
      .selectFrom('managers')
      .select(['title' as never])
    expect(() => q.compile()).toThrow('Unknown column "title" on table "managers". Known columns: employeeId, lastName.')
  })

  test('the callback must return a select query', () => {
    expect(() => db().with('x', () => ({ '~result': {} }) as never)).toThrow("with('x', …) must return a select query")
  })
})
