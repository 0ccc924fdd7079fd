import type { AssignmentNode, DeleteNode, InsertNode, ReturningNode, UpdateNode, WriteNode } from '../ast/write.js'
import { JoineryError } from '../errors.js'
import type { TableInfo } from '../schema/schema.js'
import type { CompileContext, Scope } from './context.js'
import { compileExpression } from './expression.js'
import { quoteIdentifier as q } from './quote.js'
import { compileSelect, writeSelections } from './select.js'
import type { OutputColumn } from './select.js'

type Writers = { [K in WriteNode['kind']]: (node: Extract<WriteNode, { kind: K }>, ctx: CompileContext) => OutputColumn[] }

/** Writes an insert, update or delete; returns how to decode its `returning` columns. */
export function compileWrite(node: WriteNode, ctx: CompileContext): OutputColumn[] {
  return (writers[node.kind] as (n: WriteNode, c: CompileContext) => OutputColumn[])(node, ctx)
}

function tableScope(ctx: CompileContext, key: string): Scope {
  const info = ctx.table(key)
  return { from: key, tables: new Map([[key, { info, sqlAlias: info.dbName }]]), parent: undefined }
}

function column(info: TableInfo, key: string): string {
  const col = info.columns.get(key)
  if (col === undefined) throw new JoineryError(`Unknown column "${key}" on table "${info.key}". Known columns: ${[...info.columns.keys()].join(', ')}.`)
  return q(col.dbName)
}

function writeAssignments(set: readonly AssignmentNode[], ctx: CompileContext, scope: Scope): void {
  const info = scope.tables.get(scope.from)!.info
  set.forEach((assignment, i) => {
    ctx.append(`${i > 0 ? ', ' : ''}${column(info, assignment.column)} = `)
    compileExpression(assignment.value, ctx, scope)
  })
}

function writeWhere(node: UpdateNode | DeleteNode, ctx: CompileContext, scope: Scope, verb: string): void {
  if (node.where !== undefined) {
    ctx.append(' where ')
    compileExpression(node.where, ctx, scope)
  } else if (!node.allRows)
    throw new JoineryError(`${verb}('${node.table}') without where() would change every row: add .where(…), or .allRows() if that is what you mean.`)
}

function writeReturning(returning: ReturningNode, ctx: CompileContext, scope: Scope): OutputColumn[] {
  if (returning === undefined) return []
  ctx.append(' returning ')
  return writeSelections(returning, ctx, scope)
}

const writers: Writers = {
  Insert(node: InsertNode, ctx) {
    const scope = tableScope(ctx, node.table)
    const info = scope.tables.get(node.table)!.info
    // Rows that give no column at all: every column takes its default.
    const columns = node.columns.length > 0 || node.rows === undefined ? node.columns : [info.columnList[0]!.key]
    if (columns.length === 0 || (node.columns.length === 0 && node.rows!.length === 1)) ctx.append(`insert into ${q(info.dbName)} default values`)
    else ctx.append(`insert into ${q(info.dbName)} (${columns.map((key) => column(info, key)).join(', ')})`)
    if (node.select !== undefined) {
      ctx.append(' ')
      compileSelect(node.select, ctx)
    } else if (node.columns.length > 0 || node.rows!.length > 1) {
      ctx.append(' values ')
      node.rows!.forEach((row, r) => {
        ctx.append(r > 0 ? ', (' : '(')
        if (row.length === 0) ctx.append('default')
        row.forEach((cell, i) => {
          if (i > 0) ctx.append(', ')
          if (cell === undefined) ctx.append('default')
          else compileExpression(cell, ctx, scope)
        })
        ctx.append(')')
      })
    }
    const { onConflict } = node
    if (onConflict !== undefined) {
      ctx.append(` on conflict (${onConflict.columns.map((key) => column(info, key)).join(', ')}) do `)
      if (onConflict.set === undefined) ctx.append('nothing')
      else {
        ctx.append('update set ')
        writeAssignments(onConflict.set, ctx, scope)
      }
    }
    return writeReturning(node.returning, ctx, scope)
  },

  Update(node: UpdateNode, ctx) {
    const scope = tableScope(ctx, node.table)
    ctx.append(`update ${q(scope.tables.get(node.table)!.info.dbName)} set `)
    writeAssignments(node.set, ctx, scope)
    writeWhere(node, ctx, scope, 'updateTable')
    return writeReturning(node.returning, ctx, scope)
  },

  Delete(node: DeleteNode, ctx) {
    const scope = tableScope(ctx, node.table)
    ctx.append(`delete from ${q(scope.tables.get(node.table)!.info.dbName)}`)
    writeWhere(node, ctx, scope, 'deleteFrom')
    return writeReturning(node.returning, ctx, scope)
  },
}
