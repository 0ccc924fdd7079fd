import { identifier, raw, unsafeText, value } from '../ast/expression.js'
import type { ExpressionNode } from '../ast/expression.js'
import { JoineryError } from '../errors.js'
import { expression, isExpression } from './expression.js'
import type { Expression } from './expression.js'

/** A fragment of SQL from the `sql` tag; `T` is the type its value decodes to. */
export type Sql<T> = Expression<T>

function toNode(arg: unknown): ExpressionNode {
  if (isExpression(arg)) return arg.node
  if (arg === undefined) throw new JoineryError('A value interpolated into sql`…` is undefined; pass null for NULL.')
  return value(arg)
}

function sqlTag<T = unknown>(strings: TemplateStringsArray, ...args: unknown[]): Sql<T> {
  return expression<T>(raw(strings, args.map(toNode)))
}

/**
 * SQL with parameters: every interpolated value becomes `$n`; interpolated expressions and
 * fragments are embedded. `sql<number>\`count(*)\`` declares the decoded type.
 */
export const sql = Object.assign(sqlTag, {
  /** A quoted column reference: `sql.ref('people.name')` → `"people"."name"`. */
  ref: <T = unknown>(reference: string): Sql<T> => expression<T>(identifier(reference.split('.'))),
  /** A quoted table name: `sql.table('people')` → `"people"`. */
  table: (name: string): Sql<never> => expression<never>(identifier([name])),
  /** Fragments joined by a separator (default `, `). */
  join: (items: readonly unknown[], separator: Sql<unknown> = sqlTag`, `): Sql<unknown> => {
    const parts = ['']
    const args: ExpressionNode[] = []
    items.forEach((item, i) => {
      if (i > 0) {
        args.push(separator.node)
        parts.push('')
      }
      args.push(toNode(item))
      parts.push('')
    })
    return expression(raw(parts, args))
  },
  /** UNESCAPED SQL text. The only way to put user text into SQL unquoted: never pass input to it. */
  raw: <T = unknown>(text: string): Sql<T> => expression<T>(unsafeText(text)),
})
