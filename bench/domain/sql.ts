// The benchmark database: the clinic of API.md §1 plus rooms and comments, and how to seed it.
// Every peer's schema in bench/domain/ describes exactly these tables.

export const counts = { people: 10_000, appointments: 100_000, attendances: 200_000, rooms: 50, comments: 50_000 }

export const ddl = `
drop table if exists comments, attendances, appointments, rooms, people cascade;
create table people (
  id serial primary key,
  name text not null,
  email text unique,
  created_at timestamptz not null default now()
);
create table appointments (
  id serial primary key,
  person_id integer not null references people(id),
  meeting_at timestamptz not null,
  notes text
);
create table attendances (
  person_id integer not null references people(id) on delete cascade,
  appointment_id integer not null references appointments(id) on delete cascade,
  primary key (person_id, appointment_id)
);
create table rooms (
  id serial primary key,
  name text not null unique,
  floor integer not null,
  capacity integer not null
);
create table comments (
  id serial primary key,
  appointment_id integer not null references appointments(id) on delete cascade,
  author_id integer not null references people(id),
  body text not null,
  created_at timestamptz not null default now()
);
create index appointments_person_meeting on appointments (person_id, meeting_at desc);
create index attendances_appointment on attendances (appointment_id);
create index comments_appointment on comments (appointment_id);
`

// Deterministic pseudo-random data, all generated in the server: a few seconds in total.
// Each appointment has two distinct attendees ((a*7) and (a*7 + 3331) modulo 10,000).
export const seed = `
insert into people (name, email, created_at)
  select 'Person ' || i, case when i % 10 = 0 then null else 'person' || i || '@example.com' end,
         timestamptz '2020-01-01 00:00:00+00' + i * interval '1 hour'
  from generate_series(1, ${counts.people}) i;
insert into appointments (person_id, meeting_at, notes)
  select 1 + (i % ${counts.people}),
         timestamptz '2013-01-01 00:00:00+00' + ((i * 7919) % ${counts.appointments}) * interval '37 minutes',
         case when i % 3 = 0 then null else 'Note ' || i end
  from generate_series(1, ${counts.appointments}) i;
insert into attendances (appointment_id, person_id)
  select a, 1 + ((a * 7 + k * 3331) % ${counts.people})
  from generate_series(1, ${counts.appointments}) a, generate_series(0, 1) k;
insert into rooms (name, floor, capacity)
  select 'Room ' || i, i % 5, 4 + i % 12 from generate_series(1, ${counts.rooms}) i;
insert into comments (appointment_id, author_id, body, created_at)
  select 1 + (i * 13) % ${counts.appointments}, 1 + (i * 17) % ${counts.people}, 'Comment ' || i,
         timestamptz '2013-01-01 00:00:00+00' + i * interval '11 minutes'
  from generate_series(1, ${counts.comments}) i;
analyze;
`
