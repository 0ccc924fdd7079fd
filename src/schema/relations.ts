// Relation inference at run time, by the naming rules of API.md §1. The type-level twin is
// types/relations.ts; test/relations-inference.test.ts asserts both give the same names.
import { JoineryError, listNames } from '../errors.js'
import type { ColumnInfo, TableInfo } from './schema.js'

/** How a relation joins: `source.sourceColumn = target.targetColumn`, or through a junction. */
export interface Relation {
  readonly name: string
  readonly source: string
  readonly target: string
  readonly many: boolean
  /** For a single related object: can it be null? */
  readonly nullable: boolean
  /** Where it comes from: `m2o:column`, `back:table.column`, `m2m:junction.column`. */
  readonly id: string
  /** Direct relations: the source table's column and the target table's column that match. */
  readonly sourceColumn: string
  readonly targetColumn: string
  /** Many-to-many: the junction table and its two FK columns (to source, to target). */
  readonly through?: { readonly table: string; readonly sourceColumn: string; readonly targetColumn: string }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

function stripped(key: string): string {
  if (key.endsWith('_id')) return key.slice(0, -3)
  if (key.endsWith('Id')) return key.slice(0, -2)
  return ''
}

const refOf = (col: ColumnInfo): [table: string, column: string] => {
  const [table = '', column = ''] = col.references!.target.split('.')
  return [table, column]
}

const fkColumns = (info: TableInfo) => info.columnList.filter((col) => col.references !== undefined)
const fksTo = (info: TableInfo, target: string) => fkColumns(info).filter((col) => refOf(col)[0] === target)

/** Rule 1: personId → person; reportsTo → reportsToEmployee. */
export function manyToOneName(info: TableInfo, col: ColumnInfo): string {
  const name = stripped(col.key)
  return name === '' || info.columns.has(name) ? `${col.key}${capitalize(refOf(col)[0])}` : name
}

/** Rule 2: the referencing table's key, or `${table}By${Capitalize<m2o name>}` when it is ambiguous. */
function backrefName(from: TableInfo, col: ColumnInfo, target: string): string {
  const plain = from.key !== target && fksTo(from, target).length === 1
  return plain ? from.key : `${from.key}By${capitalize(manyToOneName(from, col))}`
}

function isUniqueFk(info: TableInfo, col: ColumnInfo): boolean {
  return col.unique || (info.primaryKey.length === 1 && info.primaryKey[0] === col.key)
}

function manyToOne(info: TableInfo, col: ColumnInfo, name = manyToOneName(info, col)): Relation {
  const [target, targetColumn] = refOf(col)
  return { name, source: info.key, target, many: false, nullable: col.nullable, id: `m2o:${col.key}`, sourceColumn: col.key, targetColumn }
}

function backref(from: TableInfo, col: ColumnInfo, name: string, many: boolean): Relation {
  const [target, refColumn] = refOf(col)
  return { name, source: target, target: from.key, many, nullable: !many, id: `back:${from.key}.${col.key}`, sourceColumn: refColumn, targetColumn: col.key }
}

function manyToMany(junction: TableInfo, toSource: ColumnInfo, toTarget: ColumnInfo, name: string): Relation {
  const [source, sourceColumn] = refOf(toSource)
  const [target, targetColumn] = refOf(toTarget)
  return {
    name,
    source,
    target,
    many: true,
    nullable: false,
    id: `m2m:${junction.key}.${toSource.key}`,
    sourceColumn,
    targetColumn,
    through: { table: junction.key, sourceColumn: toSource.key, targetColumn: toTarget.key },
  }
}

/** The junction's other FK column when `col` is one of exactly two FK columns forming its primary key. */
function junctionOther(junction: TableInfo, col: ColumnInfo): ColumnInfo | undefined {
  const pk = junction.primaryKey
  if (pk.length !== 2 || !pk.includes(col.key)) return undefined
  const other = junction.columns.get(pk[0] === col.key ? pk[1]! : pk[0]!)
  return other?.references === undefined ? undefined : other
}

/** What `r.one()` / `r.many()` declare in `schema(…, { relations })`. */
export interface ExplicitRelationSpec {
  readonly target: string
  readonly many: boolean
  readonly foreignKey: string | undefined
  readonly through: string | undefined
}

export type ExplicitRelations = Readonly<Record<string, Readonly<Record<string, { readonly '~spec': ExplicitRelationSpec }>>>>

/** Every table's relations: inferred from foreign keys, then the explicit ones applied. */
export function inferRelations(tables: ReadonlyMap<string, TableInfo>, explicit: ExplicitRelations): Map<string, Map<string, Relation>> {
  const inferred = new Map<string, Relation[]>([...tables.keys()].map((key) => [key, []]))
  for (const info of tables.values()) {
    for (const col of fkColumns(info)) {
      const target = refOf(col)[0]
      inferred.get(info.key)!.push(manyToOne(info, col))
      const unique = isUniqueFk(info, col)
      inferred.get(target)!.push(backref(info, col, backrefName(info, col, target), !unique))
    }
  }
  for (const info of tables.values()) inferred.get(info.key)!.push(...manyToManys(info, tables, inferred.get(info.key)!))

  const result = new Map<string, Map<string, Relation>>()
  for (const info of tables.values()) {
    const declared = resolveExplicit(info, tables, explicit[info.key] ?? {})
    const declaredIds = new Set([...declared.values()].map((rel) => rel.id))
    const relations = new Map(declared)
    for (const rel of inferred.get(info.key)!) {
      if (declared.has(rel.name) || declaredIds.has(rel.id)) continue
      const clash = relations.get(rel.name)
      if (clash !== undefined || info.columns.has(rel.name)) throw collision(info, rel, clash)
      relations.set(rel.name, rel)
    }
    result.set(info.key, relations)
  }
  return result
}

function manyToManys(info: TableInfo, tables: ReadonlyMap<string, TableInfo>, taken: readonly Relation[]): Relation[] {
  const byTarget = new Map<string, Relation[]>()
  for (const junction of tables.values()) {
    for (const col of fksTo(junction, info.key)) {
      const other = junctionOther(junction, col)
      if (other === undefined || refOf(other)[0] === info.key) continue // self-junctions are ambiguous
      const target = refOf(other)[0]
      byTarget.set(target, [...(byTarget.get(target) ?? []), manyToMany(junction, col, other, target)])
    }
  }
  const takenNames = new Set([...info.columns.keys(), ...taken.map((rel) => rel.name)])
  return [...byTarget.values()].filter((found) => found.length === 1 && !takenNames.has(found[0]!.name)).map((found) => found[0]!)
}

function describeSource(info: TableInfo, rel: Relation): string {
  if (rel.id.startsWith('m2o:')) return `many-to-one via ${info.key}.${rel.id.slice(4)}`
  if (rel.id.startsWith('back:')) return `the backref of ${rel.id.slice(5)}`
  return `many-to-many through ${rel.through!.table}`
}

function collision(info: TableInfo, rel: Relation, clash: Relation | undefined): JoineryError {
  const first = clash === undefined ? 'a column' : `inferred from ${describeSource(info, clash)}`
  return new JoineryError(
    `Relation name collision: ${info.key}.${rel.name} is ${first} and ${clash === undefined ? '' : 'from '}${describeSource(info, rel)}. ` +
      `Name them in schema({...}, { relations: (r) => ({ ${info.key}: { someName: r.${rel.many ? 'many' : 'one'}('${rel.target}', { foreignKey: '…' }) } }) }).`,
  )
}

function resolveExplicit(info: TableInfo, tables: ReadonlyMap<string, TableInfo>, declared: Readonly<Record<string, { readonly '~spec': ExplicitRelationSpec }>>): Map<string, Relation> {
  const out = new Map<string, Relation>()
  for (const [name, relation] of Object.entries(declared)) {
    const spec = relation?.['~spec']
    if (spec === undefined) throw new JoineryError(`relations: ${info.key}.${name} must be r.one(…) or r.many(…).`)
    const target = tables.get(spec.target)
    if (target === undefined) throw new JoineryError(`relations: ${info.key}.${name} targets unknown table "${spec.target}". Known tables: ${listNames(tables.keys())}.`)
    const where = `relations: ${info.key}.${name}`
    if (spec.through !== undefined) out.set(name, explicitManyToMany(info, target, tables, spec, name, where))
    else if (spec.many) out.set(name, backref(target, pickFk(fksTo(target, info.key), spec.foreignKey, where, target.key), name, true))
    else out.set(name, explicitOne(info, target, spec.foreignKey, name, where))
  }
  return out
}

function pickFk(candidates: ColumnInfo[], foreignKey: string | undefined, where: string, table: string): ColumnInfo {
  const chosen = foreignKey === undefined ? candidates : candidates.filter((col) => col.key === foreignKey)
  if (chosen.length === 1) return chosen[0]!
  if (chosen.length === 0 && candidates.length > 0)
    throw new JoineryError(`${where}: "${foreignKey}" is not a foreign key of ${table} here. Candidates: ${listNames(candidates.map((c) => c.key))}.`)
  if (chosen.length === 0) throw new JoineryError(`${where}: no foreign key of ${table} joins these tables.`)
  throw new JoineryError(`${where}: several foreign keys join these tables (${listNames(chosen.map((c) => c.key))}); say which with { foreignKey }.`)
}

function explicitOne(info: TableInfo, target: TableInfo, foreignKey: string | undefined, name: string, where: string): Relation {
  const own = fksTo(info, target.key)
  const useOwn = foreignKey === undefined ? own.length > 0 : own.some((col) => col.key === foreignKey)
  if (useOwn) return manyToOne(info, pickFk(own, foreignKey, where, info.key), name)
  return backref(target, pickFk(fksTo(target, info.key), foreignKey, where, target.key), name, false)
}

// `foreignKey` picks the junction's column to the source, needed when both point to one table.
function explicitManyToMany(info: TableInfo, target: TableInfo, tables: ReadonlyMap<string, TableInfo>, spec: ExplicitRelationSpec, name: string, where: string): Relation {
  const { through = '', foreignKey } = spec
  const junction = tables.get(through)
  if (junction === undefined) throw new JoineryError(`${where}: unknown junction table "${through}". Known tables: ${listNames(tables.keys())}.`)
  const toSource = pickFk(fksTo(junction, info.key), foreignKey, where, junction.key)
  const toTarget = pickFk(fksTo(junction, target.key).filter((col) => col !== toSource), undefined, where, junction.key)
  return manyToMany(junction, toSource, toTarget, name)
}
