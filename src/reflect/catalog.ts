// The catalog queries of `joinery pull`. Each one returns a single JSON document (json_agg),
// so the rows read the same through every driver: they all hand back Postgres text.
import type { Connection } from '../driver/driver.js'

export interface RelationRow {
  readonly oid: number
  readonly name: string
  /** pg_class.relkind: r table, p partitioned table, v view, m materialized view. */
  readonly kind: 'r' | 'p' | 'v' | 'm'
  readonly comment: string | null
}

export interface ColumnRow {
  readonly rel: number
  readonly num: number
  readonly name: string
  readonly notNull: boolean
  readonly type: number
  readonly typmod: number
  /** pg_attribute.attidentity: '' none, 'a' always, 'd' by default. */
  readonly identity: string
  /** pg_attribute.attgenerated: '' none, 's' stored. */
  readonly generated: string
  readonly default: string | null
  readonly comment: string | null
  /** The sequence owned by this column (serial and identity columns), qualified. */
  readonly sequence: string | null
}

export interface ConstraintRow {
  readonly rel: number
  readonly name: string
  /** p primary key, u unique, f foreign key, c check, x exclusion. */
  readonly type: 'p' | 'u' | 'f' | 'c' | 'x'
  readonly columns: readonly number[] | null
  readonly targetSchema: string | null
  readonly targetTable: string | null
  readonly targetColumns: readonly string[] | null
  readonly onDelete: string
  readonly onUpdate: string
  readonly definition: string
}

export interface IndexRow {
  readonly rel: number
  readonly name: string
  readonly unique: boolean
  /** Attribute numbers of the key columns; 0 stands for an expression. */
  readonly columns: readonly number[]
  readonly includes: number
  readonly partial: boolean
  readonly method: string
  /** Per key column: 0 unless DESC or NULLS FIRST was asked for. */
  readonly options: readonly number[]
  /** Backs a primary key, unique or exclusion constraint (read from pg_constraint instead). */
  readonly constraint: boolean
  readonly definition: string
}

export interface TypeRow {
  readonly oid: number
  readonly name: string
  readonly schema: string
  /** pg_type.typtype: b base, d domain, e enum, c composite, r range, m multirange, p pseudo. */
  readonly type: string
  readonly category: string
  readonly element: number
  readonly base: number
  readonly baseTypmod: number
  readonly labels: readonly string[] | null
}

const RELATIONS = `
select coalesce(json_agg(json_build_object('oid', c.oid::int8, 'name', c.relname, 'kind', c.relkind,
  'comment', obj_description(c.oid, 'pg_class'))), '[]')
from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm') and not c.relispartition`

const COLUMNS = `
select coalesce(json_agg(json_build_object('rel', a.attrelid::int8, 'num', a.attnum, 'name', a.attname,
  'notNull', a.attnotnull, 'type', a.atttypid::int8, 'typmod', a.atttypmod,
  'identity', a.attidentity::text, 'generated', a.attgenerated::text,
  'default', pg_catalog.pg_get_expr(d.adbin, d.adrelid), 'comment', pg_catalog.col_description(a.attrelid, a.attnum),
  'sequence', case when c.relkind in ('r', 'p') then pg_catalog.pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) end)
  order by a.attrelid, a.attnum), '[]')
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm') and not c.relispartition and a.attnum > 0 and not a.attisdropped`

const CONSTRAINTS = `
select coalesce(json_agg(json_build_object('rel', k.conrelid::int8, 'name', k.conname, 'type', k.contype,
  'columns', k.conkey, 'targetSchema', tn.nspname, 'targetTable', t.relname,
  'targetColumns', (select json_agg(ta.attname order by u.i) from unnest(k.confkey) with ordinality u(num, i)
    join pg_catalog.pg_attribute ta on ta.attrelid = k.confrelid and ta.attnum = u.num),
  'onDelete', k.confdeltype::text, 'onUpdate', k.confupdtype::text,
  'definition', pg_catalog.pg_get_constraintdef(k.oid)) order by k.conrelid, k.conname), '[]')
from pg_catalog.pg_constraint k
join pg_catalog.pg_class c on c.oid = k.conrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_class t on t.oid = k.confrelid
left join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
where n.nspname = $1 and k.contype in ('p', 'u', 'f', 'c', 'x')`

const INDEXES = `
select coalesce(json_agg(json_build_object('rel', i.indrelid::int8, 'name', ic.relname, 'unique', i.indisunique,
  'columns', (i.indkey::int2[])[0:i.indnkeyatts - 1], 'includes', i.indnatts - i.indnkeyatts,
  'partial', i.indpred is not null, 'method', am.amname, 'options', i.indoption::int2[],
  'constraint', exists (select 1 from pg_catalog.pg_constraint k where k.conindid = i.indexrelid
    and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x')),
  'definition', pg_catalog.pg_get_indexdef(i.indexrelid)) order by i.indrelid, ic.relname), '[]')
from pg_catalog.pg_index i
join pg_catalog.pg_class ic on ic.oid = i.indexrelid
join pg_catalog.pg_am am on am.oid = ic.relam
join pg_catalog.pg_class c on c.oid = i.indrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = $1 and not c.relispartition`

const TYPES = `
select coalesce(json_agg(json_build_object('oid', t.oid::int8, 'name', t.typname, 'schema', n.nspname,
  'type', t.typtype::text, 'category', t.typcategory::text, 'element', t.typelem::int8, 'base', t.typbasetype::int8,
  'baseTypmod', t.typtypmod,
  'labels', (select json_agg(e.enumlabel order by e.enumsortorder) from pg_catalog.pg_enum e where e.enumtypid = t.oid))), '[]')
from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
where t.oid = any($1::oid[])`

const FORMAT_TYPES = `
select coalesce(json_agg(pg_catalog.format_type(x.oid, x.typmod) order by x.i), '[]')
from unnest($1::oid[], $2::int4[]) with ordinality x(oid, typmod, i)`

async function json<T>(connection: Connection, sql: string, parameters: readonly (string | null)[]): Promise<T> {
  const { rows } = await connection.query(sql, parameters)
  return JSON.parse(rows[0]?.[0] ?? '[]') as T
}

const arrayLiteral = (numbers: readonly number[]) => `{${numbers.join(',')}}`

export interface CatalogRows {
  readonly relations: readonly RelationRow[]
  readonly columns: readonly ColumnRow[]
  readonly constraints: readonly ConstraintRow[]
  readonly indexes: readonly IndexRow[]
}

/** Reads the tables, views, columns, constraints and indexes of one Postgres schema. */
export async function readCatalog(connection: Connection, schema: string): Promise<CatalogRows> {
  return {
    relations: await json<RelationRow[]>(connection, RELATIONS, [schema]),
    columns: await json<ColumnRow[]>(connection, COLUMNS, [schema]),
    constraints: await json<ConstraintRow[]>(connection, CONSTRAINTS, [schema]),
    indexes: await json<IndexRow[]>(connection, INDEXES, [schema]),
  }
}

/** Reads `oids` and every type they lead to (a domain's base type, an array's element type). */
export async function readTypes(connection: Connection, oids: Iterable<number>): Promise<Map<number, TypeRow>> {
  const types = new Map<number, TypeRow>()
  let wanted = [...new Set(oids)]
  while (wanted.length > 0) {
    for (const row of await json<TypeRow[]>(connection, TYPES, [arrayLiteral(wanted)])) types.set(row.oid, row)
    const next = [...types.values()].flatMap((t) => [t.base, t.element]).filter((oid) => oid !== 0 && !types.has(oid))
    wanted = [...new Set(next)]
  }
  return types
}

/** `format_type(oid, typmod)` for each pair: how Postgres spells the type, `bit(8)`, `public.vector(3)`. */
export async function formatTypes(connection: Connection, pairs: readonly (readonly [oid: number, typmod: number])[]): Promise<string[]> {
  if (pairs.length === 0) return []
  return json<string[]>(connection, FORMAT_TYPES, [arrayLiteral(pairs.map((p) => p[0])), arrayLiteral(pairs.map((p) => p[1]))])
}

/** The schemas a user may pull from, for the message when the one asked for does not exist. */
export async function schemaNames(connection: Connection): Promise<string[]> {
  return json<string[]>(
    connection,
    `select coalesce(json_agg(nspname order by nspname), '[]') from pg_catalog.pg_namespace
     where nspname <> 'information_schema' and nspname not like 'pg\\_%'`,
    [],
  )
}
