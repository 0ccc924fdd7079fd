// Renders BENCHMARKS.md from the last results of each part (bench/.bench-tmp/results/*.json).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { caseNames, caseTitles } from './compile/cases.js'
import type { CaseName } from './compile/cases.js'
import type { CompileResults, E2eResult, E2eResults, TypecheckMeasurement, TypecheckResults } from './results.js'
import { readResult, rootDir } from './support.js'
import type { Machine } from './support.js'

const compilePeers = ['joinery', 'joinery, each compiled', 'kysely', 'drizzle-rc', 'drizzle-0.45', 'knex']
const x = (ratio: number) => `${ratio.toFixed(2)}×`
const ops = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : n.toFixed(0))
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2))
const thousands = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)}k` : n.toFixed(0))
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
const header = (cells: string[]) => [row(cells), row(cells.map(() => '---'))]
// Check time per query is a difference of two timed runs: below zero it is measurement noise.
const msPerQuery = (seconds: number, queries: number) => (seconds < 0 ? '≈0 ms (noise)' : `${((seconds / queries) * 1000).toFixed(1)} ms`)

// Each part names the joinery it measured: parts are rerun on their own, so they can differ.
function machineLine(r: { machine: Machine; date: string; versions: Record<string, string> }, part: string): string {
  const m = r.machine
  const pg = m.postgres === undefined ? '' : `, PostgreSQL ${m.postgres}`
  return `- ${part}: joinery ${r.versions['joinery'] ?? '?'}; ${m.cpu}, ${m.cores} cores, Node ${m.node.replace(/^v/, '')}${pg}; load average ${m.load.toFixed(1)} at start; ${r.date.slice(0, 16).replace('T', ' ')} UTC`
}

/** `partial`: only part of what the goal covers can be measured yet. */
function goalStatus(ok: boolean, partial = false): string {
  return ok ? (partial ? 'met so far, on what exists' : '**met**') : '**short**'
}

// ---------------------------------------------------------------------------------------------

function compileSection(c: CompileResults): { lines: string[]; goal: string; missing: CaseName[] } {
  const find = (peer: string, name: string) => c.results.find((r) => r.peer === peer && r.case === name)
  const lines = [
    '## Compile: build + compile, no database',
    '',
    'Each peer builds the query from scratch and compiles it to SQL + parameters (Kysely `.compile()`, Drizzle `.toSQL()`,',
    'knex `.toSQL().toNative()`, joinery `.compile()`), measured with mitata in one process. Cells: operations per second',
    '· ratio to Kysely (higher is faster).',
    '',
    ...header(['query', ...compilePeers]),
  ]
  for (const name of [...caseNames, 'recompile'] as const) {
    const base = find('kysely', name)
    const cells = compilePeers.map((peer) => {
      const r = find(peer, name)
      return r === undefined || base === undefined ? '—' : `${ops(r.opsPerSec)}/s · ${x(r.opsPerSec / base.opsPerSec)}`
    })
    const title = name === 'recompile' ? 'compile an already-built builder again (filter + order + limit)' : caseTitles[name]
    lines.push(row([title, ...cells]))
  }
  const common = c.geomean.joinery?.commonCases ?? []
  lines.push(row(['**geomean vs Kysely, all ten**', ...compilePeers.map((p) => (c.geomean[p]?.all == null ? '—' : `**${x(c.geomean[p]!.all!)}**`))]))
  const missing = caseNames.filter((n) => !common.includes(n))
  if (missing.length > 0)
    lines.push(
      row([`**geomean vs Kysely, the ${common.length} queries joinery has**`, ...compilePeers.map((p) => (c.geomean[p] === undefined ? '—' : `**${x(c.geomean[p]!.common)}**`))]),
    )
  lines.push('')
  if (missing.length > 0) lines.push(`joinery has no case yet for: ${missing.map((n) => caseTitles[n]).join('; ')} (the API does not exist yet).`, '')
  lines.push(
    'Recompile: joinery caches the compiled query in the immutable builder, so compiling it again is a field read; the peers compile again.',
    '',
    '`joinery` is what users get: a select built by the same calls as an earlier one (other values) takes the statement compiled',
    'for the first and encodes its own parameters (`src/builder/shape.ts`; joins with their own ON, grouping and `eb`',
    'expressions are compiled every time). `joinery, each compiled` runs the compiler on every call: the cost of a query the',
    'first time it is built.',
    '',
  )
  lines.push('<details><summary>SQL each peer emits (compile cases)</summary>', '')
  for (const name of caseNames) {
    lines.push(`**${caseTitles[name]}**`, '')
    for (const peer of compilePeers.filter((p) => p !== 'joinery, each compiled')) {
      const text = c.sql[peer]?.[name]
      if (text !== undefined) lines.push(`- ${peer}: \`${text.replace(/`/g, "'")}\``)
    }
    lines.push('')
  }
  lines.push('</details>', '')

  const peersCommon = compilePeers.filter((p) => !p.startsWith('joinery')).map((p) => ({ p, g: c.geomean[p]?.common ?? 0 }))
  const fastest = peersCommon.reduce((a, b) => (b.g > a.g ? b : a))
  const joinery = c.geomean.joinery?.common
  const eachCompiled = c.geomean['joinery, each compiled']?.common
  const full = missing.length === 0
  const goal =
    joinery === undefined
      ? '- Compile geomean ≥ 1.5× the fastest peer: not measurable yet'
      : `- Compile geomean ≥ 1.5× the fastest peer: joinery ${x(joinery)} vs ${fastest.p} ${x(fastest.g)} (Kysely = 1) → ${x(joinery / fastest.g)} the fastest peer` +
        `${full ? '' : ` on the ${common.length} queries joinery has so far`} — ${goalStatus(joinery / fastest.g >= 1.5, !full)}` +
        (eachCompiled === undefined ? '' : ` (every query compiled each time: ${x(eachCompiled / fastest.g)} the fastest peer)`)
  return { lines, goal, missing }
}

// ---------------------------------------------------------------------------------------------

function e2eTable(results: E2eResult[], nested: boolean): string[] {
  const lines = header([
    'peer',
    'median ms',
    'p95 ms',
    'ops/s',
    'node CPU µs/op',
    'statements',
    'median vs pg',
    'CPU vs pg',
    ...(nested ? ['server ms', 'same data', 'nested Dates', 'notes'] : ['notes']),
  ])
  for (const r of results) {
    lines.push(
      row([
        r.peer,
        ms(r.medianMs),
        ms(r.p95Ms),
        r.opsPerSec.toFixed(0),
        r.cpuUsPerOp.toFixed(0),
        r.statements,
        x(r.medianVsPg),
        x(r.cpuVsPg),
        ...(nested ? [r.serverMs == null ? '—' : ms(r.serverMs), r.sameResult === null ? '—' : r.sameResult ? 'yes' : '**no**', r.nestedDates ? 'yes' : 'no (strings)'] : []),
        r.note ?? '',
      ]),
    )
  }
  return lines
}

function e2eSection(e: E2eResults): { lines: string[]; goals: string[] } {
  const point = e.results.filter((r) => r.query === 'pointSelect')
  const nested = e.results.filter((r) => r.query === 'nested')
  const lines = [
    '## End to end: local PostgreSQL server, seeded data',
    '',
    '10,000 people, 100,000 appointments, 200,000 attendances (`bench/domain/seed.ts`). One connection shared by every',
    'peer (knex: its own single-connection pool), operations awaited one after another. Cases take turns in blocks of',
    '100 point selects or 10 nested loads (in a rotating order), so the machine’s drift hits all of them alike; each',
    'runs 20,000 point selects or 1,000 nested loads (N+1: as many as fit in 6 s) after 3,000 operations of warm-up (N+1:',
    '10 s). V8 optimizes code that runs once per operation, such as a builder chain, only after a few thousand calls:',
    'joinery’s nested build + compile took 35–50 µs per load over its first 2,000 calls and 11–16 µs after, and a warm-up of',
    '200 nested loads measured every library’s builder in V8’s lower tiers. Each peer is measured',
    'in a session of its own, taking turns with the baselines (pg, and for nested loads pg returning the same values):',
    'the ratios compare numbers from the same session. With every peer in one rotation, each library’s code ran cold',
    'after nine others while pg’s own code, shared by all, stayed warm. Node CPU is `process.cpuUsage()` around each',
    'operation, summed and divided by their number (it includes pg’s own work). The baselines’ rows sum all sessions.',
    '',
    '### Point select by id',
    '',
    ...e2eTable(point, false),
    '',
    '### Nested load: 100 people → 5 latest appointments each → attendees',
    '',
    ...e2eTable(nested, true),
    '',
    '"server ms": the statement’s execution time in PostgreSQL alone (fastest of 11 `explain (analyze, timing off)`, interleaved), so',
    'the rest of the latency is the wire and the client. "same data": the normalized result equals the hand-written',
    'statement’s. "nested Dates": `meetingAt` inside the JSON comes back as a `Date` (otherwise an ISO string).',
    '',
  ]
  if (!nested.some((r) => r.peer === 'joinery')) lines.push('joinery has no nested case yet: `include()` does not exist yet.', '')
  lines.push('### SQL each peer sends for the nested load', '')
  const shown = new Map<string, string>()
  for (const [peer, s] of Object.entries(e.nestedSql)) {
    const text = s.statements.join('\n')
    const same = shown.get(text)
    if (same !== undefined) {
      lines.push(`**${peer}** — the same statement as ${same}`, '')
      continue
    }
    shown.set(text, peer)
    lines.push(`**${peer}** — ${s.count} statement${s.count === 1 ? '' : 's'}${s.statements.length < s.count ? ` (${s.statements.length} distinct shown)` : ''}`, '')
    for (const text of s.statements) lines.push('```sql', text, '```', '')
  }
  const jp = point.find((r) => r.peer === 'joinery')
  const jn = nested.find((r) => r.peer === 'joinery')
  const goals = [
    jp === undefined
      ? '- Point select node CPU ≤ 1.05× raw pg: not measurable yet'
      : `- Point select node CPU ≤ 1.05× raw pg (measured in the same session): ${x(jp.cpuVsPg)} — ${goalStatus(jp.cpuVsPg <= 1.05)}`,
    jn === undefined
      ? '- Nested load ≤ 1.1× the hand-written statement: not measurable yet (no `include()`)'
      : `- Nested load ≤ 1.1× the hand-written statement returning the same values (pg, same values; same session): median ${x(jn.medianVsSameValues)}, ` +
        `node CPU ${x(jn.cpuVsSameValues)} — ${goalStatus(jn.medianVsSameValues <= 1.1 && jn.cpuVsSameValues <= 1.1)} ` +
        `(vs the statement leaving nested timestamps as strings: ${x(jn.medianVsPg)} latency, ${x(jn.cpuVsPg)} CPU)`,
  ]
  return { lines, goals }
}

// ---------------------------------------------------------------------------------------------

const variantName = (r: { patterns: string[]; queries: number }) => (r.queries === 0 ? 'schema only' : `${r.queries} × ${r.patterns.join(' + ')}`)

function typecheckSection(t: TypecheckResults): { lines: string[]; goals: string[] } {
  const sizes = [...new Set(t.runs.map((r) => r.tables))].sort((a, b) => a - b)
  const get = (peer: string, tables: number, patterns: string[] | null, compiler: string) =>
    t.runs.find((r) => r.peer === peer && r.tables === tables && r.compiler === compiler && (patterns === null ? r.queries === 0 : r.queries > 0 && r.patterns.join() === patterns.join()))
  const lines = [
    '## Type-check cost: generated schema + queries',
    '',
    '`bench/typecheck/generate.ts`: N tables of 10–15 columns (serial id, text, timestamptz, numeric, bigint, jsonb, …), an FK',
    'from each table to its previous neighbour (and a nullable one to the one before, every third table), a junction table',
    'every tenth. Queries, the same for every peer, cycle over patterns: `select` (three columns, two wheres, orderBy,',
    'limit), `join` (inner join along the many-to-one, columns of both), `include` (two levels: children, ordered and',
    'limited, and their children; Kysely `jsonArrayFrom`, Drizzle relational `with`). Each query awaits its rows and',
    'reads a nested field, so result types are resolved. joinery is checked from its declaration build (what users',
    `get), all with \`strict\` and \`skipLibCheck\`. ${Object.entries(t.queriesPerSize)
      .map(([n, q]) => `${q} queries at ${n} tables`)
      .join(', ')}.`,
    '',
    `joinery's patterns in this run: ${t.joineryPatterns.join(', ')} (\`JOINERY_PATTERNS\` chooses them).`,
    '',
    `Each project was checked ${t.rounds} times, round by round (every project once, then again), and each cell is the median:`,
    'a check time wanders by a fifth from one run to the next on this machine, instantiation counts do not.',
    '',
  ]
  for (const tables of sizes) {
    lines.push(`### ${tables} tables`, '')
    lines.push(
      ...header(['peer', 'queries', 'TS 5.9 check s', 'TS 5.9 instantiations', 'TS 5.9 memory MB', 'TS 7 check s', 'TS 7 instantiations', 'TS 7 memory MB', 'per query (TS 5.9)']),
    )
    const variants = t.runs.filter((r) => r.tables === tables && r.compiler === 'ts5.9')
    for (const v of variants) {
      const seven = t.runs.find((r) => r.compiler === 'ts7' && r.peer === v.peer && r.tables === v.tables && r.queries === v.queries && r.patterns.join() === v.patterns.join())
      const baseline = get(v.peer, tables, null, 'ts5.9')
      const perQuery =
        v.queries === 0 || baseline === undefined
          ? ''
          : `${thousands((v.instantiations - baseline.instantiations) / v.queries)} inst, ${msPerQuery(v.checkSeconds - baseline.checkSeconds, v.queries)}`
      const err = v.errors.length > 0 ? ` ⚠ ${v.errors.length}+ errors` : ''
      lines.push(
        row([
          v.peer + err,
          variantName(v),
          v.checkSeconds.toFixed(2),
          thousands(v.instantiations),
          v.memoryMB.toFixed(0),
          seven?.checkSeconds.toFixed(2) ?? '—',
          seven === undefined ? '—' : thousands(seven.instantiations),
          seven?.memoryMB.toFixed(0) ?? '—',
          perQuery,
        ]),
      )
    }
    lines.push('')
    const warm = t.warm.filter((w) => w.tables === tables)
    if (warm.length > 0) {
      const drizzle = warm.find((w) => w.peer === 'drizzle-rc')
      lines.push(
        `The same mixes checked by TS 5.9 in one process, once TypeScript has warmed up (median of ${t.warmRounds} runs after two,`,
        'a fresh program each, binding excluded; `bench/typecheck/warm.ts`), all of it by code V8 has optimized:',
        '',
        ...header(['peer', 'queries', 'TS 5.9 warm check s', 'instantiations', 'vs drizzle-rc']),
        ...warm.map((w) => row([w.peer, variantName(w), w.seconds.toFixed(2), thousands(w.instantiations), drizzle === undefined ? '—' : x(w.seconds / drizzle.seconds)])),
        '',
      )
    }
    const noopt = t.runs.filter((r) => r.tables === tables && r.queries > 0 && r.compiler === 'ts5.9-noopt')
    if (noopt.length > 0) {
      const drizzle = noopt.find((r) => r.peer === 'drizzle-rc')
      const cold = (r: TypecheckMeasurement) => get(r.peer, tables, r.patterns, 'ts5.9')
      lines.push(
        'A cold `tsc` run executes much of TypeScript’s checker before V8’s optimizing compiler has compiled it, and the',
        'longer a run, the larger the share of it that runs optimized: a cold ratio between a short run and a long one leans',
        'toward 1. The same cold runs with that compiler off (`node --no-opt`), every peer at the same unoptimized speed:',
        '',
        ...header(['peer', 'queries', 'TS 5.9 --no-opt check s', 'vs drizzle-rc', 'TS 5.9 check s (optimizing)', 'vs drizzle-rc']),
        ...noopt.map((r) => {
          const [c, dc] = [cold(r), drizzle === undefined ? undefined : cold(drizzle)]
          return row([
            r.peer,
            variantName(r),
            r.checkSeconds.toFixed(2),
            drizzle === undefined ? '—' : x(r.checkSeconds / drizzle.checkSeconds),
            c?.checkSeconds.toFixed(2) ?? '—',
            c === undefined || dc === undefined ? '—' : x(c.checkSeconds / dc.checkSeconds),
          ])
        }),
        '',
      )
    }
    const single = t.runs.filter((r) => r.tables === tables && r.compiler === 'ts7-1')
    if (single.length > 0) {
      lines.push(
        'TypeScript 7 checks files on several checkers in parallel (four by default), and each checker that needs a type',
        'computes it again: the queries file and the schema file land on two checkers, so a `schema()` call is computed',
        'twice (Kysely’s and Drizzle’s schemas are declared types with little to compute). The same runs on one checker',
        '(`--checkers 1`):',
        '',
        ...header(['peer', 'queries', 'TS 7 (one checker) check s', 'instantiations', 'memory MB']),
        ...single.map((r) => row([r.peer, variantName(r), r.checkSeconds.toFixed(2), thousands(r.instantiations), r.memoryMB.toFixed(0)])),
        '',
      )
    }
  }

  // Flatness: cost per query as the schema grows.
  lines.push(
    '### Flatness: cost per query as the schema grows (TS 5.9; (queries run − schema only) / queries)',
    '',
    'At 20 tables the 200 queries revisit each table about ten times, so TypeScript’s caches make them cheaper there;',
    '200 → 1000 tables (one query per table) is the flatness check proper. joinery builds the schema’s index of',
    'referencing tables once, on the first query that follows a relation: spread over the 50 queries at 1000 tables, that',
    'one-time cost is a larger share of each query than over 200 queries at 200 tables.',
    '',
  )
  lines.push(...header(['peer', 'queries', ...sizes.map((n) => `${n} tables`)]))
  const seen = new Set<string>()
  for (const r of t.runs.filter((r) => r.compiler === 'ts5.9' && r.queries > 0)) {
    const key = `${r.peer}|${r.patterns.join()}`
    if (seen.has(key)) continue
    seen.add(key)
    const cells = sizes.map((n) => {
      const run = get(r.peer, n, r.patterns, 'ts5.9')
      const base = get(r.peer, n, null, 'ts5.9')
      if (run === undefined || base === undefined) return '—'
      return `${thousands((run.instantiations - base.instantiations) / run.queries)} inst · ${msPerQuery(run.checkSeconds - base.checkSeconds, run.queries)}`
    })
    lines.push(row([r.peer, r.patterns.join(' + '), ...cells]))
  }
  lines.push('')

  lines.push(
    '### Instantiations of a single call (200 tables, TS 5.9; schema + one call − schema)',
    '',
    'Each cell: the call on a table no query has touched yet · the same call written again on that table ((schema + both) − (schema + one)).',
    '',
  )
  lines.push(...header(['pattern', 'joinery', 'kysely', 'drizzle-rc']))
  const singlePatterns = [...new Set(t.singleCall.map((s) => s.pattern))]
  const describe: Record<string, string> = {
    selectOnly: "selectFrom().select([3 columns]).execute()",
    whereOnly: "selectFrom().where('id', '>', n).execute()",
    select: 'select + 2 × where + orderBy + limit',
    join: 'innerJoin along a relation + select + where + orderBy',
    include: 'two-level include with orderBy/limit',
  }
  for (const p of singlePatterns) {
    const cell = (peer: string) => {
      const s = t.singleCall.find((c) => c.peer === peer && c.pattern === p)
      return s === undefined ? '—' : `${s.instantiations.toLocaleString('en-US')} · ${s.again.toLocaleString('en-US')}`
    }
    lines.push(row([`\`${p}\`: ${describe[p] ?? p}`, cell('joinery'), cell('kysely'), cell('drizzle-rc')]))
  }
  lines.push(
    '',
    "joinery's `join` and `include` are the first calls of their project to follow a relation, so they also build the",
    "schema's index of referencing tables (once per schema, on first use); the queries after them do not. Most of a call's",
    'cost is its first touch of a table (the builder, references and relations TypeScript then caches for that table),',
    'and each of the 200 queries at 200 tables starts from a table no query before it touched.',
    '',
  )

  const goals: string[] = []
  const compilerName = { 'ts5.9': 'TS 5.9', ts7: 'TS 7', 'ts7-1': 'TS 7 on one checker' } as const
  for (const peer of ['kysely', 'drizzle-rc']) {
    for (const compiler of ['ts5.9', 'ts7', 'ts7-1'] as const) {
      const j = get('joinery', 200, t.joineryPatterns, compiler)
      const p = get(peer, 200, t.joineryPatterns, compiler)
      const jb = get('joinery', 200, null, compiler)
      if (j === undefined || p === undefined || jb === undefined) continue
      const time = j.checkSeconds / p.checkSeconds
      const inst = j.instantiations / p.instantiations
      const partial = t.joineryPatterns.join() !== t.fullMix.join()
      const [warmJ, warmP] = ['joinery', peer].map((name) => t.warm.find((w) => w.peer === name && w.tables === 200))
      const [nooptJ, nooptP] = ['joinery', peer].map((name) => get(name, 200, t.joineryPatterns, 'ts5.9-noopt'))
      const asides = [
        warmJ !== undefined && warmP !== undefined ? `warm, in one process: ${x(warmJ.seconds / warmP.seconds)}` : undefined,
        nooptJ !== undefined && nooptP !== undefined ? `cold with V8's optimizing compiler off: ${x(nooptJ.checkSeconds / nooptP.checkSeconds)}` : undefined,
      ].filter((a) => a !== undefined)
      const aside = compiler === 'ts5.9' && asides.length > 0 ? ` (${asides.join('; ')})` : ''
      goals.push(
        `- Type-check ≤ 0.5× ${peer} (${compilerName[compiler]}, 200 tables, ${variantName(j)}): check time ${x(time)}${aside}, instantiations ${x(inst)} — ${goalStatus(time <= 0.5 && inst <= 0.5, partial)}${partial ? ' (joins and includes not measurable yet)' : ''}`,
      )
    }
  }
  return { lines, goals }
}

// ---------------------------------------------------------------------------------------------

export function writeReport(): void {
  const compile = readResult<CompileResults>('compile')
  const e2e = readResult<E2eResults>('e2e')
  const typecheck = readResult<TypecheckResults>('typecheck')
  const latest = [compile, e2e, typecheck].filter((r) => r !== undefined).sort((a, b) => b.date.localeCompare(a.date))[0]
  const lines = [
    '# Benchmarks: joinery side by side with its peers',
    '',
    'Generated by `npm run bench` (`bench/`); do not edit by hand. Absolute times wander on shared machines; ratios',
    'from one run are the numbers to read. Parts: `npm run bench:compile`, `bench:e2e`, `bench:typecheck`.',
    '',
    '## Machine and versions',
    '',
  ]
  if (compile !== undefined) lines.push(machineLine(compile, 'compile'))
  if (e2e !== undefined) lines.push(machineLine(e2e, 'end to end'))
  if (typecheck !== undefined) lines.push(machineLine(typecheck, 'type-check'))
  lines.push('')
  if (latest !== undefined) {
    lines.push(...header(['package', 'version']))
    for (const [pkg, version] of Object.entries(latest.versions)) lines.push(row([pkg, version]))
    lines.push('', 'drizzle 1.0-rc runs with `jit: true` (its fastest configuration).', '')
  }
  const c = compile === undefined ? undefined : compileSection(compile)
  const e = e2e === undefined ? undefined : e2eSection(e2e)
  const t = typecheck === undefined ? undefined : typecheckSection(typecheck)
  lines.push('## Goals (issue 5)', '')
  lines.push(c?.goal ?? '- Compile: not run')
  lines.push(...(e?.goals ?? ['- End to end: not run']))
  lines.push(...(t?.goals ?? ['- Type-check: not run']))
  lines.push('')
  if (c !== undefined) lines.push(...c.lines)
  if (e !== undefined) lines.push(...e.lines)
  if (t !== undefined) lines.push(...t.lines)
  lines.push(
    '## How to run',
    '',
    '```sh',
    'npm run bench            # everything (about 10 minutes on 2 cores), then rewrites BENCHMARKS.md',
    'npm run bench:compile    # compile bench only (no database)',
    'npm run bench:e2e        # end to end; creates and seeds database joinery_bench on 127.0.0.1 if needed',
    'npm run bench:typecheck  # generated schemas, TS 5.9 and TS 7',
    'npx tsx bench/domain/seed.ts --force                 # reseed',
    'npx tsx bench/typecheck/generate.ts --peer joinery --tables 200 --queries 200 --patterns select,join,include',
    '```',
    '',
    'Environment: `BENCH_DATABASE_URL` (an existing database to use), `BENCH_FILTER` (regexp over compile bench names),',
    '`JOINERY_PATTERNS`, `BENCH_TYPECHECK_SIZES`, `BENCH_TYPECHECK_ROUNDS` and `BENCH_TYPECHECK_WARM_ROUNDS` (type-check).',
    '',
  )
  writeFileSync(join(rootDir, 'BENCHMARKS.md'), lines.join('\n'))
}

if (import.meta.url === `file://${process.argv[1]}`) writeReport()
