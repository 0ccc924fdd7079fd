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

interface PartsNode<T> {
  readonly next: Map<unknown, PartsNode<T>>
  made: T | undefined
}

/**
 * `make` remembered per list of parts (keys, decoder functions), in a trie on the parts: a query
 * built again per request finds its decoder by walking them, where making it again (writing the
 * code, hashing it, a closure per build) cost more than decoding a row. Past `max` lists the
 * result is made, not remembered.
 */
export function memoByParts<T>(make: (parts: readonly unknown[]) => T, max = MAX_FACTORIES): (parts: readonly unknown[]) => T {
  const root: PartsNode<T> = { next: new Map(), made: undefined }
  let remembered = 0
  return (parts) => {
    let node = root
    for (const part of parts) {
      let next = node.next.get(part)
      if (next === undefined) {
        if (remembered >= max) return make(parts)
        node.next.set(part, (next = { next: new Map(), made: undefined }))
      }
      node = next
    }
    if (node.made === undefined) {
      if (remembered >= max) return make(parts)
      node.made = make(parts)
      remembered++
    }
    return node.made
  }
}

/** `make` remembered per string key, for the first `max` keys; past them the result is made each time. */
export function memoByKey<T>(make: (key: string) => T, max = MAX_FACTORIES): (key: string) => T {
  const made = new Map<string, T>()
  return (key) => {
    let value = made.get(key)
    if (value === undefined) {
      value = make(key)
      if (made.size < max) made.set(key, value)
    }
    return value
  }
}

/** `make` remembered per object (a codec, a decoder), for as long as the object lives. */
export function memoByObject<K extends object, T>(make: (key: K) => T): (key: K) => T {
  const made = new WeakMap<K, T>()
  return (key) => {
    let value = made.get(key)
    if (value === undefined) made.set(key, (value = make(key)))
    return value
  }
}

/** `"key"`: a property name as a string literal (`__proto__` computed, so it stays an own property). */
export const literalKey = (key: string) => (key === '__proto__' ? '["__proto__"]' : JSON.stringify(key))
