#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts and prints their figures. It measures; it never fails a build.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

const only = process.argv.slice(2)
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
if (files.length === 0) process.stdout.write('no benchmarks found in bench/\n')
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`)
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${file}`], {
    stdio: 'inherit',
  })
  if (r.status !== 0) process.stdout.write(`(${file} stopped with code ${r.status})\n`)
}
