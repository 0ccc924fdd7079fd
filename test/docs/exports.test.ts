// Every name joinery exports is introduced in docs/getting-started.md, so a new export comes
// with a line of docs (and, through the snippet tests, an example that compiles).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { root } from './snippets.js'

/** The names in `export { a, b as c } from …` and `export type { … } from …` of a module. */
function exportedNames(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  const names: string[] = []
  for (const match of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const item of match[1]!.split(','))
      if (item.trim() !== '') names.push(item.trim().split(/\s+as\s+/).pop()!.replace(/^type\s+/, ''))
  for (const match of text.matchAll(/export\s+(?:async\s+)?(?:function|const|class|interface|type)\s+(\w+)/g)) names.push(match[1]!)
  return names
}

const guide = readFileSync(join(root, 'docs/getting-started.md'), 'utf8')

test.each([['src/index.ts'], ['src/driver/pg.ts'], ['src/driver/pglite.ts']])('docs/getting-started.md names every export of %s', (file) => {
  const names = exportedNames(file)
  expect(names.length).toBeGreaterThan(0)
  const missing = names.filter((name) => !new RegExp(`\\b${name}\\b`).test(guide))
  expect(missing, `add these to docs/getting-started.md (at least to "The exported types"): ${missing.join(', ')}`).toEqual([])
})
