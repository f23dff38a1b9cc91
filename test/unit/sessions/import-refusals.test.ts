import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importSession } from '../../../src/main/engine/sessions/import-session'
import { withoutFileText } from '../../../src/main/engine/sessions/importers/import-context'

const dir = (): string => mkdtempSync(join(tmpdir(), 'radar-refuse-'))

/** Runs an import expected to fail; returns its message and whether the session file exists. */
async function refused(format: string, paths: string[], opts: Record<string, unknown> = {}) {
  const out = join(dir(), 'x.radar')
  const err = await importSession(format, paths, { out, ...opts }).then(
    () => null,
    (e: unknown) => e as Error,
  )
  return { message: err?.message ?? '(no error)', written: existsSync(out) }
}

describe('imports refuse what is not a regular file, before reading it', () => {
  it('a directory, a device and a FIFO are refused at once and leave no session', async () => {
    const d = dir()
    const fifo = join(d, 'pipe.csv')
    execFileSync('mkfifo', [fifo])
    mkdirSync(join(d, 'folder'))
    for (const [path, kind] of [
      [join(d, 'folder'), 'a directory'],
      ['/dev/zero', 'a device'],
      [fifo, 'a FIFO'],
    ] as const) {
      const r = await refused('bars', [path])
      expect(r.message).toContain(`${path} is ${kind}`)
      expect(r.written).toBe(false)
    }
  })

  it('an empty file and a missing file are refused by name', async () => {
    const empty = join(dir(), 'empty.csv')
    writeFileSync(empty, '')
    expect((await refused('tardis', [empty])).message).toBe('empty.csv: the file is empty')
    expect((await refused('tardis', ['/no/such/file.csv'])).message).toBe('/no/such/file.csv: no such file')
  })

  it('a random binary file is refused before a session is created', async () => {
    const bin = join(dir(), 'noise.csv')
    // A fixed byte pattern with control bytes and no line structure (not random, so the test is repeatable).
    writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256)))
    const r = await refused('bars', [bin], { venue: 'okx', symbol: 'BTC/USDT' })
    expect(r.message).toMatch(/noise\.csv:1: (not a CSV text file|no time column)/)
    expect(r.written).toBe(false)
  })
})

describe('a run that imports nothing writes nothing and says why', () => {
  it('every row out of domain: the reasons are listed with file and line, no session', async () => {
    const p = join(dir(), 'zeros.csv')
    writeFileSync(p, 'time,open,high,low,close\n1767225600000,0,0,0,0\n1767229200000,-1,1,1,1\n')
    const r = await refused('bars', [p], { venue: 'okx', symbol: 'BTC/USDT' })
    expect(r.message).toMatch(
      /^no events imported as bars: all 2 row\(s\) read were refused; first: zeros\.csv:2/,
    )
    expect(r.message).toContain('No session was written')
    expect(r.written).toBe(false)
  })
})

describe('notes never carry the text of the file', () => {
  it('quoted field text in a bad-row reason is replaced by its length', () => {
    expect(withoutFileText('field 1 "root:$6$secret" is not a number')).toBe(
      'field 1 (14 characters) is not a number',
    )
  })

  it('a file of secrets read as Binance trades leaks none of them into the error', async () => {
    const p = join(dir(), 'BTCUSDT-trades-2024-01-01.csv')
    writeFileSync(
      p,
      'id,price\n' + ['hunter2', 'tr0ub4dor', 'letmein'].map((s) => `${s}:x:0:0,1,2,3,4`).join('\n'),
    )
    const r = await refused('binance-vision', [p], { venue: 'binanceusdm' })
    expect(r.message).toMatch(/^no events imported as binance-vision/)
    for (const secret of ['hunter2', 'tr0ub4dor', 'letmein']) expect(r.message).not.toContain(secret)
    expect(r.written).toBe(false)
  })
})

describe('duplicated rows are imported once', () => {
  it('a file given twice doubles nothing', async () => {
    const p = join(dir(), 'bars.csv')
    writeFileSync(p, 'time,open,high,low,close\n1767225600000,1,2,0.5,1.5\n1767229200000,1.5,2,1,1.2\n')
    const out = join(dir(), 'once.radar')
    const s = await importSession('bars', [p, p], { out, venue: 'okx', symbol: 'BTC/USDT' })
    expect(s.metadata.eventCounts.candle).toBe(2)
    expect(s.stats.duplicateBarsDropped).toBe(2)
  })
})
