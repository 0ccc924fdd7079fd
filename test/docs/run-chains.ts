// Runs generated docs modules one after another in this process, so PGlite's WebAssembly is
// compiled once for all of them. Between modules it prints marker lines that snippets.test.ts
// reads to tell which module printed what, and which one failed.
// Usage: tsx --tsconfig <generated tsconfig.json> test/docs/run-chains.ts <module.ts>...
import { inspect } from 'node:util'
import { pathToFileURL } from 'node:url'
import { MARK } from './snippets.js'

let current = ''
let failed = false
// A stray rejection belongs to the module running now: report it there, and go on.
process.on('unhandledRejection', (error) => {
  failed = true
  console.log(`${MARK} error ${current}\n${inspect(error)}`)
})

for (const path of process.argv.slice(2)) {
  current = path
  failed = false
  console.log(`${MARK} start ${path}`)
  try {
    await import(pathToFileURL(path).href)
  } catch (error) {
    failed = true
    console.log(inspect(error))
  }
  console.log(`${MARK} ${failed ? 'fail' : 'ok'} ${path}`)
}
// PGlite instances a module forgot to close must not keep the process alive.
process.exit(0)
