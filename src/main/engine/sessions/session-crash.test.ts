import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SessionReader } from './session-reader'

const CHILD = resolve(__dirname, '../../../../test/fixtures/sessions/record-until-killed.ts')

describe('crash safety', () => {
  it('a recorder killed with SIGKILL loses at most ~1 s and the session opens as cut short', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'radar-crash-')), 'rec.radar')
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let lastAppendedMs = 0
    child.stdout.on('data', (d: Buffer) => {
      const all = [...d.toString().matchAll(/appended (\d+)/g)]
      if (all.length) lastAppendedMs = Number(all.at(-1)![1])
    })
    await new Promise<void>((ok, fail) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('recording') && ok())
      child.on('exit', (code) => fail(new Error(`child exited early (${code})`)))
    })
    // Let it record ~1.7 s more so the kill lands between two flushes, not right after one.
    await new Promise((r) => setTimeout(r, 1700))
    const killedAtMs = Date.now()
    child.kill('SIGKILL')
    await new Promise((r) => child.on('exit', r))

    const reader = SessionReader.open(path)
    expect(reader.cutShort).toBe(true)
    expect(reader.notes()[0]).toMatch(/^Cut short: the session has no closing frame/)
    const end = reader.span.endTsMs as number
    // What the recorder had received but not yet flushed: at most the 1 s flush period (plus one 10 ms tick).
    expect(lastAppendedMs - end).toBeLessThanOrEqual(1010)
    expect(lastAppendedMs - end).toBeGreaterThanOrEqual(0)
    // Against the wall clock at the kill, allow for a starved child on a loaded machine.
    expect(killedAtMs - end).toBeLessThanOrEqual(2000)
    // Everything that was flushed is readable, in order, and the trade ids have no holes.
    const ids = [...reader.events()].map((e) => (e.type === 'trade' ? Number(e.tradeId) : -1))
    expect(ids.length).toBeGreaterThan(50) // well over one flush worth, even on a starved machine
    expect(ids.every((id, i) => id === i)).toBe(true)
    expect(reader.metadata.markets).toEqual(['binanceusdm:BTC/USDT:USDT'])
    reader.close()
  })
})
