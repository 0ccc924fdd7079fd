#!/usr/bin/env bash
# The package check: `npm pack` must give a package that a fresh project can install and use.
#   1. npm pack (its `prepare` script builds dist/) and look at what the tarball holds;
#   2. install the tarball and PGlite in a new project, outside this repository;
#   3. run an ESM script that imports joinery and joinery/pglite, and a CommonJS one that
#      requires it;
#   4. type-check a consumer .ts file against the shipped .d.ts (strict; NodeNext and Bundler
#      resolution; TypeScript 5.9 and 7).
# Offline: joinery has no dependencies, and PGlite and TypeScript come from this repository's
# node_modules. Usage: bash test/package/check.sh [--keep]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/joinery-package.XXXXXX")"
if [[ "${1:-}" == "--keep" ]]; then
  echo "package check: working in $work (kept)"
else
  trap 'rm -rf "$work"' EXIT
fi

step() { printf '\npackage check: %s\n' "$*"; }
fail() { printf 'package check FAILED: %s\n' "$*" >&2; exit 1; }

step 'npm pack'
cd "$repo"
npm pack --json --pack-destination "$work" > "$work/pack.json"
tarball="$work/$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0].filename)' "$work/pack.json")"
[[ -f "$tarball" ]] || fail "npm pack did not write $tarball"
tar -tzf "$tarball" | sed 's|^package/||' | sort > "$work/contents.txt"

bins="$(node -p 'Object.values(require("./package.json").bin ?? {}).map((p) => p.replace(/^\.\//, "")).join(" ")')"
for file in package.json README.md LICENSE $bins \
  dist/src/index.js dist/src/index.d.ts \
  dist/src/driver/pg.js dist/src/driver/pg.d.ts \
  dist/src/driver/pglite.js dist/src/driver/pglite.d.ts; do
  grep -qx "$file" "$work/contents.txt" || fail "the package lacks $file"
done
# Every type the .d.ts files import from types/ must ship as well.
for dts in $(grep '\.d\.ts$' "$work/contents.txt"); do
  specs="$(tar -xzOf "$tarball" "package/$dts" | grep -o "from '[.][^']*'" | sed "s/from '//; s/'$//" || true)"
  for spec in $specs; do
    target="$(node -e 'const p = require("path"); console.log(p.posix.normalize(p.posix.join(p.posix.dirname(process.argv[1]), process.argv[2])).replace(/\.js$/, ".d.ts"))' "$dts" "$spec")"
    grep -qx "$target" "$work/contents.txt" || fail "$dts imports $spec, but the package lacks $target"
  done
done
unexpected="$(grep -Ev '^(package\.json|README\.md|LICENSE|dist/.*)$' "$work/contents.txt" || true)"
[[ -z "$unexpected" ]] || fail "the package holds files it should not: $unexpected"
if grep -q '^dist/test/' "$work/contents.txt"; then fail 'the package holds compiled tests (dist/test)'; fi
echo "$(wc -l < "$work/contents.txt") files, $(du -k "$tarball" | cut -f1) kB: $(basename "$tarball")"

step 'install it in a fresh project'
consumer="$work/consumer"
mkdir -p "$consumer"
cd "$consumer"
cat > package.json <<'JSON'
{ "name": "joinery-consumer", "version": "1.0.0", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --offline --loglevel=error "$tarball" "$repo/node_modules/@electric-sql/pglite"
[[ -f node_modules/joinery/dist/src/index.js ]] || fail 'joinery is not installed in the consumer'
node -e 'const p = require("./package.json"); if (!p.dependencies.joinery) process.exit(1)' || fail 'joinery is not a dependency of the consumer'

step 'run the joinery command'
for bin in $(node -p 'Object.keys(require("./node_modules/joinery/package.json").bin ?? {}).join(" ")'); do
  [[ -x "node_modules/.bin/$bin" ]] || fail "the package declares the command $bin, but npm did not install it"
  "node_modules/.bin/$bin" --help > "$work/help.txt" || fail "$bin --help failed"
  head -n 1 "$work/help.txt"
done

step 'run an ESM script on PGlite'
cat > consumer.mjs <<'JS'
import { PGlite } from '@electric-sql/pglite'
import { column as c, createDb, JoineryError, schema, sql, table } from 'joinery'
import { pgDriver } from 'joinery/pg'
import { pgliteDriver } from 'joinery/pglite'

const clinic = schema({ people: table({ id: c.serial().primaryKey(), name: c.text(), joinedAt: c.timestamptz() }) }, { casing: 'snake_case' })
const db = createDb(clinic, { driver: pgliteDriver(new PGlite()) })
await db.execute(sql`create table people (id serial primary key, name text not null, joined_at timestamptz not null)`)
await db.execute(sql`insert into people (name, joined_at) values (${'Ada'}, ${new Date('1843-01-01T00:00:00Z')}), (${'Grace'}, ${new Date('1952-01-01T00:00:00Z')})`)
const rows = await db.selectFrom('people').select(['id', 'name', 'joinedAt']).orderBy('name', 'desc').execute()
console.log(rows)
const ok =
  rows.length === 2 && rows[0].name === 'Grace' && rows[0].joinedAt instanceof Date &&
  rows[1].joinedAt.toISOString() === '1843-01-01T00:00:00.000Z' &&
  typeof pgDriver === 'function' && new JoineryError('x') instanceof Error
await db.destroy()
if (!ok) throw new Error('unexpected result')
JS
node consumer.mjs

step 'require it from CommonJS'
cat > consumer.cjs <<'JS'
// Node 20.19+ can require() an ES module; the "default" export condition allows it.
const major = Number(process.versions.node.split('.')[0])
const minor = Number(process.versions.node.split('.')[1])
if (major === 20 && minor < 19) {
  console.log(`skipped: Node ${process.versions.node} cannot require() ES modules`)
} else {
  const joinery = require('joinery')
  const { pgliteDriver } = require('joinery/pglite')
  if (typeof joinery.createDb !== 'function' || typeof pgliteDriver !== 'function') throw new Error('require(joinery) failed')
  console.log('require("joinery") works')
}
JS
node --no-warnings consumer.cjs

step 'type-check a consumer against the shipped .d.ts'
cat > consumer.ts <<'TS'
import { PGlite } from '@electric-sql/pglite'
import { column as c, createDb, NoResultError, schema, sql, table } from 'joinery'
import type { Database, Insertable, Selectable } from 'joinery'
import { pgDriver } from 'joinery/pg'
import { pgliteDriver } from 'joinery/pglite'

export const clinic = schema(
  {
    people: table({ id: c.serial().primaryKey(), name: c.text(), email: c.text().nullable() }),
    appointments: table({ id: c.serial().primaryKey(), personId: c.integer().references('people.id'), meetingAt: c.timestamptz() }),
  },
  { casing: 'snake_case' },
)

export async function main(): Promise<void> {
  const db: Database<typeof clinic> = createDb(clinic, { driver: pgliteDriver(new PGlite()) })
  await db.execute(sql`create table people (id serial primary key, name text not null, email text)`)
  const rows = await db.selectFrom('people').select(['id', 'name']).where('name', 'like', 'A%').orderBy('id').limit(5).execute()
  const id: number = rows[0]!.id
  const name: string = rows[0]!.name
  const person: Selectable<typeof clinic, 'people'> | undefined = await db.selectFrom('people').where('id', '=', id).first()
  const email: string | null | undefined = person?.email
  const newPerson: Insertable<typeof clinic, 'people'> = { name }
  const { sql: text, parameters } = db.selectFrom('appointments').select(['meetingAt']).compile()
  const counts = await db.execute(sql<{ n: number }>`select count(*)::int as n from people`)
  const n: number = counts[0]!.n
  // The types are real, not any: each of these must be an error.
  // @ts-expect-error: unknown column
  db.selectFrom('people').select(['nmae'])
  // @ts-expect-error: unknown table
  db.selectFrom('peeple')
  // @ts-expect-error: a string where a Date belongs
  db.selectFrom('appointments').where('meetingAt', '<', 'yesterday')
  // @ts-expect-error: a string is not a number
  const wrong: string = rows[0]!.id
  const missing: unknown = NoResultError
  console.log(email, newPerson, text, parameters, n, wrong, missing, typeof pgDriver)
  await db.destroy()
}
export type { PgPoolLike, PgPoolClientLike } from 'joinery/pg'
export type { PGliteLike } from 'joinery/pglite'
TS
typescripts=("TypeScript 5.9:$repo/node_modules/typescript/bin/tsc" "TypeScript 7:$repo/node_modules/typescript7/bin/tsc")
typecheck() { # $1: what is checked, $2: tsconfig file
  for entry in "${typescripts[@]}"; do
    node "${entry#*:}" -p "$2" || fail "$1 does not type-check with ${entry%%:*}"
    echo "$1 type-checks with ${entry%%:*}"
  done
}
# PGlite's own .d.ts need @types/emscripten, so the consumer skips library checks; the next
# step checks joinery's .d.ts on their own, without skipLibCheck.
for resolution in NodeNext Bundler; do
  module=NodeNext
  [[ "$resolution" == Bundler ]] && module=ESNext
  cat > "tsconfig.$resolution.json" <<JSON
{
  "compilerOptions": {
    "target": "ES2022", "module": "$module", "moduleResolution": "$resolution",
    "strict": true, "skipLibCheck": true, "noEmit": true,
    "typeRoots": ["$repo/node_modules/@types"], "types": ["node"]
  },
  "files": ["consumer.ts"]
}
JSON
  typecheck "consumer.ts (moduleResolution $resolution)" "tsconfig.$resolution.json"
done
cat > tsconfig.declarations.json <<JSON
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
    "strict": true, "exactOptionalPropertyTypes": true, "skipLibCheck": false, "noEmit": true, "types": []
  },
  "include": ["node_modules/joinery/dist/**/*.d.ts"]
}
JSON
typecheck "joinery's .d.ts files (skipLibCheck off)" tsconfig.declarations.json

printf '\npackage check: OK (%s)\n' "$(basename "$tarball")"
