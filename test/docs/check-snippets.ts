// Type-checks every ```ts block of README.md and docs/*.md with TypeScript 5.9 and 7, against
// src/ (not dist/). Errors point at the markdown line. Part of `npm run typecheck`.
// Usage: tsx test/docs/check-snippets.ts [--keep]   (--keep leaves the generated modules)
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { allChains, root, snippetsDir, writeModules } from './snippets.js'
import type { Module } from './snippets.js'

const compilers = [
  { name: 'TypeScript 5.9', bin: join(root, 'node_modules/typescript/bin/tsc') },
  { name: 'TypeScript 7', bin: join(root, 'node_modules/typescript7/bin/tsc') },
]

interface Outcome {
  readonly name: string
  readonly code: number | null
  readonly output: string
}

function typeCheck(compiler: (typeof compilers)[number], project: string): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [compiler.bin, '-p', project, '--pretty', 'false'], { cwd: root })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ name: compiler.name, code, output }))
  })
}

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): (.*)$/

/**
 * Rewrites `…/03-README-md.ts(12,5): error …` as `README.md:40:5 error …`. A block shared by
 * a chain and its no-run branches is checked once per module: report each diagnostic once.
 */
function mapOutput(output: string, modules: readonly Module[]): string {
  const diagnostics: string[] = []
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue
    const match = DIAGNOSTIC.exec(line)
    if (match === null) {
      // A continuation of the diagnostic above (tsc indents the details of a message).
      if (diagnostics.length > 0) diagnostics[diagnostics.length - 1] += `\n${line}`
      else diagnostics.push(line)
      continue
    }
    const [, file = '', row = '', column = '', message = ''] = match
    const module = modules.find((m) => join(root, file) === m.path || file === m.path)
    const source = module?.sources[Number(row) - 1]
    diagnostics.push(source === undefined ? line : `${source}:${column} ${message}`)
  }
  return [...new Set(diagnostics)].join('\n')
}

const chains = allChains()
const blocks = new Set(chains.flatMap((chain) => chain.blocks.map((block) => `${block.file}:${block.line}`))).size
if (blocks === 0) {
  console.error('docs snippets: no ```ts blocks found in README.md or docs/*.md; is the harness looking in the right place?')
  process.exit(1)
}

const dir = join(snippetsDir, `check-${process.pid}`)
let failed = false
try {
  const modules = writeModules(dir, chains)
  const outcomes = await Promise.all(compilers.map((compiler) => typeCheck(compiler, join(dir, 'tsconfig.json'))))
  for (const outcome of outcomes) {
    if (outcome.code === 0) continue
    failed = true
    console.error(`docs snippets fail to type-check with ${outcome.name}:\n${mapOutput(outcome.output, modules)}\n`)
  }
  const files = new Set(chains.map((chain) => chain.file)).size
  const summary = `${blocks} blocks in ${files} files (${chains.length} modules)`
  if (failed) console.error(`docs snippets: type errors in ${summary}; see docs/CONTRIBUTING.md for the conventions.`)
  else console.log(`docs snippets: ${summary} type-check with ${compilers.map((c) => c.name).join(' and ')}.`)
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true })
  else console.log(`docs snippets: modules kept in ${dir}`)
}
process.exit(failed ? 1 : 0)
