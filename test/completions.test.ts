// What an editor offers while a query is typed: the completions TypeScript's language service gives
// inside select([…]) and select((eb) => […]) — the query's references, bare and qualified. With
// one overload per form the array form offered none; see the signature's comment in select.ts.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'

const root = join(import.meta.dirname, '..')
const file = join(root, 'test', '__completions__.ts')
const source = `import { column as c, createDb, schema, table } from '../src/index.js'
import type { Driver } from '../src/index.js'
const s = schema({ people: table({ id: c.serial().primaryKey(), name: c.text() }) })
declare const driver: Driver
const db = createDb(s, { driver })
db.selectFrom('people').select([''])
db.selectFrom('people').select((eb) => [''])
db.selectFrom('people').select(['id', 'people.'])
`

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  skipLibCheck: true,
}

const service = ts.createLanguageService({
  getScriptFileNames: () => [file],
  getScriptVersion: () => '1',
  getScriptSnapshot: (name) => ts.ScriptSnapshot.fromString(name === file ? source : readFileSync(name, 'utf8')),
  getCurrentDirectory: () => root,
  getCompilationSettings: () => options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: (name) => name === file || ts.sys.fileExists(name),
  readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
})

/** The completion names offered right after the first occurrence of `before` in the source. */
function completionsAfter(before: string): string[] {
  const at = source.indexOf(before)
  if (at === -1) throw new Error(`not in the source: ${before}`)
  const entries = service.getCompletionsAtPosition(file, at + before.length, {})?.entries ?? []
  return entries.map((entry) => entry.name).sort()
}

describe('completions', { timeout: 60_000 }, () => {
  test('the source type-checks but for the empty names being typed', () => {
    const messages = service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(messages).toHaveLength(3)
    for (const message of messages) expect(message).toContain('is not assignable')
  })

  test("select(['…']) offers the table's columns, bare and qualified", () => {
    expect(completionsAfter("select(['")).toEqual(['id', 'name', 'people.id', 'people.name'])
  })

  test("select((eb) => ['…']) offers the same", () => {
    expect(completionsAfter("select((eb) => ['")).toEqual(['id', 'name', 'people.id', 'people.name'])
  })

  test('a second element is completed too', () => {
    expect(completionsAfter("select(['id', 'people.")).toEqual(['id', 'name', 'people.id', 'people.name'])
  })
})
