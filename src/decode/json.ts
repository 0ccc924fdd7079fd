// Decoders for nested results: include() values arrive as JSON, where every value the schema's
// codec could not keep exact was cast to text by the compiler (see Codec.jsonNative).
import type { Codec } from '../schema/codecs.js'

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

/**
 * An object of known keys (only those travel: the SQL builds it with explicit keys). The object
 * JSON.parse made is ours, so it is decoded in place, and only the fields that need it are touched.
 */
export function jsonObject(keys: readonly string[], fields: readonly JsonDecoder[]): (value: unknown) => Record<string, unknown> | null {
  const decodedKeys = keys.filter((_, i) => fields[i] !== identity)
  const decoders = fields.filter((field) => field !== identity)
  const count = decodedKeys.length
  return (value) => {
    if (value === null) return null
    const row = value as Record<string, unknown>
    for (let i = 0; i < count; i++) {
      const key = decodedKeys[i]!
      row[key] = decoders[i]!(row[key])
    }
    return row
  }
}

export function jsonArray(item: JsonDecoder): JsonDecoder {
  return (value) => (value as unknown[]).map(item)
}
