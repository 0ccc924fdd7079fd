// Where the benchmark database lives. BENCH_DATABASE_URL overrides; the database is created if missing.
export const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const databaseName = 'joinery_bench'
export const databaseUrl = process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${databaseName}`
