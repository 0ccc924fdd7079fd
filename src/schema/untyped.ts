import { JoineryError } from '../errors.js'
import { encodeError } from './codecs.js'
import { formatArray, formatBytea, formatTimestamp } from './pgtext.js'

/**
 * Encodes a value that no column describes (`eb.val(x)`, `sql\`${x}\``) by its JS type:
 * Date → timestamptz, Uint8Array → bytea, array → Postgres array, plain object → JSON.
 */
export function encodeUntyped(value: unknown, label = 'A parameter'): string {
  switch (typeof value) {
    case 'string':
      return value
    case 'number':
    case 'bigint':
      return String(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw encodeError(label, 'a valid Date', value)
        return formatTimestamp(value, true)
      }
      if (value instanceof Uint8Array) return formatBytea(value)
      if (Array.isArray(value)) return formatArray(value, (item) => encodeUntyped(item, label))
      if (value !== null) return JSON.stringify(value)
  }
  throw new JoineryError(`${label} is ${value === undefined ? 'undefined' : typeof value}; pass null for NULL.`)
}
