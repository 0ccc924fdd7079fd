// Relations in SQL: the correlated subqueries behind include(), includeCount() and
// whereRelated(), and the ON clauses behind joins along relations.
import { JoineryError, listNames } from '../errors.js'
import type { Relation } from '../schema/relations.js'
import type { CompileContext, Scope, ScopeTable } from './context.js'
import { quoteIdentifier as q } from './quote.js'

/** The relation `name` of the table behind `table`, or a JoineryError listing the valid ones. */
export function findRelation(ctx: CompileContext, table: ScopeTable, name: string): Relation {
  const relations = ctx.schema.relations.get(table.info.key)!
  const relation = relations.get(name)
  if (relation === undefined)
    throw new JoineryError(`Unknown relation "${name}" on table "${table.info.key}". Known relations: ${listNames(relations.keys())}.`)
  return relation
}

const col = (ctx: CompileContext, table: string, key: string) => ctx.table(table).columns.get(key)!.dbName

/**
 * Writes `"target" as "alias" [join junction] where <rows related to the parent row>`: the rows
 * of `relation` that belong to the current row of `parent`.
 */
export function writeRelatedRows(ctx: CompileContext, relation: Relation, parent: ScopeTable, alias: string): void {
  const target = ctx.table(relation.target)
  const parentColumn = `${q(parent.sqlAlias)}.${q(col(ctx, relation.source, relation.sourceColumn))}`
  ctx.append(`${q(target.dbName)} as ${q(alias)}`)
  const { through } = relation
  if (through === undefined) {
    ctx.append(` where ${q(alias)}.${q(col(ctx, relation.target, relation.targetColumn))} = ${parentColumn}`)
    return
  }
  const junction = ctx.table(through.table)
  const junctionAlias = `${alias}_j`
  ctx.append(
    ` inner join ${q(junction.dbName)} as ${q(junctionAlias)} on ${q(junctionAlias)}.${q(col(ctx, through.table, through.targetColumn))} = ` +
      `${q(alias)}.${q(col(ctx, relation.target, relation.targetColumn))}` +
      ` where ${q(junctionAlias)}.${q(col(ctx, through.table, through.sourceColumn))} = ${parentColumn}`,
  )
}

/** Writes the joins that follow `relation` from `parent` to `alias` (two for many-to-many). */
export function writeRelationJoin(ctx: CompileContext, type: 'inner' | 'left', relation: Relation, parent: ScopeTable, alias: string): void {
  const target = ctx.table(relation.target)
  const keyword = type === 'inner' ? 'inner join' : 'left join'
  const parentColumn = `${q(parent.sqlAlias)}.${q(col(ctx, relation.source, relation.sourceColumn))}`
  const targetColumn = `${q(alias)}.${q(col(ctx, relation.target, relation.targetColumn))}`
  const as = target.dbName === alias ? q(alias) : `${q(target.dbName)} as ${q(alias)}`
  const { through } = relation
  if (through === undefined) return ctx.append(` ${keyword} ${as} on ${targetColumn} = ${parentColumn}`)
  const junction = ctx.table(through.table)
  const junctionAlias = `${alias}_j`
  ctx.append(
    ` ${keyword} ${q(junction.dbName)} as ${q(junctionAlias)} on ${q(junctionAlias)}.${q(col(ctx, through.table, through.sourceColumn))} = ${parentColumn}` +
      ` ${keyword} ${as} on ${targetColumn} = ${q(junctionAlias)}.${q(col(ctx, through.table, through.targetColumn))}`,
  )
}

/** The scope of a subquery over `relation`'s target, seen from `parent`. */
export function relatedScope(ctx: CompileContext, relation: Relation, parent: Scope, alias: string): Scope {
  const info = ctx.table(relation.target)
  return { from: info.key, tables: new Map([[info.key, { info, sqlAlias: alias }]]), parent }
}
