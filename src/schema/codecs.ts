import { JoineryError } from '../errors.js'
import { formatArray, formatBytea, formatTimestamp, parseArray, parseBytea, parseTimestamp } from './pgtext.js'
import type { ArrayText } from './pgtext.js'
import { encodeUntyped } from './untyped.js'

/**
 * How one kind of column travels: JS value → parameter text, and Postgres text → JS value.
 * Every value is sent as text and every result is read as text, so pg and PGlite behave alike.
 */
export interface Codec {
  /** Postgres type name, as used in casts and DDL. */
  readonly pgType: string
  /** Encodes a JS value as parameter text; throws `JoineryError` naming `label` when it cannot. */
  readonly encode: (value: unknown, label: string) => string
  readonly decode: (text: string) => unknown
  /**
   * True when `to_json` keeps the value exact (int4, boolean, text, json): such columns travel
   * inside nested JSON as they are; every other kind is cast to text there and decoded as above.
   */
  readonly jsonNative: boolean
  /** True for json/jsonb: inside nested JSON the value arrives already parsed. */
  readonly isJson?: boolean
  /** For an array codec: the codec of its innermost elements. */
  readonly element?: Codec
  /**
   * How a value that is not jsonNative travels inside nested JSON: 'cast' (default) as `x::text`;
   * 'output' as to_json already writes it, a string `decode` reads: timestamps in ISO 8601 with a
   * `T`, custom kinds as their output function's text (inet's cast to text adds a /128 that its
   * output does not). An 'output' column can order a nested aggregate by itself.
   */
  readonly jsonText?: 'cast' | 'output'
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  if (typeof value === 'bigint') return `bigint ${value}n`
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return value.constructor?.name ? `a ${value.constructor.name}` : 'an object'
  return `${typeof value} ${String(value)}`
}

export function encodeError(label: string, expected: string, value: unknown): JoineryError {
  return new JoineryError(`${label} expects ${expected}, got ${describe(value)}.`)
}

const identity = (text: string) => text

const INT_RANGE: Record<string, readonly [number, number]> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
}

function integer(pgType: 'int2' | 'int4'): Codec {
  const [min, max] = INT_RANGE[pgType]!
  return {
    pgType,
    jsonNative: true,
    decode: Number,
    encode: (value, label) => {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        throw encodeError(label, `an integer between ${min} and ${max}`, value)
      return String(value)
    },
  }
}

export type BigintMode = 'bigint' | 'number' | 'string'

const INT8 = /^-?\d+$/

function int8(mode: BigintMode): Codec {
  const decoders = { bigint: BigInt, number: Number, string: identity }
  return {
    pgType: 'int8',
    jsonNative: false,
    decode: decoders[mode],
    encode: (value, label) => {
      if (typeof value === 'bigint') return String(value)
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
      if (mode === 'string' && typeof value === 'string' && INT8.test(value)) return value
      throw encodeError(label, mode === 'string' ? 'an integer string or a bigint' : 'a bigint', value)
    },
  }
}

const NUMERIC = /^\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|NaN|[+-]?Infinity)\s*$/

const numeric = (pgType: string): Codec => ({
  pgType,
  jsonNative: false,
  decode: identity,
  encode: (value, label) => {
    if (typeof value === 'string' && NUMERIC.test(value)) return value
    if (typeof value === 'number' || typeof value === 'bigint') return String(value)
    throw encodeError(label, 'a numeric string such as "12.50"', value)
  },
})

const float = (pgType: 'float4' | 'float8'): Codec => ({
  pgType,
  jsonNative: false, // NaN and Infinity are not JSON numbers
  decode: Number,
  encode: (value, label) => {
    if (typeof value !== 'number') throw encodeError(label, 'a number', value)
    return String(value)
  },
})

const boolean: Codec = {
  pgType: 'bool',
  jsonNative: true,
  decode: (text) => text === 't',
  encode: (value, label) => {
    if (typeof value !== 'boolean') throw encodeError(label, 'a boolean', value)
    return value ? 'true' : 'false'
  },
}

export function stringCodec(pgType: string, expected = 'a string'): Codec {
  return {
    pgType,
    jsonNative: true,
    decode: identity,
    encode: (value, label) => {
      if (typeof value !== 'string') throw encodeError(label, expected, value)
      return value
    },
  }
}

const DATE = /^\d{4,}-\d\d-\d\d( BC)?$|^-?infinity$/

const date: Codec = {
  pgType: 'date',
  jsonNative: true,
  decode: identity,
  encode: (value, label) => {
    if (typeof value !== 'string' || !DATE.test(value)) throw encodeError(label, "a date string 'YYYY-MM-DD'", value)
    return value
  },
}

const timestamp = (withZone: boolean): Codec => ({
  pgType: withZone ? 'timestamptz' : 'timestamp',
  jsonNative: false,
  jsonText: 'output',
  decode: parseTimestamp,
  encode: (value, label) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw encodeError(label, 'a valid Date', value)
    return formatTimestamp(value, withZone)
  },
})

const json = (pgType: 'json' | 'jsonb'): Codec => ({
  pgType,
  jsonNative: true,
  isJson: true,
  decode: (text) => JSON.parse(text) as unknown,
  encode: (value, label) => {
    let text: string | undefined
    try {
      text = JSON.stringify(value)
    } catch (error) {
      throw new JoineryError(`${label} expects a JSON value: ${(error as Error).message}.`)
    }
    if (text === undefined) throw encodeError(label, 'a JSON value', value)
    return text
  },
})

const bytea: Codec = {
  pgType: 'bytea',
  jsonNative: false,
  decode: parseBytea,
  encode: (value, label) => {
    if (!(value instanceof Uint8Array)) throw encodeError(label, 'a Uint8Array', value)
    return formatBytea(value)
  },
}

export function enumCodec(pgType: string, values: readonly string[]): Codec {
  return {
    pgType,
    jsonNative: true,
    decode: identity,
    encode: (value, label) => {
      if (typeof value !== 'string' || !values.includes(value))
        throw encodeError(label, `one of ${values.map((v) => `'${v}'`).join(', ')}`, value)
      return value
    },
  }
}

export interface CustomCodecOptions<T> {
  encode?: (value: T) => string
  decode?: (text: string) => T
}

export function customCodec(pgType: string, options: CustomCodecOptions<never>): Codec {
  const encodeValue = options.encode as ((value: unknown) => string) | undefined
  return {
    pgType,
    jsonNative: false,
    jsonText: 'output',
    decode: options.decode ?? identity,
    encode: (value, label) => {
      if (encodeValue !== undefined) return encodeValue(value)
      if (typeof value !== 'string') throw encodeError(label, 'a string (give column.custom an encode function for other values)', value)
      return value
    },
  }
}

/**
 * An array of `item`: decoded from an array literal, encoded to one. An array of arrays is the
 * same Postgres type (int[][] is int[]), so nesting keeps the innermost element codec.
 */
export function arrayCodec(item: Codec): Codec {
  const element = item.element ?? item
  const decodeItems = (items: ArrayText): unknown[] =>
    items.map((item) => (item === null ? null : typeof item === 'string' ? element.decode(item) : decodeItems(item)))
  return {
    pgType: `${element.pgType}[]`,
    jsonNative: false,
    element,
    decode: (text) => decodeItems(parseArray(text)),
    encode: (value, label) => {
      if (!Array.isArray(value)) throw encodeError(label, 'an array', value)
      return formatArray(value, (item) => {
        if (item === undefined) throw encodeError(label, 'array items that are not undefined', item)
        return element.encode(item, `${label}[]`)
      })
    },
  }
}

/** The codec of every built-in column kind, by the kind's name in the schema DSL. */
export const codecs = {
  serial: integer('int4'),
  integer: integer('int4'),
  smallint: integer('int2'),
  int8,
  numeric,
  real: float('float4'),
  doublePrecision: float('float8'),
  boolean,
  date,
  timestamp: timestamp(false),
  timestamptz: timestamp(true),
  json: json('json'),
  jsonb: json('jsonb'),
  bytea,
}

/**
 * The codec of a column whose type joinery does not know (a CTE column computed by raw SQL):
 * values are read by their result type OID, written as untyped parameters.
 */
export const untypedCodec: Codec = Object.freeze({
  pgType: 'unknown',
  jsonNative: true,
  decode: (text: string) => text,
  encode: (value: unknown, label: string) => encodeUntyped(value, label),
})
