/**
 * `radar --help`, `radar replay` and `radar scan --help` start without loading any npm package (ccxt alone
 * takes most of a second, zod, conf and the Parquet writer another ~0.2 s): every module they import
 * statically, followed through the source, imports only Node's built-ins and other source files. Heavy
 * libraries load through `await import()` where a command needs them. The bundler may still merge modules
 * into shared chunks; bench/cli.bench.ts lists the packages the built commands actually load.
 */
import { existsSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const HERE = dirname(fileURLToPath(import.meta.url))
const BUILTIN = new Set(builtinModules)

/** Static value imports and re-exports of a source file (`import type` / `export type` carry no code). */
function staticImports(file: string): string[] {
  const src = readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gms))
    out.push(m[1]!)
  return out
}

function resolveSource(from: string, spec: string): string {
  const base = resolve(dirname(from), spec)
  for (const f of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base])
    if (existsSync(f) && f.match(/\.tsx?$/)) return f
  throw new Error(`${from}: cannot resolve ${spec}`)
}

/** npm packages reached from `entry` through static imports alone. */
function packagesReached(entry: string): Set<string> {
  const seen = new Set<string>()
  const packages = new Set<string>()
  const walk = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    for (const spec of staticImports(file)) {
      // A `?modulePath` import is a worker's file name, not loaded here; JSON is data without imports.
      if (spec.includes('?') || spec.endsWith('.json')) continue
      if (spec.startsWith('.')) walk(resolveSource(file, spec))
      else if (!BUILTIN.has(spec.replace(/^node:/, ''))) packages.add(spec)
    }
  }
  walk(entry)
  return packages
}

describe('commands that must start at once', () => {
  it('the CLI entry (radar --help) reaches no npm package', () => {
    expect([...packagesReached(join(HERE, 'index.ts'))]).toEqual([])
  })

  it('radar replay and radar scan (whose help loads its module) reach no npm package', () => {
    expect([...packagesReached(join(HERE, 'commands', 'replay.ts'))]).toEqual([])
    expect([...packagesReached(join(HERE, 'commands', 'scan.ts'))]).toEqual([])
  })

  it('the walk does find a package where one is imported (radar serve imports ws)', () => {
    expect(packagesReached(join(HERE, 'commands', 'serve.ts')).size).toBeGreaterThan(0)
  })
})
