import type { DriverField } from '../driver/driver.js'
import { generate, literalKey, memoByParts } from './generate.js'
import { codecForOid } from './oids.js'

/** A precompiled row decoder: built once per compiled query, run for every row (generated, see generate.ts). */
export type RowDecoder = (row: readonly (string | null)[]) => Record<string, unknown>

type TextDecoder = (text: string) => unknown

// Every statement built from one compiled query (a query shape, shape.ts) shares its arrays of keys
// and decoders: when every decoder is known, the result's fields change nothing, and the row
// decoder is found by the arrays without walking the parts.
const byDecoders = new WeakMap<readonly unknown[], { readonly keys: readonly string[]; readonly decoder: RowDecoder }>()

/**
 * Builds the decoder for a result: the compiled query's decoder where one is known, the field's
 * type OID otherwise. `keys`/`known` are positional, as the driver returns rows as arrays.
 */
export function rowDecoder(keys: readonly string[], known: readonly (TextDecoder | undefined)[], fields: readonly DriverField[]): RowDecoder {
  const found = byDecoders.get(known)
  if (found?.keys === keys) return found.decoder
  const parts: unknown[] = []
  keys.forEach((key, i) => parts.push(key, known[i] ?? codecForOid(fields[i]?.dataTypeID ?? 25).decode))
  const decoder = decoderOf(parts)
  if (known.length === keys.length && !known.includes(undefined)) byDecoders.set(known, { keys, decoder })
  return decoder
}

// One decoder per list of keys and decoders: [key0, decoder0, key1, decoder1, …].
const decoderOf = memoByParts((parts): RowDecoder => {
  const keys = parts.filter((_, i) => i % 2 === 0) as string[]
  const decoders = parts.filter((_, i) => i % 2 === 1) as TextDecoder[]
  const values = keys.map((_, i) => `v${i} = row[${i}]`).join(', ')
  const object = keys.map((key, i) => `${literalKey(key)}: v${i} == null ? null : d[${i}](v${i})`).join(', ')
  const generated = generate<RowDecoder>('d', `return (row) => {\nconst ${values || '_ = 0'}\nreturn { ${object} }\n}`, decoders)
  if (generated !== undefined) return generated
  const count = keys.length
  return (row) => {
    const out: Record<string, unknown> = {}
    for (let i = 0; i < count; i++) {
      const text = row[i]
      out[keys[i]!] = text === null || text === undefined ? null : decoders[i]!(text)
    }
    return out
  }
})
