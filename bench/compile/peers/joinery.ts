import { createDb } from '../../../src/index.js'
import type { CompiledQuery, Database, Driver } from '../../../src/index.js'
import { clinic } from '../../domain/joinery.js'
import { values as v } from '../../domain/values.js'
import type { CompilePeer } from '../cases.js'

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

export const joinery: CompilePeer<CompiledQuery> = {
  name: 'joinery',
  cases: {
    pointSelect: () => db.selectFrom('people').select(['id', 'name', 'email', 'createdAt']).where('id', '=', v.id).compile(),
    filterOrderLimit: () => filterOrderLimit().compile(),
    innerJoin: () =>
      db
        .selectFrom('people')
        .innerJoin('appointments')
        .select(['people.name', 'appointments.meetingAt'])
        .where('people.id', '=', v.id)
        .orderBy('appointments.meetingAt')
        .compile(),
    groupByCount: () =>
      db
        .selectFrom('appointments')
        .select((eb) => ['personId', eb.fn.countAll().as('count')])
        .where('meetingAt', '>=', v.since)
        .groupBy('personId')
        .compile(),
    insertReturning: () => db.insertInto('appointments').values(v.appointment).returning(['id']).compile(),
    updateWhere: () => db.updateTable('people').set({ name: v.newName }).where('id', '=', v.id).compile(),
    deleteWhere: () => db.deleteFrom('appointments').where('meetingAt', '<', v.cutoff).compile(),
    upsert: () =>
      db
        .insertInto('people')
        .values(v.upsert)
        .onConflict(['email'], (oc) => oc.doUpdateSet({ name: v.upsert.name }))
        .compile(),
    whereExists: () =>
      db
        .selectFrom('people')
        .select(['id', 'name'])
        .whereRelated('appointments', (a) => a.where('meetingAt', '>=', v.since))
        .compile(),
    nested: () => nestedQuery().compile(),
  },
  prebuilt: () => {
    const built = filterOrderLimit()
    return () => built.compile()
  },
  sqlOf: (q) => q.sql,
}
