// `joinery pull`: the command line over pullSchema. pg and PGlite are optional peer
// dependencies, so they are imported only when asked for, with a clear line when missing.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Driver } from '../driver/driver.js'
import { pgDriver } from '../driver/pg.js'
import type { PgPoolLike } from '../driver/pg.js'
import { pgliteDriver } from '../driver/pglite.js'
import type { PGliteLike } from '../driver/pglite.js'
import { JoineryError } from '../errors.js'
import type { Casing } from '../schema/casing.js'
import { describeSummary, pullSchema } from './pull.js'

/** Where the command writes, and what it reads from its environment. */
export interface CliContext {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
}

const HELP = `joinery pull: write a schema file from a live PostgreSQL database

Usage:
  npx joinery pull --url <postgres url> [options]
  npx joinery pull --pglite <data dir> [options]

Reads the tables, views, columns, primary keys, unique constraints, indexes and foreign keys of
one schema of the database, and writes them as a joinery schema file whose default export is
the schema: export default schema({...}, {...}). Relations come from the foreign keys.

Options:
  --url <url>        A PostgreSQL connection URL: postgres://user:password@host:5432/database.
                     Needs the pg package: npm install pg. Default: the DATABASE_URL variable.
  --pglite <dir>     Read the PGlite database stored in the folder <dir> instead.
                     Needs PGlite: npm install @electric-sql/pglite.
  --schema <name>    The PostgreSQL schema to read. Default: public.
  --out <file>       The file to write ('-' writes to standard output). Its folder is created
                     when missing. Default: src/db/schema.ts.
  --casing <mode>    How keys are named: snake_case (camelCase keys for snake_case names, with
                     casing: 'snake_case'), preserve (keys are the database names), or auto
                     (the default: snake_case when most names fit it).
  --import <module>  The module the file imports the DSL from. Default: joinery.
  -h, --help         Show this help.

It prints one line: "11 tables, 11 foreign keys, 1 many-to-many → src/db/schema.ts".
Exit status: 0 when the file is written, 1 when the database cannot be read or the file cannot
be written, 2 for a mistake on the command line.
`

const TOP_HELP = `joinery: a TypeScript query builder for PostgreSQL

Commands:
  joinery pull   write a schema file from a live database (joinery pull --help)
`

interface PullArguments {
  url: string | undefined
  pglite: string | undefined
  schema: string
  out: string
  casing: Casing | 'auto'
  importFrom: string
}

class UsageError extends Error {}

const VALUED = new Set(['--url', '--pglite', '--schema', '--out', '--casing', '--import'])

function parsePull(argv: readonly string[], env: CliContext['env']): PullArguments | 'help' {
  const values = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '-h' || arg === '--help') return 'help'
    const [flag = '', inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    if (!VALUED.has(flag)) throw new UsageError(arg.startsWith('-') ? `unknown option ${flag}` : `unexpected argument "${arg}"`)
    const value = inline ?? argv[++i]
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`)
    if (values.has(flag)) throw new UsageError(`${flag} is given twice`)
    values.set(flag, value)
  }
  if (values.has('--url') && values.has('--pglite')) throw new UsageError('give --url or --pglite, not both')
  const casing = values.get('--casing') ?? 'auto'
  if (casing !== 'auto' && casing !== 'snake_case' && casing !== 'preserve') throw new UsageError(`--casing must be auto, snake_case or preserve, got "${casing}"`)
  const fromEnv = values.has('--pglite') ? undefined : env.DATABASE_URL || undefined
  const url = values.get('--url') ?? fromEnv
  const pglite = values.get('--pglite')
  if (url === undefined && pglite === undefined) throw new UsageError('needs --url <postgres url> or --pglite <data dir>')
  return { url, pglite, schema: values.get('--schema') ?? 'public', out: values.get('--out') ?? 'src/db/schema.ts', casing, importFrom: values.get('--import') ?? 'joinery' }
}

/** Hides the password of a connection URL before it is printed. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@')
}

/** The most telling text of an error (a failed connect is an AggregateError with no message). */
function describe(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown; errors?: unknown } | null
  if (typeof e?.message === 'string' && e.message !== '') return e.message
  if (Array.isArray(e?.errors) && e.errors.length > 0) return describe(e.errors[0])
  if (typeof e?.code === 'string') return e.code
  return String(error)
}

// A variable specifier: the compiler does not look for the optional package's types.
const load = (specifier: string): Promise<unknown> => import(specifier)

async function connect(args: PullArguments, cwd: string): Promise<Driver> {
  if (args.pglite !== undefined) {
    const dir = resolve(cwd, args.pglite)
    if (!existsSync(join(dir, 'PG_VERSION'))) throw new JoineryError(`no PGlite database in ${args.pglite} (no PG_VERSION file there)`)
    const module = (await load('@electric-sql/pglite').catch(() => undefined)) as { PGlite?: new (dir: string) => PGliteLike & { waitReady: Promise<void> } } | undefined
    if (module?.PGlite === undefined) throw new JoineryError('--pglite needs the @electric-sql/pglite package: npm install @electric-sql/pglite')
    const pglite = new module.PGlite(dir)
    const driver = pgliteDriver(pglite)
    await pglite.waitReady.catch(async (error: unknown) => {
      await driver.destroy().catch(() => undefined)
      throw new JoineryError(`cannot open the PGlite database in ${args.pglite}: ${describe(error)}`)
    })
    return driver
  }
  const url = args.url!
  type Pool = PgPoolLike & { on(event: 'error', listener: () => void): void }
  const module = (await load('pg').catch(() => undefined)) as { default?: { Pool?: new (config: object) => Pool } } | undefined
  const Pool = module?.default?.Pool
  if (Pool === undefined) throw new JoineryError('--url needs the pg package: npm install pg')
  const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 15_000 })
  pool.on('error', () => undefined) // an idle connection that drops is not this command's failure
  const driver = pgDriver(pool)
  try {
    ;(await driver.acquire()).release(false)
  } catch (error) {
    await driver.destroy().catch(() => undefined)
    throw new JoineryError(`cannot connect to ${redactUrl(url)}: ${describe(error)}`)
  }
  return driver
}

async function pull(args: PullArguments, context: CliContext): Promise<number> {
  const driver = await connect(args, context.cwd)
  let file
  try {
    file = await pullSchema(driver, { schema: args.schema, casing: args.casing, importFrom: args.importFrom })
  } finally {
    await driver.destroy().catch(() => undefined)
  }
  const summary = describeSummary(file.summary)
  if (args.out === '-') {
    context.stdout(file.source)
    context.stderr(`${summary}\n`)
    return 0
  }
  const path = resolve(context.cwd, args.out)
  try {
    makeFolder(dirname(path))
    writeFileSync(path, file.source)
  } catch (error) {
    throw new JoineryError(`cannot write ${args.out}: ${describe(error)}`)
  }
  context.stdout(`${summary} → ${args.out}\n`)
  return 0
}

// mkdir -p one level at a time: a recursive mkdirSync spins forever under /proc (Node 20).
function makeFolder(path: string): void {
  if (existsSync(path)) return
  const parent = dirname(path)
  if (parent !== path) makeFolder(parent)
  mkdirSync(path)
}

const processContext = (): CliContext => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
})

/** Runs the command line `argv` (without node and the script); resolves to the exit status. */
export async function main(argv: readonly string[], context: CliContext = processContext()): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    context[command === undefined ? 'stderr' : 'stdout'](`${TOP_HELP}\n${HELP}`)
    return command === undefined ? 2 : 0
  }
  if (command !== 'pull') {
    context.stderr(`joinery: unknown command "${command}". Commands: pull. Run joinery --help.\n`)
    return 2
  }
  let args: PullArguments | 'help'
  try {
    args = parsePull(rest, context.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    context.stderr(`joinery pull: ${error.message}. Run joinery pull --help.\n`)
    return 2
  }
  if (args === 'help') {
    context.stdout(HELP)
    return 0
  }
  try {
    return await pull(args, context)
  } catch (error) {
    context.stderr(`joinery pull: ${describe(error)}\n`)
    return 1
  }
}
