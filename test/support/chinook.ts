// The Chinook fixture (../shared/fixtures/chinook) as a joinery schema, written by hand from the
// DDL at the top of chinook.sql, and a loader that runs the whole file into a test database.
// With casing 'snake_case' the keys are camelCase: table playlist_track is `playlistTrack`,
// column album.artist_id is `artistId`.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { column as c, schema, table } from '../../src/index.js'
import { testDatabase } from './database.js'
import type { TestDatabase } from './database.js'

export const chinook = schema(
  {
    artist: table({
      artistId: c.serial().primaryKey(),
      name: c.varchar(120).nullable(),
    }),
    album: table({
      albumId: c.serial().primaryKey(),
      title: c.varchar(160),
      artistId: c.integer().references('artist.artistId'),
    }),
    customer: table({
      customerId: c.serial().primaryKey(),
      firstName: c.varchar(40),
      lastName: c.varchar(20),
      company: c.varchar(80).nullable(),
      address: c.varchar(70).nullable(),
      city: c.varchar(40).nullable(),
      state: c.varchar(40).nullable(),
      country: c.varchar(40).nullable(),
      postalCode: c.varchar(10).nullable(),
      phone: c.varchar(24).nullable(),
      fax: c.varchar(24).nullable(),
      email: c.varchar(60),
      supportRepId: c.integer().nullable().references('employee.employeeId'),
    }),
    employee: table({
      employeeId: c.serial().primaryKey(),
      lastName: c.varchar(20),
      firstName: c.varchar(20),
      title: c.varchar(30).nullable(),
      reportsTo: c.integer().nullable().references('employee.employeeId'),
      birthDate: c.timestamp().nullable(),
      hireDate: c.timestamp().nullable(),
      address: c.varchar(70).nullable(),
      city: c.varchar(40).nullable(),
      state: c.varchar(40).nullable(),
      country: c.varchar(40).nullable(),
      postalCode: c.varchar(10).nullable(),
      phone: c.varchar(24).nullable(),
      fax: c.varchar(24).nullable(),
      email: c.varchar(60).nullable(),
    }),
    genre: table({
      genreId: c.serial().primaryKey(),
      name: c.varchar(120).nullable(),
    }),
    invoice: table({
      invoiceId: c.serial().primaryKey(),
      customerId: c.integer().references('customer.customerId'),
      invoiceDate: c.timestamp(),
      billingAddress: c.varchar(70).nullable(),
      billingCity: c.varchar(40).nullable(),
      billingState: c.varchar(40).nullable(),
      billingCountry: c.varchar(40).nullable(),
      billingPostalCode: c.varchar(10).nullable(),
      total: c.numeric({ precision: 10, scale: 2 }),
    }),
    invoiceLine: table({
      invoiceLineId: c.serial().primaryKey(),
      invoiceId: c.integer().references('invoice.invoiceId'),
      trackId: c.integer().references('track.trackId'),
      unitPrice: c.numeric({ precision: 10, scale: 2 }),
      quantity: c.integer(),
    }),
    mediaType: table({
      mediaTypeId: c.serial().primaryKey(),
      name: c.varchar(120).nullable(),
    }),
    playlist: table({
      playlistId: c.serial().primaryKey(),
      name: c.varchar(120).nullable(),
    }),
    playlistTrack: table({
      playlistId: c.integer().references('playlist.playlistId'),
      trackId: c.integer().references('track.trackId'),
    }).primaryKey('playlistId', 'trackId'),
    track: table({
      trackId: c.serial().primaryKey(),
      name: c.varchar(200),
      albumId: c.integer().nullable().references('album.albumId'),
      mediaTypeId: c.integer().references('mediaType.mediaTypeId'),
      genreId: c.integer().nullable().references('genre.genreId'),
      composer: c.varchar(220).nullable(),
      milliseconds: c.integer(),
      bytes: c.integer().nullable(),
      unitPrice: c.numeric({ precision: 10, scale: 2 }),
    }),
  },
  { casing: 'snake_case' },
)

export type Chinook = typeof chinook

/**
 * chinook.sql, from `shared/` beside the repository (`../shared` from the repo root: this
 * checkout at /work/main, or CI's copy of shared/ next to the clone).
 */
export const chinookSqlPath = fileURLToPath(new URL('../../../shared/fixtures/chinook/chinook.sql', import.meta.url))

let text: Promise<string> | undefined

/** Creates and fills the 11 Chinook tables in `t` (one multi-statement script; a few seconds: once per file). */
export async function loadChinook(t: TestDatabase): Promise<void> {
  if (!existsSync(chinookSqlPath)) throw new Error(`Chinook fixture not found at ${chinookSqlPath}: shared/ must sit beside the repository.`)
  await t.exec(await (text ??= readFile(chinookSqlPath, 'utf8')))
}

/** A test database holding Chinook (loadChinook). */
export async function chinookDatabase(): Promise<TestDatabase> {
  const t = await testDatabase()
  await loadChinook(t)
  return t
}
