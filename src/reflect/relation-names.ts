// Which `relations` entries a pulled schema needs: none, unless two inferred relations (or a
// relation and a column) land on one name. Those get an explicit relation over the same foreign
// key under a free name, and the result is checked with inferRelations itself, so the file the
// printer writes is the one schema() accepts.
import { JoineryError } from '../errors.js'
import { inferRelations, manyToOneName } from '../schema/relations.js'
import type { ExplicitRelations, Relation } from '../schema/relations.js'
import type { ColumnInfo, TableInfo } from '../schema/schema.js'

/** One `relations` entry: `table: { name: r.one|r.many(target, { foreignKey }) }`. */
export interface ExplicitEntry {
  readonly table: string
  readonly name: string
  readonly target: string
  readonly many: boolean
  readonly foreignKey: string
}

/** An inferred relation as the naming rules of API.md §1 give it, before collisions are checked. */
interface Candidate {
  readonly name: string
  readonly kind: 'm2o' | 'back'
  /** The table holding the foreign key, and the key's column. */
  readonly from: TableInfo
  readonly column: ColumnInfo
  readonly target: string
  readonly unique: boolean
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const targetOf = (col: ColumnInfo) => col.references!.target.split('.')[0]!
const fkColumns = (info: TableInfo) => info.columnList.filter((col) => col.references !== undefined)

function isUniqueFk(info: TableInfo, col: ColumnInfo): boolean {
  return col.unique || (info.primaryKey.length === 1 && info.primaryKey[0] === col.key)
}

/** Per table, its inferred one-hop relations in the order inferRelations meets them. */
function candidates(tables: ReadonlyMap<string, TableInfo>): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>([...tables.keys()].map((key) => [key, []]))
  for (const info of tables.values()) {
    for (const col of fkColumns(info)) {
      const target = targetOf(col)
      const m2o = manyToOneName(info, col)
      const plain = info.key !== target && fkColumns(info).filter((c) => targetOf(c) === target).length === 1
      const unique = isUniqueFk(info, col)
      out.get(info.key)!.push({ name: m2o, kind: 'm2o', from: info, column: col, target, unique })
      out.get(target)!.push({ name: plain ? info.key : `${info.key}By${capitalize(m2o)}`, kind: 'back', from: info, column: col, target, unique })
    }
  }
  return out
}

/**
 * The explicit relations that make every relation name of `tables` distinct, and the relations
 * schema() will then have (inferred ones included), per table key.
 */
export function resolveRelationNames(tables: ReadonlyMap<string, TableInfo>): { entries: ExplicitEntry[]; relations: Map<string, Map<string, Relation>> } {
  const entries: ExplicitEntry[] = []
  for (const [key, list] of candidates(tables)) {
    const info = tables.get(key)!
    const holders = new Map<string, Candidate>()
    const renamed = new Set<Candidate>()
    for (const rel of list) {
      const holder = holders.get(rel.name)
      if (holder === undefined && !info.columns.has(rel.name)) {
        holders.set(rel.name, rel)
        continue
      }
      // Keep a many-to-one's natural name (`artist`); rename the backref it collides with.
      if (holder !== undefined && rel.kind === 'm2o' && holder.kind === 'back') {
        renamed.add(holder)
        holders.set(rel.name, rel)
      } else renamed.add(rel)
    }
    const taken = new Set([...info.columns.keys(), ...holders.keys(), ...tables.keys()])
    for (const rel of renamed) {
      const name = freeName(rel, taken)
      taken.add(name)
      entries.push({
        table: key,
        name,
        target: rel.kind === 'm2o' ? rel.target : rel.from.key,
        many: rel.kind === 'back' && !rel.unique,
        foreignKey: rel.column.key,
      })
    }
  }
  try {
    return { entries, relations: inferRelations(tables, explicitRelations(entries)) }
  } catch (error) {
    if (!(error instanceof JoineryError)) throw error
    throw new JoineryError(`joinery pull could not give every relation a distinct name: ${error.message}`)
  }
}

function freeName(rel: Candidate, taken: ReadonlySet<string>): string {
  const m2o = manyToOneName(rel.from, rel.column)
  const first =
    rel.kind === 'm2o'
      ? [`${rel.column.key}${capitalize(rel.target)}`]
      : [`${rel.from.key}By${capitalize(m2o)}`, `${rel.from.key}By${capitalize(rel.column.key)}`]
  for (const name of first) if (!taken.has(name)) return name
  const base = first[0]!
  let n = 2
  while (taken.has(`${base}${n}`)) n++
  return `${base}${n}`
}

/** The runtime shape `relations: (r) => …` returns, for checking with inferRelations. */
function explicitRelations(entries: readonly ExplicitEntry[]): ExplicitRelations {
  const out: Record<string, Record<string, { '~spec': { target: string; many: boolean; foreignKey: string; through: undefined } }>> = {}
  for (const entry of entries)
    (out[entry.table] ??= {})[entry.name] = { '~spec': { target: entry.target, many: entry.many, foreignKey: entry.foreignKey, through: undefined } }
  return out
}
