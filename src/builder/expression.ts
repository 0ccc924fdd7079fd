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
    Object.freeze(this)
  }

  as<A extends string>(alias: A): AliasedExpression<T, A> {
    return Object.freeze({ node: this.node, alias }) as AliasedExpression<T, A>
  }
}

export const expression = <T>(node: ExpressionNode): Expression<T> => new ExpressionImpl<T>(node)

export function isExpression(value: unknown): value is Expression<unknown> {
  return value instanceof ExpressionImpl
}
