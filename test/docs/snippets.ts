// Turns the ```ts blocks of README.md and docs/*.md into TypeScript modules, so the docs are
// type-checked (check-snippets.ts) and run (snippets.test.ts) like the rest of the code.
// The convention is described in docs/CONTRIBUTING.md, "Code in the docs".
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** Generated modules go under here (gitignored), one folder per run. */
export const snippetsDir = join(root, 'test/docs/.snippets')

const FLAGS = new Set(['fresh', 'no-run', 'ignore'])

/** Starts the marker lines run-chains.ts prints between modules. */
export const MARK = '@@docs-chain'

/** One fenced ```ts block: where it starts, its lines, and the flags after `ts`. */
export interface Block {
  readonly file: string
  /** 1-based line of the block's first code line in the markdown file. */
  readonly line: number
  readonly code: readonly string[]
  readonly flags: ReadonlySet<string>
}

/** Blocks that share one scope: one module, type-checked and run as a whole. */
export interface Chain {
  readonly file: string
  readonly name: string
  readonly blocks: readonly Block[]
  /** False for a `no-run` branch: type-checked only. */
  readonly run: boolean
}

export interface Module {
  readonly chain: Chain
  readonly path: string
  /** Generated line (1-based) → where it came from, `README.md:42`. */
  readonly sources: readonly (string | undefined)[]
}

/** README.md and docs/*.md, relative to the repository root. */
export function docFiles(): string[] {
  if (!existsSync(join(root, 'docs'))) return ['README.md']
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`)
  return ['README.md', ...docs]
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/

/** The ```ts (or ```typescript) blocks of one markdown file, in order. */
export function parseBlocks(file: string, text: string): Block[] {
  const lines = text.split(/\r?\n/)
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)
    if (open === null) continue
    const [, indent = '', fence = '', lang = '', info = ''] = open
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`)
    let end = i + 1
    while (end < lines.length && !close.test(lines[end]!)) end++
    if (lang === 'ts' || lang === 'typescript') {
      const flags = new Set(info.split(/\s+/).filter((flag) => flag !== ''))
      for (const flag of flags)
        if (!FLAGS.has(flag)) throw new Error(`${file}:${i + 1}: unknown snippet flag "${flag}". Known flags: ${[...FLAGS].join(', ')}.`)
      // A block inside a list item is indented: strip the fence's indentation from its lines.
      const code = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      if (!flags.has('ignore')) blocks.push({ file, line: i + 2, code, flags })
    }
    i = end
  }
  return blocks
}

/**
 * Groups a file's blocks into chains. A block continues the chain before it; `fresh` starts a
 * new one. A `no-run` block is a side branch: it sees the chain so far (unless also `fresh`),
 * is type-checked but never run, and the blocks after it do not see it.
 */
export function chainsOf(file: string, blocks: readonly Block[]): Chain[] {
  const chains: Chain[] = []
  let current: Block[] = []
  const close = () => {
    if (current.length > 0) chains.push({ file, name: `${file}:${current[0]!.line}`, blocks: current, run: true })
  }
  for (const block of blocks) {
    const fresh = block.flags.has('fresh')
    if (block.flags.has('no-run')) {
      chains.push({ file, name: `${file}:${block.line} (no-run)`, blocks: [...(fresh ? [] : current), block], run: false })
    } else if (fresh) {
      close()
      current = [block]
    } else current.push(block)
  }
  close()
  return chains
}

/** Every chain of every doc file. */
export function allChains(): Chain[] {
  return docFiles().flatMap((file) => chainsOf(file, parseBlocks(file, readFileSync(join(root, file), 'utf8'))))
}

const IMPORT_LINE = /^import .* from '[^']+'$/
const LOG_LINE = /^(\s*)console\.log\((.*?)\)\s*\/\/ (.*)$/

// Appended to modules that run: prints like console.log, then compares with the comment.
const LOG_HELPER = `
import { formatWithOptions as __format } from 'node:util'
function __log(source: string, expected: string, ...values: unknown[]): void {
  const printed = __format({}, ...values)
  console.log(printed)
  const squash = (text: string) => text.replace(/\\s+/g, '')
  if (squash(printed) !== squash(expected)) throw new Error(\`\${source}: the comment says \${expected}\\nbut it printed \${printed}\`)
}`

/**
 * Writes one module per chain into `dir`, plus a tsconfig.json that maps `joinery`,
 * `joinery/pg` and `joinery/pglite` to src/. A single-line import repeated word for word by a
 * later block of the chain is dropped, so every block may show its own imports.
 * With `checkOutput`, `console.log(x) // what it prints` fails when x prints something else
 * (compared without whitespace, as console.log formats it).
 */
export function writeModules(dir: string, chains: readonly Chain[], options: { checkOutput?: boolean } = {}): Module[] {
  mkdirSync(dir, { recursive: true })
  const modules = chains.map((chain, n) => {
    const text: string[] = [`// Generated from ${chain.file} by test/docs/snippets.ts: edit the markdown, not this file.`]
    const sources: (string | undefined)[] = [undefined]
    const imports = new Set<string>()
    for (const block of chain.blocks) {
      text.push(`// ${block.file}:${block.line}`)
      sources.push(undefined)
      block.code.forEach((line, i) => {
        const source = `${block.file}:${block.line + i}`
        const repeated = IMPORT_LINE.test(line) && imports.has(line)
        if (IMPORT_LINE.test(line)) imports.add(line)
        const log = options.checkOutput === true ? LOG_LINE.exec(line) : null
        if (log !== null) {
          const [, indent = '', args = '', expected = ''] = log
          text.push(`${indent}__log(${JSON.stringify(source)}, ${JSON.stringify(expected)}, ${args})`)
        } else text.push(repeated ? `// ${line}` : line)
        sources.push(source)
      })
    }
    text.push('export {}')
    if (options.checkOutput === true) text.push(LOG_HELPER)
    text.push('')
    const path = join(dir, `${String(n + 1).padStart(2, '0')}-${chain.file.replace(/[^\w]+/g, '-')}.ts`)
    writeFileSync(path, text.join('\n'))
    return { chain, path, sources }
  })
  const src = (file: string) => relative(dir, join(root, 'src', file)).split('\\').join('/')
  const tsconfig = {
    extends: relative(dir, join(root, 'tsconfig.json')).split('\\').join('/'),
    compilerOptions: {
      noEmit: true,
      // Snippets show a value and move on; that is not a mistake in docs.
      noUnusedLocals: false,
      noUnusedParameters: false,
      paths: {
        joinery: [src('index.ts')],
        'joinery/pg': [src('driver/pg.ts')],
        'joinery/pglite': [src('driver/pglite.ts')],
      },
    },
    include: [],
    files: modules.map((module) => relative(dir, module.path)),
  }
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`)
  return modules
}
