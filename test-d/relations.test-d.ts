// Relation names at type level: inferred from foreign keys by the naming rules of API.md §1,
// added or renamed with `relations`, and the name collisions schema() rejects.
import { expectError, expectType } from 'tsd'
import { column as c, createDb, schema, table } from '../src/index.js'
import type { Driver, Schema, SelectQueryBuilder } from '../src/index.js'
import { clinicTables, clinicWithMeetings } from '../test/support/api-clinic.js'

/** The relation names of table T: what `include` (and the other relation methods) accept. */
type RelationNames<S extends Schema, T extends keyof S['~tables'] & string> = Parameters<SelectQueryBuilder<S, T, {}>['include']>[0]

declare const driver: Driver

// ---------------------------------------------------------------------------------------------
// The clinic of API.md §1: many-to-one, its backref, and a junction
// ---------------------------------------------------------------------------------------------

const clinic = schema(clinicTables, { casing: 'snake_case' })

// appointments.person (personId without `Id`); people.appointments is its backref. The
// many-to-many people → appointments through attendances is NOT inferred: that name is taken by
// the backref (people.attendances.appointment always works). appointments.people is free: inferred.
expectType<'appointments' | 'attendances'>({} as RelationNames<typeof clinic, 'people'>)
expectType<'person' | 'attendances' | 'people'>({} as RelationNames<typeof clinic, 'appointments'>)
expectType<'person' | 'appointment'>({} as RelationNames<typeof clinic, 'attendances'>)

type Person = { id: number; name: string; email: string | null; createdAt: Date }
type Appointment = { id: number; personId: number; meetingAt: Date; notes: string | null }
type Attendance = { personId: number; appointmentId: number }

const clinicDb = createDb(clinic, { driver })
expectType<{ id: number; person: Person }>(await clinicDb.selectFrom('appointments').select(['id']).include('person').firstOrThrow())
expectType<{ id: number; appointments: Appointment[]; attendances: Attendance[] }>(
  await clinicDb.selectFrom('people').select(['id']).include('appointments').include('attendances').firstOrThrow(),
)
expectType<{ id: number; people: Person[] }>(await clinicDb.selectFrom('appointments').select(['id']).include('people').firstOrThrow())
expectType<{ person: Person; appointment: Appointment }>(
  await clinicDb.selectFrom('attendances').select([]).include('person').include('appointment').firstOrThrow(),
)

// ---------------------------------------------------------------------------------------------
// Chinook: `_id`/`Id` suffixes, nullable FKs, a self-reference, a junction
// ---------------------------------------------------------------------------------------------

const chinook = schema(
  {
    artist: table({ artistId: c.serial().primaryKey(), name: c.text().nullable() }),
    album: table({ albumId: c.serial().primaryKey(), title: c.text(), artistId: c.integer().references('artist.artistId') }),
    genre: table({ genreId: c.serial().primaryKey(), name: c.text().nullable() }),
    mediaType: table({ mediaTypeId: c.serial().primaryKey(), name: c.text().nullable() }),
    track: table({
      trackId: c.serial().primaryKey(),
      name: c.text(),
      albumId: c.integer().nullable().references('album.albumId'),
      mediaTypeId: c.integer().references('mediaType.mediaTypeId'),
      genreId: c.integer().nullable().references('genre.genreId'),
    }),
    playlist: table({ playlistId: c.serial().primaryKey(), name: c.text().nullable() }),
    playlistTrack: table({
      playlistId: c.integer().references('playlist.playlistId'),
      trackId: c.integer().references('track.trackId'),
    }).primaryKey('playlistId', 'trackId'),
    employee: table({
      employeeId: c.serial().primaryKey(),
      lastName: c.text(),
      reportsTo: c.integer().nullable().references('employee.employeeId'),
    }),
    customer: table({
      customerId: c.serial().primaryKey(),
      supportRepId: c.integer().nullable().references('employee.employeeId'),
    }),
  },
  { casing: 'snake_case' },
)

expectType<'album'>({} as RelationNames<typeof chinook, 'artist'>)
expectType<'artist' | 'track'>({} as RelationNames<typeof chinook, 'album'>)
expectType<'album' | 'genre' | 'mediaType' | 'playlist' | 'playlistTrack'>({} as RelationNames<typeof chinook, 'track'>)
expectType<'track'>({} as RelationNames<typeof chinook, 'genre'>)
expectType<'track'>({} as RelationNames<typeof chinook, 'mediaType'>)
// playlist ↔ track through the junction playlistTrack (PK = exactly its two FK columns)
expectType<'track' | 'playlistTrack'>({} as RelationNames<typeof chinook, 'playlist'>)
expectType<'playlist' | 'track'>({} as RelationNames<typeof chinook, 'playlistTrack'>)
// reportsTo has no Id suffix: the target's key is appended. The self-reference's backref is a
// `By` name; customer.supportRepId gives supportRep, and its backref employee.customer.
expectType<'reportsToEmployee' | 'employeeByReportsToEmployee' | 'customer'>({} as RelationNames<typeof chinook, 'employee'>)
expectType<'supportRep'>({} as RelationNames<typeof chinook, 'customer'>)

const chinookDb = createDb(chinook, { driver })
type Employee = { employeeId: number; lastName: string; reportsTo: number | null }
expectType<{ lastName: string; reportsToEmployee: Employee | null; employeeByReportsToEmployee: Employee[] }>(
  await chinookDb
    .selectFrom('employee')
    .select(['lastName'])
    .include('reportsToEmployee')
    .include('employeeByReportsToEmployee')
    .firstOrThrow(),
)
expectType<{ name: string | null; track: { name: string }[] }>(
  await chinookDb.selectFrom('playlist').select(['name']).include('track', (t) => t.select(['name'])).firstOrThrow(),
)
expectType<{ supportRep: { lastName: string } | null }>(
  await chinookDb.selectFrom('customer').select([]).include('supportRep', (e) => e.select(['lastName'])).firstOrThrow(),
)

// ---------------------------------------------------------------------------------------------
// Several FKs to one table, one-to-one, and the many-to-many that are not inferred
// ---------------------------------------------------------------------------------------------

const socialTables = {
  users: table({
    id: c.serial().primaryKey(),
    name: c.text(),
    managerId: c.integer().nullable().references('users.id'),
  }),
  // two FKs to users: sender / recipient, backrefs users.messagesBySender / messagesByRecipient
  messages: table({
    id: c.serial().primaryKey(),
    senderId: c.integer().references('users.id'),
    recipientId: c.integer().nullable().references('users.id'),
    body: c.text(),
  }),
  // one-to-one: a unique FK, and an FK that is the whole primary key (`_id` suffix)
  profiles: table({ id: c.serial().primaryKey(), userId: c.integer().unique().references('users.id'), bio: c.text() }),
  passports: table({ user_id: c.integer().primaryKey().references('users.id'), number: c.text() }),
  // a self-junction: ambiguous, no users ↔ users many-to-many
  follows: table({
    followerId: c.integer().references('users.id'),
    followeeId: c.integer().references('users.id'),
  }).primaryKey('followerId', 'followeeId'),
  // ownerId: `owner` is a column, so the target is appended; `ID` is not a suffix (case-sensitive)
  groups: table({
    id: c.serial().primaryKey(),
    ownerId: c.integer().references('users.id'),
    owner: c.text(),
    userID: c.integer().references('users.id'),
  }),
  // two junctions between groups and users: ambiguous, no groups ↔ users many-to-many
  memberships: table({ groupId: c.integer().references('groups.id'), userId: c.integer().references('users.id') }).primaryKey('groupId', 'userId'),
  invitations: table({ groupId: c.integer().references('groups.id'), userId: c.integer().references('users.id') }).primaryKey('groupId', 'userId'),
  // a primary key of its own: not a junction, no tags ↔ users many-to-many
  tags: table({ id: c.serial().primaryKey(), label: c.text() }),
  taggings: table({ id: c.serial().primaryKey(), tagId: c.integer().references('tags.id'), userId: c.integer().references('users.id') }),
  // a bare `id` FK: the column key and the target are joined
  badges: table({ id: c.integer().primaryKey().references('users.id'), label: c.text() }),
}
const social = schema(socialTables)

expectType<
  | 'manager'
  | 'usersByManager'
  | 'messagesBySender'
  | 'messagesByRecipient'
  | 'profiles'
  | 'passports'
  | 'followsByFollower'
  | 'followsByFollowee'
  | 'groupsByOwnerIdUsers'
  | 'groupsByUserIDUsers'
  | 'memberships'
  | 'invitations'
  | 'taggings'
  | 'badges'
>({} as RelationNames<typeof social, 'users'>)
expectType<'sender' | 'recipient'>({} as RelationNames<typeof social, 'messages'>)
expectType<'user'>({} as RelationNames<typeof social, 'profiles'>)
expectType<'user'>({} as RelationNames<typeof social, 'passports'>)
expectType<'follower' | 'followee'>({} as RelationNames<typeof social, 'follows'>)
expectType<'ownerIdUsers' | 'userIDUsers' | 'memberships' | 'invitations'>({} as RelationNames<typeof social, 'groups'>)
expectType<'group' | 'user'>({} as RelationNames<typeof social, 'memberships'>)
expectType<'taggings'>({} as RelationNames<typeof social, 'tags'>)
expectType<'idUsers'>({} as RelationNames<typeof social, 'badges'>)

const socialDb = createDb(social, { driver })
type User = { id: number; name: string; managerId: number | null }
// one-to-one: the reverse side is one object or null, the forward side follows the FK's nullability
expectType<{
  name: string
  profiles: { id: number; userId: number; bio: string } | null
  passports: { user_id: number; number: string } | null
  badges: { id: number; label: string } | null
}>(await socialDb.selectFrom('users').select(['name']).include('profiles').include('passports').include('badges').firstOrThrow())
expectType<{ bio: string; user: User }>(await socialDb.selectFrom('profiles').select(['bio']).include('user').firstOrThrow())
expectType<{ number: string; user: User }>(await socialDb.selectFrom('passports').select(['number']).include('user').firstOrThrow())
expectType<{ label: string; idUsers: User }>(await socialDb.selectFrom('badges').select(['label']).include('idUsers').firstOrThrow())
// several FKs to one table: each many-to-one follows its own column's nullability
expectType<{ body: string; sender: User; recipient: User | null }>(
  await socialDb.selectFrom('messages').select(['body']).include('sender').include('recipient').firstOrThrow(),
)
expectType<{ manager: User | null; usersByManager: User[]; messagesBySender: { body: string }[] }>(
  await socialDb
    .selectFrom('users')
    .select([])
    .include('manager')
    .include('usersByManager')
    .include('messagesBySender', (m) => m.select(['body']))
    .firstOrThrow(),
)

// what is not inferred cannot be used
expectError(socialDb.selectFrom('users').include('users'))
expectError(socialDb.selectFrom('users').include('groups'))
expectError(socialDb.selectFrom('users').include('tags'))
expectError(socialDb.selectFrom('users').include('messages'))
expectError(socialDb.selectFrom('groups').include('users'))
expectError(socialDb.selectFrom('groups').include('owner'))
expectError(clinicDb.selectFrom('people').include('meetings'))

// ---------------------------------------------------------------------------------------------
// `relations`: add and rename, one line each
// ---------------------------------------------------------------------------------------------

// The seed's canonical example: the backref people.appointments AND a many-to-many between the
// same tables. `attendees` has the same junction column as the inferred appointments.people, so
// it replaces it (a rename). That is test/support/api-clinic.ts's clinicWithMeetings.
expectType<'appointments' | 'attendances' | 'meetings'>({} as RelationNames<typeof clinicWithMeetings, 'people'>)
expectType<'person' | 'attendances' | 'attendees'>({} as RelationNames<typeof clinicWithMeetings, 'appointments'>)

const meetingsDb = createDb(clinicWithMeetings, { driver })
expectType<{ name: string; meetings: Appointment[]; appointments: { id: number }[] }>(
  await meetingsDb.selectFrom('people').select(['name']).include('meetings').include('appointments', (a) => a.select(['id'])).firstOrThrow(),
)
expectType<{ notes: string | null; attendees: { name: string }[] }>(
  await meetingsDb.selectFrom('appointments').select(['notes']).include('attendees', (p) => p.select(['name'])).firstOrThrow(),
)
expectError(meetingsDb.selectFrom('appointments').include('people'))

// Renaming through `foreignKey`: the explicit relation replaces the inferred one over that FK.
const renamed = schema(socialTables, {
  relations: (r) => ({
    users: {
      sent: r.many('messages', { foreignKey: 'senderId' }),
      profile: r.one('profiles'),
      reports: r.many('users', { foreignKey: 'managerId' }),
      // the ambiguous many-to-manys, declared
      followers: r.many('users', { through: 'follows', foreignKey: 'followeeId' }),
      following: r.many('users', { through: 'follows', foreignKey: 'followerId' }),
      groups: r.many('groups', { through: 'memberships' }),
    },
    messages: { author: r.one('users', { foreignKey: 'senderId' }) },
    groups: { members: r.many('users', { through: 'memberships' }) },
  }),
})
expectType<
  | 'manager'
  | 'reports'
  | 'sent'
  | 'messagesByRecipient'
  | 'profile'
  | 'passports'
  | 'followsByFollower'
  | 'followsByFollowee'
  | 'followers'
  | 'following'
  | 'groups'
  | 'groupsByOwnerIdUsers'
  | 'groupsByUserIDUsers'
  | 'memberships'
  | 'invitations'
  | 'taggings'
  | 'badges'
>({} as RelationNames<typeof renamed, 'users'>)
expectType<'author' | 'recipient'>({} as RelationNames<typeof renamed, 'messages'>)
expectType<'ownerIdUsers' | 'userIDUsers' | 'memberships' | 'invitations' | 'members'>({} as RelationNames<typeof renamed, 'groups'>)

const renamedDb = createDb(renamed, { driver })
expectType<{
  name: string
  profile: { bio: string } | null
  sent: { body: string }[]
  reports: { name: string }[]
  followers: { name: string }[]
  groups: { owner: string }[]
}>(
  await renamedDb
    .selectFrom('users')
    .select(['name'])
    .include('profile', (p) => p.select(['bio']))
    .include('sent', (m) => m.select(['body']))
    .include('reports', (u) => u.select(['name']))
    .include('followers', (u) => u.select(['name']))
    .include('groups', (g) => g.select(['owner']))
    .firstOrThrow(),
)
expectType<{ body: string; author: User }>(await renamedDb.selectFrom('messages').select(['body']).include('author').firstOrThrow())
expectError(renamedDb.selectFrom('messages').include('sender'))
expectError(renamedDb.selectFrom('users').include('messagesBySender'))
expectError(renamedDb.selectFrom('users').include('profiles'))
expectError(renamedDb.selectFrom('users').include('usersByManager'))

// r.one / r.many name tables of the schema
expectError(schema(socialTables, { relations: (r) => ({ users: { x: r.many('nope') } }) }))
expectError(schema(socialTables, { relations: (r) => ({ users: { x: r.one('nope') } }) }))
expectError(schema(socialTables, { relations: (r) => ({ users: { x: r.many('groups', { through: 'nope' }) } }) }))
expectError(schema(socialTables, { relations: (r) => ({ nope: { x: r.many('users') } }) }))
expectError(schema(socialTables, { relations: () => ({ users: { x: 'messages' } }) }))
expectError(schema(socialTables, { relations: { users: {} } }))
// … and foreign keys that join the two tables (each a JoineryError at schema() at run time)
expectError(schema(socialTables, { relations: (r) => ({ users: { x: r.many('messages', { foreignKey: 'body' }) } }) }))
expectError(schema(socialTables, { relations: (r) => ({ users: { x: r.many('messages', { foreignKey: 'nope' }) } }) }))
expectError(schema(socialTables, { relations: (r) => ({ messages: { x: r.one('users', { foreignKey: 'body' }) } }) }))
expectError(schema(socialTables, { relations: (r) => ({ users: { x: r.one('tags') } }) }))
expectError(schema(socialTables, { relations: (r) => ({ users: { x: r.many('tags') } }) }))
expectError(schema(socialTables, { relations: (r) => ({ users: { x: r.many('groups', { through: 'messages' }) } }) }))
// several foreign keys could join: say which
expectError(schema(socialTables, { relations: (r) => ({ users: { x: r.many('messages') } }) }))
expectError(schema(socialTables, { relations: (r) => ({ messages: { x: r.one('users') } }) }))
// the same relations, joined: accepted
schema(socialTables, {
  relations: (r) => ({
    users: { sent: r.many('messages', { foreignKey: 'senderId' }), boss: r.one('users', { foreignKey: 'managerId' }) },
    messages: { from: r.one('users', { foreignKey: 'senderId' }) },
  }),
})

// ---------------------------------------------------------------------------------------------
// Name collisions: a compile-time error at schema(), resolved by naming the relations
// ---------------------------------------------------------------------------------------------

// users.postId gives users.post; post.userId's backref on users is also `post`.
expectError(
  schema({
    users: table({ id: c.serial().primaryKey(), postId: c.integer().nullable().references('post.id') }),
    post: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id') }),
  }),
)
expectError(
  schema(
    {
      users: table({ id: c.serial().primaryKey(), postId: c.integer().nullable().references('post.id') }),
      post: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id') }),
    },
    { casing: 'snake_case' },
  ),
)
// a backref landing on a column's key
expectError(
  schema({
    people: table({ id: c.serial().primaryKey(), appointments: c.integer() }),
    appointments: table({ id: c.serial().primaryKey(), personId: c.integer().references('people.id') }),
  }),
)

// Resolved by naming one side in `relations`: the other keeps its inferred name.
const blogTables = {
  users: table({ id: c.serial().primaryKey(), postId: c.integer().nullable().references('post.id') }),
  post: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id') }),
}
const blog = schema(blogTables, {
  relations: (r) => ({ users: { posts: r.many('post', { foreignKey: 'userId' }) } }),
})
expectType<'post' | 'posts'>({} as RelationNames<typeof blog, 'users'>)
expectType<'user' | 'users'>({} as RelationNames<typeof blog, 'post'>)
const blogDb = createDb(blog, { driver })
expectType<{ id: number; post: { id: number; userId: number } | null; posts: { id: number; userId: number }[] }>(
  await blogDb.selectFrom('users').select(['id']).include('post').include('posts').firstOrThrow(),
)
const pinned = schema(blogTables, {
  relations: (r) => ({ users: { pinnedPost: r.one('post', { foreignKey: 'postId' }) } }),
})
expectType<'pinnedPost' | 'post'>({} as RelationNames<typeof pinned, 'users'>)
expectType<{ id: number; pinnedPost: { id: number; userId: number } | null; post: { id: number; userId: number }[] }>(
  await createDb(pinned, { driver }).selectFrom('users').select(['id']).include('pinnedPost').include('post').firstOrThrow(),
)

const columnClash = schema(
  {
    people: table({ id: c.serial().primaryKey(), appointments: c.integer() }),
    appointments: table({ id: c.serial().primaryKey(), personId: c.integer().references('people.id') }),
  },
  { relations: (r) => ({ people: { bookings: r.many('appointments') } }) },
)
expectType<'bookings'>({} as RelationNames<typeof columnClash, 'people'>)

// two many-to-ones under one name (ownerId and owner_id both give docs.owner), and two backrefs
// under one name (messages.senderId and the table messagesBySender both give users.messagesBySender)
expectError(
  schema({
    users: table({ id: c.serial().primaryKey() }),
    admins: table({ id: c.serial().primaryKey() }),
    docs: table({ id: c.serial().primaryKey(), ownerId: c.integer().references('users.id'), owner_id: c.integer().references('admins.id') }),
  }),
)
expectError(
  schema({
    users: table({ id: c.serial().primaryKey() }),
    messages: table({ id: c.serial().primaryKey(), senderId: c.integer().references('users.id'), recipientId: c.integer().references('users.id') }),
    messagesBySender: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id') }),
  }),
)

// Two FKs of one table to one target with one many-to-one name: renaming the many-to-ones leaves
// their two backrefs on the target under one name (users.docsByOwner).
expectError(
  schema(
    {
      users: table({ id: c.serial().primaryKey() }),
      docs: table({ id: c.serial().primaryKey(), ownerId: c.integer().references('users.id'), owner_id: c.integer().references('users.id') }),
    },
    { relations: (r) => ({ docs: { a: r.one('users', { foreignKey: 'ownerId' }), b: r.one('users', { foreignKey: 'owner_id' }) } }) },
  ),
)

// Naming one side of a two-many-to-one or two-backref collision resolves it, as at run time.
schema(
  {
    users: table({ id: c.serial().primaryKey() }),
    admins: table({ id: c.serial().primaryKey() }),
    docs: table({ id: c.serial().primaryKey(), ownerId: c.integer().references('users.id'), owner_id: c.integer().references('admins.id') }),
  },
  { relations: (r) => ({ docs: { user: r.one('users', { foreignKey: 'ownerId' }) } }) },
)
schema(
  {
    users: table({ id: c.serial().primaryKey() }),
    messages: table({ id: c.serial().primaryKey(), senderId: c.integer().references('users.id'), recipientId: c.integer().references('users.id') }),
    messagesBySender: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id') }),
  },
  { relations: (r) => ({ users: { sent: r.many('messages', { foreignKey: 'senderId' }) } }) },
)
