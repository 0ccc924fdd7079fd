// Query shapes: a statement compiled once for every select built by the same calls. A shape is a
// node in a trie of builder calls (per schema); the values the calls were given are kept beside it,
// in the order the calls made them, and a shape's plan says which value each parameter takes.
// Built per request, a query then costs its building and a lookup, not a compile: in a server,
// where Postgres works between requests, compiling ran several times slower than in a loop.
import type { ValueNode } from '../ast/expression.js'
import type { CompiledSelect } from '../compiler/compile.js'
import { encodeParameter } from '../compiler/context.js'
import type { ParameterEncoding, ParameterSource } from '../compiler/context.js'
import type { SchemaMeta } from '../schema/schema.js'

/** One sequence of builder calls; `plan` is null when its statement cannot be reused. */
export interface Shape {
  readonly next: Map<unknown, Shape>
  plan: Plan | null | undefined
  /** Shared by every shape of a schema: how many more it may remember. */
  readonly room: { left: number }
}

/** A compiled statement, and for each of its parameters the value it takes and how it is encoded. */
export interface Plan {
  readonly compiled: CompiledSelect
  readonly parameters: readonly { readonly value: number; readonly encoding: ParameterEncoding; readonly label: string }[]
}

/** The values of a builder's calls, in order (shared, never changed: each call makes a new list). */
export type Values = readonly ValueNode[]

// Past this many shapes per schema (queries built with ever-changing shapes), new ones are compiled every time.
const MAX_SHAPES = 10_000
const roots = new WeakMap<SchemaMeta, Shape>()

const newShape = (room: { left: number }): Shape => ({ next: new Map(), plan: undefined, room })

/** The shape of a select on `table` before any call. */
export function rootShape(schema: SchemaMeta, table: string): Shape | undefined {
  let root = roots.get(schema)
  if (root === undefined) roots.set(schema, (root = newShape({ left: MAX_SHAPES })))
  return step(root, table)
}

/**
 * The shape after one more part of a call (a call's tag, then its names, operators, nested shapes):
 * undefined once the query cannot be reused, or the schema has no room for another shape.
 */
export function step(shape: Shape | undefined, part: unknown): Shape | undefined {
  if (shape === undefined) return undefined
  let next = shape.next.get(part)
  if (next === undefined) {
    if (shape.room.left <= 0) return undefined
    shape.room.left--
    shape.next.set(part, (next = newShape(shape.room)))
  }
  return next
}

/**
 * The plan of a statement compiled from `values`: each parameter mapped to the value it came from.
 * null when a parameter came from anything else (then the shape is always compiled).
 */
export function planOf(compiled: CompiledSelect, sources: readonly ParameterSource[], values: Values): Plan | null {
  const parameters: Plan['parameters'][number][] = []
  for (const { node, encoding, label } of sources) {
    const value = values.indexOf(node)
    if (value === -1) return null
    parameters.push({ value, encoding, label })
  }
  return parameters.length === compiled.query.parameters.length ? { compiled, parameters } : null
}

/** The plan's statement with the parameters of another builder of the same shape. */
export function fromPlan(plan: Plan, values: Values): CompiledSelect {
  const parameters = plan.parameters.map((p) => encodeParameter(values[p.value]!.value, p.encoding, p.label))
  const { compiled } = plan
  return { query: Object.freeze({ sql: compiled.query.sql, parameters: Object.freeze(parameters) }), keys: compiled.keys, decoders: compiled.decoders, codecs: compiled.codecs }
}
