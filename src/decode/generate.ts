// Decoders generated with their keys written in: an access by a constant name stays fast, where
// one loop shared by every query would see every object shape and fall back to the slowest
// lookup. Keys enter the code only as JSON string literals.

type Factory = (values: unknown) => unknown

// One factory per distinct code (per query shape), so building a query again costs a lookup.
const factories = new Map<string, Factory>()
const MAX_FACTORIES = 5000

/**
 * `new Function(parameter, body)` applied to `values`, the function cached by its code; undefined
 * where the platform forbids eval (a Content-Security-Policy) or the cache is full: callers then
 * take their loop.
 */
export function generate<F>(parameter: string, body: string, values: unknown): F | undefined {
  let factory = factories.get(body)
  if (factory === undefined) {
    if (factories.size >= MAX_FACTORIES) return undefined
    try {
      factory = new Function(parameter, body) as Factory
    } catch {
      return undefined
    }
    factories.set(body, factory)
  }
  return factory(values) as F
}

interface CodeNode {
  readonly next: Map<string, CodeNode>
  code: string | undefined
}

/**
 * `write` remembered per key list, in a trie on the keys: a query built again per request finds
 * its code by walking its keys, where writing the code and hashing it for the lookup above cost
 * more than decoding a row. Past MAX_FACTORIES lists the code is written, not remembered.
 */
export function codeByKeys(write: (keys: readonly string[]) => string): (keys: readonly string[]) => string {
  const root: CodeNode = { next: new Map(), code: undefined }
  let remembered = 0
  return (keys) => {
    let node = root
    for (const key of keys) {
      let next = node.next.get(key)
      if (next === undefined) {
        if (remembered >= MAX_FACTORIES) return write(keys)
        node.next.set(key, (next = { next: new Map(), code: undefined }))
      }
      node = next
    }
    if (node.code === undefined) {
      if (remembered >= MAX_FACTORIES) return write(keys)
      node.code = write(keys)
      remembered++
    }
    return node.code
  }
}

/** `"key"`: a property name as a string literal (`__proto__` computed, so it stays an own property). */
export const literalKey = (key: string) => (key === '__proto__' ? '["__proto__"]' : JSON.stringify(key))
