import { EventEmitter } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { superviseInWorker } from './stop-signals'

const dir = mkdtempSync(join(tmpdir(), 'radar-stop-'))
function workerFile(name: string, source: string): URL {
  const path = join(dir, name)
  writeFileSync(path, source)
  return pathToFileURL(path)
}

// A command stuck in a synchronous loop for 20 s: it never looks at its stop signal.
const busy = workerFile('busy.mjs', 'const end = Date.now() + 20000\nwhile (Date.now() < end) {}\n')
const quick = workerFile('quick.mjs', 'process.exitCode = 3\n')

describe('superviseInWorker', () => {
  it("resolves to the command's own exit code when no signal comes", async () => {
    expect(await superviseInWorker(quick, [], { say: () => {}, signals: new EventEmitter() })).toBe(3)
  })

  it('stops a command busy in a synchronous loop within a second of SIGTERM, with exit code 143', async () => {
    const signals = new EventEmitter()
    const said: string[] = []
    const exits: number[] = []
    const run = superviseInWorker(busy, [], { say: (t) => said.push(t), signals, exit: (c) => exits.push(c) })
    await new Promise((r) => setTimeout(r, 300))
    const t0 = performance.now()
    signals.emit('SIGTERM')
    expect(await run).toBe(143)
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(exits).toEqual([143])
    expect(said).toEqual(['stopping on SIGTERM\n'])
  })

  it('exits at once on a second SIGINT, with exit code 130', async () => {
    const signals = new EventEmitter()
    const exits: number[] = []
    const run = superviseInWorker(busy, [], {
      say: () => {},
      signals,
      graceMs: 10_000,
      exit: (c) => exits.push(c),
    })
    await new Promise((r) => setTimeout(r, 300))
    const t0 = performance.now()
    signals.emit('SIGINT')
    signals.emit('SIGINT')
    expect(await run).toBe(130)
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(exits).toEqual([130])
  })
})
