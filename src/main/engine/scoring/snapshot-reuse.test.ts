import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { replaySessionReport } from '../sessions/replay-report'

const SAMPLES = resolve(__dirname, '../../../../resources/samples')

/** Every market's snapshot each 10 s of the session, with snapshots reused for `reuseMs` (0: never). */
function series(file: string, reuseMs: number): MarketSnapshot[] {
  const out: MarketSnapshot[] = []
  replaySessionReport(resolve(SAMPLES, file), {
    config: { scoring: { snapshotReuseMs: reuseMs }, heatmap: {} },
    snapshotEveryMs: 10_000,
    onSnapshots: (_t, snaps) => out.push(...snaps),
  })
  return out
}

describe('snapshots reused between evaluations', { timeout: 120_000 }, () => {
  it('on the BTC & ETH recording: the same labels, tags and figures as evaluating every snapshot at the clock', () => {
    const fresh = series('binance-btc-eth-2024-08-08.radar', 0)
    const reused = series('binance-btc-eth-2024-08-08.radar', 5_000)
    // 6 min of two venues' BTC and ETH: four markets, a snapshot of each every 10 s.
    expect(reused.length).toBe(fresh.length)
    expect(fresh.length).toBeGreaterThan(100)
    for (let i = 0; i < fresh.length; i++) {
      const a = fresh[i]!
      const b = reused[i]!
      expect(b.key).toBe(a.key)
      // Evaluated at the newest input of the market's asset or on its 5 s grid: never later, < 5 s earlier.
      expect(b.evaluatedAtMs!).toBeLessThanOrEqual(a.evaluatedAtMs!)
      expect(a.evaluatedAtMs! - b.evaluatedAtMs!).toBeLessThan(5_000)
      expect({ k: b.key, labels: b.labels, tags: b.tags }).toEqual({
        k: a.key,
        labels: a.labels,
        tags: a.tags,
      })
      expect(b.metrics).toEqual(a.metrics)
    }
  })
})
