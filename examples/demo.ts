// `npm run demo`: the clinic example on embedded PGlite. Nothing to install or start.
// Creates the tables, inserts people, appointments and attendances, then prints typed results.
// Run `npm run demo -- --sql` to see every statement joinery sends.
import { PGlite } from '@electric-sql/pglite'
import { createDb, NoResultError, sql } from '../src/index.js'
import type { Database } from '../src/index.js'
import { pgliteDriver } from '../src/driver/pglite.js'
import { clinic } from './clinic.js'
import { formatDate, printRows } from './print.js'

type Clinic = Database<typeof clinic>

const showSql = process.argv.includes('--sql')

const db: Clinic = createDb(clinic, {
  driver: pgliteDriver(new PGlite()),
  log: (event) => {
    if (showSql) console.log(`  -- ${event.sql.replace(/\s+/g, ' ')}  ${JSON.stringify(event.parameters)}`)
  },
})

async function seed(db: Clinic): Promise<void> {
  await db.createTables() // the statements of createTablesSql(clinic), in one transaction

  const people = await db
    .insertInto('people')
    .values([
      { name: 'Reuven', email: 'reuven@example.com' },
      { name: 'Shira' },
      { name: 'Dana', email: 'dana@example.com' },
      { name: 'Yossi' },
    ])
    .returning(['id', 'name'])
    .execute()
  const id = (name: string) => people.find((person) => person.name === name)!.id

  const appointments = await db
    .insertInto('appointments')
    .values([
      { personId: id('Reuven'), meetingAt: new Date('2012-11-15T09:00:00Z'), notes: 'Kickoff' },
      { personId: id('Reuven'), meetingAt: new Date('2013-01-01T10:00:00Z'), notes: 'New Year meeting' },
      { personId: id('Reuven'), meetingAt: new Date('2013-02-01T10:00:00Z'), notes: 'Monthly update' },
      { personId: id('Shira'), meetingAt: new Date('2013-01-15T14:30:00Z') },
      { personId: id('Shira'), meetingAt: new Date('2013-03-10T08:00:00Z'), notes: 'Follow-up' },
      { personId: id('Dana'), meetingAt: new Date('2012-12-20T16:00:00Z'), notes: 'Planning' },
    ])
    .returning(['id', 'notes'])
    .execute()
  const meeting = (notes: string) => appointments.find((a) => a.notes === notes)!.id

  // Who attends what: the many-to-many behind people.meetings and appointments.attendees.
  await db
    .insertInto('attendances')
    .values([
      { personId: id('Reuven'), appointmentId: meeting('New Year meeting') },
      { personId: id('Shira'), appointmentId: meeting('New Year meeting') },
      { personId: id('Dana'), appointmentId: meeting('New Year meeting') },
      { personId: id('Reuven'), appointmentId: meeting('Monthly update') },
      { personId: id('Yossi'), appointmentId: meeting('Planning') },
    ])
    .execute()
}

interface Section {
  title: string
  run(db: Clinic): Promise<void>
}

// One entry per thing to show; a new capability (nested results, joins, writes) adds a section.
const sections: Section[] = [
  {
    title: 'Everyone, by name',
    async run(db) {
      // { id: number; name: string; email: string | null }[]
      const people = await db.selectFrom('people').select(['id', 'name', 'email']).orderBy('name').execute()
      printRows(people)
    },
  },
  {
    title: "Reuven's meetings from 2013 on",
    async run(db) {
      const reuven = await db.selectFrom('people').select(['id']).where('name', '=', 'Reuven').firstOrThrow()
      // { meetingAt: Date; notes: string | null }[]
      const meetings = await db
        .selectFrom('appointments')
        .select(['meetingAt', 'notes'])
        .where('personId', '=', reuven.id)
        .where('meetingAt', '>=', new Date('2013-01-01'))
        .orderBy('meetingAt')
        .execute()
      printRows(meetings)
    },
  },
  {
    title: 'People without an email',
    async run(db) {
      const people = await db.selectFrom('people').select(['name']).where('email', 'is', null).orderBy('name').execute()
      printRows(people)
    },
  },
  {
    title: 'Appointments about an update, or without notes',
    async run(db) {
      const appointments = await db
        .selectFrom('appointments')
        .select(['id', 'meetingAt', 'notes'])
        .where((eb) => eb.or([eb('notes', 'ilike', '%update%'), eb('notes', 'is', null)]))
        .orderBy('id')
        .execute()
      printRows(appointments)
    },
  },
  {
    title: 'The three latest appointments',
    async run(db) {
      const latest = await db.selectFrom('appointments').select(['meetingAt', 'notes']).orderBy('meetingAt', 'desc').limit(3).execute()
      printRows(latest)
    },
  },
  {
    title: 'Appointments per person (raw SQL, typed result)',
    async run(db) {
      const counts = await db.execute(sql<{ name: string; appointments: number }>`
        select p.name, count(a.id)::int as appointments
        from people p left join appointments a on a.person_id = p.id
        group by p.name order by appointments desc, p.name`)
      printRows(counts)
    },
  },
  {
    title: 'Everyone with their appointments and who attends them (one statement)',
    async run(db) {
      // { name: string; appointments: { meetingAt: Date; notes: string | null; attendees: { name: string }[] }[] }[]
      const people = await db
        .selectFrom('people')
        .select(['name'])
        .include('appointments', (a) =>
          a
            .select(['meetingAt', 'notes'])
            .orderBy('meetingAt')
            .include('attendees', (p) => p.select(['name']).orderBy('name')),
        )
        .orderBy('name')
        .execute()
      for (const person of people) {
        console.log(`  ${person.name}`)
        if (person.appointments.length === 0) console.log('    (no appointments)')
        for (const appointment of person.appointments) {
          const who = appointment.attendees.map((attendee) => attendee.name).join(', ') || 'nobody yet'
          console.log(`    ${formatDate(appointment.meetingAt)}  ${appointment.notes ?? '-'}  (attended by ${who})`)
        }
      }
    },
  },
  {
    title: 'Meetings each person attends, and appointments they booked',
    async run(db) {
      // { name: string; meetings: { notes: string | null }[]; appointmentsCount: number }[]
      const people = await db
        .selectFrom('people')
        .select(['name'])
        .include('meetings', (m) => m.select(['notes']).orderBy('meetingAt'))
        .includeCount('appointments')
        .orderBy('name')
        .execute()
      printRows(people.map(({ name, meetings, appointmentsCount }) => ({ name, booked: appointmentsCount, attends: meetings.map((m) => m.notes).join(', ') })))
    },
  },
  {
    title: 'Shira gets an email address, in a transaction',
    async run(db) {
      const updated = await db.transaction(async (tx) =>
        tx.updateTable('people').set({ email: 'shira@example.com' }).where('name', '=', 'Shira').returning(['id', 'name', 'email']).execute(),
      )
      printRows(updated)
    },
  },
  {
    title: 'The SQL behind a query',
    async run(db) {
      const query = db.selectFrom('people').select(['name', 'createdAt']).where('name', 'like', 'S%').orderBy('name').limit(5)
      const { sql: text, parameters } = query.compile()
      console.log(`  ${text}`)
      console.log(`  parameters: ${JSON.stringify(parameters)}`)
    },
  },
  {
    title: 'Nobody is called Zed',
    async run(db) {
      const zed = await db.selectFrom('people').where('name', '=', 'Zed').first()
      console.log(`  first():        ${String(zed)}`)
      try {
        await db.selectFrom('people').where('name', '=', 'Zed').firstOrThrow()
      } catch (error) {
        if (!(error instanceof NoResultError)) throw error
        console.log(`  firstOrThrow(): ${error.name}`)
      }
    },
  },
]

try {
  console.log('joinery demo: the clinic example on embedded PGlite\n')
  await seed(db)
  for (const section of sections) {
    console.log(section.title)
    await section.run(db)
    console.log()
  }
} finally {
  await db.destroy()
}
