// `joinery pull` without the command line: database → model → planned file → source text,
// with the planned file replayed on schema() so that what is written is known to be accepted.
import type { Driver } from '../driver/driver.js'
import type { Schema } from '../schema/schema.js'
import { buildSchema, buildTables, tableInfos } from './build.js'
import type { ReflectedSchema } from './model.js'
import { planSchema } from './plan.js'
import type { PlanOptions } from './plan.js'
import { printSchema } from './printer.js'
import type { PrintOptions } from './printer.js'
import { reflectSchema } from './reflect.js'
import type { ReflectOptions } from './reflect.js'
import { resolveRelationNames } from './relation-names.js'

export interface PullOptions extends ReflectOptions, PlanOptions, PrintOptions {}

export interface PullSummary {
  readonly tables: number
  readonly views: number
  readonly foreignKeys: number
  /** Junction tables that give a many-to-many relation. */
  readonly manyToMany: number
}

export interface SchemaFile {
  /** The TypeScript source of the schema file. */
  readonly source: string
  readonly summary: PullSummary
  /** The schema the file declares, built by schema() from the same calls. */
  readonly schema: Schema
}

/** Writes the schema file for a model read by `reflectSchema`. */
export function schemaFile(model: ReflectedSchema, options: PlanOptions & PrintOptions = {}): SchemaFile {
  const plan = planSchema(model, options)
  const tables = buildTables(plan)
  const { entries } = resolveRelationNames(tableInfos(tables, plan.casing))
  const schema = buildSchema(tables, plan.casing, entries)
  const junctions = new Set([...schema.meta.relations.values()].flatMap((rels) => [...rels.values()].flatMap((rel) => (rel.through === undefined ? [] : [rel.through.table]))))
  const summary = {
    tables: plan.tables.filter((t) => !t.view).length,
    views: plan.tables.filter((t) => t.view).length,
    foreignKeys: model.tables.reduce((n, t) => n + t.foreignKeys.length, 0),
    manyToMany: junctions.size,
  }
  return { source: printSchema(plan, entries, schema.meta.relations, options), summary, schema }
}

/** Reads a schema of the database and writes its schema file. */
export async function pullSchema(driver: Pick<Driver, 'acquire'>, options: PullOptions = {}): Promise<SchemaFile> {
  return schemaFile(await reflectSchema(driver, options), options)
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** "11 tables, 11 foreign keys, 1 many-to-many" (views only when there are some). */
export function describeSummary(summary: PullSummary): string {
  const parts = [count(summary.tables, 'table')]
  if (summary.views > 0) parts.push(count(summary.views, 'view'))
  parts.push(count(summary.foreignKeys, 'foreign key'), count(summary.manyToMany, 'many-to-many', 'many-to-many'))
  return parts.join(', ')
}
