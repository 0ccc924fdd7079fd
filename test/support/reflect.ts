// Helpers of the reflection tests: a scratch folder inside the repository (so generated files
// import src/ and resolve node_modules like any test), type-checking generated files with tsc,
// and pulling the schema a test database holds.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { pullSchema } from '../../src/reflect/pull.js'
import type { PullOptions, SchemaFile } from '../../src/reflect/pull.js'
import type { TestDatabase } from './database.js'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** test/.reflect-tmp: a dot folder, so neither `tsc -p .` nor vitest looks inside. */
const scratchRoot = join(root, 'test/.reflect-tmp')

export interface ScratchDir {
  readonly path: string
  /** The import specifier of src/index.ts from files in this folder. */
  readonly joinery: string
  write(name: string, text: string): string
  remove(): void
}

export function scratchDir(name: string): ScratchDir {
  mkdirSync(scratchRoot, { recursive: true })
  if (!existsSync(join(scratchRoot, '.gitignore'))) writeFileSync(join(scratchRoot, '.gitignore'), '*\n')
  const path = join(scratchRoot, `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`)
  mkdirSync(path, { recursive: true })
  return {
    path,
    joinery: relative(path, join(root, 'src/index.js')).split('\\').join('/'),
    write(file, text) {
      const target = join(path, file)
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, text)
      return target
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  }
}

/** Type-checks `files` of `dir` with the project's compiler options; resolves to tsc's output ('' when clean). */
export function typeCheck(dir: ScratchDir, files: readonly string[]): Promise<string> {
  const tsconfig = {
    extends: relative(dir.path, join(root, 'tsconfig.json')).split('\\').join('/'),
    compilerOptions: { noEmit: true },
    include: [],
    files,
  }
  dir.write('tsconfig.json', JSON.stringify(tsconfig, null, 2))
  const tsc = join(root, 'node_modules/typescript/bin/tsc')
  return new Promise((done) => {
    execFile(process.execPath, [tsc, '-p', join(dir.path, 'tsconfig.json'), '--pretty', 'false'], { cwd: root }, (_error, stdout, stderr) =>
      done(`${stdout}${stderr}`.trim()),
    )
  })
}

/** The Postgres schema a test database works in: `public` on PGlite, its own schema on the server. */
export async function currentSchema(t: TestDatabase): Promise<string> {
  const [row] = await t.rows('select current_schema() as name')
  return String(row!.name)
}

/** Pulls the test database's current schema, importing the DSL from src/ as seen from `dir`. */
export async function pullFrom(t: TestDatabase, dir: ScratchDir, options: PullOptions = {}): Promise<SchemaFile> {
  return pullSchema(t.driver, { schema: await currentSchema(t), importFrom: dir.joinery, ...options })
}

/** Runs every statement on the test database, one at a time (PGlite takes one per query). */
export async function runStatements(t: TestDatabase, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await t.driver.query(statement, [])
}
