// Runs the docs: every chain of ```ts blocks (see docs/CONTRIBUTING.md) runs to the end without
// throwing, on embedded PGlite, and prints what its `console.log(…) // comments` say.
// check-snippets.ts type-checks the same modules.
import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { allChains, MARK, root, snippetsDir, writeModules } from './snippets.js'
import type { Module } from './snippets.js'

const tsx = join(root, 'node_modules/tsx/dist/cli.mjs')
const chains = allChains().filter((chain) => chain.run)
const dir = join(snippetsDir, `run-${process.pid}-${Date.now()}`)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Outcome {
  readonly ok: boolean
  readonly output: string
}

/**
 * Runs modules in order in one process (PGlite's WebAssembly compiles once per process), and
 * splits what it printed by module. A module the process never finished is reported with all
 * the output, and why the process ended.
 */
function runInOneProcess(modules: readonly Module[]): Promise<Map<string, Outcome>> {
  const args = [tsx, '--tsconfig', join(dir, 'tsconfig.json'), join(root, 'test/docs/run-chains.ts'), ...modules.map((m) => m.path)]
  // The docs use their own PGlite: a DATABASE_URL meant for the test suite is not theirs.
  const env = { ...process.env, DATABASE_URL: '' }
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: root, env, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const outcomes = new Map<string, Outcome>()
      let path: string | undefined
      let lines: string[] = []
      for (const line of stdout.split('\n')) {
        if (!line.startsWith(`${MARK} `)) {
          lines.push(line)
          continue
        }
        const [, verdict = '', ...rest] = line.split(' ')
        if (verdict === 'start') {
          path = rest.join(' ')
          lines = []
        } else if (verdict === 'ok' || verdict === 'fail') {
          outcomes.set(rest.join(' '), { ok: verdict === 'ok', output: lines.join('\n') })
          path = undefined
        } else lines.push(line)
      }
      const ended = error === null ? '' : `\n(the process ended: ${error.killed ? `killed by ${error.signal}, over 300 s` : error.message})`
      for (const module of modules)
        if (!outcomes.has(module.path))
          outcomes.set(module.path, { ok: false, output: `${module.path === path ? lines.join('\n') : '(never started)'}\n${stderr}${ended}` })
      done(outcomes)
    })
  })
}

// Two processes, so a 2-core machine (where vitest runs one worker) uses both cores.
let runs: Promise<Map<string, Outcome>> | undefined
function outcomeOf(module: Module, modules: readonly Module[]): Promise<Outcome> {
  runs ??= (async () => {
    const halves = [modules.filter((_, i) => i % 2 === 0), modules.filter((_, i) => i % 2 === 1)].filter((half) => half.length > 0)
    const results = await Promise.all(halves.map(runInOneProcess))
    return new Map(results.flatMap((result) => [...result]))
  })()
  return runs.then((all) => all.get(module.path)!)
}

test('the docs have snippets to run', () => {
  expect(chains.length).toBeGreaterThan(0)
})

let modules: Module[] | undefined
for (const chain of chains)
  test.concurrent(`${chain.name} runs`, async () => {
    modules ??= writeModules(dir, chains, { checkOutput: true })
    const module = modules.find((m) => m.chain === chain)!
    const { ok, output } = await outcomeOf(module, modules)
    expect(ok, `${chain.name} (${chain.blocks.length} blocks) failed:\n${output}`).toBe(true)
  }, 400_000)
