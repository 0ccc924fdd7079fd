// Decoders for nested results: include() values arrive as JSON, where every value the schema's
// codec could not keep exact was cast to text by the compiler (see Codec.jsonNative).
import type { Codec } from '../schema/codecs.js'
import { codeByKeys, generate } from './generate.js'

export type JsonDecoder = (value: unknown) => unknown

const identity: JsonDecoder = (value) => value

/** A column inside JSON: as it is when JSON keeps it exact, else decoded from its text. */
const fieldDecoders = new WeakMap<Codec, JsonDecoder>()

export function jsonField(codec: Codec | undefined): JsonDecoder {
  if (codec === undefined || codec.jsonNative) return identity
  let decoder = fieldDecoders.get(codec)
  if (decoder === undefined) {
    const { decode } = codec
    fieldDecoders.set(codec, (decoder = (value) => (value === null ? null : decode(value as string))))
  }
  return decoder
}

/** A field of a nested object: its key in the result, its name in the JSON, and how to decode it. */
export interface JsonField {
  readonly key: string
  readonly name: string
  readonly fromJson: JsonDecoder
}

/**
 * An object of known fields. The object JSON.parse made is ours, so it is decoded in place and
 * only the fields that need it are touched; when the JSON also holds hidden columns (the order of
 * an aggregate) or names that stand in for long keys, the object is rebuilt from its fields.
 */
export function jsonObject(fields: readonly JsonField[], hasHidden: boolean): (value: unknown) => Record<string, unknown> | null {
  if (hasHidden || fields.some((field) => field.name !== field.key)) {
    return (value) => {
      if (value === null) return null
      const json = value as Record<string, unknown>
      const row: Record<string, unknown> = {}
      for (const field of fields) row[field.key] = field.fromJson(json[field.name])
      return row
    }
  }
  const decoded = fields.filter((field) => field.fromJson !== identity)
  // Nothing to decode: the parsed object is the value (and an array of them is left unwalked).
  if (decoded.length === 0) return identity as (value: unknown) => Record<string, unknown> | null
  const decode = inPlace(
    decoded.map((field) => field.key),
    decoded.map((field) => field.fromJson),
  )
  return (value) => {
    if (value === null) return null
    decode(value as Record<string, unknown>)
    return value as Record<string, unknown>
  }
}

type InPlace = (row: Record<string, unknown>) => void

const inPlaceCode = codeByKeys((keys) => {
  const body = keys.map((key, i) => `row[${JSON.stringify(key)}] = d[${i}](row[${JSON.stringify(key)}])`).join('\n')
  return `return (row) => {\n${body}\n}`
})

/** Decodes some fields of an object in place: `row["meetingAt"] = d[0](row["meetingAt"])`, generated (see generate.ts). */
function inPlace(keys: readonly string[], decoders: readonly JsonDecoder[]): InPlace {
  return (
    generate<InPlace>('d', inPlaceCode(keys), decoders) ??
    ((row) => {
      for (let i = 0; i < keys.length; i++) row[keys[i]!] = decoders[i]!(row[keys[i]!])
    })
  )
}

/** An array of nested rows, decoded in place like its objects. */
export function jsonArray(item: JsonDecoder): JsonDecoder {
  if (item === identity) return identity
  return (value) => {
    const items = value as unknown[]
    for (let i = 0; i < items.length; i++) items[i] = item(items[i])
    return items
  }
}
