// End-to-end bench against the seeded server database: latency, throughput, node CPU per
// operation and statements per operation, as ratios to raw pg.
// Run: npx tsx bench/run.ts e2e   (or directly: npx tsx bench/e2e/run.ts)
import { isDeepStrictEqual } from 'node:util'
import pg from 'pg'
import { ensureSeeded } from '../domain/seed.js'
import { databaseUrl } from '../domain/connection.js'
import type { E2eResult, E2eResults } from '../results.js'
import { machine, quantile, versions, writeResult } from '../support.js'
import { e2eContext } from './cases.js'
import type { E2eCase, Query } from './cases.js'

// The cases take turns in short blocks of operations (the order rotating each cycle), so a change
// in the machine's speed, or another process, hits every case alike: ratios measured this way
// are stable to a few per cent, where runs of a second per case drifted by 10–20 %. Within a block
// a case's code stays warm, as in a server that runs its own queries. Each case stops at `ops`
// operations or after `budgetMs` of its own time (N+1 is slow).
// Warm-up is counted in operations, not time: V8 optimizes code that runs once per operation (a
// builder chain) only after a few thousand calls. joinery's nested build + compile (compiled JS,
// before statements were reused) took 35–50 µs per load over its first 2,000 calls and 11–16 µs
// after; a 200-load warm-up measured it in lower tiers.
// A point select costs ~30 µs of node CPU: 3,000 of them were ~0.1 s of CPU per case, where one
// garbage collection or timer moved the ratio by several per cent (joinery measured 0.96–1.10× raw
// pg in three runs of one day with the same code); 20,000 take ~0.6 s each.
const plan: Record<Query, { block: number; warmupOps: number; warmupMs: number; ops: number; budgetMs: number }> = {
  pointSelect: { block: 100, warmupOps: 3000, warmupMs: 1500, ops: 20000, budgetMs: 6000 },
  nested: { block: 10, warmupOps: 3000, warmupMs: 10000, ops: 1000, budgetMs: 6000 },
}

interface Samples {
  latencies: number[]
  wallMs: number
  cpuUs: number
}

const counter = { on: false, statements: [] as string[], parameters: [] as unknown[][] }
// Counts what reaches the server: every peer here talks through pg.Client.prototype.query.
const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (counter.on) {
    const first = args[0] as string | { text: string; values?: unknown[] }
    counter.statements.push(typeof first === 'string' ? first : first.text)
    counter.parameters.push((typeof first === 'string' ? args[1] : (first.values ?? args[1])) as unknown[])
  }
  return clientQuery.apply(this, args)
} as typeof pg.Client.prototype.query

async function statementsOf(c: E2eCase): Promise<{ result: unknown; statements: string[]; parameters: unknown[][] }> {
  await c.run(0) // connects and warms up first: knex asks the server for its version once
  counter.statements = []
  counter.parameters = []
  counter.on = true
  try {
    const result = await c.run(0)
    return { result, statements: counter.statements, parameters: counter.parameters }
  } finally {
    counter.on = false
  }
}

/** Every session runs these too; the others are measured against them in their own session. */
const baselinePeers = ['pg', 'pg, same values']

type Ratios = Pick<E2eResult, 'medianVsPg' | 'cpuVsPg' | 'medianVsSameValues' | 'cpuVsSameValues'>

const medianOf = (s: Samples) => quantile([...s.latencies].sort((a, b) => a - b), 0.5)
const cpuOf = (s: Samples) => s.cpuUs / s.latencies.length

function ratiosOf(s: Samples, pg: Samples, same: Samples): Ratios {
  return { medianVsPg: medianOf(s) / medianOf(pg), cpuVsPg: cpuOf(s) / cpuOf(pg), medianVsSameValues: medianOf(s) / medianOf(same), cpuVsSameValues: cpuOf(s) / cpuOf(same) }
}

/** Runs the cases in turns of `block` operations until each has its operations (or has used its time). */
async function interleaved(cases: readonly E2eCase[], block: number, ops: number, budgetMs: number): Promise<Map<E2eCase, Samples>> {
  const samples = new Map<E2eCase, Samples>(cases.map((c) => [c, { latencies: [], wallMs: 0, cpuUs: 0 }]))
  for (let cycle = 0; ; cycle++) {
    const due = cases.filter((c) => samples.get(c)!.latencies.length < ops && samples.get(c)!.wallMs < budgetMs)
    if (due.length === 0) return samples
    for (let k = 0; k < due.length; k++) {
      const c = due[(cycle + k) % due.length]!
      const s = samples.get(c)!
      for (let i = 0; i < block; i++) {
        const cpu0 = process.cpuUsage()
        const t0 = performance.now()
        await c.run(s.latencies.length)
        const ms = performance.now() - t0
        const cpu = process.cpuUsage(cpu0)
        s.latencies.push(ms)
        s.wallMs += ms
        s.cpuUs += cpu.user + cpu.system
      }
    }
  }
}

/** Server-side execution time of one-statement loads: the fastest of 11 `explain analyze` runs (timing off), interleaved. */
async function serverTimes(statements: Map<E2eCase, { text: string; parameters: unknown[] }>): Promise<Map<E2eCase, number>> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const times = new Map<E2eCase, number[]>([...statements.keys()].map((c) => [c, []]))
  try {
    for (let round = 0; round < 11; round++) {
      for (const [c, { text, parameters }] of statements) {
        const { rows } = await client.query<{ 'QUERY PLAN': { 'Execution Time': number }[] }>(`explain (analyze, timing off, format json) ${text}`, parameters)
        times.get(c)!.push(rows[0]!['QUERY PLAN'][0]!['Execution Time'])
      }
    }
  } finally {
    await client.end()
  }
  return new Map([...times].map(([c, list]) => [c, Math.min(...list)]))
}

async function main(): Promise<void> {
  const host = machine()
  await ensureSeeded()
  const ctx = await e2eContext()
  const results: E2eResult[] = []
  const nestedSql: E2eResults['nestedSql'] = {}
  try {
    for (const query of ['pointSelect', 'nested'] as const) {
      const cases = ctx.cases.filter((c) => c.query === query)
      // Correctness and statement counts first (untimed).
      const reference = cases[0]!
      const expected = reference.normalize?.(await reference.run(0))
      const checks = new Map<E2eCase, { statements: string[]; same: boolean | null; dates: boolean | null }>()
      const single = new Map<E2eCase, { text: string; parameters: unknown[] }>()
      for (const c of cases) {
        const { result, statements, parameters } = await statementsOf(c)
        const same = c.normalize === undefined ? null : isDeepStrictEqual(c.normalize(result), expected)
        if (same === false) console.error(`warning: ${c.peer} loads different data than ${reference.peer}`)
        const firstAppointment = query === 'nested' ? (result as { appointments: Record<string, unknown>[] }[])[0]?.appointments[0] : undefined
        const dates = firstAppointment === undefined ? null : Object.values(firstAppointment).some((x) => x instanceof Date)
        if (query === 'nested' && statements.length === 1) single.set(c, { text: statements[0]!, parameters: parameters[0] ?? [] })
        checks.set(c, { statements, same, dates })
        if (query === 'nested') nestedSql[c.peer] = { count: statements.length, statements: [...new Set(statements)].slice(0, 3) }
      }
      const server = await serverTimes(single)
      // One session per peer: the baselines and that peer alone take turns. With every peer in one
      // rotation, each library's code ran cold after nine others (pg's, shared by all, stayed
      // warm): joinery measured 1.03x pg in a session of its own and 1.22x in the full rotation.
      const { block, warmupOps, warmupMs, ops, budgetMs } = plan[query]
      const baselines = cases.filter((c) => baselinePeers.includes(c.peer))
      const pgCase = baselines.find((c) => c.peer === 'pg')!
      const sameCase = baselines.find((c) => c.peer === 'pg, same values') ?? pgCase
      const samples = new Map<E2eCase, Samples>(baselines.map((c) => [c, { latencies: [], wallMs: 0, cpuUs: 0 }]))
      const ratios = new Map<E2eCase, Ratios>()
      for (const c of cases.filter((x) => !baselines.includes(x))) {
        const session = [...baselines, c]
        await interleaved(session, block, warmupOps, warmupMs)
        const measured = await interleaved(session, block, ops, budgetMs)
        ratios.set(c, ratiosOf(measured.get(c)!, measured.get(pgCase)!, measured.get(sameCase)!))
        for (const b of baselines) {
          const all = samples.get(b)!
          const one = measured.get(b)!
          all.latencies.push(...one.latencies)
          all.wallMs += one.wallMs
          all.cpuUs += one.cpuUs
        }
        samples.set(c, measured.get(c)!)
        process.stderr.write(`${query}: ${c.peer} measured\n`)
      }
      for (const b of baselines) ratios.set(b, ratiosOf(samples.get(b)!, samples.get(pgCase)!, samples.get(b)!))
      for (const c of cases) {
        const s = samples.get(c)!
        const sorted = [...s.latencies].sort((a, b) => a - b)
        const check = checks.get(c)!
        results.push({
          peer: c.peer,
          query,
          ops: sorted.length,
          medianMs: quantile(sorted, 0.5),
          p95Ms: quantile(sorted, 0.95),
          opsPerSec: (sorted.length / s.wallMs) * 1000,
          cpuUsPerOp: s.cpuUs / sorted.length,
          ...ratios.get(c)!,
          statements: check.statements.length,
          sameResult: check.same,
          nestedDates: check.dates,
          serverMs: server.get(c) ?? null,
          note: c.note,
        })
      }
    }
  } finally {
    await ctx.close()
  }
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const postgres = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v
  await client.end()
  const output: E2eResults = { date: new Date().toISOString(), versions: versions(), machine: { ...host, postgres }, results, nestedSql }
  writeResult('e2e', output)
  for (const r of results)
    console.log(
      `${r.query.padEnd(12)} ${r.peer.padEnd(24)} median ${r.medianMs.toFixed(3)} ms  p95 ${r.p95Ms.toFixed(3)} ms  ${r.opsPerSec.toFixed(0)}/s  cpu ${r.cpuUsPerOp.toFixed(0)} µs  stmts ${r.statements}  same ${r.sameResult}`,
    )
}

await main()
