import type { DriverField } from '../driver/driver.js'
import { codeByKeys, generate, literalKey } from './generate.js'
import { codecForOid } from './oids.js'

/** A precompiled row decoder: built once per compiled query, run for every row (generated, see generate.ts). */
export type RowDecoder = (row: readonly (string | null)[]) => Record<string, unknown>

const decoderCode = codeByKeys((keys) => {
  const values = keys.map((_, i) => `v${i} = row[${i}]`).join(', ')
  const object = keys.map((key, i) => `${literalKey(key)}: v${i} == null ? null : d[${i}](v${i})`).join(', ')
  return `return (row) => {\nconst ${values || '_ = 0'}\nreturn { ${object} }\n}`
})

/**
 * Builds the decoder for a result: the compiled query's decoder where one is known, the field's
 * type OID otherwise. `keys`/`known` are positional, as the driver returns rows as arrays.
 */
export function rowDecoder(keys: readonly string[], known: readonly (((text: string) => unknown) | undefined)[], fields: readonly DriverField[]): RowDecoder {
  const decoders = keys.map((_, i) => known[i] ?? codecForOid(fields[i]?.dataTypeID ?? 25).decode)
  const generated = generate<RowDecoder>('d', decoderCode(keys), decoders)
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
}
