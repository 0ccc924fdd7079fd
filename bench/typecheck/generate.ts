// Generates type-check projects: one schema of N tables (10–15 columns each, FKs between
// neighbours, a junction table every tenth) and queries over it, written for joinery, Kysely
// and drizzle 1.0-rc. Every peer gets the same tables and the same queries.
//
// Query patterns are switchable (--patterns here, JOINERY_PATTERNS in run.ts), to measure one
// kind of query alone or to leave out one that does not type-check yet:
//   npx tsx bench/typecheck/generate.ts --peer joinery --tables 200 --queries 200 --patterns select,join,include
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

export const peers = ['joinery', 'kysely', 'drizzle-rc'] as const
export type Peer = (typeof peers)[number]

/**
 * - `select`: select three columns, where, orderBy, limit — the typical query
 * - `selectOnly`, `whereOnly`: one call each, for the instantiations of a single call
 * - `join`: inner join along a many-to-one relation, columns from both tables
 * - `include`: two-level nested relations (table → children → grandchildren), per-level order/limit
 */
export const patterns = ['select', 'selectOnly', 'whereOnly', 'join', 'include'] as const
export type Pattern = (typeof patterns)[number]

interface Col {
  key: string
  kind: Kind
  nullable: boolean
  /** Index of the referenced table (its `id`). */
  ref?: number
}

interface Tbl {
  index: number
  key: string
  junction: boolean
  cols: Col[]
  /** Many-to-one target through the non-null FK `${key(parent)}Id`. */
  parent?: number
}

type Kind = 'serial' | 'integer' | 'text' | 'boolean' | 'timestamptz' | 'numeric' | 'doublePrecision' | 'bigint' | 'date' | 'jsonb' | 'uuid'

// Every table also has `title` (text, not null): the extra column the queries select.
const fillers: [string, Kind, boolean][] = [
  ['quantity', 'integer', false],
  ['active', 'boolean', false],
  ['dueAt', 'timestamptz', true],
  ['amount', 'numeric', false],
  ['note', 'text', true],
  ['ratio', 'doublePrecision', false],
  ['code', 'text', false],
  ['total', 'bigint', false],
  ['day', 'date', true],
  ['meta', 'jsonb', true],
  ['rank', 'integer', true],
  ['token', 'uuid', false],
]

const tableKey = (i: number) => `item${i}`
const fkKey = (target: number) => `${tableKey(target)}Id`
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
const isJunction = (i: number) => i % 10 === 9

function previousRegular(i: number): number | undefined {
  for (let j = i - 1; j >= 0; j--) if (!isJunction(j)) return j
  return undefined
}

/** The schema model: deterministic for a given size. */
export function model(size: number): Tbl[] {
  const tables: Tbl[] = []
  for (let i = 0; i < size; i++) {
    const cols: Col[] = []
    const width = 10 + (i % 6)
    let parent: number | undefined
    if (isJunction(i)) {
      cols.push({ key: fkKey(i - 1), kind: 'integer', nullable: false, ref: i - 1 })
      cols.push({ key: fkKey(i - 2), kind: 'integer', nullable: false, ref: i - 2 })
      cols.push({ key: 'createdAt', kind: 'timestamptz', nullable: false })
    } else {
      cols.push({ key: 'id', kind: 'serial', nullable: false })
      cols.push({ key: 'name', kind: 'text', nullable: false })
      cols.push({ key: 'createdAt', kind: 'timestamptz', nullable: false })
      parent = previousRegular(i)
      if (parent !== undefined) {
        cols.push({ key: fkKey(parent), kind: 'integer', nullable: false, ref: parent })
        const grand = previousRegular(parent)
        if (grand !== undefined && i % 3 === 0) cols.push({ key: fkKey(grand), kind: 'integer', nullable: true, ref: grand })
      }
    }
    cols.push({ key: 'title', kind: 'text', nullable: false })
    for (let j = 0; cols.length < width; j++) {
      const [word, kind, nullable] = fillers[(i + j) % fillers.length]!
      cols.push({ key: word, kind, nullable })
    }
    tables.push({ index: i, key: tableKey(i), junction: isJunction(i), cols, ...(parent === undefined ? {} : { parent }) })
  }
  return tables
}

/** The next regular table whose parent is `t`: its one-to-many relation `item{c}`. */
function childOf(tables: Tbl[], t: number): number | undefined {
  for (let j = t + 1; j < tables.length && j <= t + 2; j++) if (tables[j]!.parent === t) return j
  return undefined
}

interface Query {
  pattern: Pattern
  table: Tbl
  /** A filler column to select (non-null text or number). */
  extra: Col
  n: number
  parent?: Tbl
  child?: Tbl
  grandchild?: Tbl
}

/**
 * Spreads queries over the schema; each pattern takes the next table where it applies. With
 * `sameTable`, every query starts from where the first one did (the same call again on one table).
 */
export function queries(tables: Tbl[], count: number, kinds: readonly Pattern[], sameTable = false): Query[] {
  const out: Query[] = []
  for (let q = 0; q < count; q++) {
    const pattern = kinds[q % kinds.length]!
    for (let attempt = 0; ; attempt++) {
      const table = tables[((sameTable ? 0 : q * 37) + attempt) % tables.length]!
      if (table.junction) continue
      const extra = table.cols.find((c) => c.key === 'title')!
      if (pattern === 'join') {
        if (table.parent === undefined) continue
        out.push({ pattern, table, extra, n: q, parent: tables[table.parent]! })
      } else if (pattern === 'include') {
        const child = childOf(tables, table.index)
        const grandchild = child === undefined ? undefined : childOf(tables, child)
        if (child === undefined || grandchild === undefined) continue
        out.push({ pattern, table, extra, n: q, child: tables[child]!, grandchild: tables[grandchild]! })
      } else out.push({ pattern, table, extra, n: q })
      break
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// joinery

const joineryKinds: Record<Kind, string> = {
  serial: 'c.serial()',
  integer: 'c.integer()',
  text: 'c.text()',
  boolean: 'c.boolean()',
  timestamptz: 'c.timestamptz()',
  numeric: 'c.numeric({ precision: 12, scale: 2 })',
  doublePrecision: 'c.doublePrecision()',
  bigint: 'c.bigint()',
  date: 'c.date()',
  jsonb: 'c.jsonb<{ tags: string[] }>()',
  uuid: 'c.uuid()',
}

function joinerySchema(tables: Tbl[], lib: string): string {
  const lines = [`import { column as c, createDb, schema, sql, table } from '${lib}'`, `import type { Driver } from '${lib}'`, '']
  lines.push('export const s = schema({')
  for (const t of tables) {
    lines.push(`  ${t.key}: table({`)
    for (const col of t.cols) {
      let expr = joineryKinds[col.kind]
      if (col.key === 'id') expr += '.primaryKey()'
      if (col.key === 'createdAt') expr += '.default(sql`now()`)'
      if (col.ref !== undefined) expr += `.references('${tableKey(col.ref)}.id')`
      if (col.nullable) expr += '.nullable()'
      lines.push(`    ${col.key}: ${expr},`)
    }
    lines.push(t.junction ? `  }).primaryKey('${t.cols[0]!.key}', '${t.cols[1]!.key}'),` : '  }),')
  }
  lines.push("}, { casing: 'snake_case' })", '', 'declare const driver: Driver', 'export const db = createDb(s, { driver })', '')
  return lines.join('\n')
}

function joineryQuery(q: Query): string {
  const t = q.table.key
  switch (q.pattern) {
    case 'selectOnly':
      return `db.selectFrom('${t}').select(['id', 'name', '${q.extra.key}']).execute()`
    case 'whereOnly':
      return `db.selectFrom('${t}').where('id', '>', ${q.n}).execute()`
    case 'select':
      return `db.selectFrom('${t}').select(['id', 'name', '${q.extra.key}']).where('id', '>', ${q.n}).where('name', 'like', 'A%').orderBy('createdAt', 'desc').limit(10).execute()`
    case 'join':
      return `db.selectFrom('${t}').innerJoin('${q.parent!.key}').select(['${t}.id', '${t}.name', '${q.parent!.key}.name as parentName']).where('${q.parent!.key}.id', '>', ${q.n}).orderBy('${t}.id').execute()`
    case 'include':
      return `db.selectFrom('${t}').select(['id', 'name']).where('id', '<', ${q.n}).include('${q.child!.key}', (x) => x.select(['id', 'name']).orderBy('id', 'desc').limit(5).include('${q.grandchild!.key}', (y) => y.select(['id', 'name']))).execute()`
  }
}

// ---------------------------------------------------------------------------------------------
// Kysely

const kyselyKinds: Record<Kind, string> = {
  serial: 'Generated<number>',
  integer: 'number',
  text: 'string',
  boolean: 'boolean',
  timestamptz: 'Date',
  numeric: 'string',
  doublePrecision: 'number',
  bigint: 'string',
  date: 'string',
  jsonb: '{ tags: string[] }',
  uuid: 'string',
}

function kyselySchema(tables: Tbl[]): string {
  const lines = ["import type { Generated, Kysely } from 'kysely'", '', 'export interface DB {']
  for (const t of tables) {
    lines.push(`  ${t.key}: {`)
    for (const col of t.cols) {
      let type = col.key === 'createdAt' ? 'Generated<Date>' : kyselyKinds[col.kind]
      if (col.nullable) type += ' | null'
      lines.push(`    ${snake(col.key)}: ${type}`)
    }
    lines.push('  }')
  }
  lines.push('}', '', 'export declare const db: Kysely<DB>', '')
  return lines.join('\n')
}

function kyselyQuery(q: Query): string {
  const t = q.table.key
  const extra = snake(q.extra.key)
  switch (q.pattern) {
    case 'selectOnly':
      return `db.selectFrom('${t}').select(['id', 'name', '${extra}']).execute()`
    case 'whereOnly':
      return `db.selectFrom('${t}').selectAll().where('id', '>', ${q.n}).execute()`
    case 'select':
      return `db.selectFrom('${t}').select(['id', 'name', '${extra}']).where('id', '>', ${q.n}).where('name', 'like', 'A%').orderBy('created_at', 'desc').limit(10).execute()`
    case 'join': {
      const p = q.parent!.key
      return `db.selectFrom('${t}').innerJoin('${p}', '${p}.id', '${t}.${snake(fkKey(q.parent!.index))}').select(['${t}.id', '${t}.name', '${p}.name as parentName']).where('${p}.id', '>', ${q.n}).orderBy('${t}.id').execute()`
    }
    case 'include': {
      const c = q.child!.key
      const g = q.grandchild!.key
      return (
        `db.selectFrom('${t}').select(['${t}.id', '${t}.name']).where('${t}.id', '<', ${q.n})` +
        `.select((eb) => jsonArrayFrom(eb.selectFrom('${c}').select(['${c}.id', '${c}.name'])` +
        `.select((eb2) => jsonArrayFrom(eb2.selectFrom('${g}').select(['${g}.id', '${g}.name']).whereRef('${g}.${snake(fkKey(q.child!.index))}', '=', '${c}.id')).as('${g}'))` +
        `.whereRef('${c}.${snake(fkKey(q.table.index))}', '=', '${t}.id').orderBy('${c}.id', 'desc').limit(5)).as('${c}')).execute()`
      )
    }
  }
}

// ---------------------------------------------------------------------------------------------
// drizzle 1.0-rc: tables, defineRelations (many-to-one under the target's key, one-to-many
// under the child's key, as joinery names them), relational queries; joins with the core builder.

const drizzleKinds: Record<Kind, (name: string) => string> = {
  serial: (n) => `serial('${n}')`,
  integer: (n) => `integer('${n}')`,
  text: (n) => `text('${n}')`,
  boolean: (n) => `boolean('${n}')`,
  timestamptz: (n) => `timestamp('${n}', { withTimezone: true })`,
  numeric: (n) => `numeric('${n}', { precision: 12, scale: 2 })`,
  doublePrecision: (n) => `doublePrecision('${n}')`,
  bigint: (n) => `bigint('${n}', { mode: 'bigint' })`,
  date: (n) => `date('${n}')`,
  jsonb: (n) => `jsonb('${n}').$type<{ tags: string[] }>()`,
  uuid: (n) => `uuid('${n}')`,
}

function drizzleSchema(tables: Tbl[]): string {
  const lines = [
    "import { defineRelations } from 'drizzle-orm-rc'",
    "import { bigint, boolean, date, doublePrecision, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm-rc/pg-core'",
    "import { drizzle } from 'drizzle-orm-rc/pg-proxy'",
    '',
  ]
  for (const t of tables) {
    lines.push(`export const ${t.key} = pgTable('${snake(t.key)}', {`)
    for (const col of t.cols) {
      let expr = drizzleKinds[col.kind](snake(col.key))
      if (col.key === 'id') expr += '.primaryKey()'
      else if (!col.nullable) expr += '.notNull()'
      if (col.key === 'createdAt') expr += '.defaultNow()'
      if (col.ref !== undefined) expr += `.references(() => ${tableKey(col.ref)}.id)`
      lines.push(`  ${col.key}: ${expr},`)
    }
    lines.push(t.junction ? `}, (t) => [primaryKey({ columns: [t.${t.cols[0]!.key}, t.${t.cols[1]!.key}] })])` : '})')
  }
  lines.push('', `export const relations = defineRelations({ ${tables.map((t) => t.key).join(', ')} }, (r) => ({`)
  const children = new Map<number, Tbl[]>()
  for (const t of tables) if (t.parent !== undefined) children.set(t.parent, [...(children.get(t.parent) ?? []), t])
  for (const t of tables) {
    const entries: string[] = []
    if (t.parent !== undefined) {
      const p = tableKey(t.parent)
      entries.push(`${p}: r.one.${p}({ from: r.${t.key}.${fkKey(t.parent)}, to: r.${p}.id })`)
    }
    for (const c of children.get(t.index) ?? []) entries.push(`${c.key}: r.many.${c.key}({ from: r.${t.key}.id, to: r.${c.key}.${fkKey(t.index)} })`)
    if (entries.length > 0) lines.push(`  ${t.key}: {`, ...entries.map((e) => `    ${e},`), '  },')
  }
  lines.push('}))', '', 'export const db = drizzle(async () => ({ rows: [] }), { relations })', '')
  return lines.join('\n')
}

function drizzleQuery(q: Query): string {
  const t = q.table.key
  switch (q.pattern) {
    case 'selectOnly':
      return `db.query.${t}.findMany({ columns: { id: true, name: true, ${q.extra.key}: true } })`
    case 'whereOnly':
      return `db.query.${t}.findMany({ where: { id: { gt: ${q.n} } } })`
    case 'select':
      return `db.query.${t}.findMany({ columns: { id: true, name: true, ${q.extra.key}: true }, where: { id: { gt: ${q.n} }, name: { like: 'A%' } }, orderBy: { createdAt: 'desc' }, limit: 10 })`
    case 'join': {
      const p = q.parent!.key
      return `db.select({ id: ${t}.id, name: ${t}.name, parentName: ${p}.name }).from(${t}).innerJoin(${p}, eq(${t}.${fkKey(q.parent!.index)}, ${p}.id)).where(gt(${p}.id, ${q.n})).orderBy(${t}.id)`
    }
    case 'include': {
      const c = q.child!.key
      const g = q.grandchild!.key
      return `db.query.${t}.findMany({ columns: { id: true, name: true }, where: { id: { lt: ${q.n} } }, with: { ${c}: { columns: { id: true, name: true }, orderBy: { id: 'desc' }, limit: 5, with: { ${g}: { columns: { id: true, name: true } } } } } })`
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** What the query reads back, so the result type is fully resolved like in real code. */
function readBack(q: Query, peer: Peer): string {
  if (q.pattern === 'join') return 'rows[0]?.parentName'
  if (q.pattern === 'include') return `rows[0]?.${q.child!.key}[0]?.${q.grandchild!.key}[0]?.name`
  if (q.pattern === 'whereOnly') return peer === 'kysely' ? 'rows[0]?.created_at' : 'rows[0]?.createdAt'
  return 'rows[0]?.name'
}

function queriesFile(peer: Peer, list: Query[]): string {
  const imports: Record<Peer, string[]> = {
    joinery: ["import { db } from './schema.js'"],
    kysely: ["import { jsonArrayFrom } from 'kysely/helpers/postgres'", "import { db } from './schema.js'"],
    'drizzle-rc': [
      "import { eq, gt } from 'drizzle-orm-rc'",
      `import { db${[...new Set(list.filter((q) => q.pattern === 'join').flatMap((q) => [q.table.key, q.parent!.key]))].map((k) => `, ${k}`).join('')} } from './schema.js'`,
    ],
  }
  const write = { joinery: joineryQuery, kysely: kyselyQuery, 'drizzle-rc': drizzleQuery }[peer]
  const lines = [...imports[peer], '']
  if (peer === 'kysely' && !list.some((q) => q.pattern === 'include')) lines.splice(0, 1)
  if (peer === 'drizzle-rc' && !list.some((q) => q.pattern === 'join')) lines.splice(0, 1)
  for (const q of list) {
    lines.push(`export async function q${q.n}() {`, `  const rows = await ${write(q)}`, `  return ${readBack(q, peer)}`, '}', '')
  }
  return lines.join('\n')
}

export interface ProjectOptions {
  peer: Peer
  tables: number
  queries: number
  patterns: readonly Pattern[]
  dir: string
  /** The joinery entry point the schema imports (the declaration build of src/index.ts). */
  joineryLib: string
  /** Every query on the first one's table (see `queries`). */
  sameTable?: boolean
}

/** Writes `schema.ts`, `queries.ts` and `tsconfig.json` into `dir` (replacing it). */
export function writeProject(options: ProjectOptions): void {
  const { peer, dir } = options
  const tables = model(options.tables)
  const list = options.queries === 0 ? [] : queries(tables, options.queries, options.patterns, options.sameTable)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const lib = relative(dir, options.joineryLib).replace(/\.d\.ts$/, '.js')
  const schemaText = peer === 'joinery' ? joinerySchema(tables, lib.startsWith('.') ? lib : `./${lib}`) : peer === 'kysely' ? kyselySchema(tables) : drizzleSchema(tables)
  writeFileSync(join(dir, 'schema.ts'), schemaText)
  const files = ['schema.ts']
  if (list.length > 0) {
    writeFileSync(join(dir, 'queries.ts'), queriesFile(peer, list))
    files.push('queries.ts')
  }
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022'],
      types: [],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
    files,
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? undefined : process.argv[i + 1]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const peer = (arg('peer') ?? 'joinery') as Peer
  if (!peers.includes(peer)) throw new Error(`--peer must be one of ${peers.join(', ')}`)
  const chosen = (arg('patterns') ?? 'select').split(',') as Pattern[]
  for (const p of chosen) if (!patterns.includes(p)) throw new Error(`unknown pattern ${p}; known: ${patterns.join(', ')}`)
  const dir = arg('out') ?? join('bench', '.bench-tmp', 'typecheck', 'manual', peer)
  writeProject({
    peer,
    tables: Number(arg('tables') ?? 200),
    queries: Number(arg('queries') ?? 200),
    patterns: chosen,
    dir,
    joineryLib: arg('joinery-lib') ?? join('bench', '.bench-tmp', 'joinery-dts', 'src', 'index.d.ts'),
  })
  console.log(`wrote ${dir}: tsc -p ${dir} --extendedDiagnostics`)
}
