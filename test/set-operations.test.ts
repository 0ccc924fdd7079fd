// Set operations (API.md §3): union, unionAll, intersect and except, with orderBy/limit/offset on
// the combined result, and branches that keep their own order and limit.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DatabaseError } from '../src/index.js'
import { clinic, clinicDatabase } from './support/clinic.js'
import type { TestDatabase } from './support/database.js'

let t: TestDatabase
beforeAll(async () => {
  t = await clinicDatabase()
})
afterAll(() => t.close())

const db = () => t.db(clinic)

// People with an email: Reuven (1), Noa (3). People with an appointment in 2013: Reuven, Shira.
const withEmail = () => db().selectFrom('people').select(['id', 'name']).where('email', 'is not', null)
const met2013 = () =>
  db()
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', 'in', db().selectFrom('appointments').select(['personId']).where('meetingAt', '>=', new Date('2013-01-01T00:00:00Z')).where('meetingAt', '<', new Date('2014-01-01T00:00:00Z')))

describe('union and unionAll', () => {
  test('union removes duplicates; orderBy applies to the whole result, by output name', async () => {
    const q = withEmail().union(met2013()).orderBy('name', 'desc')
    expect(q.compile()).toEqual({
      sql:
        'select "people"."id", "people"."name" from "people" where "people"."email" is not null ' +
        'union select "people"."id", "people"."name" from "people" where "people"."id" in ' +
        '(select "appointments"."person_id" as "personId" from "appointments" where ("appointments"."meeting_at" >= $1 and "appointments"."meeting_at" < $2)) ' +
        'order by "name" desc',
      parameters: ['2013-01-01 00:00:00.000+00', '2014-01-01 00:00:00.000+00'],
    })
    expect(await q.execute()).toStrictEqual([
      { id: 2, name: 'Shira' },
      { id: 1, name: 'Reuven' },
      { id: 3, name: 'Noa' },
    ])
  })

  test('unionAll keeps duplicates; limit and offset page the combined rows', async () => {
    const q = withEmail().unionAll(met2013()).orderBy('id').orderBy('name').limit(3).offset(1)
    expect(q.compile().sql).toMatch(/ union all select .* order by "id" asc, "name" asc limit \$3 offset \$4$/)
    expect(q.compile().parameters).toEqual(['2013-01-01 00:00:00.000+00', '2014-01-01 00:00:00.000+00', '3', '1'])
    // All four: Reuven, Reuven, Shira, Noa → skip one, take three.
    expect(await q.execute()).toStrictEqual([
      { id: 1, name: 'Reuven' },
      { id: 2, name: 'Shira' },
      { id: 3, name: 'Noa' },
    ])
  })

  test('a renamed column is ordered by its output name', async () => {
    const q = db()
      .selectFrom('people')
      .select(['name as label'])
      .where('id', '=', 1)
      .union(db().selectFrom('rooms').select(['label']))
      .orderBy('name')
    expect(q.compile().sql).toBe(
      'select "people"."name" as "label" from "people" where "people"."id" = $1 union select "rooms"."label" from "rooms" order by "label" asc',
    )
    expect(await q.execute()).toStrictEqual([{ label: 'Blue' }, { label: 'Green' }, { label: 'Reuven' }])
  })

  test('several set operations chain left to right', async () => {
    const q = db()
      .selectFrom('people')
      .select(['id'])
      .where('id', '=', 1)
      .union(db().selectFrom('people').select(['id']).where('id', '=', 2))
      .unionAll(db().selectFrom('people').select(['id']).where('id', '=', 2))
      .orderBy('id')
    expect(q.compile().sql).toBe(
      'select "people"."id" from "people" where "people"."id" = $1 union select "people"."id" from "people" where "people"."id" = $2 ' +
        'union all select "people"."id" from "people" where "people"."id" = $3 order by "id" asc',
    )
    expect(await q.execute()).toStrictEqual([{ id: 1 }, { id: 2 }, { id: 2 }])
  })

  test('a branch with its own orderBy and limit is parenthesised and keeps them', async () => {
    const latest = db().selectFrom('appointments').select(['personId']).orderBy('meetingAt', 'desc').limit(1)
    const q = db().selectFrom('appointments').select(['personId']).where('id', '=', 4).unionAll(latest).orderBy('personId')
    expect(q.compile()).toEqual({
      sql:
        'select "appointments"."person_id" as "personId" from "appointments" where "appointments"."id" = $1 union all ' +
        '(select "appointments"."person_id" as "personId" from "appointments" order by "appointments"."meeting_at" desc limit $2) order by "personId" asc',
      parameters: ['4', '1'],
    })
    expect(await q.execute()).toStrictEqual([{ personId: 2 }, { personId: 3 }])
  })
})

describe('intersect and except', () => {
  test('intersect: rows in both', async () => {
    const q = withEmail().intersect(met2013()).orderBy('id')
    expect(q.compile().sql).toMatch(/^select "people"."id", "people"."name" from "people" where "people"."email" is not null intersect select /)
    expect(await q.execute()).toStrictEqual([{ id: 1, name: 'Reuven' }])
  })

  test('except: rows of the first not in the second', async () => {
    const everyone = db().selectFrom('people').select(['id'])
    const booked = db().selectFrom('appointments').select(['personId as id'])
    const q = everyone.except(booked).orderBy('id')
    expect(q.compile()).toEqual({
      sql: 'select "people"."id" from "people" except select "appointments"."person_id" as "id" from "appointments" order by "id" asc',
      parameters: [],
    })
    expect(await q.execute()).toStrictEqual([{ id: 4 }])
    expect(await withEmail().except(met2013()).execute()).toStrictEqual([{ id: 3, name: 'Noa' }])
  })

  test('rows keep their decoded types through a set operation', async () => {
    const q = db()
      .selectFrom('people')
      .select(['createdAt'])
      .where('id', '=', 1)
      .union(db().selectFrom('appointments').select(['meetingAt as createdAt']).where('id', '=', 6))
      .orderBy('createdAt', 'desc')
    expect(await q.execute()).toStrictEqual([{ createdAt: new Date('2014-01-01T09:00:00Z') }, { createdAt: new Date('2010-01-01T00:00:00Z') }])
  })
})

describe('mistakes', () => {
  test('a set operation needs a select query', () => {
    expect(() => withEmail().union({ '~result': {} } as never)).toThrow('union() takes another select query.')
  })

  test('queries of different widths fail at run time with a DatabaseError (the types refuse them first)', async () => {
    const q = withEmail().union(db().selectFrom('people').select(['id']) as never)
    await expect(q.execute()).rejects.toBeInstanceOf(DatabaseError)
  })
})
