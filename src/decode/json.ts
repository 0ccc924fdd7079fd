// Decoders for nested results: include() values arrive as JSON, where every value the schema's
// codec could not keep exact was cast to text by the compiler (see Codec.jsonNative).
import type { Codec } from '../schema/codecs.js'
import { generate, memoByObject, memoByParts } from './generate.js'

export type JsonDecoder = (value: unknown) => unknown

const identity: JsonDecoder = (value) => value

const fieldDecoderOf = memoByObject((codec: Codec): JsonDecoder => {
  const { decode } = codec
  return (value) => (value === null ? null : decode(value as string))
})

/** A column inside JSON: as it is when JSON keeps it exact, else decoded from its text. */
export function jsonField(codec: Codec | undefined): JsonDecoder {
  return codec === undefined || codec.jsonNative ? identity : fieldDecoderOf(codec)
}

/** A field of a nested object: its key in the result, its name in the JSON, and how to decode it. */
export interface JsonField {
  readonly key: string
  readonly name: string
  readonly fromJson: JsonDecoder
}

type ObjectDecoder = (value: unknown) => Record<string, unknown> | null

/**
 * An object of known fields. The object JSON.parse made is ours, so it is decoded in place and
 * only the fields that need it are touched; when the JSON also holds hidden columns (the order of
 * an aggregate) or names that stand in for long keys, the object is rebuilt from its fields.
 * One decoder per list of fields, so a query built again per request reuses it.
 */
export function jsonObject(fields: readonly JsonField[], hasHidden: boolean): ObjectDecoder {
  const parts: unknown[] = [hasHidden]
  for (const field of fields) parts.push(field.key, field.name, field.fromJson)
  return objectDecoderOf(parts)
}

// parts: [hasHidden, key0, name0, fromJson0, key1, …]
const objectDecoderOf = memoByParts((parts): ObjectDecoder => {
  const fields: JsonField[] = []
  for (let i = 1; i < parts.length; i += 3) fields.push({ key: parts[i] as string, name: parts[i + 1] as string, fromJson: parts[i + 2] as JsonDecoder })
  if (parts[0] === true || fields.some((field) => field.name !== field.key)) {
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
  if (decoded.length === 0) return identity as ObjectDecoder
  const decode = inPlace(
    decoded.map((field) => field.key),
    decoded.map((field) => field.fromJson),
  )
  return (value) => {
    if (value === null) return null
    decode(value as Record<string, unknown>)
    return value as Record<string, unknown>
  }
})

type InPlace = (row: Record<string, unknown>) => void

/** Decodes some fields of an object in place: `row["meetingAt"] = d[0](row["meetingAt"])`, generated (see generate.ts). */
function inPlace(keys: readonly string[], decoders: readonly JsonDecoder[]): InPlace {
  const body = keys.map((key, i) => `row[${JSON.stringify(key)}] = d[${i}](row[${JSON.stringify(key)}])`).join('\n')
  return (
    generate<InPlace>('d', `return (row) => {\n${body}\n}`, decoders) ??
    ((row) => {
      for (let i = 0; i < keys.length; i++) row[keys[i]!] = decoders[i]!(row[keys[i]!])
    })
  )
}

const arrayDecoderOf = memoByObject(
  (item: JsonDecoder): JsonDecoder =>
    (value) => {
      const items = value as unknown[]
      for (let i = 0; i < items.length; i++) items[i] = item(items[i])
      return items
    },
)

/** An array of nested rows, decoded in place like its objects (one decoder per item decoder). */
export function jsonArray(item: JsonDecoder): JsonDecoder {
  return item === identity ? identity : arrayDecoderOf(item)
}

/** An include's column, which arrives as JSON text: parsed, then decoded (one per value decoder). */
export const jsonText = memoByObject((value: JsonDecoder) => (text: string) => value(JSON.parse(text)))
