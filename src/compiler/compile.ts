import type { SelectNode } from '../ast/select.js'
import type { SchemaMeta } from '../schema/schema.js'
import { CompileContext } from './context.js'
import { compileSelect } from './select.js'

/** SQL text and its parameters, as `compile()` returns them (frozen). */
export interface CompiledQuery {
  readonly sql: string
  readonly parameters: readonly (string | null)[]
}

/** A compiled select and how to decode its rows (positional keys and text decoders). */
export interface CompiledSelect {
  readonly query: CompiledQuery
  readonly keys: readonly string[]
  /** undefined: decode by the result's type OID (an expression without a declared codec). */
  readonly decoders: readonly (((text: string) => unknown) | undefined)[]
}

export function compileQuery(node: SelectNode, schema: SchemaMeta): CompiledSelect {
  const ctx = new CompileContext(schema)
  const output = compileSelect(node, ctx)
  return {
    query: Object.freeze({ sql: ctx.sql, parameters: Object.freeze(ctx.parameters) }),
    keys: output.map((o) => o.key),
    decoders: output.map((o) => o.fromText),
  }
}
