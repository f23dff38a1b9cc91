import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ImportCancelled, runImport } from '../../../src/main/engine/control/import-runner'

const DATA = resolve(__dirname, '../../../../shared/data')
/** The worker entry from source, through the TypeScript loader the tests use for workers. */
const WORKER = {
  path: resolve(__dirname, '../../support/ts-worker.mjs'),
  options: { workerData: { entry: resolve(__dirname, '../../../src/main/engine/control/import-worker.ts') } },
}
const dir = (): string => mkdtempSync(join(tmpdir(), 'radar-worker-'))

describe('imports in a worker thread', () => {
  it('imports the hourly bars file off the calling thread', { timeout: 60_000 }, async () => {
    const out = join(dir(), 'h.radar')
    const s = await runImport(
      [{ format: 'bars', paths: [`${DATA}/btc-derivatives-2026/btc_hourly_2026-03-01_2026-06-02.csv`] }],
      { out },
      () => {},
      new AbortController().signal,
      WORKER,
    )
    // One candle and one liquidation bar per row of the file (2,234 rows).
    expect(s.metadata.eventCounts).toMatchObject({ candle: 2234, liquidationBar: 2234 })
    expect(existsSync(out)).toBe(true)
  })

  it('a cancel stops the worker and leaves no session', { timeout: 60_000 }, async () => {
    const d = dir()
    const p = join(d, 'binance-futures_trades_2024-01-01_BTCUSDT.csv')
    let text = 'exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n'
    for (let i = 0; i < 200_000; i++) {
      const ts = 1704067200000000 + i * 1000
      text += `binance-futures,BTCUSDT,${ts},${ts + 500},${i},buy,42000.5,0.001\n`
    }
    writeFileSync(p, text)
    const out = join(d, 'c.radar')
    const ac = new AbortController()
    const run = runImport([{ format: 'tardis', paths: [p] }], { out }, () => ac.abort(), ac.signal, WORKER)
    await expect(run).rejects.toBeInstanceOf(ImportCancelled)
    expect(existsSync(out)).toBe(false)
  })
})
