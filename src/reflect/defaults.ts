// A column default as Postgres prints it → what the schema file declares: a plain value when the
// expression is a constant of the column's own type (`.default(0)`, `.default('draft')`), the
// SQL otherwise (`.default(sql\`now()\`)`). createTablesSql writes both back as Postgres stored them.
import type { ColumnType } from './model.js'

/** `{ value }` to print as a literal, `{ sql }` to print as a `sql` fragment. */
export type DefaultValue = { readonly value: number | bigint | boolean | string } | { readonly sql: string }

const NUMBER = /^-?\d+(\.\d+)?$/
// '-1'::integer, '12.50'::numeric: how Postgres prints a negative or cast numeric constant.
const QUOTED_NUMBER = /^'(-?\d+(?:\.\d+)?)'::(?:integer|bigint|smallint|numeric|real|double precision)$/
// 'draft'::status, 'it''s'::text, 'x'::character varying(20): a string constant and its type.
const STRING = /^'((?:[^']|'')*)'::([\w ."]+(?:\(\d+(?:,\d+)?\))?)$/
const DATE = /^\d{4,}-\d\d-\d\d$/

// The cast Postgres prints after a string constant of each kind (an enum's is its own name).
const casts: Readonly<Record<string, string>> = {
  text: 'text',
  varchar: 'character varying',
  char: 'bpchar',
  uuid: 'uuid',
  citext: 'citext',
  time: 'time without time zone',
  interval: 'interval',
  date: 'date',
}

/** Reads default expression `expression` of a column of type `type` (arrays keep their SQL). */
export function readDefault(expression: string, type: ColumnType, arrayDimensions: number): DefaultValue {
  const sqlDefault = { sql: expression }
  if (arrayDimensions > 0) return sqlDefault
  const { kind } = type
  if (kind === 'boolean') return expression === 'true' || expression === 'false' ? { value: expression === 'true' } : sqlDefault
  const number = NUMBER.test(expression) ? expression : QUOTED_NUMBER.exec(expression)?.[1]
  if (number !== undefined) {
    if (kind === 'numeric') return { value: number }
    if (kind === 'bigint' && !number.includes('.')) return { value: BigInt(number) }
    if (kind === 'real' || kind === 'doublePrecision') return { value: Number(number) }
    if ((kind === 'integer' || kind === 'smallint') && Number.isSafeInteger(Number(number))) return { value: Number(number) }
    return sqlDefault
  }
  const string = STRING.exec(expression)
  const cast = string?.[2]?.replace(/\(.*$/, '')
  if (string === null || cast === undefined || !(kind === 'enum' || casts[kind] === cast)) return sqlDefault
  const text = string[1]!.replace(/''/g, "'")
  if (type.kind === 'enum' && !type.values.includes(text)) return sqlDefault
  if (kind === 'date' && !DATE.test(text)) return sqlDefault
  return { value: text }
}
