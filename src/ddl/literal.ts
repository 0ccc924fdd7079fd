// SQL text for DDL, where there are no parameters: values become escaped literals, and `sql`
// fragments are written out the way the compiler writes them (identifiers through the one
// quoting function, raw text as is).
import type { ExpressionNode } from '../ast/expression.js'
import { quoteIdentifier } from '../compiler/quote.js'
import { JoineryError } from '../errors.js'
import type { Codec } from '../schema/codecs.js'
import { encodeUntyped } from '../schema/untyped.js'

/**
 * A string literal: `'it''s'`. Text with a backslash is written as `E'…'` with the backslash
 * doubled, so it means the same whatever `standard_conforming_strings` says.
 */
export function quoteLiteral(text: string): string {
  if (text.includes('\0')) throw new JoineryError('A SQL literal cannot hold a NUL character.')
  const quoted = text.replace(/'/g, "''")
  return text.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`
}

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/

/** A column default given as a value: encoded by the column's codec, then written as a literal. */
export function defaultLiteral(value: unknown, codec: Codec, label: string): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = codec.encode(value, label)
  // Numbers stay bare (`default 0`, `default -1`), as Postgres prints them back.
  return (typeof value === 'number' || typeof value === 'bigint') && NUMBER.test(text) ? text : quoteLiteral(text)
}

/** Writes a `sql` fragment (a default, a generated column's expression) as SQL text. */
export function fragmentText(node: ExpressionNode, label: string): string {
  switch (node.kind) {
    case 'Raw':
      return node.parts.map((part, i) => part + (node.args[i] === undefined ? '' : fragmentText(node.args[i]!, label))).join('')
    case 'Identifier':
      return node.path.map(quoteIdentifier).join('.')
    case 'UnsafeText':
      return node.text
    case 'Value':
      return node.value === null ? 'null' : quoteLiteral(encodeUntyped(node.value, label))
    case 'List':
      return `(${node.items.map((item) => fragmentText(item, label)).join(', ')})`
    default:
      throw new JoineryError(`${label}: DDL can hold sql\`…\` fragments, values and sql.ref()/sql.raw(); got a ${node.kind} expression.`)
  }
}
