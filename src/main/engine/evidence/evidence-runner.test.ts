import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EvidenceCancelled } from './evidence-pipeline'
import { runEvidence } from './evidence-runner'
import { jumpSession, MIN, TS_EVIDENCE_WORKER as WORKER } from './test-jump-session'

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
    // Grid T0 … T0 + 180 min: 181 samples; the sample at minute m has seen the trades stamped before m (the
    // replay batch starting at m may hold later ones). So minute 0 has no price yet, and the first 106 print
    // (stamped at minute 100) is first seen at minute 101: the 10-minute windows starting at minutes 91…100
    // hold the +6 % move, 10 hits. Windows must end by minute 180 and start with a price: starts 1…170,
    // 170 evaluable. Base rate 10/170.
    expect(s.samples).toBe(181)
    expect(s.lookAhead.passed).toBe(true)
    const base = report.baseRates.find((b) => b.outcomeId === 'move-5%-10m' && b.market === 'all')!
    expect(base.samplesEvaluable).toBe(170)
    expect(base.samplesHit).toBe(10)
    expect(base.independentEvents).toBe(1)
    // Non-overlapping 10-minute windows in 170 one-minute samples: floor(170 / 10) = 17.
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
    writeFileSync(bad, 'not a session')
    await expect(
      runEvidence([bad], { horizonsMs: [MIN], moves: [0.05] }, () => {}, undefined, WORKER),
    ).rejects.toThrow(/bad\.radar/)
  })
})
