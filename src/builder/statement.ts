import type { SelectNode } from '../ast/select.js'
import type { WriteNode } from '../ast/write.js'
import { compileQuery } from '../compiler/compile.js'
import type { CompiledSelect } from '../compiler/compile.js'
import type { ParameterSource } from '../compiler/context.js'
import { rowDecoder } from '../decode/rows.js'
import type { RowDecoder } from '../decode/rows.js'
import type { DriverField, DriverResult } from '../driver/driver.js'
import type { Executor } from '../executor.js'
import { fromPlan, planOf } from './shape.js'
import type { Shape, Values } from './shape.js'

/**
 * A builder's frozen node, compiled once and run any number of times. Builders are immutable,
 * so compiling a builder again, or executing it again, reuses the SQL and the row decoder. A
 * select with a shape (see shape.ts) reuses the statement of an earlier builder of that shape.
 */
export class Statement {
  readonly #node: SelectNode | WriteNode
  readonly #executor: Executor
  readonly #shape: Shape | undefined
  readonly #values: Values
  #compiled: CompiledSelect | undefined
  #decoder: RowDecoder | undefined

  constructor(node: SelectNode | WriteNode, executor: Executor, shape?: Shape, values: Values = []) {
    this.#node = node
    this.#executor = executor
    this.#shape = shape
    this.#values = values
  }

  compiled(): CompiledSelect {
    return (this.#compiled ??= this.#compile())
  }

  #compile(): CompiledSelect {
    const shape = this.#shape
    if (shape?.plan) return fromPlan(shape.plan, this.#values)
    if (shape === undefined || shape.plan === null) return compileQuery(this.#node, this.#executor.schema)
    const sources: ParameterSource[] = []
    const compiled = compileQuery(this.#node, this.#executor.schema, sources)
    shape.plan = planOf(compiled, sources, this.#values)
    return compiled
  }

  run(): Promise<DriverResult> {
    return this.#executor.run(this.compiled().query)
  }

  async rows(): Promise<Record<string, unknown>[]> {
    const result = await this.#executor.run(this.compiled().query, this.#decoderFor)
    return (result.mapped as Record<string, unknown>[] | undefined) ?? result.rows.map(this.#decoderFor(result.fields))
  }

  // Handed to the driver, which may decode each row as it arrives.
  readonly #decoderFor = (fields: readonly DriverField[]): RowDecoder => {
    const compiled = this.compiled()
    return (this.#decoder ??= rowDecoder(compiled.keys, compiled.decoders, fields))
  }
}
