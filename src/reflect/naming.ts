// Database names → schema keys. With casing 'snake_case' a key maps back to its database name
// through toSnakeCase (the rule schema() applies); a name that does not round-trip keeps a key
// anyway and gets `.name('…')`. Also: how a key or a string is spelled in TypeScript source.
import { toSnakeCase } from '../schema/casing.js'
import type { Casing } from '../schema/casing.js'

/** A schema key, and the database name to declare with `.name()` when casing would not give it. */
export interface Named {
  readonly key: string
  readonly dbName: string | undefined
}

/** `film_actor` → `filmActor`, `ProjectID` → `projectId`, `line_1` → `line1`. */
export function camelCase(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
  return words.map((word, i) => (i === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())).join('')
}

/** The key for database name `name` under `casing`, before making it unique. */
export function keyFor(name: string, casing: Casing): Named {
  if (casing === 'preserve') return name === '' || name.includes('.') ? { key: camelCase(name) || 'unnamed', dbName: name } : { key: name, dbName: undefined }
  const camel = camelCase(name)
  if (camel !== '' && toSnakeCase(camel) === name) return { key: camel, dbName: undefined }
  // `line_1`, `_private`: already snake_case, it maps to itself.
  if (!name.includes('.') && toSnakeCase(name) === name && name !== '') return { key: name, dbName: undefined }
  return { key: camel || 'unnamed', dbName: name }
}

/**
 * Picks the casing that needs fewest `.name()` calls: snake_case when most names map through it
 * (and it changes at least one), else preserve (keys are the database names).
 */
export function chooseCasing(names: readonly string[]): Casing {
  const snake = names.map((name) => keyFor(name, 'snake_case'))
  const renamed = snake.filter((named) => named.dbName !== undefined).length
  const changed = snake.some((named, i) => named.key !== names[i])
  return changed && renamed * 2 <= names.length ? 'snake_case' : 'preserve'
}

/** Keys for `names`, unique within the list (a clash gets a number: `title2`). */
export function uniqueKeys(names: readonly string[], casing: Casing): Named[] {
  const taken = new Set<string>()
  return names.map((name) => {
    let named = keyFor(name, casing)
    if (taken.has(named.key)) {
      let n = 2
      while (taken.has(`${named.key}${n}`)) n++
      named = { key: `${named.key}${n}`, dbName: name }
    }
    taken.add(named.key)
    return named
  })
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

// Reserved words of JavaScript and TypeScript: legal as object keys, quoted anyway for clarity.
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await'
  ).split(' '),
)

/** A string literal: in single quotes, or double ones when that saves escapes (as Prettier does). */
export function quoteString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  const escaped = text.replace(/[\\'"\u0000-\u001f\u2028\u2029\u007f]/g, (ch) => {
    if (ch === '"' || ch === "'") return ch === quote ? `\\${ch}` : ch
    const named: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
    return named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
  return `${quote}${escaped}${quote}`
}

/** An object key as written in source: bare when it can be, quoted otherwise. */
export function propertyKey(key: string): string {
  // A `__proto__` key in an object literal sets the prototype; a computed key does not.
  if (key === '__proto__') return `['__proto__']`
  return IDENTIFIER.test(key) && !RESERVED.has(key) ? key : quoteString(key)
}

/** Text inside a `sql\`…\`` template: backslashes, backticks and `${` escaped. */
export function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')
}

/** Text inside a `/** … *\/` comment: `*\/` cannot end it early. */
export function commentText(text: string): string {
  return text.replace(/\*\//g, '*\\/')
}
