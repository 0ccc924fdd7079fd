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

/** `"key"`: a property name as a string literal (`__proto__` computed, so it stays an own property). */
export const literalKey = (key: string) => (key === '__proto__' ? '["__proto__"]' : JSON.stringify(key))
