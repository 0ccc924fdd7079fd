import { createDb } from '../../../src/index.js'
import type { CompiledQuery, Database, Driver } from '../../../src/index.js'
import { selectNodeOf } from '../../../src/builder/select.js'
import { compileQuery } from '../../../src/compiler/compile.js'
import { clinic } from '../../domain/joinery.js'
import { values as v } from '../../domain/values.js'
import { caseNames } from '../cases.js'
import type { CaseName, CompilePeer } from '../cases.js'

// compile() never reaches the driver.
const offline: Driver = {
  query: () => Promise.reject(new Error('the compile bench runs no queries')),
  acquire: () => Promise.reject(new Error('the compile bench runs no queries')),
  destroy: async () => {},
}
const db = createDb(clinic, { driver: offline })

const filterOrderLimit = () =>
  db
    .selectFrom('appointments')
    .select(['id', 'meetingAt', 'notes'])
    .where('meetingAt', '>=', v.since)
    .where('personId', 'in', v.personIds)
    .orderBy('meetingAt', 'desc')
    .limit(v.limit)

export const nestedQuery = (d: Database<typeof clinic> = db) =>
  d
    .selectFrom('people')
    .select(['id', 'name'])
    .orderBy('id')
    .limit(v.people)
    .include('appointments', (a) =>
      a
        .select(['id', 'meetingAt', 'notes'])
        .orderBy('meetingAt', 'desc')
        .limit(v.latest)
        .include('attendees', (p) => p.select(['id', 'name']).orderBy('id')),
    )

type Builder = { compile(): CompiledQuery }

const builders: Record<CaseName, () => Builder> = {
  pointSelect: () => db.selectFrom('people').select(['id', 'name', 'email', 'createdAt']).where('id', '=', v.id),
  filterOrderLimit,
  innerJoin: () =>
    db.selectFrom('people').innerJoin('appointments').select(['people.name', 'appointments.meetingAt']).where('people.id', '=', v.id).orderBy('appointments.meetingAt'),
  groupByCount: () =>
    db
      .selectFrom('appointments')
      .select((eb) => ['personId', eb.fn.countAll().as('count')])
      .where('meetingAt', '>=', v.since)
      .groupBy('personId'),
  insertReturning: () => db.insertInto('appointments').values(v.appointment).returning(['id']),
  updateWhere: () => db.updateTable('people').set({ name: v.newName }).where('id', '=', v.id),
  deleteWhere: () => db.deleteFrom('appointments').where('meetingAt', '<', v.cutoff),
  upsert: () =>
    db
      .insertInto('people')
      .values(v.upsert)
      .onConflict(['email'], (oc) => oc.doUpdateSet({ name: v.upsert.name })),
  whereExists: () =>
    db
      .selectFrom('people')
      .select(['id', 'name'])
      .whereRelated('appointments', (a) => a.where('meetingAt', '>=', v.since)),
  nested: () => nestedQuery(),
}

function peer(name: string, compile: (built: Builder) => CompiledQuery): CompilePeer<CompiledQuery> {
  return {
    name,
    cases: Object.fromEntries(caseNames.map((c) => [c, () => compile(builders[c]())])),
    prebuilt: () => {
      const built = filterOrderLimit()
      return () => compile(built)
    },
    sqlOf: (q) => q.sql,
  }
}

/** What users get: a select built like an earlier one reuses that one's statement (src/builder/shape.ts). */
export const joinery = peer('joinery', (built) => built.compile())

/** joinery's compiler on every call: selects compiled from their nodes, never from a reused statement. */
export const joineryEachTime = peer('joinery, each compiled', (built) => {
  const node = selectNodeOf(built)
  return node === undefined ? built.compile() : compileQuery(node, clinic.meta).query
})
