// joinery pull on the hard cases, all in one schema: an enum, a domain, arrays, a self-reference,
// two foreign keys to one table, a composite-key junction with payload columns, a view, a
// generated column, an identity column, quoted mixed-case names, reserved words, relation names
// that collide, and a table in another schema (pulled on its own, as with --schema other).
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createTablesSql } from '../src/ddl/create.js'
import type { Driver } from '../src/driver/driver.js'
import { pgliteDriver } from '../src/driver/pglite.js'
import { describeSummary, pullSchema } from '../src/reflect/pull.js'
import type { SchemaFile } from '../src/reflect/pull.js'
import { testDatabase, usingServer } from './support/database.js'
import type { TestDatabase } from './support/database.js'
import { currentSchema, pullFrom, runStatements, scratchDir, typeCheck } from './support/reflect.js'
import type { ScratchDir } from './support/reflect.js'

const q = (name: string) => `"${name.replace(/"/g, '""')}"`

const hardCases = (main: string, other: string) => `
create type mood as enum ('happy', 'sad', 'it''s complicated');
create domain email_address as varchar(254) check (value like '%@%');
create table "user" (
  id int generated always as identity primary key,
  email email_address not null unique,
  mood mood not null default 'happy',
  moods mood[] not null default '{}',
  tags text[] not null default '{}',
  "default" text default 'it''s',
  manager_id int references "user" (id) on delete set null,
  invites int not null default 0,
  created_at timestamptz not null default now(),
  profile jsonb not null default '{}',
  avatar bytea,
  search tsvector,
  alarm time(0),
  ratio double precision default 0.5,
  active boolean not null default true,
  big bigint default -1
);
comment on table "user" is 'People who sign in.';
comment on column "user".email is 'Where we write to them.';
create table messages (
  id bigserial primary key,
  sender_id int not null references "user" (id) on delete cascade,
  recipient_id int not null references "user" (id) on delete cascade on update cascade,
  body text not null,
  price numeric(10,2) not null default 0,
  quantity int not null default 1 check (quantity > 0),
  total numeric generated always as (price * quantity) stored
);
create table invites (id serial primary key, user_id int not null references "user" (id), code text not null);
create table "Projects" ("ProjectID" serial primary key, "Title" varchar(100) not null, "ownerId" int references "user" (id));
create table project_members (
  project_id int not null references "Projects" ("ProjectID"),
  user_id int not null references "user" (id),
  role text not null default 'member',
  joined_at timestamptz not null default now(),
  primary key (project_id, user_id)
);
create table team (id serial primary key, lead_id int references "user" (id));
create table lead (id serial primary key, team_id int references team (id));
create index on messages (lower(body));
create unique index on "Projects" ("Title", "ownerId");
create view message_senders as select m.id, u.email, m.body from messages m join "user" u on u.id = m.sender_id;
create schema ${q(other)};
create table ${q(other)}.notes (id serial primary key, body text not null, user_id int references ${q(main)}."user" (id));
create table ${q(other)}.note_links (id serial primary key, note_id int not null references ${q(other)}.notes (id), kind ${q(main)}.mood);

insert into "user" (email, mood, moods, tags) values ('ada@example.org', 'happy', '{sad,happy}', '{a,b}');
insert into "user" (email, mood, manager_id) values ('grace@example.org', 'it''s complicated', 1);
insert into messages (sender_id, recipient_id, body, price, quantity) values (2, 1, 'hello', 2.50, 3), (2, 1, 'again', 1, 1);
insert into "Projects" ("Title", "ownerId") values ('Engine', 1);
insert into project_members (project_id, user_id, role) values (1, 1, 'lead'), (1, 2, 'member');
`

let t: TestDatabase
let dir: ScratchDir
let other: string
let file: SchemaFile

beforeAll(async () => {
  t = await testDatabase()
  dir = scratchDir('hard')
  const main = await currentSchema(t)
  other = usingServer ? `${main}_other` : 'other'
  await t.exec(hardCases(main, other))
  file = await pullFrom(t, dir)
})
afterAll(async () => {
  dir?.remove()
  if (usingServer) await t?.exec(`drop schema if exists ${q(other)} cascade`)
  await t?.close()
})

const lines = () => file.source.split('\n')

test('the counts: 7 tables, 1 view, 9 foreign keys, 1 many-to-many', () => {
  expect(describeSummary(file.summary)).toBe('7 tables, 1 view, 9 foreign keys, 1 many-to-many')
})

test('enum, domain, arrays, identity, defaults, reserved word, custom type', () => {
  expect(lines()).toEqual(
    expect.arrayContaining([
      '    /** People who sign in. */',
      '    user: table({',
      '      /** Identity column (generated always): the database assigns it, an insert may not. */',
      '      id: c.serial().primaryKey(),',
      '      /**',
      '       * Where we write to them.',
      '       * Domain email_address in the database (its checks are not in the DSL).',
      '       */',
      '      email: c.varchar(254).unique(),',
      `      mood: enumOf(['happy', 'sad', "it's complicated"], { name: 'mood' }).default('happy'),`,
      `      moods: enumOf(['happy', 'sad', "it's complicated"], { name: 'mood' }).array().default(sql\`'{}'::mood[]\`),`,
      "      tags: c.text().array().default(sql`'{}'::text[]`),",
      `      'default': c.text().nullable().default("it's"),`,
      "      managerId: c.integer().nullable().references('user.id', { onDelete: 'set null' }),",
      '      invites: c.integer().default(0),',
      '      createdAt: c.timestamptz().default(sql`now()`),',
      "      profile: c.jsonb().default(sql`'{}'::jsonb`),",
      '      avatar: c.bytea().nullable(),',
      "      search: c.custom<string>('tsvector').nullable(),",
      '      /** In the database: time(0) without time zone. */',
      '      alarm: c.time().nullable(),',
      '      ratio: c.doublePrecision().nullable().default(0.5),',
      '      active: c.boolean().default(true),',
      '      big: c.bigint().nullable().default(-1n),',
    ]),
  )
})

test('two foreign keys to one table, a generated column, a check and an expression index as notes', () => {
  expect(lines()).toEqual(
    expect.arrayContaining([
      '    // relations: sender → user, recipient → user',
      '      id: c.bigserial().primaryKey(),',
      "      senderId: c.integer().references('user.id', { onDelete: 'cascade' }),",
      "      recipientId: c.integer().references('user.id', { onDelete: 'cascade', onUpdate: 'cascade' }),",
      "      price: c.numeric({ precision: 10, scale: 2 }).default('0'),",
      '      total: c.numeric().nullable().generatedAlwaysAs(sql`(price * (quantity)::numeric)`),',
      '     * Not in the DSL: Check constraint messages_quantity_check: CHECK ((quantity > 0))',
    ]),
  )
  expect(file.source).toMatch(/ \* Not in the DSL: Index messages_lower_idx: CREATE INDEX messages_lower_idx ON \S+ USING btree \(lower\(body\)\)\n/)
  const user = file.schema.meta.relations.get('user')!
  expect(user.get('messagesBySender')).toMatchObject({ target: 'messages', many: true, sourceColumn: 'id', targetColumn: 'senderId' })
  expect(user.get('messagesByRecipient')).toMatchObject({ target: 'messages', many: true, targetColumn: 'recipientId' })
  expect(user.get('manager')).toMatchObject({ target: 'user', many: false, nullable: true })
  expect(user.get('userByManager')).toMatchObject({ target: 'user', many: true })
})

test('quoted mixed-case names get .name(); the junction with payload gives a many-to-many', () => {
  expect(lines()).toEqual(
    expect.arrayContaining([
      '    projects: table({',
      "      projectId: c.serial().name('ProjectID').primaryKey(),",
      "      title: c.varchar(100).name('Title'),",
      "      ownerId: c.integer().name('ownerId').nullable().references('user.id'),",
      "      .name('Projects')",
      "      .unique('title', 'ownerId'),",
      '    projectMembers: table({',
      "      projectId: c.integer().references('projects.projectId'),",
      "      role: c.text().default('member'),",
      "    }).primaryKey('projectId', 'userId'),",
    ]),
  )
  expect(file.schema.meta.relations.get('projects')!.get('user')).toMatchObject({ target: 'user', many: true, through: { table: 'projectMembers' } })
  // user.projects is the backref of Projects.ownerId, so no many-to-many takes that name.
  const projects = file.schema.meta.relations.get('user')!.get('projects')!
  expect([projects.target, projects.many, projects.through]).toEqual(['projects', true, undefined])
})

test('colliding relation names get relations entries, and only those', () => {
  // invites: a column of user and the backref of invites.userId; lead: team's many-to-one and the backref of lead.teamId.
  const options = file.source.slice(file.source.indexOf('    relations: (r) => ({'))
  expect(options).toBe(
    [
      '    relations: (r) => ({',
      '      team: {',
      "        leadByTeam: r.many('lead', { foreignKey: 'teamId' }),",
      '      },',
      '      user: {',
      "        invitesByUser: r.many('invites', { foreignKey: 'userId' }),",
      '      },',
      '    }),',
      '  },',
      ')',
      '',
    ].join('\n'),
  )
})

test('a view is a read-only table of the file', () => {
  expect(lines()).toEqual(
    expect.arrayContaining([
      '    /** A view in the database: read-only. */',
      '    messageSenders: table({',
      '      id: c.bigint().nullable(),',
    ]),
  )
  // …marked .readOnly(): selects compile, writes do not.
  const view = lines().slice(lines().indexOf('    messageSenders: table({'))
  expect(view.find((line) => line.startsWith('    })'))).toBe('    }).readOnly(),')
})

const queries = (joinery: string) => `import hard from './schema.js'
import { createDb } from '${joinery}'
import type { Driver } from '${joinery.replace(/index\.js$/, 'driver/driver.js')}'

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type Mood = 'happy' | 'sad' | "it's complicated"

export async function run(driver: Driver) {
  const db = createDb(hard, { driver })
  const users = await db
    .selectFrom('user')
    .select(['email', 'mood', 'moods', 'tags', 'default', 'big'])
    .orderBy('id')
    .include('messagesBySender', (m) => m.select(['body', 'total']).orderBy('id'))
    .include('manager', (m) => m.select(['email']))
    .include('invitesByUser')
    .execute()
  type User = {
    email: string; mood: Mood; moods: Mood[]; tags: string[]; default: string | null; big: bigint | null
    messagesBySender: { body: string; total: string | null }[]; manager: { email: string } | null
    invitesByUser: { id: number; userId: number; code: string }[]
  }
  const usersTyped: Equal<typeof users, User[]> = true
  const projects = await db.selectFrom('projects').select(['title']).include('user', (u) => u.select(['email']).orderBy('id')).execute()
  const projectsTyped: Equal<typeof projects, { title: string; user: { email: string }[] }[]> = true
  const inserted = await db.insertInto('messages').values({ senderId: 1, recipientId: 2, body: 'typed', price: '4.00', quantity: 2 }).returning(['total']).execute()
  const senders = await db.selectFrom('messageSenders').select(['email', 'body']).orderBy('id').execute()
  return { users, projects, inserted, senders, typed: [usersTyped, projectsTyped] }
}

// Never run: generated columns are not insertable, and the file's names are checked.
export function misuses(driver: Driver) {
  const db = createDb(hard, { driver })
  // @ts-expect-error: total is generated
  db.insertInto('messages').values({ senderId: 1, recipientId: 2, body: 'x', total: '1' })
  // @ts-expect-error: not an enum value
  db.selectFrom('user').where('mood', '=', 'angry')
}
`

interface QueryModule {
  run(driver: Driver): Promise<Record<string, unknown>>
}

test('the file type-checks and typed queries over it run', async () => {
  dir.write('schema.ts', file.source)
  const path = dir.write('queries.ts', queries(dir.joinery))
  expect(await typeCheck(dir, ['schema.ts', 'queries.ts'])).toBe('')
  const { run } = (await import(path)) as QueryModule
  expect(await run(t.driver)).toEqual({
    users: [
      { email: 'ada@example.org', mood: 'happy', moods: ['sad', 'happy'], tags: ['a', 'b'], default: "it's", big: -1n, messagesBySender: [], manager: null, invitesByUser: [] },
      {
        email: 'grace@example.org',
        mood: "it's complicated",
        moods: [],
        tags: [],
        default: "it's",
        big: -1n,
        messagesBySender: [
          { body: 'hello', total: '7.50' },
          { body: 'again', total: '1.00' },
        ],
        manager: { email: 'ada@example.org' },
        invitesByUser: [],
      },
    ],
    projects: [{ title: 'Engine', user: [{ email: 'ada@example.org' }, { email: 'grace@example.org' }] }],
    inserted: [{ total: '8.00' }],
    senders: [
      { email: 'grace@example.org', body: 'hello' },
      { email: 'grace@example.org', body: 'again' },
      { email: 'ada@example.org', body: 'typed' },
    ],
    typed: [true, true],
  })
}, 120_000)

test('the table in another schema, pulled on its own: its foreign key out of the schema becomes a note', async () => {
  const notes = await pullFrom(t, dir, { schema: other })
  expect(describeSummary(notes.summary)).toBe('2 tables, 1 foreign key, 0 many-to-many')
  expect(notes.source.split('\n')).toEqual(
    expect.arrayContaining([
      "      noteId: c.integer().references('notes.id'),",
      `      kind: enumOf(['happy', 'sad', "it's complicated"], { name: 'mood' }).nullable(),`,
      '      userId: c.integer().nullable(),',
    ]),
  )
  expect(notes.source).toContain(`Not in the DSL: Foreign key notes_user_id_fkey (user_id) → ${await currentSchema(t)}.user: a table of another schema.`)
})

test('createTablesSql then pull is a fixed point after one round', async () => {
  const [second, third] = [await testDatabase(), await testDatabase()]
  try {
    await runStatements(second, createTablesSql(file.schema))
    const again = await pullFrom(second, dir)
    await runStatements(third, createTablesSql(again.schema))
    expect((await pullFrom(third, dir)).source).toBe(again.source)
    // What the DSL cannot keep is gone the first time: the view became a table, the notes and
    // the domain are gone; every column, key and relation is the same.
    expect(again.summary).toEqual({ ...file.summary, tables: file.summary.tables + 1, views: 0 })
    const shape = (f: SchemaFile) => [...f.schema.meta.relations].map(([key, rels]) => `${key}: ${[...rels.keys()].sort().join(' ')}`).sort()
    expect(shape(again)).toEqual(shape(file))
  } finally {
    await second.close()
    await third.close()
  }
}, 120_000)

// citext is an extension: on the server when it can be created in the test's schema, and on an
// embedded PGlite that loads it (the default PGlite has no extensions).
test('a citext column is a citext column', async (context) => {
  const citextTable = 'create table handles (id serial primary key, handle citext not null unique)'
  if (usingServer) {
    const created = await t.exec('create extension if not exists citext').then(
      () => true,
      () => false,
    )
    const [row] = await t.rows(`select to_regtype('citext') is not null as usable`)
    if (!created || row?.usable !== true) return context.skip('the citext extension cannot be created in the test schema')
    await t.exec(citextTable)
    const pulled = await pullFrom(t, dir)
    expect(pulled.source).toContain('      handle: c.citext().unique(),')
    return
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { citext } = await import('@electric-sql/pglite/contrib/citext')
  const pglite = await PGlite.create({ extensions: { citext } })
  try {
    await pglite.exec(`create extension citext; ${citextTable}`)
    const pulled = await pullSchema(pgliteDriver(pglite), { importFrom: dir.joinery })
    // Every name is its own key here: no casing option, and one level less of indentation.
    expect(pulled.source).toContain('\nexport default schema({\n  handles: table({\n    id: c.serial().primaryKey(),\n    handle: c.citext().unique(),\n')
    expect(createTablesSql(pulled.schema)[0]).toContain('"handle" citext not null unique')
  } finally {
    await pglite.close()
  }
})
