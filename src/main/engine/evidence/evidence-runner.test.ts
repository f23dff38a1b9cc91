import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { TradeEvent } from '../../../shared/market-event'
import { SessionWriter } from '../sessions/session-writer'
import { EvidenceCancelled } from './evidence-pipeline'
import { runEvidence, type EvidenceWorkerSpec } from './evidence-runner'

// The real worker source, loaded through tsx so the test needs no build.
const WORKER: EvidenceWorkerSpec = {
  path: fileURLToPath(new URL('../../../../test/support/ts-worker.mjs', import.meta.url)),
  options: { workerData: { entry: fileURLToPath(new URL('./evidence-worker.ts', import.meta.url)) } },
}
const T0 = 1_700_000_040_000 // a whole minute (28,333,334 × 60,000)
const MIN = 60_000

/** 3 h of trades every 10 s: price 100, then 106 from T0 + 100 min on. */
function jumpSession(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'radar-evidence-')), 'jump.radar')
  const w = SessionWriter.open(path, {
    label: 'jump',
    source: { kind: 'import', format: 'test', files: [] },
    provenance: 'synthetic test input',
    importer: null,
  })
  const events: TradeEvent[] = []
  for (let k = 0; k < 1080; k++) {
    const ts = T0 + k * 10_000
    events.push({
      type: 'trade',
      venue: 'binanceusdm',
      symbol: 'TEST/USDT:USDT',
      exchangeTsMs: ts,
      receiveTsMs: ts,
      price: ts < T0 + 100 * MIN ? 100 : 106,
      qtyBase: 1,
      takerSide: 'buy',
      tradeId: String(k),
    })
  }
  w.append(events)
  w.close()
  return path
}

describe('runEvidence (worker thread)', () => {
  it('reports the base rate of a known jump and a passed look-ahead check', async () => {
    const progress: number[] = []
    const report = await runEvidence(
      [jumpSession()],
      { horizonsMs: [10 * MIN], moves: [0.05], stepMs: MIN },
      (p) => progress.push(p.fraction),
      undefined,
      WORKER,
    )
    expect(progress.length).toBeGreaterThan(0)
    const s = report.sessions[0]!
    expect(s.markets).toEqual(['binanceusdm:TEST/USDT:USDT'])
    // Grid T0 … T0 + 180 min: 181 samples. The 106 print lands in the bucket ending at minute 100, so the
    // 10-minute windows starting at minutes 90…99 hold the +6 % move: 10 hits. Windows must end by minute
    // 180: starts 0…170, 171 evaluable. Base rate 10/171.
    expect(s.samples).toBe(181)
    expect(s.lookAhead.passed).toBe(true)
    const base = report.baseRates.find((b) => b.outcomeId === 'move-5%-10m' && b.market === 'all')!
    expect(base.samplesEvaluable).toBe(171)
    expect(base.samplesHit).toBe(10)
    expect(base.independentEvents).toBe(1)
    // Non-overlapping 10-minute windows in 171 one-minute samples: floor(171 / 10) = 17.
    expect(base.independentWindows).toBe(17)
    const drop = report.baseRates.find((b) => b.outcomeId === 'drop-5%-10m' && b.market === 'all')!
    expect(drop.samplesHit).toBe(0)
    const liq = report.baseRates.find((b) => b.outcomeId === 'liq-p95-10m')!
    expect(liq.unavailableReason).toBe('the session holds no liquidation events')
  })

  it('stops the worker when aborted', async () => {
    const ctl = new AbortController()
    const run = runEvidence(
      [jumpSession()],
      { horizonsMs: [10 * MIN], moves: [0.05] },
      () => {},
      ctl.signal,
      WORKER,
    )
    ctl.abort()
    await expect(run).rejects.toBeInstanceOf(EvidenceCancelled)
  })

  it('fails with the reader error for a file that is not a session', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'radar-evidence-')), 'bad.radar')
    await import('node:fs').then((fs) => fs.writeFileSync(bad, 'not a session'))
    await expect(
      runEvidence([bad], { horizonsMs: [MIN], moves: [0.05] }, () => {}, undefined, WORKER),
    ).rejects.toThrow(/bad\.radar/)
  })
})
