// Relations inferred from foreign keys (API.md §1, naming rules 1–4), at run time
// (`schema.meta.relations`) AND at type level (`RelationsOf`): every `expectRelations` call checks
// the run-time names and kinds with vitest, and does not compile when the types disagree, so
// `npx tsc --noEmit -p .` (part of `npm test`) fails on any disagreement.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { column as c, JoineryError, schema, table } from '../src/index.js'
import type { RelationsOf } from '../types/select.js'
import { clinicTables, clinicWithMeetings as clinicM2m } from './support/api-clinic.js'
import { chinook } from './support/chinook.js'
import type { Chinook } from './support/chinook.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'
import type { Equal } from './support/equal.js'
import { expectRelations } from './support/relations.js'
import type { RelationSummary } from './support/relations.js'

/** API.md §1 exactly: no `relations` option. */
const clinic = schema(clinicTables, { casing: 'snake_case' })

// clinicM2m (support/api-clinic.ts): API.md §1 with the two lines that add the many-to-many
// between people and appointments.

describe('the clinic of API.md §1', () => {
  test('without relations: many-to-one from each FK, the backrefs, and appointments.people through the junction', () => {
    // The brief's form of the type-level check, once by hand; expectRelations does the same for every case below.
    const names: Equal<keyof RelationsOf<typeof clinic, 'people'>, 'appointments' | 'attendances'> = true
    expect(names).toBe(true)
    expectRelations(clinic, 'people', { appointments: 'many appointments', attendances: 'many attendances' })
    // people.appointments is the backref, so the many-to-many people → appointments is not inferred
    // (rule 3: the name is taken); the other side's name `people` is free.
    expectRelations(clinic, 'appointments', { person: 'one people', attendances: 'many attendances', people: 'many people' })
    expectRelations(clinic, 'attendances', { person: 'one people', appointment: 'one appointments' })
  })

  test('with `meetings` and `attendees`: added, and `attendees` replaces the inferred appointments.people (same junction FK)', () => {
    expectRelations(clinicM2m, 'people', { appointments: 'many appointments', attendances: 'many attendances', meetings: 'many appointments' })
    expectRelations(clinicM2m, 'appointments', { person: 'one people', attendances: 'many attendances', attendees: 'many people' })
    expectRelations(clinicM2m, 'attendances', { person: 'one people', appointment: 'one appointments' })
    const meetings = clinicM2m.meta.relations.get('people')!.get('meetings')!
    expect(meetings.through).toEqual({ table: 'attendances', sourceColumn: 'personId', targetColumn: 'appointmentId' })
    const attendees = clinicM2m.meta.relations.get('appointments')!.get('attendees')!
    expect(attendees.through).toEqual({ table: 'attendances', sourceColumn: 'appointmentId', targetColumn: 'personId' })
  })

  test('with `meetings` only: appointments keeps its inferred `people`', () => {
    const s = schema(clinicTables, {
      casing: 'snake_case',
      relations: (r) => ({ people: { meetings: r.many('appointments', { through: 'attendances' }) } }),
    })
    expectRelations(s, 'people', { appointments: 'many appointments', attendances: 'many attendances', meetings: 'many appointments' })
    expectRelations(s, 'appointments', { person: 'one people', attendances: 'many attendances', people: 'many people' })
  })

  test('a nullable FK gives a nullable many-to-one', () => {
    const s = schema({
      people: table({ id: c.serial().primaryKey() }),
      appointments: table({ id: c.serial().primaryKey(), personId: c.integer().nullable().references('people.id') }),
    })
    expectRelations(s, 'appointments', { person: 'one? people' })
    expectRelations(s, 'people', { appointments: 'many appointments' })
  })
})

describe('naming rules', () => {
  test('self-reference: reportsTo → reportsToEmployee, backref employeeByReportsToEmployee', () => {
    const s = schema({
      employee: table({ id: c.serial().primaryKey(), name: c.text(), reportsTo: c.integer().nullable().references('employee.id') }),
    })
    expectRelations(s, 'employee', { reportsToEmployee: 'one? employee', employeeByReportsToEmployee: 'many employee' })
  })

  test('self-reference with an Id suffix: managerId → manager, backref employeesByManager', () => {
    const s = schema({
      employees: table({ id: c.serial().primaryKey(), managerId: c.integer().references('employees.id') }),
    })
    expectRelations(s, 'employees', { manager: 'one employees', employeesByManager: 'many employees' })
  })

  test('a stripped name taken by a column gets the target key appended; so does a bare `id` FK; `_id` is stripped, `ID` is not', () => {
    const s = schema({
      users: table({ id: c.serial().primaryKey() }),
      posts: table({
        id: c.serial().primaryKey(),
        author: c.text(),
        authorId: c.integer().references('users.id'),
        editor_id: c.integer().references('users.id'),
        reviewerID: c.integer().references('users.id'),
      }),
      details: table({ id: c.integer().primaryKey().references('posts.id') }),
    })
    expectRelations(s, 'posts', {
      authorIdUsers: 'one users',
      editor: 'one users',
      reviewerIDUsers: 'one users',
      details: 'one? details',
    })
    expectRelations(s, 'users', {
      postsByAuthorIdUsers: 'many posts',
      postsByEditor: 'many posts',
      postsByReviewerIDUsers: 'many posts',
    })
    expectRelations(s, 'details', { idPosts: 'one posts' })
  })

  test('two FKs to one table: messagesBySender and messagesByRecipient', () => {
    const s = schema({
      users: table({ id: c.serial().primaryKey(), name: c.text() }),
      messages: table({
        id: c.serial().primaryKey(),
        senderId: c.integer().references('users.id'),
        recipientId: c.integer().nullable().references('users.id'),
        body: c.text(),
      }),
    })
    expectRelations(s, 'users', { messagesBySender: 'many messages', messagesByRecipient: 'many messages' })
    expectRelations(s, 'messages', { sender: 'one users', recipient: 'one? users' })
  })

  test('one-to-one: a unique FK column (or a one-column primary key) gives a single object | null on the other side', () => {
    const s = schema({
      users: table({ id: c.serial().primaryKey() }),
      profiles: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id').unique() }),
      passports: table({ userId: c.integer().primaryKey().references('users.id'), number: c.text() }),
      settings: table({ userId: c.integer().references('users.id'), theme: c.text() }).primaryKey('userId'),
      sessions: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id') }),
    })
    expectRelations(s, 'users', {
      profiles: 'one? profiles',
      passports: 'one? passports',
      settings: 'one? settings',
      sessions: 'many sessions',
    })
    expectRelations(s, 'profiles', { user: 'one users' })
    expectRelations(s, 'passports', { user: 'one users' })
    expectRelations(s, 'settings', { user: 'one users' })
  })

  test('a junction with payload columns is still a junction: its primary key is exactly two FK columns', () => {
    const s = schema({
      students: table({ id: c.serial().primaryKey(), name: c.text() }),
      courses: table({ id: c.serial().primaryKey(), title: c.text() }),
      enrollments: table({
        studentId: c.integer().references('students.id'),
        courseId: c.integer().references('courses.id'),
        grade: c.text().nullable(),
        enrolledAt: c.date(),
      }).primaryKey('studentId', 'courseId'),
    })
    expectRelations(s, 'students', { enrollments: 'many enrollments', courses: 'many courses' })
    expectRelations(s, 'courses', { enrollments: 'many enrollments', students: 'many students' })
    expectRelations(s, 'enrollments', { student: 'one students', course: 'one courses' })
  })

  test('not a junction: a surrogate key, a key of one FK and one plain column, or three FK columns', () => {
    const s = schema({
      orders: table({ id: c.serial().primaryKey() }),
      products: table({ id: c.serial().primaryKey() }),
      warehouses: table({ id: c.serial().primaryKey() }),
      lines: table({ id: c.serial().primaryKey(), orderId: c.integer().references('orders.id'), productId: c.integer().references('products.id') }),
      versions: table({ productId: c.integer().references('products.id'), version: c.integer() }).primaryKey('productId', 'version'),
      stock: table({
        productId: c.integer().references('products.id'),
        warehouseId: c.integer().references('warehouses.id'),
        orderId: c.integer().references('orders.id'),
      }).primaryKey('productId', 'warehouseId', 'orderId'),
    })
    expectRelations(s, 'orders', { lines: 'many lines', stock: 'many stock' })
    expectRelations(s, 'products', { lines: 'many lines', versions: 'many versions', stock: 'many stock' })
    expectRelations(s, 'warehouses', { stock: 'many stock' })
  })

  test('ambiguous many-to-many is not inferred: two junctions between the same tables', () => {
    const s = schema({
      users: table({ id: c.serial().primaryKey() }),
      groups: table({ id: c.serial().primaryKey() }),
      memberships: table({ userId: c.integer().references('users.id'), groupId: c.integer().references('groups.id') }).primaryKey('userId', 'groupId'),
      invitations: table({ userId: c.integer().references('users.id'), groupId: c.integer().references('groups.id') }).primaryKey('userId', 'groupId'),
    })
    expectRelations(s, 'users', { memberships: 'many memberships', invitations: 'many invitations' })
    expectRelations(s, 'groups', { memberships: 'many memberships', invitations: 'many invitations' })
  })

  test('ambiguous many-to-many is not inferred: a self-junction (follows)', () => {
    const s = schema({
      users: table({ id: c.serial().primaryKey(), name: c.text() }),
      follows: table({ followerId: c.integer().references('users.id'), followeeId: c.integer().references('users.id') }).primaryKey('followerId', 'followeeId'),
    })
    expectRelations(s, 'users', { followsByFollower: 'many follows', followsByFollowee: 'many follows' })
    expectRelations(s, 'follows', { follower: 'one users', followee: 'one users' })
  })

  test('…and declared in `relations` instead, with foreignKey naming the junction column pointing back', () => {
    const s = schema(
      {
        users: table({ id: c.serial().primaryKey(), name: c.text() }),
        follows: table({ followerId: c.integer().references('users.id'), followeeId: c.integer().references('users.id') }).primaryKey('followerId', 'followeeId'),
      },
      {
        relations: (r) => ({
          users: {
            following: r.many('users', { through: 'follows', foreignKey: 'followerId' }),
            followers: r.many('users', { through: 'follows', foreignKey: 'followeeId' }),
          },
        }),
      },
    )
    expectRelations(s, 'users', {
      followsByFollower: 'many follows',
      followsByFollowee: 'many follows',
      following: 'many users',
      followers: 'many users',
    })
    expect(s.meta.relations.get('users')!.get('following')!.through).toEqual({ table: 'follows', sourceColumn: 'followerId', targetColumn: 'followeeId' })
    expect(s.meta.relations.get('users')!.get('followers')!.through).toEqual({ table: 'follows', sourceColumn: 'followeeId', targetColumn: 'followerId' })
  })

  test('the many-to-many name already taken, by a backref or by a column: not inferred on that side only', () => {
    const s = schema({
      posts: table({ id: c.serial().primaryKey(), tags: c.text().array() }),
      tags: table({ id: c.serial().primaryKey(), label: c.text() }),
      postTags: table({ postId: c.integer().references('posts.id'), tagId: c.integer().references('tags.id') }).primaryKey('postId', 'tagId'),
    })
    expectRelations(s, 'posts', { postTags: 'many postTags' })
    expectRelations(s, 'tags', { postTags: 'many postTags', posts: 'many posts' })
    // …and by a backref: clinic's people.appointments (see above), again with the junction named like the target.
    const t = schema({
      a: table({ id: c.serial().primaryKey() }),
      b: table({ id: c.serial().primaryKey(), aId: c.integer().references('a.id') }),
      ab: table({ aId: c.integer().references('a.id'), bId: c.integer().references('b.id') }).primaryKey('aId', 'bId'),
    })
    expectRelations(t, 'a', { b: 'many b', ab: 'many ab' })
    expectRelations(t, 'b', { a: 'one a', ab: 'many ab' })
  })
})

describe('`relations` renames (same foreign key as an inferred relation) and adds', () => {
  const tables = {
    users: table({ id: c.serial().primaryKey(), name: c.text() }),
    messages: table({
      id: c.serial().primaryKey(),
      senderId: c.integer().references('users.id'),
      recipientId: c.integer().nullable().references('users.id'),
    }),
    profiles: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id').unique() }),
    employee: table({ id: c.serial().primaryKey(), reportsTo: c.integer().nullable().references('employee.id') }),
  }

  test('r.many with foreignKey renames a backref; r.one with foreignKey renames a many-to-one; r.one renames a one-to-one', () => {
    const s = schema(tables, {
      relations: (r) => ({
        users: {
          sent: r.many('messages', { foreignKey: 'senderId' }),
          received: r.many('messages', { foreignKey: 'recipientId' }),
          profile: r.one('profiles'),
        },
        messages: { author: r.one('users', { foreignKey: 'senderId' }) },
        employee: {
          manager: r.one('employee', { foreignKey: 'reportsTo' }),
          reports: r.many('employee', { foreignKey: 'reportsTo' }),
        },
      }),
    })
    expectRelations(s, 'users', { sent: 'many messages', received: 'many messages', profile: 'one? profiles' })
    expectRelations(s, 'messages', { author: 'one users', recipient: 'one? users' })
    expectRelations(s, 'profiles', { user: 'one users' })
    expectRelations(s, 'employee', { manager: 'one? employee', reports: 'many employee' })
    const sent = s.meta.relations.get('users')!.get('sent')!
    expect([sent.sourceColumn, sent.targetColumn]).toEqual(['id', 'senderId'])
  })

  test('r.one without foreignKey on a table with one FK to the target renames the many-to-one', () => {
    const s = schema(tables, { relations: (r) => ({ profiles: { owner: r.one('users') } }) })
    expectRelations(s, 'profiles', { owner: 'one users' })
    expectRelations(s, 'users', { messagesBySender: 'many messages', messagesByRecipient: 'many messages', profiles: 'one? profiles' })
  })

  test('an explicit relation under an inferred name, over another FK: it takes the name and replaces the relation of its own FK', () => {
    const s = schema(tables, { relations: (r) => ({ messages: { sender: r.one('users', { foreignKey: 'recipientId' }) } }) })
    // `sender` (over recipientId) replaces `recipient` (same FK), and the inferred `sender` (senderId) lost its name.
    expectRelations(s, 'messages', { sender: 'one? users' })
    expect(s.meta.relations.get('messages')!.get('sender')!.sourceColumn).toBe('recipientId')
  })

  test('a declared relation that cannot be resolved is a JoineryError at schema()', () => {
    // Untyped caller: the types reject what the run time must reject too.
    const loose = schema as unknown as (tables: unknown, options: unknown) => unknown
    const explicit = (relations: unknown) => () => loose(tables, { relations: () => relations })
    const r = { many: (target: string, o = {}) => ({ '~spec': { target, many: true, foreignKey: undefined, through: undefined, ...o } }) }
    expect(explicit({ users: { all: r.many('messages') } })).toThrow(JoineryError)
    expect(explicit({ users: { all: r.many('messages') } })).toThrow(/several foreign keys.*senderId, recipientId/)
    expect(explicit({ users: { all: r.many('messages', { foreignKey: 'nope' }) } })).toThrow(/"nope" is not a foreign key.*senderId, recipientId/)
    expect(explicit({ users: { all: r.many('nowhere') } })).toThrow(/unknown table "nowhere"/)
    expect(explicit({ nowhere: { all: r.many('users') } })).toThrow(/unknown table "nowhere"/)
    expect(explicit({ users: { all: 'messages' } })).toThrow(/must be r\.one\(…\) or r\.many\(…\)/)
  })
})

describe('Chinook (../shared/fixtures/chinook)', () => {
  test('album.artist, artist.album', () => {
    expectRelations(chinook, 'artist', { album: 'many album' })
    expectRelations(chinook, 'album', { artist: 'one artist', track: 'many track' })
  })

  test('track.album/genre/mediaType (nullable where the FK is), and track.playlist through playlistTrack', () => {
    expectRelations(chinook, 'track', {
      album: 'one? album',
      mediaType: 'one mediaType',
      genre: 'one? genre',
      invoiceLine: 'many invoiceLine',
      playlistTrack: 'many playlistTrack',
      playlist: 'many playlist',
    })
    expect(chinook.meta.relations.get('track')!.get('playlist')!.through).toEqual({ table: 'playlistTrack', sourceColumn: 'trackId', targetColumn: 'playlistId' })
  })

  test('playlist.track through playlistTrack; the junction itself', () => {
    expectRelations(chinook, 'playlist', { playlistTrack: 'many playlistTrack', track: 'many track' })
    expectRelations(chinook, 'playlistTrack', { playlist: 'one playlist', track: 'one track' })
  })

  test('the employee self-reference, and customer.supportRep', () => {
    expectRelations(chinook, 'employee', {
      reportsToEmployee: 'one? employee',
      employeeByReportsToEmployee: 'many employee',
      customer: 'many customer',
    })
    expectRelations(chinook, 'customer', { supportRep: 'one? employee', invoice: 'many invoice' })
  })

  test('the rest: invoice, invoiceLine, genre, mediaType (invoiceLine has a surrogate key: no track ↔ invoice many-to-many)', () => {
    expectRelations(chinook, 'invoice', { customer: 'one customer', invoiceLine: 'many invoiceLine' })
    expectRelations(chinook, 'invoiceLine', { invoice: 'one invoice', track: 'one track' })
    expectRelations(chinook, 'genre', { track: 'many track' })
    expectRelations(chinook, 'mediaType', { track: 'many track' })
  })
})

describe('collisions and unknown relations', () => {
  test('the Equal check is not vacuous: a wrong expectation does not compile', () => {
    // @ts-expect-error — people has no relation `meetings` without `relations`
    const wrong: Equal<RelationSummary<typeof clinic, 'people'>, { appointments: 'many appointments'; attendances: 'many attendances'; meetings: 'many appointments' }> = true
    // @ts-expect-error — playlistTrack.track is a non-null many-to-one
    const nullable: Equal<RelationSummary<Chinook, 'playlistTrack'>, { playlist: 'one playlist'; track: 'one? track' }> = true
    expect([wrong, nullable]).toEqual([true, true])
  })

  test('a many-to-one and a backref with the same name: JoineryError at schema() naming both FKs (and a type error)', () => {
    const build = () =>
      schema({
        // @ts-expect-error — relation name collision: users.post (many-to-one via users.postId, and the backref of post.userId)
        users: table({ id: c.serial().primaryKey(), postId: c.integer().references('post.id') }),
        post: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id') }),
      })
    expect(build).toThrow(JoineryError)
    expect(build).toThrow(/users\.post\b.*many-to-one via users\.postId.*backref of post\.userId/)
    expect(build).toThrow(/relations/)
  })

  const collidingTables = {
    users: table({ id: c.serial().primaryKey(), postId: c.integer().nullable().references('post.id') }),
    post: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id') }),
  }

  test('…resolved by naming one of them in `relations`: schema() compiles, and the other keeps the name', () => {
    const s = schema(collidingTables, { relations: (r) => ({ users: { pinnedPost: r.one('post', { foreignKey: 'postId' }) } }) })
    expectRelations(s, 'users', { pinnedPost: 'one? post', post: 'many post' })
    expectRelations(s, 'post', { user: 'one users', users: 'many users' })
    const t = schema(collidingTables, { relations: (r) => ({ users: { posts: r.many('post', { foreignKey: 'userId' }) } }) })
    expectRelations(t, 'users', { post: 'one? post', posts: 'many post' })
  })

  test('a column and a backref with the same name: JoineryError at schema() (and a type error)', () => {
    const build = () =>
      schema({
        // @ts-expect-error — relation name collision: users.posts is a column and the backref of posts.userId
        users: table({ id: c.serial().primaryKey(), posts: c.integer() }),
        posts: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id') }),
      })
    expect(build).toThrow(JoineryError)
    expect(build).toThrow(/users\.posts\b.*column.*backref of posts\.userId/)
  })

  test('two many-to-ones with one name (reportsTo and reportsToEmployeeId): JoineryError at schema() (and a type error)', () => {
    const build = () =>
      schema({
        // @ts-expect-error — relation name collision: employee.reportsToEmployee (many-to-one via reportsTo and via reportsToEmployeeId)
        employee: table({
          id: c.serial().primaryKey(),
          reportsTo: c.integer().nullable().references('employee.id'),
          reportsToEmployeeId: c.integer().nullable().references('employee.id'),
        }),
      })
    expect(build).toThrow(JoineryError)
    expect(build).toThrow(/employee\.reportsToEmployee\b.*many-to-one via employee\.reportsTo\b.*many-to-one via employee\.reportsToEmployeeId/)
  })

  test('two backrefs with one name (a table keyed `postsByAuthor`): JoineryError at schema() (and a type error)', () => {
    const build = () =>
      schema({
        // @ts-expect-error — relation name collision: users.postsByAuthor (backref of posts.authorId and of postsByAuthor.userId)
        users: table({ id: c.serial().primaryKey() }),
        posts: table({ id: c.serial().primaryKey(), authorId: c.integer().references('users.id'), editorId: c.integer().references('users.id') }),
        postsByAuthor: table({ id: c.serial().primaryKey(), userId: c.integer().references('users.id') }),
      })
    expect(build).toThrow(JoineryError)
    expect(build).toThrow(/users\.postsByAuthor\b.*backref of posts\.authorId.*backref of postsByAuthor\.userId/)
  })

  // Names that only meet through the appended or `By…` forms of rules 1 and 2.
  test('a many-to-one named like a column (reportsTo → reportsToEmployee): JoineryError at schema() (and a type error)', () => {
    const build = () =>
      schema({
        // @ts-expect-error — relation name collision: employee.reportsToEmployee is a column and the many-to-one via employee.reportsTo
        employee: table({ id: c.serial().primaryKey(), reportsTo: c.integer().nullable().references('employee.id'), reportsToEmployee: c.text() }),
      })
    expect(build).toThrow(JoineryError)
    expect(build).toThrow(/employee\.reportsToEmployee\b.*column.*many-to-one via employee\.reportsTo\b/)
  })

  test('a `By` backref named like a column (users.messagesBySender): JoineryError at schema() (and a type error)', () => {
    const build = () =>
      schema({
        // @ts-expect-error — relation name collision: users.messagesBySender is a column and the backref of messages.senderId
        users: table({ id: c.serial().primaryKey(), messagesBySender: c.text() }),
        messages: table({ id: c.serial().primaryKey(), senderId: c.integer().references('users.id'), recipientId: c.integer().references('users.id') }),
      })
    expect(build).toThrow(JoineryError)
    expect(build).toThrow(/users\.messagesBySender\b.*column.*backref of messages\.senderId/)
  })

  test('a backref named like an appended many-to-one (docs.ownerUsers): JoineryError at schema() (and a type error)', () => {
    const build = () =>
      schema({
        users: table({ id: c.serial().primaryKey() }),
        // @ts-expect-error — relation name collision: docs.ownerUsers is the many-to-one via docs.owner and the backref of ownerUsers.docId
        docs: table({ id: c.serial().primaryKey(), owner: c.integer().references('users.id') }),
        ownerUsers: table({ id: c.serial().primaryKey(), docId: c.integer().references('docs.id') }),
      })
    expect(build).toThrow(JoineryError)
    expect(build).toThrow(/docs\.ownerUsers\b.*many-to-one via docs\.owner\b.*backref of ownerUsers\.docId/)
  })

  test('two appended many-to-ones with one name (owner → userAccounts, ownerUser → accounts): JoineryError at schema() (and a type error)', () => {
    const build = () =>
      schema({
        userAccounts: table({ id: c.serial().primaryKey() }),
        accounts: table({ id: c.serial().primaryKey() }),
        // @ts-expect-error — relation name collision: docs.ownerUserAccounts (many-to-one via owner and via ownerUser)
        docs: table({ id: c.serial().primaryKey(), owner: c.integer().references('userAccounts.id'), ownerUser: c.integer().references('accounts.id') }),
      })
    expect(build).toThrow(JoineryError)
    expect(build).toThrow(/docs\.ownerUserAccounts\b.*many-to-one via docs\.owner\b.*many-to-one via docs\.ownerUser\b/)
  })

  test('keys that only look like a clash compile and run: docs.ownerUsual beside the many-to-one ownerUsers', () => {
    const s = schema({
      users: table({ id: c.serial().primaryKey() }),
      docs: table({ id: c.serial().primaryKey(), owner: c.integer().references('users.id'), ownerUsual: c.text() }),
    })
    expectRelations(s, 'docs', { ownerUsers: 'one users' })
    expectRelations(s, 'users', { docs: 'many docs' })
  })

  describe('an unknown relation from an untyped caller: JoineryError listing the table’s relations, before any query', () => {
    let t: TestDatabase
    const queries: string[] = []
    beforeAll(async () => {
      t = await testDatabase()
    })
    afterAll(() => t.close())

    test.each(['include', 'includeCount', 'whereRelated', 'whereNotRelated', 'innerJoin', 'leftJoin'])('%s', (method) => {
      const db = t.db(clinicM2m, { log: (event) => queries.push(event.sql) })
      const people = db.selectFrom('people') as unknown as Record<string, (name: unknown) => unknown>
      const call = (name: unknown) => () => people[method]!.call(people, name)
      expect(call('meeting')).toThrow(JoineryError)
      expect(call('meeting')).toThrow('Unknown relation "meeting" on table "people". Known relations: meetings, appointments, attendances.')
      // A relation of another table is unknown here too.
      expect(call('person')).toThrow(/Unknown relation "person" on table "people"\. Known relations: .*appointments/)
      expect(call(42)).toThrow(JoineryError)
      expect(queries).toEqual([])
    })

    test('inside a nested include, the error names the nested table', () => {
      const db = t.db(clinicM2m)
      const build = () =>
        db.selectFrom('people').include('appointments', (a) => (a as unknown as { include(name: string): typeof a }).include('people'))
      expect(build).toThrow('Unknown relation "people" on table "appointments". Known relations: attendees, person, attendances.')
    })

    test('the alias.relation path of a join: unknown alias, unknown relation of the joined table', () => {
      const db = t.db(clinicM2m)
      const people = db.selectFrom('people') as unknown as { innerJoin(path: string): { innerJoin(path: string): unknown } }
      expect(() => people.innerJoin('nowhere.person')).toThrow(/"nowhere" is not joined in this query/)
      expect(() => people.innerJoin('appointments').innerJoin('appointments.nope')).toThrow(
        'Unknown relation "nope" on table "appointments". Known relations: attendees, person, attendances.',
      )
    })
  })
})
