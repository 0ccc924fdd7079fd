// The docs hold together: README.md lists every page in docs/, and every relative link in the
// markdown points at a file that exists (and, with #anchor, at a heading of that file).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { expect, test } from 'vitest'
import { docFiles, root } from './snippets.js'

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

function anchors(file: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8').replace(/^(```|~~~)[\s\S]*?^\1/gm, '')
  return new Set([...text.matchAll(/^#{1,6}\s+(.*)$/gm)].map((m) => slug(m[1]!)))
}

test('README.md links every page in docs/', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const unlisted = docFiles().filter((file) => file !== 'README.md' && !readme.includes(`](${file})`))
  expect(unlisted, 'add these to the Documentation list in README.md').toEqual([])
})

test.each(docFiles().map((file) => [file]))('the relative links of %s resolve', (file) => {
  const text = readFileSync(join(root, file), 'utf8').replace(/^(```|~~~)[\s\S]*?^\1/gm, '')
  const broken: string[] = []
  for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue
    const [path = '', anchor] = target.split('#')
    const linked = path === '' ? file : normalize(join(dirname(file), path))
    if (!existsSync(join(root, linked))) broken.push(`${target} (no file ${linked})`)
    else if (anchor !== undefined && linked.endsWith('.md') && !anchors(linked).has(anchor)) broken.push(`${target} (no heading #${anchor} in ${linked})`)
  }
  expect(broken).toEqual([])
})
