// Type-check cost: generates the projects (bench/typecheck/generate.ts) and runs
// `tsc --noEmit --extendedDiagnostics` on each with TypeScript 5.9 and TypeScript 7.
// Run: npx tsx bench/run.ts typecheck   (or directly: npx tsx bench/typecheck/run.ts)
//
// JOINERY_PATTERNS=select limits joinery's queries to some patterns (default: all of
// select,join,include, like the peers). BENCH_TYPECHECK_SIZES=20,200 limits the schema sizes.
// BENCH_TYPECHECK_ROUNDS (3) cold runs per project; BENCH_TYPECHECK_WARM_ROUNDS (5) warm runs of the
// 200-table mixes in one process (bench/typecheck/warm.ts).
import { spawnSync } from 'node:child_process'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { patterns as knownPatterns, writeProject } from './generate.js'
import type { Pattern, Peer } from './generate.js'
import type { TypecheckMeasurement, TypecheckResults, TypecheckVariant } from '../results.js'
import { machine, quantile, rootDir, tmpDir, versions, writeResult } from '../support.js'

// TypeScript 7 checks files on several checkers in parallel (4 by default), and each checker that
// needs a type computes it again: a schema() call imported by the queries is computed twice. The
// 200-table runs are also measured on one checker, to tell that apart from the cost of the queries.
// A cold TS 5.9 run executes much of the checker before V8's optimizing compiler has compiled it,
// and a longer run spends a larger share of its time optimized: the 200-table runs are also
// measured with that compiler off (`node --no-opt`), every peer at the same unoptimized speed.
const compilers = {
  'ts5.9': [join(rootDir, 'node_modules', '.bin', 'tsc')],
  'ts5.9-noopt': [process.execPath, '--no-opt', join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc')],
  ts7: [process.execPath, join(rootDir, 'node_modules', 'typescript7', 'bin', 'tsc')],
  'ts7-1': [process.execPath, join(rootDir, 'node_modules', 'typescript7', 'bin', 'tsc'), '--checkers', '1'],
} as const
type Compiler = TypecheckMeasurement['compiler']

// 200 queries; 50 at 1000 tables, where one TS 5.9 run of Kysely's 200 would take minutes.
// The flatness check compares the cost per query: (queries run − schema-only run) / queries.
const queriesAt = (tables: number) => (tables >= 1000 ? 50 : 200)
const sizes = (process.env.BENCH_TYPECHECK_SIZES ?? '20,200,1000').split(',').map(Number)
const fullMix: Pattern[] = ['select', 'join', 'include']
// A check time wanders by a fifth from one run to the next on a shared 2-core machine (instantiation
// counts do not): every project is checked this many times, round by round, so that a slow spell
// falls on every peer alike, and the median is reported.
const rounds = Number(process.env.BENCH_TYPECHECK_ROUNDS ?? 3)
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_TYPECHECK_ROUNDS: a positive integer, got ${process.env.BENCH_TYPECHECK_ROUNDS}`)
// Warm runs of the 200-table mixes in one process (bench/typecheck/warm.ts, run as this file is:
// compiled by bench/run.ts, or under tsx), after two runs each.
const self = fileURLToPath(import.meta.url)
const warmScript = join(dirname(self), `warm${extname(self)}`)
const warmRounds = Number(process.env.BENCH_TYPECHECK_WARM_ROUNDS ?? 5)
if (!Number.isInteger(warmRounds) || warmRounds < 1) throw new Error(`BENCH_TYPECHECK_WARM_ROUNDS: a positive integer, got ${process.env.BENCH_TYPECHECK_WARM_ROUNDS}`)
const joineryPatterns = (process.env.JOINERY_PATTERNS ?? fullMix.join(',')).split(',') as Pattern[]
for (const p of joineryPatterns) if (!knownPatterns.includes(p)) throw new Error(`JOINERY_PATTERNS: unknown pattern ${p}`)

function variants(): TypecheckVariant[] {
  const list: TypecheckVariant[] = []
  for (const tables of sizes) {
    for (const peer of ['joinery', 'kysely', 'drizzle-rc'] as const) {
      list.push({ peer, tables, patterns: [], queries: 0 })
      list.push({ peer, tables, patterns: peer === 'joinery' ? joineryPatterns : fullMix, queries: queriesAt(tables) })
      // Peers also on exactly joinery's patterns, when that is not the full mix: same queries side by side.
      if (peer !== 'joinery' && joineryPatterns.join() !== fullMix.join() && tables === 200)
        list.push({ peer, tables, patterns: joineryPatterns, queries: queriesAt(tables) })
    }
  }
  return list
}

const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5)
const label = (v: TypecheckVariant) => `${v.peer}-${v.tables}-${v.queries === 0 ? 'schema' : v.patterns.join('+')}`

function number(text: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+([\\d.]+)`, 'm').exec(text)
  if (match === null) throw new Error(`no "${name}" in tsc output:\n${text}`)
  return Number(match[1])
}

function check(dir: string, compiler: Compiler): Omit<TypecheckMeasurement, keyof TypecheckVariant | 'compiler'> {
  const [command, ...args] = compilers[compiler]
  const run = spawnSync(command, [...args, '-p', dir, '--extendedDiagnostics'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const out = `${run.stdout}\n${run.stderr}`
  const errors = out.split('\n').filter((line) => /error TS\d+/.test(line))
  return {
    checkSeconds: number(out, 'Check time'),
    totalSeconds: number(out, 'Total time'),
    instantiations: number(out, 'Instantiations'),
    memoryMB: number(out, 'Memory used') / 1024,
    errors: errors.slice(0, 5),
  }
}

/** joinery as users get it: the declaration build of src/, checked like any library. */
function buildJoineryDeclarations(): string {
  const out = join(tmpDir, 'joinery-dts')
  const result = spawnSync(
    join(rootDir, 'node_modules', '.bin', 'tsc'),
    ['-p', join(rootDir, 'tsconfig.build.json'), '--emitDeclarationOnly', '--sourceMap', 'false', '--inlineSources', 'false', '--declarationMap', 'false', '--outDir', out],
    { encoding: 'utf8' },
  )
  if (result.status !== 0) process.stderr.write(`note: joinery's declaration build reported errors:\n${result.stdout}`)
  return join(out, 'src', 'index.d.ts')
}

async function main(): Promise<void> {
  const joineryLib = buildJoineryDeclarations()
  const base = join(tmpDir, 'typecheck')
  const projects = variants().map((v) => {
    const dir = join(base, label(v))
    writeProject({ ...v, dir, joineryLib })
    return { v, dir }
  })
  const samples = new Map<string, TypecheckMeasurement[]>()
  for (let round = 1; round <= rounds; round++) {
    for (const { v, dir } of projects) {
      for (const compiler of Object.keys(compilers) as Compiler[]) {
        if ((compiler === 'ts7-1' || compiler === 'ts5.9-noopt') && v.tables !== 200) continue
        const m = { ...v, compiler, ...check(dir, compiler) }
        const key = `${label(v)} ${compiler}`
        samples.set(key, [...(samples.get(key) ?? []), m])
        process.stderr.write(
          `round ${round}/${rounds} ${label(v).padEnd(40)} ${compiler.padEnd(6)} check ${m.checkSeconds.toFixed(2)} s  ${m.instantiations} inst  ${m.memoryMB.toFixed(0)} MB${m.errors.length > 0 ? `  ERRORS: ${m.errors[0]}` : ''}\n`,
        )
      }
    }
  }
  const runs: TypecheckMeasurement[] = [...samples.values()].map((list) => ({
    ...list[0]!,
    checkSeconds: median(list.map((m) => m.checkSeconds)),
    totalSeconds: median(list.map((m) => m.totalSeconds)),
    instantiations: median(list.map((m) => m.instantiations)),
    memoryMB: median(list.map((m) => m.memoryMB)),
  }))

  // The 200-table mixes again in one process, TS 5.9 warmed up: the checking as optimized code, without
  // the unoptimized start every cold run above has (a larger share of a shorter run).
  const warm: TypecheckResults['warm'] = []
  const mixes = projects.filter(({ v }) => v.tables === 200 && v.queries > 0 && v.patterns.join() === (v.peer === 'joinery' ? joineryPatterns : fullMix).join())
  if (mixes.length > 0) {
    const run = spawnSync(process.execPath, [...process.execArgv, warmScript, String(warmRounds), ...mixes.map((m) => m.dir)], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    })
    if (run.status !== 0) throw new Error(`bench/typecheck/warm.ts failed:\n${run.stderr}`)
    const measured = JSON.parse(run.stdout) as Record<string, { seconds: number[]; instantiations: number }>
    for (const { v, dir } of mixes) {
      const { seconds, instantiations } = measured[dir]!
      warm.push({ ...v, seconds: median(seconds), instantiations })
      process.stderr.write(`warm ${label(v).padEnd(40)} ts5.9  check ${median(seconds).toFixed(2)} s (${seconds.map((x) => x.toFixed(2)).join(' ')})\n`)
    }
  }

  // One call of each pattern on a 200-table schema, TS 5.9 (instantiation counts are compiler-specific).
  const singleCall: TypecheckResults['singleCall'] = []
  const single: [Peer, Pattern[]][] = [
    ['joinery', [...new Set<Pattern>(['selectOnly', 'whereOnly', 'select', ...joineryPatterns])]],
    ['kysely', ['select', 'join', 'include']],
    ['drizzle-rc', ['select', 'include']],
  ]
  for (const [peer, list] of single) {
    const baseline = runs.find((r) => r.peer === peer && r.tables === 200 && r.queries === 0 && r.compiler === 'ts5.9')
    if (baseline === undefined) continue
    for (const pattern of list) {
      const [one, two] = [1, 2].map((queries) => {
        const dir = join(base, `${peer}-200-${queries === 1 ? 'one' : 'again'}-${pattern}`)
        writeProject({ peer, tables: 200, patterns: [pattern], queries, dir, joineryLib, sameTable: true })
        const m = check(dir, 'ts5.9')
        if (m.errors.length > 0) process.stderr.write(`${peer} ${pattern}: ERRORS ${m.errors[0]}\n`)
        return m.instantiations
      }) as [number, number]
      singleCall.push({ peer, pattern, instantiations: one - baseline.instantiations, again: two - one })
      process.stderr.write(`${peer} one ${pattern}: ${one - baseline.instantiations} instantiations, ${two - one} again on the same table\n`)
    }
  }

  const output: TypecheckResults = {
    date: new Date().toISOString(),
    versions: versions(),
    machine: machine(),
    queriesPerSize: Object.fromEntries(sizes.map((n) => [n, queriesAt(n)])),
    rounds,
    joineryPatterns,
    fullMix,
    runs,
    warmRounds,
    warm,
    singleCall,
  }
  writeResult('typecheck', output)
}

await main()
