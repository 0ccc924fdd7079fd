// createTablesSql / dropTablesSql: enum types, tables in foreign-key order with the foreign keys
// of a cycle added afterwards, keys, indexes, defaults written as SQL literals or fragments.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createTablesSql, dropTablesSql } from '../src/ddl/create.js'
import { column as c, enumOf, JoineryError, schema, sql, table } from '../src/index.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'
import { runStatements } from './support/reflect.js'

const company = schema(
  {
    departments: table({
      id: c.serial().primaryKey(),
      name: c.text().unique(),
      headId: c.integer().nullable().references('employees.id', { onDelete: 'set null' }),
    }),
    employees: table({
      id: c.serial().primaryKey(),
      departmentId: c.integer().references('departments.id', { onDelete: 'cascade', onUpdate: 'cascade' }),
      managerId: c.integer().nullable().references('employees.id'),
      level: enumOf(['junior', 'senior'], { name: 'Level' }).default('junior'),
      shift: enumOf(['day', 'night']).nullable(),
      skills: enumOf(['sql', 'ts'], { name: 'Level2' }).array().default(['sql']),
    }),
    badges: table({
      employeeId: c.integer().references('employees.id'),
      kind: c.varchar(20),
      issuedAt: c.timestamptz().default(sql`now()`),
    })
      .primaryKey('employeeId', 'kind')
      .index('kind', 'issuedAt'),
    defaults: table({
      id: c.bigserial().primaryKey(),
      quote: c.text().default("it's a \\ backslash"),
      negative: c.integer().default(-1),
      big: c.bigint().default(9007199254740993n),
      flag: c.boolean().default(false),
      price: c.numeric({ precision: 10, scale: 2 }).default('12.50'),
      ratio: c.doublePrecision().default(0.25),
      since: c.timestamptz().default(new Date('2020-01-02T03:04:05.678Z')),
      settings: c.jsonb<{ theme: string }>().default({ theme: "o'dark" }),
      tags: c.text().array().default(['a b', 'c"d']),
      blob: c.bytea().default(new Uint8Array([0, 255])),
      label: c.text().default(sql`${"x'"} || upper(${'y'})`),
      twice: c.numeric().generatedAlwaysAs(sql`price * 2`),
    }).name('Defaults'),
  },
  { casing: 'snake_case' },
)

let t: TestDatabase
beforeAll(async () => {
  t = await testDatabase()
})
afterAll(() => t?.close())

// Defaults references nothing: it is ready first. departments and employees reference each
// other: departments is created without its foreign key, added once employees exists.
test('createTablesSql: enum types, tables in foreign-key order, the cycle closed by ALTER TABLE, then indexes', () => {
  expect(createTablesSql(company)).toEqual([
    `create type "Level" as enum ('junior', 'senior')`,
    `create type "employees_shift" as enum ('day', 'night')`,
    `create type "Level2" as enum ('sql', 'ts')`,
    'create table "Defaults" (\n' +
      '  "id" bigserial not null primary key,\n' +
      `  "quote" text default E'it''s a \\\\ backslash' not null,\n` +
      '  "negative" integer default -1 not null,\n' +
      '  "big" bigint default 9007199254740993 not null,\n' +
      '  "flag" boolean default false not null,\n' +
      `  "price" numeric(10,2) default '12.50' not null,\n` +
      '  "ratio" double precision default 0.25 not null,\n' +
      `  "since" timestamptz default '2020-01-02 03:04:05.678+00' not null,\n` +
      `  "settings" jsonb default '{"theme":"o''dark"}' not null,\n` +
      `  "tags" text[] default E'{"a b","c\\\\"d"}' not null,\n` +
      `  "blob" bytea default E'\\\\x00ff' not null,\n` +
      `  "label" text default 'x''' || upper('y') not null,\n` +
      '  "twice" numeric generated always as (price * 2) stored not null\n)',
    'create table "departments" (\n  "id" serial not null primary key,\n  "name" text not null unique,\n  "head_id" integer\n)',
    'create table "employees" (\n' +
      '  "id" serial not null primary key,\n' +
      '  "department_id" integer not null references "departments" ("id") on delete cascade on update cascade,\n' +
      '  "manager_id" integer references "employees" ("id"),\n' +
      `  "level" "Level" default 'junior' not null,\n` +
      '  "shift" "employees_shift",\n' +
      `  "skills" "Level2"[] default '{"sql"}' not null\n)`,
    'create table "badges" (\n' +
      '  "employee_id" integer not null references "employees" ("id"),\n' +
      '  "kind" varchar(20) not null,\n' +
      '  "issued_at" timestamptz default now() not null,\n' +
      '  primary key ("employee_id", "kind")\n)',
    'alter table "departments" add constraint "departments_head_id_fkey" foreign key ("head_id") references "employees" ("id") on delete set null',
    'create index on "badges" ("kind", "issued_at")',
  ])
})

test('dropTablesSql: the reverse, each if exists', () => {
  expect(dropTablesSql(company)).toEqual([
    'alter table if exists "departments" drop constraint if exists "departments_head_id_fkey"',
    'drop table if exists "badges"',
    'drop table if exists "employees"',
    'drop table if exists "departments"',
    'drop table if exists "Defaults"',
    'drop type if exists "Level2"',
    'drop type if exists "employees_shift"',
    'drop type if exists "Level"',
  ])
})

test('the statements run: defaults come back as the values the schema gave', async () => {
  await runStatements(t, createTablesSql(company))
  const db = t.db(company)
  const [department] = await db.insertInto('departments').values({ name: 'R&D' }).returning(['id']).execute()
  const [employee] = await db.insertInto('employees').values({ departmentId: department!.id }).returningAll().execute()
  expect(employee).toEqual({ id: 1, departmentId: 1, managerId: null, level: 'junior', shift: null, skills: ['sql'] })
  await db.updateTable('departments').set({ headId: employee!.id }).where('id', '=', department!.id).execute()
  expect(await db.selectFrom('departments').include('employees').include('head').first()).toMatchObject({
    headId: 1,
    head: { id: 1 },
    employees: [{ id: 1 }],
  })

  await db.insertInto('defaults').values({ id: 1n }).execute()
  expect(await db.selectFrom('defaults').selectAll().first()).toEqual({
    id: 1n,
    quote: "it's a \\ backslash",
    negative: -1,
    big: 9007199254740993n,
    flag: false,
    price: '12.50',
    ratio: 0.25,
    since: new Date('2020-01-02T03:04:05.678Z'),
    settings: { theme: "o'dark" },
    tags: ['a b', 'c"d'],
    blob: new Uint8Array([0, 255]),
    label: "x'Y",
    twice: '25.00',
  })
  const [index] = await t.rows(`select indexdef from pg_indexes where tablename = 'badges' and indexname like '%kind%issued%'`)
  expect(index?.indexdef).toMatch(/USING btree \(kind, issued_at\)$/)
})

test('dropTablesSql removes it all, and createTablesSql builds it again', async () => {
  await runStatements(t, dropTablesSql(company))
  const left = await t.rows(
    `select relname::text as name from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r'
     union all select typname::text from pg_type where typnamespace = current_schema()::regnamespace and typtype = 'e'`,
  )
  expect(left).toEqual([])
  await runStatements(t, createTablesSql(company))
  await runStatements(t, dropTablesSql(company))
  await runStatements(t, dropTablesSql(company)) // if exists: a second drop is harmless
})

test('one enum type name with two value lists is a JoineryError', () => {
  const clash = schema({
    a: table({ id: c.serial().primaryKey(), mood: enumOf(['x', 'y'], { name: 'mood' }) }),
    b: table({ id: c.serial().primaryKey(), mood: enumOf(['x', 'z'], { name: 'mood' }) }),
  })
  expect(() => createTablesSql(clash)).toThrow(JoineryError)
  expect(() => createTablesSql(clash)).toThrow('Enum type "mood" is declared with different values by b.mood: x, y vs x, z.')
  expect(() => createTablesSql({} as never)).toThrow('createTablesSql() takes a schema made with schema({...}).')
})
