// The codec of an expression, derived from its shape: how a selected expression is decoded and
// whether it must be cast to text inside nested JSON. Unknown shapes decode by type OID.
import type { ExpressionNode } from '../ast/expression.js'
import { codecs, stringCodec, untypedCodec } from '../schema/codecs.js'
import type { Codec } from '../schema/codecs.js'
import { resolveRef } from './context.js'
import type { CompileContext, Scope } from './context.js'
import { scalarCodec } from './select.js'

const countCodec = codecs.int8('number')
const int8Codec = codecs.int8('bigint')
const numericCodec = codecs.numeric('numeric')
const textCodec = stringCodec('text')

const byFunction: Record<string, Codec | 'first argument'> = {
  count: countCodec,
  row_number: countCodec,
  rank: countCodec,
  dense_rank: countCodec,
  sum: numericCodec, // int sums are bigint or numeric: read as the exact string Postgres sends
  avg: numericCodec,
  min: 'first argument',
  max: 'first argument',
  coalesce: 'first argument',
  lower: textCodec,
  upper: textCodec,
  now: codecs.timestamptz,
}

/** The codec of a parameter by its JS type, where no column says (eb.val, literal case results). */
export function valueCodec(value: unknown): Codec | undefined {
  switch (typeof value) {
    case 'boolean':
      return codecs.boolean
    case 'number':
      return codecs.doublePrecision
    case 'bigint':
      return int8Codec
    case 'string':
      return textCodec
  }
  if (value instanceof Date) return codecs.timestamptz
  if (value instanceof Uint8Array) return codecs.bytea
  return undefined
}

export function expressionCodec(node: ExpressionNode, scope: Scope, ctx: CompileContext): Codec | undefined {
  switch (node.kind) {
    case 'ColumnRef': {
      const resolved = resolveRef(scope, node.table, node.column)
      if (!('column' in resolved)) return expressionCodec(resolved.expression, resolved.scope, ctx)
      return resolved.column.codec === untypedCodec ? undefined : resolved.column.codec
    }
    case 'Function': {
      const known = byFunction[node.name]
      if (known !== 'first argument') return known
      return node.args[0] === undefined ? undefined : expressionCodec(node.args[0], scope, ctx)
    }
    case 'Case':
      return node.whens[0] === undefined ? undefined : expressionCodec(node.whens[0][1], scope, ctx)
    case 'Binary':
      return ['+', '-', '*', '/', '%'].includes(node.op) ? expressionCodec(node.left, scope, ctx) : node.op === '||' ? textCodec : codecs.boolean
    case 'And':
    case 'Or':
    case 'Not':
    case 'Between':
    case 'Related':
      return codecs.boolean
    case 'Value':
      return node.like === undefined ? valueCodec(node.value) : expressionCodec(node.like, scope, ctx)
    case 'Subquery':
      return node.exists ? codecs.boolean : scalarCodec(node.query, scope, ctx)
    default:
      return undefined
  }
}
