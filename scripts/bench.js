#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts and prints their figures. It measures; it never fails a build.
// Paths come from this script's own location, so it runs the same from any directory.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const only = process.argv.slice(2)
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
if (files.length === 0) process.stdout.write('no benchmarks found in bench/\n')
const load = () => `load ${loadavg()[0].toFixed(1)}/${availableParallelism()} cores`
for (const file of files) {
  process.stdout.write(`\n== ${file} (${load()} at start)\n`)
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join('bench', file)], {
    cwd: root,
    stdio: 'inherit',
  })
  if (r.status !== 0) process.stdout.write(`(${file} stopped with code ${r.status})\n`)
}
