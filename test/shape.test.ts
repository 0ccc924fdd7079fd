// Selects built by the same calls share one compiled statement (src/builder/shape.ts): a builder
// of a known shape takes the statement compiled for the first one, with its own values as the
// parameters. Each case builds a query with one set of values (which makes the plan), then with
// another, and checks the second against a compile that never saw the first: the same SQL, the
// same parameters, and the same rows from the database as through a schema with no plans yet.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sql } from '../src/index.js'
import type { Database } from '../src/index.js'
import { selectNodeOf } from '../src/builder/select.js'
import { rootShape } from '../src/builder/shape.js'
import type { Shape } from '../src/builder/shape.js'
import { compileQuery } from '../src/compiler/compile.js'
import { JoineryError } from '../src/errors.js'
import { clinic, clinicDatabase, makeClinic } from './support/clinic.js'
import type { Clinic } from './support/clinic.js'
import type { TestDatabase } from './support/database.js'

let t: TestDatabase
beforeAll(async () => {
  t = await clinicDatabase()
})
afterAll(() => t.close())

type Db = Database<Clinic>
interface Query {
  compile(): { readonly sql: string; readonly parameters: readonly (string | null)[] }
  execute(): Promise<unknown[]>
}
interface Case {
  readonly build: (db: Db, v: never) => Query
  readonly first: unknown
  readonly second: unknown
}
/** A query built from values `first` and then `second` (of one type, checked here). */
const both = <V>(build: (db: Db, v: V) => Query, first: V, second: V): Case => ({ build, first, second })

const since = (iso: string) => new Date(iso)
const d1 = since('2013-01-15T00:00:00Z')
const d2 = since('2012-01-01T00:00:00Z')

// Reused shapes: the second build must take the first one's statement with its own values.
const reused: Record<string, Case> = {
  'a compared value': both((db, id: number) => db.selectFrom('people').select(['id', 'name']).where('id', '=', id), 1, 3),
  'two wheres, a timestamp and a text': both(
    (db, [at, name]: [Date, string]) => db.selectFrom('appointments').where('meetingAt', '>=', at).where('notes', 'like', name).orderBy('id'),
    [d1, '%a%'],
    [d2, 'O%'],
  ),
  'an in list of the same length': both((db, ids: number[]) => db.selectFrom('people').where('id', 'in', ids).orderBy('id'), [1, 2], [3, 4]),
  // (the types refuse null in a list; an untyped caller can pass one)
  'an in list holding null, then not': both(
    (db, emails: (string | null)[]) => db.selectFrom('people').select(['name']).where('email', 'in', emails as string[]).orderBy('name'),
    ['r@x', null],
    ['noa@x', 'nobody@x'],
  ),
  'limit and offset': both((db, [limit, offset]: [number, number]) => db.selectFrom('people').orderBy('id', 'desc').limit(limit).offset(offset), [2, 1], [1, 2]),
  'includes: nested values come before the where after them': both(
    (db, [at, latest, ids]: [Date, number, number[]]) =>
      db
        .selectFrom('people')
        .select(['id', 'name as who'])
        .include('appointments', (a) => a.select(['id', 'notes']).where('meetingAt', '>', at).orderBy('meetingAt', 'desc').limit(latest))
        .include('meetings', (m) => m.select(['id']).orderBy('id'))
        .where('id', 'in', ids)
        .orderBy('id'),
    [d2, 2, [1, 2]],
    [d1, 1, [1, 3]],
  ),
  'joins along relations': both(
    (db, [id, at]: [number, Date]) =>
      db
        .selectFrom('appointments')
        .innerJoin('person')
        .leftJoin('room')
        .select(['appointments.id', 'person.name', 'room.label'])
        .where('person.id', '=', id)
        .where('appointments.meetingAt', '>', at)
        .orderBy('appointments.id'),
    [1, d2],
    [3, d2],
  ),
  'a count and relation filters with values': both(
    (db, [room, notes]: [number, string]) =>
      db
        .selectFrom('people')
        .select(['name'])
        .includeCount('appointments', (a) => a.where('roomId', '=', room))
        .whereRelated('appointments', (a) => a.where('notes', '<>', notes))
        .whereNotRelated('profiles', (p) => p.where('bio', 'like', notes))
        .distinct()
        .orderBy('name'),
    [1, 'Old'],
    [2, 'March'],
  ),
}

// Calls without a shape: compiled every time, whatever was built before.
const unshaped: Record<string, Case> = {
  'select((eb) => …) inside an include': both(
    (db, key: string) => db.selectFrom('people').select(['id']).include('appointments', (a) => a.select((eb) => [eb.ref('notes').as(key)]).orderBy('id')).orderBy('id'),
    'first',
    'second',
  ),
  'where((eb) => …)': both((db, id: number) => db.selectFrom('people').where((eb) => eb('id', '=', id)).orderBy('id'), 1, 2),
  'a value that is an expression': both((db, name: string) => db.selectFrom('people').where('name', '=', sql<string>`${name}`).orderBy('id'), 'Reuven', 'Noa'),
  'a join with its own ON': both(
    (db, id: number) =>
      db
        .selectFrom('appointments')
        .innerJoin('people', 'who', (j) => j.on('who.id', '=', 'appointments.personId'))
        .select(['appointments.id', 'who.name'])
        .where('who.id', '=', id)
        .orderBy('appointments.id'),
    1,
    3,
  ),
}

/** How many shapes of `table` (on the shared clinic schema) have a plan. */
function plans(shape: Shape | undefined = undefined, table = 'people'): number {
  const node = shape ?? rootShape(clinic.meta, table)!
  let count = node.plan ? 1 : 0
  for (const next of node.next.values()) count += plans(next, table)
  return count
}

/** The second build, compiled and run after the first: the same as a compile and a run that never saw the first. */
async function check({ build, first, second }: Case): Promise<void> {
  const db = t.db(clinic)
  build(db, first as never).compile()
  const query = build(db, second as never)
  const reference = compileQuery(selectNodeOf(query)!, clinic.meta).query
  expect(query.compile()).toEqual(reference)
  const fresh = build(t.db(makeClinic()) as Db, second as never)
  expect(await query.execute()).toEqual(await fresh.execute())
}

describe('a select built again with other values takes the statement of the first', () => {
  for (const [name, c] of Object.entries(reused)) test(name, () => check(c))

  test('the second build of a shape is not compiled again: the first made its plan', () => {
    const db = t.db(clinic)
    const before = plans()
    db.selectFrom('people').select(['email']).where('name', '=', 'x').limit(3).compile()
    expect(plans()).toBe(before + 1)
    db.selectFrom('people').select(['email']).where('name', '=', 'y').limit(4).compile()
    expect(plans()).toBe(before + 1)
  })
})

describe('a query whose calls differ gets a statement of its own', () => {
  const db = () => t.db(clinic)
  test('in lists of other lengths, an empty one included', async () => {
    for (const ids of [[1, 2], [1, 2, 3], [], [4]]) {
      const query = db().selectFrom('people').select(['id']).where('id', 'in', ids).orderBy('id')
      expect(query.compile()).toEqual(compileQuery(selectNodeOf(query)!, clinic.meta).query)
      expect(await query.execute()).toEqual(ids.filter((id) => id <= 4).map((id) => ({ id })))
    }
  })

  test('is null, is not null: the value is written into the SQL', async () => {
    const nulls = db().selectFrom('appointments').select(['id']).where('notes', 'is', null).orderBy('id')
    const notNulls = db().selectFrom('appointments').select(['id']).where('notes', 'is not', null).orderBy('id')
    expect(nulls.compile().sql).toContain('is null')
    expect(notNulls.compile().sql).toContain('is not null')
    expect(await nulls.execute()).toEqual([{ id: 2 }, { id: 6 }])
    expect(await notNulls.execute()).toEqual([{ id: 1 }, { id: 3 }, { id: 4 }, { id: 5 }])
  })

  test('another direction, another selection, another nested query', () => {
    const shapes = [
      db().selectFrom('people').orderBy('id'),
      db().selectFrom('people').orderBy('id', 'desc'),
      db().selectFrom('people').select(['id']).orderBy('id'),
      db().selectFrom('people').include('appointments', (a) => a.select(['id'])),
      db().selectFrom('people').include('appointments', (a) => a.select(['notes'])),
      db().selectFrom('people').include('appointments'),
      db().selectFrom('appointments').innerJoin('room'),
      db().selectFrom('appointments').leftJoin('room'),
    ]
    for (const query of shapes) expect(query.compile()).toEqual(compileQuery(selectNodeOf(query)!, clinic.meta).query)
    expect(new Set(shapes.map((q) => q.compile().sql)).size).toBe(shapes.length)
  })
})

describe('calls without a shape compile every time', () => {
  for (const [name, c] of Object.entries(unshaped)) test(name, () => check(c))

  test('they make no plan', () => {
    const before = plans()
    t.db(clinic).selectFrom('people').where((eb) => eb('id', '=', 1)).compile()
    t.db(clinic).selectFrom('people').groupBy('name').select(['name']).compile()
    expect(plans()).toBe(before)
  })
})

test('a value its column cannot take fails the same way with a plan', () => {
  const db = t.db(clinic)
  const build = (at: unknown) => db.selectFrom('appointments').where('meetingAt', '>', at as Date)
  build(d1).compile()
  const error = (() => {
    try {
      compileQuery(selectNodeOf(build('soon'))!, clinic.meta)
    } catch (e) {
      return e
    }
  })()
  expect(error).toBeInstanceOf(JoineryError)
  expect(() => build('soon').compile()).toThrow((error as Error).message)
})
