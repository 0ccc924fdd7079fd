// Postgres types → column kinds of the schema DSL. Domains resolve to their base type, arrays
// to their element type; what the DSL has no kind for becomes `column.custom<string>(…)`.
import type { ColumnType, SimpleKind } from './model.js'
import type { TypeRow } from './catalog.js'

/** Built-in types by their pg_catalog name. */
const simple: Readonly<Record<string, SimpleKind>> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'doublePrecision',
  bool: 'boolean',
  text: 'text',
  uuid: 'uuid',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  time: 'time',
  interval: 'interval',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'bytea',
}

/** A column's type, resolved: what to declare, and what to tell the reader about it. */
export interface ResolvedType {
  readonly type: ColumnType
  readonly arrayDimensions: number
  readonly domain: string | undefined
  /**
   * The oid and typmod to ask `format_type` about: for a custom type (its SQL name), or for a
   * kind that drops a detail (`timestamp(3)`: the DSL kind has no precision; the file says so).
   */
  readonly format: { readonly oid: number; readonly typmod: number; readonly use: 'custom' | 'lost' } | undefined
}

const VARHDRSZ = 4

/** Resolves type `oid` with modifier `typmod` (as in pg_attribute) through domains and arrays. */
export function resolveType(types: ReadonlyMap<number, TypeRow>, oid: number, typmod: number): ResolvedType {
  let domain: string | undefined
  let dimensions = 0
  let row = types.get(oid)
  for (let guard = 0; row !== undefined && guard < 32; guard++) {
    if (row.type === 'd') {
      domain ??= row.name
      if (row.baseTypmod >= 0) typmod = row.baseTypmod
      row = types.get(row.base)
    } else if (row.category === 'A' && row.element !== 0 && row.name.startsWith('_')) {
      dimensions++
      row = types.get(row.element)
    } else break
  }
  const done = (type: ColumnType, format?: ResolvedType['format']): ResolvedType => ({ type, arrayDimensions: dimensions, domain, format })
  if (row === undefined) return done({ kind: 'custom', sqlType: 'text' })
  if (row.type === 'e' && row.labels !== null && row.labels.length > 0) return done({ kind: 'enum', name: row.name, values: row.labels })
  if (row.name === 'citext' && row.type === 'b') return done({ kind: 'citext' })
  if (row.schema === 'pg_catalog') {
    const declared = builtin(row.name, typmod)
    if (declared !== undefined) return done(declared.type, declared.lost ? { oid: row.oid, typmod, use: 'lost' } : undefined)
  }
  return done({ kind: 'custom', sqlType: row.name }, { oid: row.oid, typmod, use: 'custom' })
}

function builtin(name: string, typmod: number): { type: ColumnType; lost: boolean } | undefined {
  const modifier = typmod >= 0 ? typmod - VARHDRSZ : undefined
  switch (name) {
    case 'varchar':
      return { type: { kind: 'varchar', length: modifier }, lost: false }
    case 'bpchar':
      return { type: { kind: 'char', length: modifier }, lost: false }
    case 'numeric':
      if (modifier === undefined) return { type: { kind: 'numeric', precision: undefined, scale: undefined }, lost: false }
      // Postgres packs precision in the high 16 bits, scale (signed, 11 bits) in the low ones.
      return { type: { kind: 'numeric', precision: (modifier >> 16) & 0xffff, scale: ((modifier & 0x7ff) ^ 1024) - 1024 }, lost: false }
  }
  const kind = simple[name]
  // timestamp(3), time(0), interval day: the DSL kinds have no precision or fields.
  return kind === undefined ? undefined : { type: { kind }, lost: typmod >= 0 }
}
