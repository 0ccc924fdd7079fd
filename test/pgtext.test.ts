// Postgres timestamp text read into Dates: the digit-by-digit fast path and the slow path it hands
// everything unusual to must agree with what the text says. (The decode suites read the same
// kinds of values from a real database; these cover every offset form without one.)
import { describe, expect, test } from 'vitest'
import { parseTimestamp } from '../src/schema/pgtext.js'

describe('parseTimestamp', () => {
  test.each([
    ['2013-01-01 10:00:00.5+05:30', '2013-01-01T04:30:00.500Z'],
    ['2013-01-01 10:00:00+05', '2013-01-01T05:00:00.000Z'],
    ['2013-01-01 10:00:00-03', '2013-01-01T13:00:00.000Z'],
    ['1969-12-31 23:59:59.999-00:30', '1970-01-01T00:29:59.999Z'],
    ['2013-01-01T10:00:00.123456+00:00', '2013-01-01T10:00:00.123Z'],
    ['2040-02-29 12:34:56.789123', '2040-02-29T12:34:56.789Z'],
    ['2024-03-01 10:00:00.05', '2024-03-01T10:00:00.050Z'],
    ['2024-03-01 10:00:00.000999+00', '2024-03-01T10:00:00.000Z'],
    ['1000-01-01 00:00:00+00', '1000-01-01T00:00:00.000Z'],
    ['9999-12-31 23:59:59.9+14', '9999-12-31T09:59:59.900Z'],
    // The slow path: an offset with seconds (local mean time), a BC year, a year past 9999 or before 1000.
    ['1901-12-13 20:45:52+00:53:28', '1901-12-13T19:52:24.000Z'],
    ['0044-03-15 12:00:00+00 BC', '-000043-03-15T12:00:00.000Z'],
    ['12345-01-01 00:00:00.25+00', '+012345-01-01T00:00:00.250Z'],
    ['0099-06-01 00:00:00', '0099-06-01T00:00:00.000Z'],
  ])('%s', (text, iso) => {
    expect(parseTimestamp(text).toISOString()).toBe(iso)
  })

  test('±infinity and text that is not a timestamp', () => {
    expect(parseTimestamp('infinity').getTime()).toBe(8.64e15)
    expect(parseTimestamp('-infinity').getTime()).toBe(-8.64e15)
    expect(parseTimestamp('2024-03-01 1x:00:00+00').getTime()).toBeNaN()
  })

  test('any instant, written with any whole-minute offset and 0–6 fraction digits, reads back', () => {
    let seed = 42
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const first = Date.UTC(1000, 0, 2)
    const last = Date.UTC(9999, 11, 30)
    for (let n = 0; n < 2000; n++) {
      const seconds = first + Math.floor((random() * (last - first)) / 1000) * 1000
      const offset = Math.round((random() - 0.5) * 28 * 4) * 15 // minutes, −14:00 … +14:00
      const local = new Date(seconds + offset * 60_000).toISOString() // yyyy-mm-ddThh:mm:ss.000Z
      const micros = String(Math.floor(random() * 1e6)).padStart(6, '0')
      const fraction = micros.slice(0, n % 7) // 0–6 digits
      const sign = offset < 0 ? '-' : '+'
      const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')
      const minutes = String(Math.abs(offset) % 60).padStart(2, '0')
      const zone = n % 3 === 0 ? '' : minutes === '00' && n % 2 === 0 ? `${sign}${hours}` : `${sign}${hours}:${minutes}`
      const text = `${local.slice(0, 10)}${n % 5 === 0 ? 'T' : ' '}${local.slice(11, 19)}${fraction === '' ? '' : `.${fraction}`}${zone}`
      // Without an offset the text is read as UTC: the local time it shows.
      const expected = seconds + Number(fraction.slice(0, 3).padEnd(3, '0')) + (zone === '' ? offset * 60_000 : 0)
      expect(parseTimestamp(text).getTime(), text).toBe(expected)
    }
  })
})
