// Runs bench parts, each in a fresh node process, then rewrites BENCHMARKS.md from all results.
//   npx tsx bench/run.ts                 compile, e2e and typecheck
//   npx tsx bench/run.ts compile e2e     some of them (the report keeps the others' last results)
//   npx tsx bench/run.ts report          only rewrite BENCHMARKS.md
//
// The parts run as JavaScript compiled by tsc (bench/.bench-tmp/js), not through tsx: tsx's
// transform wraps named closures in a helper call each time they are created, a cost only
// joinery (the one peer loaded from TypeScript source) would pay.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { writeReport } from './report.js'
import { benchDir, rootDir, tmpDir } from './support.js'

const parts = ['compile', 'e2e', 'typecheck'] as const
const asked = process.argv.slice(2)
for (const a of asked) if (a !== 'report' && !parts.includes(a as (typeof parts)[number])) throw new Error(`unknown part "${a}"; parts: ${parts.join(', ')}, report`)
const chosen = asked.length === 0 ? parts : parts.filter((p) => asked.includes(p))

if (chosen.length > 0) {
  const out = join(tmpDir, 'js')
  const build = spawnSync(
    join(rootDir, 'node_modules', '.bin', 'tsc'),
    ['-p', benchDir, '--noEmit', 'false', '--declaration', 'false', '--sourceMap', 'false', '--outDir', out],
    { cwd: rootDir, encoding: 'utf8' },
  )
  // Type errors (say, in src/ while it is being edited) do not stop the emit; report them.
  if (build.status !== 0) process.stderr.write(`note: tsc -p bench reported errors; running what it emitted:\n${build.stdout}`)
  for (const part of chosen) {
    const start = performance.now()
    process.stderr.write(`\n=== bench ${part}\n`)
    const run = spawnSync(process.execPath, [join(out, 'bench', part, 'run.js')], { cwd: rootDir, stdio: 'inherit' })
    if (run.status !== 0) throw new Error(`bench ${part} failed (exit ${run.status})`)
    process.stderr.write(`=== bench ${part}: ${((performance.now() - start) / 1000).toFixed(0)} s\n`)
  }
}
writeReport()
process.stderr.write(`wrote ${join(rootDir, 'BENCHMARKS.md')}\n`)
