import { afterAll, beforeAll, expect, test } from 'vitest'
import { schema, sql } from '../src/index.js'
import { peopleTable } from './support/api-clinic.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'

const clinic = schema({ people: peopleTable }, { casing: 'snake_case' })

let t: TestDatabase
beforeAll(async () => {
  t = await testDatabase()
  await t.exec(`create table people (id serial primary key, name text not null, email text unique, created_at timestamptz not null default now());
    insert into people (name, email, created_at) values ('Reuven', 'r@x', '2013-01-01T00:00:00Z'), ('Shira', null, '1960-05-01T12:00:00.123Z');`)
})
afterAll(() => t.close())

test('smoke', async () => {
  const db = t.db(clinic)
  const q = db.selectFrom('people').select(['id', 'name', 'createdAt']).where('name', 'like', 'R%').orderBy('name', 'desc').limit(10)
  expect(q.compile()).toEqual({
    sql: 'select "people"."id", "people"."name", "people"."created_at" as "createdAt" from "people" where "people"."name" like $1 order by "people"."name" desc limit $2',
    parameters: ['R%', '10'],
  })
  expect(await q.execute()).toEqual([{ id: 1, name: 'Reuven', createdAt: new Date('2013-01-01T00:00:00Z') }])
  expect(await db.selectFrom('people').where('id', '=', 2).first()).toEqual({ id: 2, name: 'Shira', email: null, createdAt: new Date('1960-05-01T12:00:00.123Z') })
  expect(await db.execute(sql<{ n: number }>`select count(*)::int as n, ${'x'}::text as s from people`)).toEqual([{ n: 2, s: 'x' }])
})
