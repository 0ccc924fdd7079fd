// Shared by the bench parts: where results go, versions of everything measured, the machine.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The repository root: the nearest package.json named joinery above this file, so paths hold
// both under tsx and in the compiled copy (bench/.bench-tmp/js/bench/…).
function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json')
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'joinery') return dir
  }
  throw new Error('bench: no joinery package.json above this file')
}

export const rootDir = findRoot()
export const benchDir = join(rootDir, 'bench')
export const tmpDir = join(benchDir, '.bench-tmp')
const resultsDir = join(tmpDir, 'results')

export function writeResult(part: string, data: unknown): void {
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, `${part}.json`), JSON.stringify(data, null, 2))
}

export function readResult<T>(part: string): T | undefined {
  const file = join(resultsDir, `${part}.json`)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined
}

function installedVersion(pkg: string): string {
  return (JSON.parse(readFileSync(join(rootDir, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version
}

function joineryVersion(): string {
  const { version } = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { version: string }
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: rootDir, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'types'], { cwd: rootDir, encoding: 'utf8' }).trim() !== ''
    return `${version} (${commit}${dirty ? ' + uncommitted changes' : ''})`
  } catch {
    return version
  }
}

export function versions(): Record<string, string> {
  return {
    joinery: joineryVersion(),
    kysely: installedVersion('kysely'),
    'drizzle-orm (rc)': installedVersion('drizzle-orm-rc'),
    'drizzle-orm (0.45)': installedVersion('drizzle-orm'),
    knex: installedVersion('knex'),
    pg: installedVersion('pg'),
    mitata: installedVersion('mitata'),
    'typescript (5.9)': installedVersion('typescript'),
    'typescript (7)': installedVersion('typescript7'),
  }
}

export interface Machine {
  cpu: string
  cores: number
  node: string
  /** 1-minute load average when the part started: other work on the machine skews times. */
  load: number
  postgres?: string
}

export function machine(): Machine {
  const list = cpus()
  return { cpu: list[0]?.model.trim() ?? 'unknown', cores: list.length, node: process.version, load: loadavg()[0] ?? 0 }
}

/** The q-quantile of ascending values: quantile(sorted, 0.5) is the median (the upper one of an even count). */
export const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!

export function geomean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  return Math.exp(values.reduce((sum, x) => sum + Math.log(x), 0) / values.length)
}
