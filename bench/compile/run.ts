// Compile bench: every peer builds and compiles the same ten queries in this one process.
// Run: npx tsx bench/run.ts compile   (or directly: npx tsx bench/compile/run.ts)
//
// mitata measures each (query, peer) for BENCH_ROUNDS rounds (default 3) of ~0.2 s (samples of
// 256 calls), interleaved and in a rotating peer order; the reported time is the best round's
// median sample, which keeps the ratios steady when other work shares the machine.
import { do_not_optimize, measure } from 'mitata'
import { caseNames, caseTitles } from './cases.js'
import type { CaseName, CompilePeer } from './cases.js'
import { drizzle045 } from './peers/drizzle-045.js'
import { drizzleRc } from './peers/drizzle-rc.js'
import { joinery, joineryEachTime } from './peers/joinery.js'
import { knex } from './peers/knex.js'
import { kysely } from './peers/kysely.js'
import type { CompileResult, CompileResults } from '../results.js'
import { geomean, machine, versions, writeResult } from '../support.js'

const peers = [joinery, joineryEachTime, kysely, drizzleRc, drizzle045, knex] as CompilePeer[]
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const only = process.env.BENCH_FILTER === undefined ? undefined : new RegExp(process.env.BENCH_FILTER)

type Name = CaseName | 'recompile'
const benches: { peer: string; name: Name; fn: () => unknown }[] = []
for (const name of caseNames) {
  for (const peer of peers) {
    const build = peer.cases[name]
    if (build !== undefined) benches.push({ peer: peer.name, name, fn: build })
  }
}
for (const peer of peers) benches.push({ peer: peer.name, name: 'recompile', fn: peer.prebuilt() })
const chosen = benches.filter((b) => only === undefined || only.test(`${b.peer} · ${b.name}`))

const best = new Map<string, { p50: number; p99: number }>()
for (let round = 0; round < rounds; round++) {
  for (const name of [...caseNames, 'recompile'] as Name[]) {
    const group = chosen.filter((b) => b.name === name)
    for (let i = 0; i < group.length; i++) {
      const b = group[(i + round) % group.length]!
      const stats = await measure(() => do_not_optimize(b.fn()), { min_cpu_time: 200e6, batch_samples: 256, gc: false })
      const key = `${b.peer} · ${b.name}`
      const previous = best.get(key)
      if (previous === undefined || stats.p50 < previous.p50) best.set(key, { p50: stats.p50, p99: stats.p99 })
      process.stderr.write(`round ${round + 1}/${rounds}  ${key.padEnd(32)} ${(stats.p50 / 1000).toFixed(2).padStart(8)} µs median  ${(stats.avg / 1000).toFixed(2).padStart(8)} µs avg\n`)
    }
  }
}

const results: CompileResult[] = chosen.map((b) => {
  const s = best.get(`${b.peer} · ${b.name}`)!
  return { peer: b.peer, case: b.name, nsPerOp: s.p50, p99: s.p99, opsPerSec: 1e9 / s.p50 }
})

const sql: CompileResults['sql'] = {}
for (const peer of peers) {
  sql[peer.name] = {}
  for (const name of caseNames) {
    const build = peer.cases[name]
    if (build !== undefined) sql[peer.name]![name] = peer.sqlOf(build())
  }
}

// Ratios to Kysely per query; geomean over all ten (peers that have them all) and over the ones joinery has.
const ratio = (peer: string, name: CaseName) => {
  const mine = results.find((r) => r.peer === peer && r.case === name)
  const base = results.find((r) => r.peer === 'kysely' && r.case === name)
  return mine === undefined || base === undefined ? undefined : mine.opsPerSec / base.opsPerSec
}
const commonCases = caseNames.filter((name) => joinery.cases[name] !== undefined)
const geo: CompileResults['geomean'] = {}
for (const peer of peers) {
  const all = caseNames.map((name) => ratio(peer.name, name))
  const common = commonCases.map((name) => ratio(peer.name, name))
  geo[peer.name] = {
    all: all.every((r) => r !== undefined) ? geomean(all as number[]) : null,
    common: geomean(common.filter((r): r is number => r !== undefined)),
    commonCases,
  }
}

if (only === undefined) writeResult('compile', { date: new Date().toISOString(), versions: versions(), machine: machine(), results, sql, geomean: geo } satisfies CompileResults)
for (const name of [...caseNames, 'recompile'] as Name[]) {
  const line = peers.map((p) => {
    const r = results.find((x) => x.peer === p.name && x.case === name)
    const base = results.find((x) => x.peer === 'kysely' && x.case === name)
    return `${p.name} ${r === undefined || base === undefined ? '—' : (r.opsPerSec / base.opsPerSec).toFixed(2)}`
  })
  console.log(`${(name === 'recompile' ? 'recompile' : caseTitles[name]).padEnd(32)} ${line.join('  ')}`)
}
console.log(`geomean vs Kysely: ${peers.map((p) => `${p.name} ${geo[p.name]!.common.toFixed(2)}`).join('  ')}`)
