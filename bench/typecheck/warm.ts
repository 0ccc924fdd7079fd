// TS 5.9 check times of generated projects in one process, after TypeScript's own code has warmed up:
// a fresh program per run, projects alternated run by run, binding done before the clock starts.
// A cold `tsc` run executes much of the checker before V8 has optimized it, a larger share of a
// shorter run; this measures the checking as optimized code. Run by run.ts; prints JSON on stdout.
// Run: npx tsx bench/typecheck/warm.ts <rounds> <project dir>...
import ts from 'typescript'
import { join } from 'node:path'

const [roundsArg, ...dirs] = process.argv.slice(2)
const rounds = Number(roundsArg)
if (!Number.isInteger(rounds) || rounds < 1 || dirs.length === 0) throw new Error('usage: warm.ts <rounds> <project dir>...')

/** Seconds of checking one project, and its instantiation count. */
function check(dir: string): { seconds: number; instantiations: number } {
  const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    },
  })
  if (config === undefined) throw new Error(`no tsconfig.json in ${dir}`)
  const program = ts.createProgram(config.fileNames, config.options)
  program.getTypeChecker()
  const start = performance.now()
  const errors = program.getSemanticDiagnostics().length
  const seconds = (performance.now() - start) / 1000
  if (errors > 0) throw new Error(`${dir}: ${errors} type errors`)
  return { seconds, instantiations: program.getInstantiationCount() }
}

const warmUp = 2
const samples = new Map<string, { seconds: number[]; instantiations: number }>(dirs.map((d) => [d, { seconds: [], instantiations: 0 }]))
for (let round = 0; round < warmUp + rounds; round++) {
  for (const dir of dirs) {
    const { seconds, instantiations } = check(dir)
    if (round < warmUp) continue
    const entry = samples.get(dir)!
    entry.seconds.push(seconds)
    entry.instantiations = instantiations
  }
}
process.stdout.write(JSON.stringify(Object.fromEntries(samples)))
