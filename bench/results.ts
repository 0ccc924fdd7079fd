// The shape of each part's results file (bench/.bench-tmp/results/<part>.json), read by report.ts.
import type { CaseName } from './compile/cases.js'
import type { Query } from './e2e/cases.js'
import type { Machine } from './support.js'
import type { Pattern, Peer } from './typecheck/generate.js'

export interface CompileResult {
  peer: string
  case: CaseName | 'recompile'
  nsPerOp: number
  p99: number
  opsPerSec: number
}

export interface CompileResults {
  date: string
  versions: Record<string, string>
  machine: Machine
  results: CompileResult[]
  /** The SQL each peer emits for each case. */
  sql: Record<string, Partial<Record<CaseName, string>>>
  /** Geomean of ratios to Kysely: over all ten cases (null when a peer lacks some), and over the cases joinery has. */
  geomean: Record<string, { all: number | null; common: number; commonCases: CaseName[] }>
}

export interface E2eResult {
  peer: string
  query: Query
  ops: number
  medianMs: number
  p95Ms: number
  opsPerSec: number
  cpuUsPerOp: number
  /** Ratios to the baselines measured in the same session (pg, and pg with the same values; see e2e/run.ts). */
  medianVsPg: number
  cpuVsPg: number
  medianVsSameValues: number
  cpuVsSameValues: number
  statements: number
  /** Loads the same data as the first case (null: not compared). */
  sameResult: boolean | null
  /** Nested timestamps come back as Date objects. */
  nestedDates: boolean | null
  /** One-statement nested loads: the server's execution time (fastest of 11 `explain analyze`, timing off). */
  serverMs: number | null
  note: string | undefined
}

export interface E2eResults {
  date: string
  versions: Record<string, string>
  machine: Machine
  results: E2eResult[]
  /** The statements each peer sent for one nested load (distinct texts, first three) and how many in all. */
  nestedSql: Record<string, { count: number; statements: string[] }>
}

export interface TypecheckVariant {
  peer: Peer
  tables: number
  /** Query patterns, cycled over the queries; empty: the schema alone (the baseline). */
  patterns: Pattern[]
  queries: number
}

export interface TypecheckMeasurement extends TypecheckVariant {
  /** `ts7-1`: TypeScript 7 with `--checkers 1`; `ts5.9-noopt`: TS 5.9 under `node --no-opt` (both measured at 200 tables only). */
  compiler: 'ts5.9' | 'ts5.9-noopt' | 'ts7' | 'ts7-1'
  checkSeconds: number
  totalSeconds: number
  instantiations: number
  memoryMB: number
  errors: string[]
}

export interface TypecheckResults {
  date: string
  versions: Record<string, string>
  machine: Machine
  queriesPerSize: Record<number, number>
  /** How many times each project was checked; times, instantiations and memory are the medians. */
  rounds: number
  joineryPatterns: Pattern[]
  fullMix: Pattern[]
  runs: TypecheckMeasurement[]
  /** Warm runs per project (after two each), in one process. */
  warmRounds: number
  /**
   * The 200-table mixes checked again and again in one process by TS 5.9 (bench/typecheck/warm.ts):
   * median seconds of checking, all of it by optimized code (a cold run starts unoptimized).
   */
  warm: (TypecheckVariant & { seconds: number; instantiations: number })[]
  /**
   * Instantiations of one call at 200 tables, TS 5.9: (schema + that call) − schema; and of the same
   * call written again on the same table: (schema + both) − (schema + one).
   */
  singleCall: { peer: Peer; pattern: Pattern; instantiations: number; again: number }[]
}
