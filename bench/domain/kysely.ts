// The clinic as a Kysely database interface (snake_case keys, as Kysely is used without plugins).
import type { Generated } from 'kysely'

export interface KyselyClinic {
  people: { id: Generated<number>; name: string; email: string | null; created_at: Generated<Date> }
  appointments: { id: Generated<number>; person_id: number; meeting_at: Date; notes: string | null }
  attendances: { person_id: number; appointment_id: number }
  rooms: { id: Generated<number>; name: string; floor: number; capacity: number }
  comments: { id: Generated<number>; appointment_id: number; author_id: number; body: string; created_at: Generated<Date> }
}
