import type { ExpressionNode } from '../ast/expression.js'

/** A typed SQL expression: `T` is the JS type of its value once decoded. */
export interface Expression<T> {
  /** Type-level only: the value type. */
  readonly '~type': T
  readonly node: ExpressionNode
  /** Names the expression in a selection: `eb.ref('people.name').as('who')`. */
  as<A extends string>(alias: A): AliasedExpression<T, A>
}

export interface AliasedExpression<T, A extends string> {
  readonly '~type': T
  readonly node: ExpressionNode
  readonly alias: A
}

class ExpressionImpl<T> implements Expression<T> {
  declare readonly '~type': T
  readonly node: ExpressionNode

  constructor(node: ExpressionNode) {
    this.node = node
    if (new.target === ExpressionImpl) Object.freeze(this)
  }

  as<A extends string>(alias: A): AliasedExpression<T, A> {
    return Object.freeze({ node: this.node, alias }) as AliasedExpression<T, A>
  }
}

export const expression = <T>(node: ExpressionNode): Expression<T> => new ExpressionImpl<T>(node)

/** An expression with `over(…)`: aggregates and ranking functions. `window` builds the windowed twin. */
class WindowableImpl<T> extends ExpressionImpl<T> {
  readonly #window: (build: unknown) => ExpressionNode

  constructor(node: ExpressionNode, window: (build: unknown) => ExpressionNode) {
    super(node)
    this.#window = window
    Object.freeze(this)
  }

  over(build?: unknown): Expression<T> {
    return expression<T>(this.#window(build))
  }
}

export const windowable = <T>(node: ExpressionNode, window: (build: unknown) => ExpressionNode): Expression<T> => new WindowableImpl<T>(node, window)

export function isExpression(value: unknown): value is Expression<unknown> {
  return value instanceof ExpressionImpl
}

export function isAliased(value: unknown): value is AliasedExpression<unknown, string> {
  const candidate = value as Partial<AliasedExpression<unknown, string>> | null
  return typeof candidate === 'object' && candidate !== null && typeof candidate.alias === 'string' && typeof candidate.node === 'object' && !isExpression(value)
}
