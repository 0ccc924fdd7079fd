// Hand-written SQL for the nested load: 100 people → 5 latest appointments → attendees.

/** The floor: one statement, json_agg over row subqueries, keys named in the row subqueries. */
export const nestedOneStatement = `select p.id, p.name, coalesce((
    select json_agg(a order by a."meetingAt" desc) from (
      select ap.id, ap.meeting_at as "meetingAt", ap.notes, coalesce((
          select json_agg(x order by x.id) from (
            select pp.id, pp.name from attendances at join people pp on pp.id = at.person_id
            where at.appointment_id = ap.id
          ) x
        ), '[]'::json) as attendees
      from appointments ap where ap.person_id = p.id order by ap.meeting_at desc limit $2
    ) a
  ), '[]'::json) as appointments
from (select id, name from people order by id limit $1) p
order by p.id`

/** N+1, the shape a lazy-loading ORM produces: one statement per person and per appointment. */
export const nPlusOne = {
  people: 'select id, name from people order by id limit $1',
  appointments: 'select id, meeting_at, notes from appointments where person_id = $1 order by meeting_at desc limit $2',
  attendees:
    'select pp.id, pp.name from attendances at join people pp on pp.id = at.person_id where at.appointment_id = $1 order by pp.id',
}

/** Batched (dataloader style): one statement per level, stitched in JavaScript. */
export const batched = {
  people: 'select id, name from people order by id limit $1',
  appointments: `select id, person_id, meeting_at, notes from (
      select ap.*, row_number() over (partition by ap.person_id order by ap.meeting_at desc) as n
      from appointments ap where ap.person_id = any($1::int[])
    ) t where n <= $2 order by person_id, meeting_at desc`,
  attendees: `select at.appointment_id, pp.id, pp.name from attendances at join people pp on pp.id = at.person_id
    where at.appointment_id = any($1::int[]) order by at.appointment_id, pp.id`,
}

export const pointSelectSql = 'select id, name, email, created_at from people where id = $1'
