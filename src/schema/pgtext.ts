// Postgres text formats in and out: the one place that knows how Postgres spells a timestamp,
// a bytea or an array literal. Codecs build on these; nothing here knows about columns.

const TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d+)?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/

/** Parses Postgres' ISO timestamp text; without an offset (timestamp without time zone) it is read as UTC. */
export function parseTimestamp(text: string): Date {
  return parseCommonTimestamp(text) ?? parseAnyTimestamp(text)
}

/** The number written by `count` digits from `at`; NaN when one of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let n = 0
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48
    if (!(digit >= 0 && digit <= 9)) return Number.NaN
    n = n * 10 + digit
  }
  return n
}

/**
 * The fast path, for what Postgres sends almost always ('2013-01-01 10:00:00.5+05:30', with a T
 * inside JSON; years 1000–9999, offsets of whole minutes or none): read digit by digit into
 * Date.UTC, the fraction truncated to milliseconds as the slow path does. Writing the text over as
 * ISO 8601 for the Date parser took a tenth of joinery's own time in a point select.
 */
function parseCommonTimestamp(text: string): Date | undefined {
  const length = text.length
  const separator = text.charCodeAt(10) // ' ', or 'T' as to_json writes it
  if (length < 19 || (separator !== 32 && separator !== 84) || text.charCodeAt(0) === 48) return undefined
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined
  let at = 19
  let ms = 0 // with the digits past the third as a fraction, which Date.UTC truncates
  if (text.charCodeAt(at) === 46) {
    let scale = 100
    for (at++; at < length; at++) {
      const digit = text.charCodeAt(at) - 48
      if (!(digit >= 0 && digit <= 9)) break
      ms += digit * scale
      scale /= 10
    }
  }
  let offset = 0 // minutes east of UTC
  if (at < length) {
    const sign = text.charCodeAt(at)
    const zone = length - at // '+05:30', '+05'; anything else (' BC', '+00:53:28') takes the slow path
    if ((sign !== 43 && sign !== 45) || (zone !== 3 && (zone !== 6 || text.charCodeAt(at + 3) !== 58))) return undefined
    offset = digitsAt(text, at + 1, 2) * 60 + (zone === 6 ? digitsAt(text, at + 4, 2) : 0)
    if (sign === 45) offset = -offset
  }
  const time =
    Date.UTC(digitsAt(text, 0, 4), digitsAt(text, 5, 2) - 1, digitsAt(text, 8, 2), digitsAt(text, 11, 2), digitsAt(text, 14, 2), digitsAt(text, 17, 2), ms) -
    offset * 60_000
  return Number.isNaN(time) ? undefined : new Date(time)
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
