// Decoders are made once per shape and reused: a query built again per request gets the same
// functions (no closure, no code written again), the same column references and selections, and
// the caches stay bounded.
import { describe, expect, test } from 'vitest'
import { createDb } from '../src/index.js'
import type { Driver } from '../src/index.js'
import { compileQuery } from '../src/compiler/compile.js'
import { selectNodeOf } from '../src/builder/select.js'
import { memoByKey, memoByObject, memoByParts } from '../src/decode/generate.js'
import { rowDecoder } from '../src/decode/rows.js'
import { clinicWithMeetings as clinic } from './support/api-clinic.js'

describe('memoByParts', () => {
  test('one result per list of parts, made once', () => {
    const made: unknown[][] = []
    const memo = memoByParts((parts) => {
      made.push([...parts])
      return { parts }
    })
    const decoder = (text: string) => text
    const first = memo(['a', decoder, 'b'])
    expect(memo(['a', decoder, 'b'])).toBe(first)
    expect(memo(['a', decoder])).not.toBe(first)
    expect(memo(['a', (text: string) => text, 'b'])).not.toBe(first)
    expect(made).toHaveLength(3)
  })

  test('past its bound it makes without remembering, and keeps what it remembered', () => {
    let count = 0
    const memo = memoByParts(() => ++count, 2)
    expect([memo(['x']), memo(['y']), memo(['x']), memo(['y'])]).toEqual([1, 2, 1, 2])
    expect([memo(['z']), memo(['z'])]).toEqual([3, 4])
    expect([memo(['x', 'deeper']), memo(['x'])]).toEqual([5, 1])
  })
})

test('memoByObject: one result per object', () => {
  let count = 0
  const memo = memoByObject((_: object) => ++count)
  const a = {}
  expect([memo(a), memo({}), memo(a)]).toEqual([1, 2, 1])
})

// Queries are built and compiled here, never run.
const offline: Driver = {
  query: () => Promise.reject(new Error('not run')),
  acquire: () => Promise.reject(new Error('not run')),
  destroy: async () => {},
}
const db = createDb(clinic, { driver: offline })

test('memoByKey: one result per key, made each time past its bound', () => {
  let count = 0
  const memo = memoByKey(() => ++count, 2)
  expect([memo('a'), memo('b'), memo('a'), memo('c'), memo('c'), memo('b')]).toEqual([1, 2, 1, 3, 4, 2])
})

test('a query built twice shares its column references and selections', () => {
  const [first, second] = [1, 2].map((id) => selectNodeOf(db.selectFrom('people').select(['id', 'name as who']).where('people.id', '=', id))!)
  expect(second!.selections).toEqual(first!.selections)
  expect(second!.selections!.every((selection, i) => selection === first!.selections![i])).toBe(true)
  const left = (node: typeof first) => (node!.where as { left: unknown }).left
  expect(left(second)).toBe(left(first))
  expect(left(first)).toEqual({ kind: 'ColumnRef', table: 'people', column: 'id' })
  expect(first!.selections![1]).toEqual({ expr: { kind: 'ColumnRef', table: undefined, column: 'name' }, alias: 'who' })
})

test('a query built twice compiles to the same decoders', () => {
  const build = (limit: number) =>
    db
      .selectFrom('people')
      .select(['id', 'name'])
      .limit(limit)
      .include('appointments', (a) => a.select(['id', 'meetingAt']).orderBy('meetingAt', 'desc').limit(5))
  const [first, second] = [build(10), build(20)].map((q) => compileQuery(selectNodeOf(q)!, clinic.meta))
  expect(second!.query.parameters).not.toEqual(first!.query.parameters)
  expect(second!.decoders).toEqual(first!.decoders)
  expect(second!.decoders.every((decoder, i) => decoder === first!.decoders[i])).toBe(true)
  const fields = [{ name: 'id', dataTypeID: 23 }]
  expect(rowDecoder(second!.keys, second!.decoders, fields)).toBe(rowDecoder(first!.keys, first!.decoders, fields))
})

test('a decoder is found by its arrays only when every decoder is known', () => {
  const text = (t: string) => t
  const keys = ['a', 'b']
  const known = [text, text]
  const decoder = rowDecoder(keys, known, [])
  expect(rowDecoder(keys, known, [{ name: 'a', dataTypeID: 23 }])).toBe(decoder)
  expect(rowDecoder(['a', 'c'], known, [])).not.toBe(decoder)
  // An expression without a codec is decoded by the result's type OID: the fields decide.
  const partly = [text, undefined]
  const asInt = rowDecoder(keys, partly, [{ name: 'a', dataTypeID: 25 }, { name: 'b', dataTypeID: 23 }])
  const asText = rowDecoder(keys, partly, [{ name: 'a', dataTypeID: 25 }, { name: 'b', dataTypeID: 25 }])
  expect(asInt(['x', '7'])).toEqual({ a: 'x', b: 7 })
  expect(asText(['x', '7'])).toEqual({ a: 'x', b: '7' })
  const none: [] = []
  const n = ['n']
  expect(rowDecoder(n, none, [{ name: 'n', dataTypeID: 23 }])(['7'])).toEqual({ n: 7 })
  expect(rowDecoder(n, none, [{ name: 'n', dataTypeID: 25 }])(['7'])).toEqual({ n: '7' })
})
