import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import type { CompiledQuery } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { KyselyClinic } from '../../domain/kysely.js'
import { values as v } from '../../domain/values.js'
import type { CompilePeer } from '../cases.js'

// Kysely's documented way to compile without a database.
const db = new Kysely<KyselyClinic>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

const filterOrderLimit = () =>
  db
    .selectFrom('appointments')
    .select(['id', 'meeting_at', 'notes'])
    .where('meeting_at', '>=', v.since)
    .where('person_id', 'in', v.personIds)
    .orderBy('meeting_at', 'desc')
    .limit(v.limit)

export const nestedQuery = (k: Kysely<KyselyClinic> = db) =>
  k
    .selectFrom('people')
    .select(['people.id', 'people.name'])
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('appointments')
          .select(['appointments.id', 'appointments.meeting_at', 'appointments.notes'])
          .select((eb2) =>
            jsonArrayFrom(
              eb2
                .selectFrom('attendances')
                .innerJoin('people as attendee', 'attendee.id', 'attendances.person_id')
                .select(['attendee.id', 'attendee.name'])
                .whereRef('attendances.appointment_id', '=', 'appointments.id')
                .orderBy('attendee.id'),
            ).as('attendees'),
          )
          .whereRef('appointments.person_id', '=', 'people.id')
          .orderBy('appointments.meeting_at', 'desc')
          .limit(v.latest),
      ).as('appointments'),
    )
    .orderBy('people.id')
    .limit(v.people)

export const kysely: CompilePeer<CompiledQuery> = {
  name: 'kysely',
  cases: {
    pointSelect: () => db.selectFrom('people').select(['id', 'name', 'email', 'created_at']).where('id', '=', v.id).compile(),
    filterOrderLimit: () => filterOrderLimit().compile(),
    innerJoin: () =>
      db
        .selectFrom('people')
        .innerJoin('appointments', 'appointments.person_id', 'people.id')
        .select(['people.name', 'appointments.meeting_at'])
        .where('people.id', '=', v.id)
        .orderBy('appointments.meeting_at')
        .compile(),
    groupByCount: () =>
      db
        .selectFrom('appointments')
        .select((eb) => ['person_id', eb.fn.countAll<number>().as('count')])
        .where('meeting_at', '>=', v.since)
        .groupBy('person_id')
        .compile(),
    insertReturning: () =>
      db
        .insertInto('appointments')
        .values({ person_id: v.appointment.personId, meeting_at: v.appointment.meetingAt, notes: v.appointment.notes })
        .returning(['id'])
        .compile(),
    updateWhere: () => db.updateTable('people').set({ name: v.newName }).where('id', '=', v.id).compile(),
    deleteWhere: () => db.deleteFrom('appointments').where('meeting_at', '<', v.cutoff).compile(),
    upsert: () =>
      db
        .insertInto('people')
        .values(v.upsert)
        .onConflict((oc) => oc.column('email').doUpdateSet({ name: v.upsert.name }))
        .compile(),
    whereExists: () =>
      db
        .selectFrom('people')
        .select(['id', 'name'])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('appointments')
              .select('appointments.id')
              .whereRef('appointments.person_id', '=', 'people.id')
              .where('appointments.meeting_at', '>=', v.since),
          ),
        )
        .compile(),
    nested: () => nestedQuery().compile(),
  },
  prebuilt: () => {
    const built = filterOrderLimit()
    return () => built.compile()
  },
  sqlOf: (q) => q.sql,
}
