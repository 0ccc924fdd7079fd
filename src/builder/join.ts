import { binary, logical } from '../ast/expression.js'
import type { ExpressionNode } from '../ast/expression.js'
import { JoineryError } from '../errors.js'
import { parseRef } from './where.js'

type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>='
const COMPARE_OPS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>='])

/** Builds the ON clause of an explicit join: `(j) => j.on('a.personId', '=', 'people.id')`. */
export interface JoinBuilder<C> {
  /** Compares two columns; several calls are joined with `and`. */
  on(left: keyof C & string, op: CompareOp, right: keyof C & string): JoinBuilder<C>
}

export class JoinBuilderImpl {
  readonly conditions: readonly ExpressionNode[]

  constructor(conditions: readonly ExpressionNode[] = []) {
    this.conditions = Object.freeze(conditions)
    Object.freeze(this)
  }

  on(left: unknown, op: unknown, right: unknown): JoinBuilderImpl {
    if (typeof op !== 'string' || !COMPARE_OPS.has(op))
      throw new JoineryError(`on(): unknown operator ${JSON.stringify(op)}. Valid operators: ${[...COMPARE_OPS].join(', ')}.`)
    return new JoinBuilderImpl([...this.conditions, binary(parseRef(left), op as CompareOp, parseRef(right))])
  }

  /** The ON condition, or a JoineryError when the callback added none. */
  static condition(builder: unknown, alias: string): ExpressionNode {
    if (!(builder instanceof JoinBuilderImpl) || builder.conditions.length === 0)
      throw new JoineryError(`join '${alias}': the callback must return j.on(…) with at least one condition.`)
    const [first, ...rest] = builder.conditions
    return rest.length === 0 ? first! : logical('And', builder.conditions)
  }
}
