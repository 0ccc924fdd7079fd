import type { SelectNode } from '../ast/select.js'
import type { SchemaMeta } from '../schema/schema.js'
import type { Codec } from '../schema/codecs.js'
import { CompileContext } from './context.js'
import type { ParameterSource } from './context.js'
import { compileSelect } from './select.js'
import { compileWrite } from './write.js'
import type { WriteNode } from '../ast/write.js'

/** SQL text and its parameters, as `compile()` returns them (frozen). */
export interface CompiledQuery {
  readonly sql: string
  readonly parameters: readonly (string | null)[]
}

/** A compiled statement and how to decode its rows (positional keys and text decoders). */
export interface CompiledSelect {
  readonly query: CompiledQuery
  readonly keys: readonly string[]
  /** undefined: decode by the result's type OID (an expression without a declared codec). */
  readonly decoders: readonly (((text: string) => unknown) | undefined)[]
  /** The codec of each output column, where its type is known. */
  readonly codecs: readonly (Codec | undefined)[]
}

/** Compiles a select or a write; the one entry point from builders to SQL text. `sources` collects each parameter's source. */
export function compileQuery(node: SelectNode | WriteNode, schema: SchemaMeta, sources?: ParameterSource[]): CompiledSelect {
  const ctx = new CompileContext(schema, sources)
  const output = node.kind === 'Select' ? compileSelect(node, ctx) : compileWrite(node, ctx)
  return {
    query: Object.freeze({ sql: ctx.sql, parameters: Object.freeze(ctx.parameters) }),
    keys: output.map((o) => o.key),
    decoders: output.map((o) => o.fromText),
    codecs: output.map((o) => o.codec),
  }
}
