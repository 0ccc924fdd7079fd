// Postgres text formats in and out: the one place that knows how Postgres spells a timestamp,
// a bytea or an array literal. Codecs build on these; nothing here knows about columns.

const TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d+)?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/

/** Parses Postgres' ISO timestamp text; without an offset (timestamp without time zone) it is read as UTC. */
export function parseTimestamp(text: string): Date {
  return parseCommonTimestamp(text) ?? parseAnyTimestamp(text)
}

/**
 * The fast path, for what Postgres sends almost always ('2013-01-01 10:00:00.5+05:30', with a T
 * inside JSON; years 1000–9999, whole-minute offsets): rewritten to ISO 8601 for the Date parser,
 * which truncates the fraction to milliseconds as the slow path does.
 */
function parseCommonTimestamp(text: string): Date | undefined {
  const separator = text.charCodeAt(10) // ' ', or 'T' as to_json writes it
  if (text.length < 19 || (separator !== 32 && separator !== 84) || text.charCodeAt(4) !== 45 || text.charCodeAt(0) === 48) return undefined
  let end = text.length
  for (let i = 19; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 43 || c === 45) {
      end = i
      break
    }
    if (c !== 46 && (c < 48 || c > 57)) return undefined // a letter: ' BC'
  }
  const zone = text.length - end // '+05:30', '+05' or none
  if (zone !== 6 && zone !== 3 && zone !== 0) return undefined
  const iso = separator === 84 && zone === 6 ? text : `${text.slice(0, 10)}T${text.slice(11)}${zone === 3 ? ':00' : zone === 0 ? 'Z' : ''}`
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function parseAnyTimestamp(text: string): Date {
  if (text === 'infinity') return new Date(8.64e15)
  if (text === '-infinity') return new Date(-8.64e15)
  const m = TIMESTAMP.exec(text)
  if (m === null) return new Date(Number.NaN)
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os, bc] = m
  let year = Number(y)
  if (bc !== undefined) year = 1 - year
  const ms = frac === undefined ? 0 : Math.floor(Number(frac) * 1000)
  const date = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms))
  date.setUTCFullYear(year) // Date.UTC maps years 0–99 to 1900–1999
  if (sign !== undefined) {
    const offset = (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0)) * 1000
    date.setTime(date.getTime() - (sign === '+' ? offset : -offset))
  }
  return date
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** Writes a Date as Postgres timestamp text in UTC (`withZone` appends `+00`), BC years included. */
export function formatTimestamp(date: Date, withZone: boolean): string {
  const time = date.getTime()
  if (time === 8.64e15) return 'infinity' // what parseTimestamp reads 'infinity' as
  if (time === -8.64e15) return '-infinity'
  const year = date.getUTCFullYear()
  const day = `${pad(year > 0 ? year : 1 - year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
  const clock = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
  return `${day} ${clock}${withZone ? '+00' : ''}${year > 0 ? '' : ' BC'}`
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

export function parseBytea(text: string): Uint8Array {
  const bytes = new Uint8Array((text.length - 2) / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.substr(2 + i * 2, 2), 16)
  return bytes
}

export function formatBytea(bytes: Uint8Array): string {
  let out = '\\x'
  for (const byte of bytes) out += HEX[byte]
  return out
}

export type ArrayText = readonly (string | null | ArrayText)[]

/** Parses an array literal such as `{1,NULL,"a,b",{2,3}}` into nested arrays of element text. */
export function parseArray(text: string): ArrayText {
  let i = text.charAt(0) === '[' ? text.indexOf('=') + 1 : 0 // skip explicit bounds, e.g. [0:1]={…}
  const parseLevel = (): ArrayText => {
    const items: (string | null | ArrayText)[] = []
    if (text[i] !== '{') throw new Error(`Malformed array literal: ${text}`)
    i++ // '{'
    if (text[i] === '}') {
      i++
      return items
    }
    for (;;) {
      if (text[i] === '{') items.push(parseLevel())
      else if (text[i] === '"') {
        let value = ''
        for (i++; i < text.length && text[i] !== '"'; i++) value += text[i] === '\\' ? text[++i] : text[i]
        i++
        items.push(value)
      } else {
        const start = i
        while (i < text.length && text[i] !== ',' && text[i] !== '}') i++
        const raw = text.slice(start, i)
        items.push(raw === 'NULL' ? null : raw)
      }
      if (i >= text.length) throw new Error(`Malformed array literal: ${text}`)
      if (text[i++] === '}') return items
    }
  }
  return parseLevel()
}

export function formatArray(items: readonly unknown[], formatItem: (item: unknown) => string): string {
  const parts = items.map((item) => {
    if (item === null) return 'NULL'
    if (Array.isArray(item)) return formatArray(item, formatItem)
    return `"${formatItem(item).replace(/[\\"]/g, '\\$&')}"`
  })
  return `{${parts.join(',')}}`
}
