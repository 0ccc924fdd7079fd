import knexFactory from 'knex'
import type { Knex } from 'knex'
import { values as v } from '../../domain/values.js'
import type { CompilePeer } from '../cases.js'

// A pg client with no connection: knex builds and compiles without connecting.
const db = knexFactory({ client: 'pg' })

const filterOrderLimit = () =>
  db('appointments')
    .select('id', 'meeting_at', 'notes')
    .where('meeting_at', '>=', v.since)
    .whereIn('person_id', v.personIds)
    .orderBy('meeting_at', 'desc')
    .limit(v.limit)

// knex has no relations: the nested load is json_agg over row subqueries, built with knex.
export const nestedQuery = (k: Knex = db) => {
  const attendees = k('attendances')
    .join('people as attendee', 'attendee.id', 'attendances.person_id')
    .select('attendee.id', 'attendee.name')
    .where('attendances.appointment_id', k.ref('appointments.id'))
    .orderBy('attendee.id')
  const latest = k('appointments')
    .select(
      'appointments.id',
      'appointments.meeting_at',
      'appointments.notes',
      k.raw(`coalesce((select json_agg(x) from ? as x), '[]'::json) as attendees`, [attendees]),
    )
    .where('appointments.person_id', k.ref('people.id'))
    .orderBy('appointments.meeting_at', 'desc')
    .limit(v.latest)
  return k('people')
    .select('people.id', 'people.name', k.raw(`coalesce((select json_agg(a) from ? as a), '[]'::json) as appointments`, [latest]))
    .orderBy('people.id')
    .limit(v.people)
}

// toNative(): the $n form node-postgres runs.
export const knex: CompilePeer<Knex.SqlNative> = {
  name: 'knex',
  cases: {
    pointSelect: () => db('people').select('id', 'name', 'email', 'created_at').where('id', v.id).toSQL().toNative(),
    filterOrderLimit: () => filterOrderLimit().toSQL().toNative(),
    innerJoin: () =>
      db('people')
        .join('appointments', 'appointments.person_id', 'people.id')
        .select('people.name', 'appointments.meeting_at')
        .where('people.id', v.id)
        .orderBy('appointments.meeting_at')
        .toSQL()
        .toNative(),
    groupByCount: () =>
      db('appointments').select('person_id').count('* as count').where('meeting_at', '>=', v.since).groupBy('person_id').toSQL().toNative(),
    insertReturning: () =>
      db('appointments')
        .insert({ person_id: v.appointment.personId, meeting_at: v.appointment.meetingAt, notes: v.appointment.notes })
        .returning(['id'])
        .toSQL()
        .toNative(),
    updateWhere: () => db('people').update({ name: v.newName }).where('id', v.id).toSQL().toNative(),
    deleteWhere: () => db('appointments').where('meeting_at', '<', v.cutoff).delete().toSQL().toNative(),
    upsert: () => db('people').insert(v.upsert).onConflict('email').merge({ name: v.upsert.name }).toSQL().toNative(),
    whereExists: () =>
      db('people')
        .select('id', 'name')
        .whereExists(
          db('appointments')
            .select('appointments.id')
            .where('appointments.person_id', db.ref('people.id'))
            .where('appointments.meeting_at', '>=', v.since),
        )
        .toSQL()
        .toNative(),
    nested: () => nestedQuery().toSQL().toNative(),
  },
  prebuilt: () => {
    const built = filterOrderLimit()
    return () => built.toSQL().toNative()
  },
  sqlOf: (q) => q.sql,
}
