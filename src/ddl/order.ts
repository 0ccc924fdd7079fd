// The order tables are created in: every table after the tables it references, in the schema's
// own order otherwise. A cycle (a → b → a) cannot be ordered: one of its tables is created
// first, and its foreign keys to tables not created yet are added afterwards, with ALTER TABLE.
import type { ColumnInfo, TableInfo } from '../schema/schema.js'

export interface ForeignKey {
  readonly table: TableInfo
  readonly column: ColumnInfo
  readonly target: TableInfo
  readonly targetColumn: ColumnInfo
}

export interface CreationOrder {
  readonly tables: readonly TableInfo[]
  /** Foreign keys to a table created later (cycles): added once every table exists. */
  readonly deferred: readonly ForeignKey[]
}

/** The foreign keys of `info`, resolved to tables and columns of `tables`. */
export function foreignKeys(info: TableInfo, tables: ReadonlyMap<string, TableInfo>): ForeignKey[] {
  return info.columnList.flatMap((column) => {
    if (column.references === undefined) return []
    const [targetKey = '', targetColumnKey = ''] = column.references.target.split('.')
    const target = tables.get(targetKey)
    const targetColumn = target?.columns.get(targetColumnKey)
    return target === undefined || targetColumn === undefined ? [] : [{ table: info, column, target, targetColumn }]
  })
}

export function creationOrder(tables: ReadonlyMap<string, TableInfo>): CreationOrder {
  const remaining = [...tables.values()]
  const created = new Set<string>()
  const order: TableInfo[] = []
  const deferred: ForeignKey[] = []
  const waitsFor = (info: TableInfo) => foreignKeys(info, tables).filter((fk) => fk.target !== info && !created.has(fk.target.key))
  while (remaining.length > 0) {
    const ready = remaining.findIndex((info) => waitsFor(info).length === 0)
    const index = ready !== -1 ? ready : remaining.indexOf(onCycle(remaining[0]!, waitsFor))
    const [next] = remaining.splice(index, 1)
    deferred.push(...waitsFor(next!))
    created.add(next!.key)
    order.push(next!)
  }
  return { tables: order, deferred }
}

/** Every remaining table waits for another: walking the waits from `start` ends up going round a cycle. */
function onCycle(start: TableInfo, waitsFor: (info: TableInfo) => ForeignKey[]): TableInfo {
  const seen = new Set<TableInfo>()
  let current = start
  while (!seen.has(current)) {
    seen.add(current)
    current = waitsFor(current)[0]!.target
  }
  return current
}
