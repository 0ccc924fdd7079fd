// joinery pull on Chinook: the database → the schema file → it type-checks and its typed
// include queries return what hand-written SQL returns → createTablesSql of it into a fresh
// database → pulled again, the identical file.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createTablesSql, dropTablesSql } from '../src/ddl/create.js'
import type { Driver } from '../src/driver/driver.js'
import { describeSummary } from '../src/reflect/pull.js'
import type { SchemaFile } from '../src/reflect/pull.js'
import { chinook, loadChinook } from './support/chinook.js'
import { testDatabase } from './support/database.js'
import type { TestDatabase } from './support/database.js'
import { pullFrom, runStatements, scratchDir, typeCheck } from './support/reflect.js'
import type { ScratchDir } from './support/reflect.js'

let t: TestDatabase
let dir: ScratchDir
let file: SchemaFile

beforeAll(async () => {
  t = await testDatabase()
  dir = scratchDir('chinook')
  await loadChinook(t)
  file = await pullFrom(t, dir)
})
afterAll(async () => {
  dir?.remove()
  await t?.close()
})

test('pull reads the 11 tables, 11 foreign keys and the playlist ↔ track many-to-many', () => {
  expect(file.summary).toEqual({ tables: 11, views: 0, foreignKeys: 11, manyToMany: 1 })
  expect(describeSummary(file.summary)).toBe('11 tables, 11 foreign keys, 1 many-to-many')
  const lines = file.source.split('\n')
  expect(lines).toContain(`import { column as c, schema, table } from '${dir.joinery}'`)
  expect(lines).toContain('export default schema(')
  expect(lines).toContain("  { casing: 'snake_case' },")
  expect(lines).toContain('    playlistTrack: table({')
  expect(lines).toContain('      albumId: c.serial().primaryKey(),')
  expect(lines).toContain('      reportsTo: c.integer().nullable().references(\'employee.employeeId\'),')
  expect(lines).toContain("      total: c.numeric({ precision: 10, scale: 2 }),")
  expect(lines).toContain("      .primaryKey('playlistId', 'trackId')")
  expect(lines).toContain("    }).index('artistId'),")
  expect(lines).toContain('    // relations: playlistTrack → playlistTrack[], track → track[] (through playlistTrack)')
  expect(file.source).not.toContain('relations: (r)')
})

test('the pulled schema declares what the hand-written Chinook schema declares', () => {
  const pulled = file.schema.meta
  const written = chinook.meta
  expect([...pulled.tables.keys()].sort()).toEqual([...written.tables.keys()].sort())
  for (const [key, table] of written.tables) {
    const other = pulled.tables.get(key)!
    expect(other.dbName).toBe(table.dbName)
    expect(other.primaryKey).toEqual(table.primaryKey)
    const shape = (cols: typeof table.columnList) =>
      cols.map((col) => ({ key: col.key, dbName: col.dbName, sqlType: col.sqlType, nullable: col.nullable, references: col.references?.target }))
    expect(shape(other.columnList)).toEqual(shape(table.columnList))
    const relations = (of: typeof written) => [...of.relations.get(key)!.values()].map((r) => `${r.name}:${r.target}:${r.many}`).sort()
    expect(relations(pulled)).toEqual(relations(written))
  }
})

const queries = (schemaImport: string, joinery: string) => `// Typed queries over the pulled Chinook file: checked by tsc, run by test/reflect.test.ts.
import chinook from '${schemaImport}'
import { createDb } from '${joinery}'
import type { Driver } from '${joinery.replace(/index\.js$/, 'driver/driver.js')}'

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

export async function run(driver: Driver) {
  const db = createDb(chinook, { driver })
  const artists = await db
    .selectFrom('artist')
    .select(['artistId', 'name'])
    .where('artistId', '<=', 3)
    .orderBy('artistId')
    .include('album', (a) =>
      a.select(['title']).orderBy('albumId').include('track', (tr) => tr.select(['name', 'unitPrice', 'milliseconds']).orderBy('trackId')),
    )
    .execute()
  type Artist = { artistId: number; name: string | null; album: { title: string; track: { name: string; unitPrice: string; milliseconds: number }[] }[] }
  const artistsTyped: Equal<typeof artists, Artist[]> = true

  const playlists = await db
    .selectFrom('playlist')
    .select(['playlistId', 'name'])
    .where('playlistId', 'in', [1, 3, 18])
    .orderBy('playlistId')
    .include('track', (tr) => tr.select(['trackId', 'name']).orderBy('trackId').limit(3))
    .execute()
  const playlistsTyped: Equal<typeof playlists, { playlistId: number; name: string | null; track: { trackId: number; name: string }[] }[]> = true

  const tracks = await db
    .selectFrom('track')
    .select(['trackId'])
    .where('trackId', '=', 1)
    .include('playlist', (p) => p.select(['name']).orderBy('playlistId'))
    .include('album', (a) => a.select(['title']).include('artist', (ar) => ar.select(['name'])))
    .execute()
  const tracksTyped: Equal<typeof tracks, { trackId: number; playlist: { name: string | null }[]; album: { title: string; artist: { name: string | null } } | null }[]> = true

  return { artists, playlists, tracks, typed: [artistsTyped, playlistsTyped, tracksTyped] }
}

// Never run: the types are real, not any, so each misuse must be an error.
export function misuses(driver: Driver) {
  const db = createDb(chinook, { driver })
  // @ts-expect-error: the relation is named after the table key, 'album'
  db.selectFrom('artist').include('albums')
  // @ts-expect-error: playlist_track's columns are keyed in camelCase
  db.selectFrom('playlistTrack').select(['track_id'])
}
`

interface QueryModule {
  run(driver: Driver): Promise<{ artists: unknown; playlists: unknown; tracks: unknown; typed: boolean[] }>
}

test('the file type-checks, and typed include queries over it return what SQL returns', async () => {
  dir.write('schema.ts', file.source)
  const queriesPath = dir.write('queries.ts', queries('./schema.js', dir.joinery))
  expect(await typeCheck(dir, ['schema.ts', 'queries.ts'])).toBe('')

  const { run } = (await import(queriesPath)) as QueryModule
  const result = await run(t.driver)
  expect(result.typed).toEqual([true, true, true])

  const albumRows = await t.rows(
    `select ar.artist_id, ar.name, al.album_id, al.title, tr.name as track, tr.unit_price::text, tr.milliseconds
     from artist ar left join album al on al.artist_id = ar.artist_id left join track tr on tr.album_id = al.album_id
     where ar.artist_id <= 3 order by ar.artist_id, al.album_id, tr.track_id`,
  )
  const artists: { artistId: number; name: string | null; album: { title: string; track: unknown[] }[] }[] = []
  const albums = new Map<number, { title: string; track: unknown[] }>()
  for (const row of albumRows) {
    let artist = artists.find((a) => a.artistId === row.artist_id)
    if (artist === undefined) artists.push((artist = { artistId: row.artist_id as number, name: row.name as string | null, album: [] }))
    if (row.album_id === null) continue
    let album = albums.get(row.album_id as number)
    if (album === undefined) {
      albums.set(row.album_id as number, (album = { title: row.title as string, track: [] }))
      artist.album.push(album)
    }
    if (row.track !== null) album.track.push({ name: row.track, unitPrice: row.unit_price, milliseconds: row.milliseconds })
  }
  expect(result.artists).toEqual(artists)
  expect(artists.flatMap((a) => a.album).length).toBeGreaterThan(2)

  const playlistTracks = await t.rows(
    `select p.playlist_id, p.name, (select coalesce(json_agg(json_build_object('trackId', x.track_id, 'name', x.name) order by x.track_id), '[]')
       from (select tr.track_id, tr.name from playlist_track pt join track tr on tr.track_id = pt.track_id
             where pt.playlist_id = p.playlist_id order by tr.track_id limit 3) x) as track
     from playlist p where p.playlist_id in (1, 3, 18) order by p.playlist_id`,
  )
  const playlists = playlistTracks.map((row) => ({ playlistId: row.playlist_id, name: row.name, track: jsonValue(row.track) }))
  expect(result.playlists).toEqual(playlists)

  const onPlaylists = await t.rows(`select p.name from playlist_track pt join playlist p using (playlist_id) where pt.track_id = 1 order by p.playlist_id`)
  expect(result.tracks).toEqual([
    { trackId: 1, playlist: onPlaylists.map((row) => ({ name: row.name })), album: { title: 'For Those About To Rock We Salute You', artist: { name: 'AC/DC' } } },
  ])
}, 120_000)

const jsonValue = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value)

test('createTablesSql of the pulled file builds a database that pulls back to the identical file', async () => {
  const fresh = await testDatabase()
  try {
    await runStatements(fresh, createTablesSql(file.schema))
    const again = await pullFrom(fresh, dir)
    expect(again.source).toBe(file.source)

    await runStatements(fresh, dropTablesSql(file.schema))
    expect(await fresh.rows(`select relname from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r'`)).toEqual([])
    // And once more: dropping left nothing behind that would stop a second create.
    await runStatements(fresh, createTablesSql(file.schema))
    expect((await pullFrom(fresh, dir)).source).toBe(file.source)
  } finally {
    await fresh.close()
  }
}, 120_000)
