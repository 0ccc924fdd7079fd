#!/usr/bin/env node
// The `joinery` command (package.json "bin", built to dist/src/reflect/bin.js): `npx joinery pull`.
import { main } from './cli.js'

process.exitCode = await main(process.argv.slice(2))
