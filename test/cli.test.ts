// The `joinery` command, run as a user runs it (node + the bin script, here its TypeScript source
// through tsx): --help, a pull from a PGlite data folder and from the server, and the failures
// that must be one clear line and a non-zero exit.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { pgliteDriver } from '../src/driver/pglite.js'
import { pullSchema } from '../src/reflect/pull.js'
import { usingServer } from './support/database.js'
import { root, scratchDir } from './support/reflect.js'
import type { ScratchDir } from './support/reflect.js'

const bin = join(root, 'src/reflect/bin.ts')
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs')

interface Outcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

function joinery(...args: string[]): Promise<Outcome> {
  return new Promise((done) => {
    const env = { ...process.env, DATABASE_URL: '' }
    execFile(process.execPath, [tsx, bin, ...args], { cwd: dir.path, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
      done({ code, stdout, stderr })
    })
  })
}

let dir: ScratchDir
const dataDir = () => join(dir.path, 'pgdata')

beforeAll(async () => {
  dir = scratchDir('cli')
  const pglite = new PGlite(dataDir())
  await pglite.exec(`
    create table authors (id serial primary key, name text not null);
    create table books (id serial primary key, author_id int not null references authors, title text not null);
    create schema other;
    create table other.notes (id serial primary key, body text not null);`)
  await pglite.close()
  dir.write('not-a-folder', 'a file\n')
})
afterAll(() => dir?.remove())

test('--help explains the command, its options and exit status', async () => {
  const { code, stdout } = await joinery('pull', '--help')
  expect(code).toBe(0)
  for (const text of ['npx joinery pull --url <postgres url>', '--pglite <dir>', '--schema <name>', '--out <file>', '--casing <mode>', 'npm install pg', 'Exit status'])
    expect(stdout).toContain(text)
  const top = await joinery('--help')
  expect(top.code).toBe(0)
  expect(top.stdout).toContain('joinery pull')
})

test('pull --pglite writes the file and prints one line', async () => {
  const { code, stdout, stderr } = await joinery('pull', '--pglite', 'pgdata', '--out', 'src/db/schema.ts')
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
  expect(stdout).toBe('2 tables, 1 foreign key, 0 many-to-many → src/db/schema.ts\n')
  const written = readFileSync(join(dir.path, 'src/db/schema.ts'), 'utf8')
  expect(written).toContain("import { column as c, schema, table } from 'joinery'")
  expect(written).toContain("      authorId: c.integer().references('authors.id'),")
})

test('pull --schema other --out - prints the file of that schema', async () => {
  const { code, stdout, stderr } = await joinery('pull', '--pglite', dataDir(), '--schema', 'other', '--out', '-', '--import', '../joinery.js')
  expect(code).toBe(0)
  expect(stderr).toBe('1 table, 0 foreign keys, 0 many-to-many\n')
  const pglite = new PGlite(dataDir())
  try {
    expect(stdout).toBe((await pullSchema(pgliteDriver(pglite), { schema: 'other', importFrom: '../joinery.js' })).source)
  } finally {
    await pglite.close()
  }
})

test('failures are one line and a non-zero exit', async () => {
  const cases: [args: string[], code: number, line: RegExp][] = [
    [['pull', '--pglite', 'pgdata', '--schema', 'nope'], 1, /^joinery pull: Schema "nope" does not exist in this database\. Schemas: other, public\.$/],
    [['pull', '--url', 'postgres://someone:s3cret@127.0.0.1:1/nothing'], 1, /^joinery pull: cannot connect to postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nothing: .*ECONNREFUSED/],
    [['pull', '--pglite', 'pgdata', '--out', 'not-a-folder/schema.ts'], 1, /^joinery pull: cannot write not-a-folder\/schema\.ts: ENOTDIR/],
    [['pull', '--pglite', 'nowhere'], 1, /^joinery pull: no PGlite database in nowhere \(no PG_VERSION file there\)$/],
    [['pull'], 2, /^joinery pull: needs --url <postgres url> or --pglite <data dir>\. Run joinery pull --help\.$/],
    [['pull', '--pglite', 'pgdata', '--url', 'postgres://x'], 2, /^joinery pull: give --url or --pglite, not both\./],
    [['pull', '--pglite', 'pgdata', '--casing', 'kebab'], 2, /^joinery pull: --casing must be auto, snake_case or preserve, got "kebab"\./],
    [['pull', '--bogus'], 2, /^joinery pull: unknown option --bogus\. Run joinery pull --help\.$/],
    [['pull', '--out'], 2, /^joinery pull: --out needs a value\./],
    [['push'], 2, /^joinery: unknown command "push"\. Commands: pull\. Run joinery --help\.$/],
  ]
  // One at a time: PGlite is one process per data folder.
  for (const [args, code, line] of cases) {
    const outcome = await joinery(...args)
    expect({ args, code: outcome.code, stdout: outcome.stdout }).toEqual({ args, code, stdout: '' })
    expect(outcome.stderr.endsWith('\n') && outcome.stderr.split('\n').length === 2, outcome.stderr).toBe(true)
    expect(outcome.stderr.trimEnd()).toMatch(line)
  }
}, 120_000)

test.runIf(usingServer)('pull --url reads the server', async () => {
  const schemaName = `joinery_cli_${process.pid}`
  const pg = (await import('pg')).default
  const admin = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 })
  try {
    await admin.query(`create schema "${schemaName}"; create table "${schemaName}".tags (id serial primary key, label text not null unique)`)
    const { code, stdout, stderr } = await joinery('pull', '--url', process.env.DATABASE_URL!, '--schema', schemaName, '--out', 'server.ts')
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '1 table, 0 foreign keys, 0 many-to-many → server.ts\n', stderr: '' })
    expect(readFileSync(join(dir.path, 'server.ts'), 'utf8')).toContain('    label: c.text().unique(),')
  } finally {
    await admin.query(`drop schema if exists "${schemaName}" cascade`)
    await admin.end()
  }
})
