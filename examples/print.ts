// Prints rows as a small aligned table, the way the examples show their results.

/** UTC, to the minute (the examples store whole minutes): `2013-01-01 10:00`. */
export const formatDate = (date: Date): string => date.toISOString().slice(0, 16).replace('T', ' ')

function show(value: unknown): string {
  if (value === null) return '-'
  if (value instanceof Date) return formatDate(value)
  if (typeof value === 'object') return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
  return String(value)
}

export function printRows(rows: readonly object[]): void {
  if (rows.length === 0) return console.log('  (no rows)')
  const keys = Object.keys(rows[0]!)
  const cells = rows.map((row) => keys.map((key) => show((row as Record<string, unknown>)[key])))
  const widths = keys.map((key, i) => Math.max(key.length, ...cells.map((line) => line[i]!.length)))
  const line = (values: string[]) => `  ${values.map((v, i) => v.padEnd(widths[i]!)).join('  ')}`.trimEnd()
  console.log(line(keys))
  console.log(line(widths.map((w) => '-'.repeat(w))))
  for (const values of cells) console.log(line(values))
}
