// `npm run demo` is the first thing a newcomer runs: it must keep working, and keep printing
// what the README promises (typed results of the clinic example).
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { root } from './snippets.js'

function runDemo(...args: string[]): Promise<{ code: number; output: string }> {
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs')
  return new Promise((done) => {
    execFile(process.execPath, [tsx, 'examples/demo.ts', ...args], { cwd: root, timeout: 150_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
      const killed = error?.killed === true ? `\n(killed by ${error.signal ?? 'a signal'}: over 150 s)` : ''
      done({ code, output: `${stdout}${stderr}${killed}` })
    })
  })
}

test('npm run demo prints the clinic, read through joinery, and --sql each statement', async () => {
  const { code, output } = await runDemo('--sql')
  expect(code, output).toBe(0)
  expect(output).toContain('Everyone, by name')
  expect(output).toMatch(/1\s+Reuven\s+reuven@example\.com/)
  expect(output).toMatch(/2013-01-01 10:00\s+New Year meeting/)
  expect(output).toMatch(/Reuven\s+3/)
  expect(output).toContain('select "people"."name", "people"."created_at" as "createdAt" from "people"')
  expect(output).toContain('firstOrThrow(): NoResultError')
  expect(output).toContain('-- select "people"."id", "people"."name", "people"."email" from "people" order by "people"."name" asc  []')
}, 200_000)
