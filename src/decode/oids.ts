import { arrayCodec, codecs, stringCodec } from '../schema/codecs.js'
import type { Codec } from '../schema/codecs.js'

// Built-in type OIDs (pg_type.oid), fixed across Postgres versions. Used where no column
// describes a value: raw `db.execute(sql…)` and selected expressions without a declared codec.
const scalar: Record<number, Codec> = {
  16: codecs.boolean,
  17: codecs.bytea,
  20: codecs.int8('bigint'),
  21: codecs.smallint,
  23: codecs.integer,
  26: codecs.integer, // oid
  114: codecs.json,
  700: codecs.real,
  701: codecs.doublePrecision,
  1082: codecs.date,
  1114: codecs.timestamp,
  1184: codecs.timestamptz,
  1700: codecs.numeric('numeric'),
  3802: codecs.jsonb,
}

const arrays: Record<number, number> = {
  1000: 16, 1001: 17, 1016: 20, 1005: 21, 1007: 23, 199: 114, 1021: 700, 1022: 701,
  1182: 1082, 1115: 1114, 1185: 1184, 1231: 1700, 3807: 3802,
  1009: 25, 1015: 1043, 1014: 1042, 2951: 2950, 1183: 1083, 1187: 1186, 1270: 1266,
}

const text = stringCodec('text')
const byOid = new Map<number, Codec>()
for (const [oid, codec] of Object.entries(scalar)) byOid.set(Number(oid), codec)
for (const [oid, element] of Object.entries(arrays)) byOid.set(Number(oid), arrayCodec(scalar[element] ?? text))

/** The codec for a result column of type `oid`; unknown types read as text. */
export function codecForOid(oid: number): Codec {
  return byOid.get(oid) ?? text
}
