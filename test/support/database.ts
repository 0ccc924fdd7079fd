// One isolated database per test file: a fresh PGlite by default, or a fresh Postgres schema on
// the server at DATABASE_URL. Tests run the same on both and compare against real results.
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { createDb } from '../../src/index.js'
import type { Database, DbOptions, Schema } from '../../src/index.js'
import { pgDriver } from '../../src/driver/pg.js'
import { pgliteDriver } from '../../src/driver/pglite.js'
import type { Driver } from '../../src/driver/driver.js'

export interface TestDatabase {
  readonly kind: 'pg' | 'pglite'
  readonly driver: Driver
  /** Runs SQL text as-is (several statements allowed): setup and hand-written answers. */
  exec(sqlText: string): Promise<void>
  /** Rows of a hand-written query, as the raw client returns them. */
  rows(sqlText: string, parameters?: unknown[]): Promise<Record<string, unknown>[]>
  db<S extends Schema>(schema: S, options?: Omit<DbOptions, 'driver'>): Database<S>
  close(): Promise<void>
}

export const usingServer = process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== ''

export async function testDatabase(): Promise<TestDatabase> {
  return usingServer ? serverDatabase(process.env.DATABASE_URL!) : pgliteDatabase()
}

async function pgliteDatabase(): Promise<TestDatabase> {
  const pglite = await PGlite.create()
  const driver = pgliteDriver(pglite)
  return {
    kind: 'pglite',
    driver,
    exec: async (sqlText) => void (await pglite.exec(sqlText)),
    rows: async (sqlText, parameters = []) => (await pglite.query<Record<string, unknown>>(sqlText, parameters)).rows,
    db: (schema, options = {}) => createDb(schema, { ...options, driver }),
    close: () => pglite.close(),
  }
}

async function serverDatabase(url: string): Promise<TestDatabase> {
  const name = `joinery_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  const admin = new pg.Pool({ connectionString: url, max: 1 })
  await admin.query(`create schema "${name}"`)
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path="${name}"`, max: 10 })
  const driver = pgDriver(pool)
  return {
    kind: 'pg',
    driver,
    exec: async (sqlText) => void (await pool.query(sqlText)),
    rows: async (sqlText, parameters = []) => (await pool.query(sqlText, parameters)).rows,
    db: (schema, options = {}) => createDb(schema, { ...options, driver }),
    async close() {
      await pool.end()
      await admin.query(`drop schema "${name}" cascade`)
      await admin.end()
    },
  }
}
