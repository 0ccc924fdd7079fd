// Creates and seeds the benchmark database (skipped when the row counts already match;
// `--force` rebuilds). Run: npx tsx bench/domain/seed.ts [--force]
import pg from 'pg'
import { adminUrl, databaseName, databaseUrl } from './connection.js'
import { counts, ddl, seed } from './sql.js'

async function ensureDatabase(): Promise<void> {
  if (process.env.BENCH_DATABASE_URL !== undefined) return
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const found = await admin.query('select 1 from pg_database where datname = $1', [databaseName])
  if (found.rowCount === 0) await admin.query(`create database "${databaseName}"`)
  await admin.end()
}

async function isSeeded(client: pg.Client): Promise<boolean> {
  try {
    const { rows } = await client.query<Record<string, string>>(
      `select (select count(*) from people) as people, (select count(*) from appointments) as appointments,
              (select count(*) from attendances) as attendances, (select count(*) from rooms) as rooms,
              (select count(*) from comments) as comments`,
    )
    const row = rows[0]!
    return Object.entries(counts).every(([table, n]) => Number(row[table]) === n)
  } catch {
    return false
  }
}

export async function ensureSeeded(force = false): Promise<void> {
  await ensureDatabase()
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    if (!force && (await isSeeded(client))) return
    const start = performance.now()
    await client.query(ddl)
    await client.query(seed)
    console.error(`seeded ${databaseName} in ${((performance.now() - start) / 1000).toFixed(1)} s`)
  } finally {
    await client.end()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureSeeded(process.argv.includes('--force'))
