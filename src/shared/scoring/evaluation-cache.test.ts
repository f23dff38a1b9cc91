import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../market-event'
import type { ScoringConfig } from './config'
import { evaluateMarket } from './evaluate'
import type { ScoringState } from './scoring-state'
import { applyEvents, createScoringState, snapshotMarket } from './scoring-state'
import { PERP, T0, funding, fundingSeries, oi, trade } from './test-fixtures'

const ETH = 'ETH/USDT:USDT'
const SOL = 'SOL/USDT:USDT'
const ETH_KEY = `binanceusdm:${ETH}`
const N = 5_000

/** An ETH perp with trades for two minutes, funding history and OI, all by T0 + 120 s. */
function ethHistory(): MarketEvent[] {
  const evs: MarketEvent[] = fundingSeries(
    T0 - 30 * 8 * 3_600_000,
    30,
    8,
    (i) => (i % 5) * 2e-5,
    'binanceusdm',
    ETH,
  )
  evs.push(oi(T0, 1_000, 3_000_000, 'binanceusdm', ETH))
  for (let s = 0; s <= 120; s++)
    evs.push(trade(T0 + s * 1000, 3000 + (s % 7), 0.5, s % 2 ? 'buy' : 'sell', 'binanceusdm', ETH))
  return evs
}

/** Another market's trades from fromMs to toMs, every 100 ms: the clock moves while ETH is quiet. */
function solClock(fromMs: number, toMs: number, symbol = SOL): MarketEvent[] {
  const evs: MarketEvent[] = []
  for (let t = fromMs; t <= toMs; t += 100) evs.push(trade(t, 150, 1, 'buy', 'binanceusdm', symbol))
  return evs
}

function state(cfg: Partial<ScoringConfig> = {}): ScoringState {
  const s = createScoringState({ snapshotReuseMs: N, ...cfg })
  applyEvents(s, ethHistory())
  return s
}

describe('snapshots from the last evaluation', () => {
  it('a quiet market is evaluated again once per snapshotReuseMs of exchange time, never lagging the clock by more, while the reference asset trades', () => {
    const s = state()
    const quietFrom = T0 + 120_000
    const times: number[] = []
    // 30 s of the reference's (BTC's) trades in 100 ms batches, a snapshot of ETH after each.
    for (let t = quietFrom + 100; t <= quietFrom + 30_000; t += 100) {
      applyEvents(s, solClock(t, t, PERP))
      const snap = snapshotMarket(s, ETH_KEY)!
      expect(snap.evaluatedAtMs!).toBeLessThanOrEqual(t)
      expect(snap.evaluatedAtMs!).toBeGreaterThan(t - N)
      expect(snap.evaluatedAtMs!).toBeGreaterThanOrEqual(quietFrom)
      if (times[times.length - 1] !== snap.evaluatedAtMs) times.push(snap.evaluatedAtMs!)
    }
    // 30 s of clock: 6 or 7 evaluation times (the phase is per market), each 5 s after the one before but the
    // first (the last event's own time).
    expect(times.length).toBeGreaterThanOrEqual(6)
    expect(times.length).toBeLessThanOrEqual(7)
    expect(times[0]).toBe(quietFrom)
    for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(N)
  })

  it('a reused snapshot is what a fresh evaluation at its evaluation time gives', () => {
    const s = state()
    applyEvents(s, solClock(T0 + 121_000, T0 + 128_000))
    const first = snapshotMarket(s, ETH_KEY)!
    applyEvents(s, solClock(T0 + 128_100, T0 + 128_100))
    const again = snapshotMarket(s, ETH_KEY)!
    expect(again.evaluatedAtMs).toBe(first.evaluatedAtMs)
    const fresh = evaluateMarket(s, s.markets.get(ETH_KEY)!, again.evaluatedAtMs!, false)
    expect(again.metrics).toEqual(fresh.metrics)
    expect(again.labels).toEqual(fresh.labels)
    expect(again.tags).toEqual(fresh.tags)
  })

  it("an event of the market, or of another venue's market of its asset, is seen at once", () => {
    const s = state()
    applyEvents(s, solClock(T0 + 121_000, T0 + 123_000))
    expect(snapshotMarket(s, ETH_KEY)!.metrics['funding-diff-venues']!.value).toBeNull()
    // Bybit's ETH perp pays 1e-4 per 8 h: the funding differential needs it at once.
    applyEvents(s, [funding(T0 + 123_050, 1e-4, 8, false, 'bybit', ETH)])
    const a = snapshotMarket(s, ETH_KEY)!
    expect(a.evaluatedAtMs).toBe(T0 + 123_050)
    const ownPerHour = s.markets.get(ETH_KEY)!.funding.ratePerHour!
    expect(a.metrics['funding-diff-venues']!.value).toBeCloseTo(ownPerHour - 1e-4 / 8, 12)
    // ETH's own live funding estimate of 3e-4 per 8 h: its own rate moves, the differential with it.
    applyEvents(s, [funding(T0 + 123_080, 3e-4, 8, false, 'binanceusdm', ETH)])
    const b = snapshotMarket(s, ETH_KEY)!
    expect(b.evaluatedAtMs).toBe(T0 + 123_080)
    expect(b.metrics['funding-diff-venues']!.value).toBeCloseTo(3e-4 / 8 - 1e-4 / 8, 12)
  })

  it('asking more or less often gives the same snapshots (a restored pipeline starts with no cache), the reference asset aside', () => {
    const often = state()
    const rarely = state()
    for (let t = T0 + 120_100; t <= T0 + 140_000; t += 100) {
      const batch = solClock(t, t)
      if (t % 3_000 === 0) batch.push(trade(t, 3010, 0.2, 'buy', 'binanceusdm', ETH))
      applyEvents(often, batch)
      applyEvents(rarely, batch)
      snapshotMarket(often, ETH_KEY)
    }
    const a = snapshotMarket(often, ETH_KEY)!
    const b = snapshotMarket(rarely, ETH_KEY)!
    expect(a.evaluatedAtMs).toBe(b.evaluatedAtMs)
    expect(a.metrics).toEqual(b.metrics)
    expect(a.labels).toEqual(b.labels)
  })

  it('a market dropped and created again is evaluated afresh, even at the same time and event count', () => {
    const s = createScoringState({ snapshotReuseMs: N })
    applyEvents(s, [oi(T0, 1_000, null, 'binanceusdm', ETH)])
    expect(snapshotMarket(s, ETH_KEY)!.metrics['oi-contracts']!.value).toBeNull()
    // Dropped as the pipeline's forget drops it, then one OI reading in contracts at the same time.
    s.markets.delete(ETH_KEY)
    s.byVenue.get('binanceusdm')!.delete(ETH)
    s.byAsset.delete('ETH')
    applyEvents(s, [{ ...oi(T0, 0, null, 'binanceusdm', ETH), oiBase: null, oiContracts: 2_000 }])
    expect(snapshotMarket(s, ETH_KEY)!.metrics['oi-contracts']!.value).toBe(2_000)
  })

  it('snapshotReuseMs 0 evaluates every snapshot at the clock', () => {
    const s = state({ snapshotReuseMs: 0 })
    applyEvents(s, solClock(T0 + 121_000, T0 + 127_300))
    expect(snapshotMarket(s, ETH_KEY)!.evaluatedAtMs).toBe(T0 + 127_300)
  })
})
