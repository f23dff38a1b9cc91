import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../market-event'
import { evaluateMarket } from './evaluate'
import { applyEvents, createScoringState, snapshotMarket } from './scoring-state'
import { PERP, T0, fundingSeries, oi, trade } from './test-fixtures'

const ETH = 'ETH/USDT:USDT'
const ETH_KEY = `binanceusdm:${ETH}`
const N = 5_000

/** ETH: 10 funding settlements, an OI reading, then a trade every 2 s up to T0 + 120 s; BTC trades as the clock. */
function ethHistory(): MarketEvent[] {
  return [
    ...fundingSeries(T0 - 80 * 3_600_000, 10, 8, (i) => 1e-4 - i * 1e-5, 'binanceusdm', ETH),
    oi(T0, 2_000, 6_000_000, 'binanceusdm', ETH),
    ...Array.from({ length: 61 }, (_, i) => trade(T0 + i * 2000, 3000 + i, 1, 'sell', 'binanceusdm', ETH)),
  ]
}

const btcClock = (fromMs: number, toMs: number): MarketEvent[] =>
  Array.from({ length: Math.floor((toMs - fromMs) / 100) + 1 }, (_, i) =>
    trade(fromMs + i * 100, 60_000, 0.01, 'buy', 'binanceusdm', PERP),
  )

function state(snapshotReuseMs = N): ReturnType<typeof createScoringState> {
  const s = createScoringState({ snapshotReuseMs })
  applyEvents(s, ethHistory())
  return s
}

describe('snapshots share what did not change', () => {
  it('a quiet market between its evaluations gives the same snapshot object', () => {
    const s = state()
    applyEvents(s, btcClock(T0 + 120_100, T0 + 120_200))
    const a = snapshotMarket(s, ETH_KEY)!
    applyEvents(s, btcClock(T0 + 120_300, T0 + 120_300))
    const b = snapshotMarket(s, ETH_KEY)!
    expect(b.evaluatedAtMs).toBe(a.evaluatedAtMs)
    expect(b).toBe(a)
  })

  it("a quiet market evaluated again keeps the previous evaluation's unchanged metric objects, and equals a fresh evaluation", () => {
    const s = state()
    const a = snapshotMarket(s, ETH_KEY)!
    // 12 s of the reference's trades: ETH is evaluated again on its grid at least twice.
    applyEvents(s, btcClock(T0 + 120_100, T0 + 132_000))
    const b = snapshotMarket(s, ETH_KEY)!
    expect(b.evaluatedAtMs).toBeGreaterThan(a.evaluatedAtMs!)
    expect(b).not.toBe(a)
    const fresh = evaluateMarket(s, s.markets.get(ETH_KEY)!, b.evaluatedAtMs!, false)
    expect(b.metrics).toEqual(fresh.metrics)
    expect(b.labels).toEqual(fresh.labels)
    // In the same order too: a serialised snapshot is what the fresh evaluation serialises to.
    expect(JSON.stringify([b.metrics, b.labels])).toBe(JSON.stringify([fresh.metrics, fresh.labels]))
    expect(b.tags).toEqual(fresh.tags)
    // The funding history did not move: its figures are the very objects of the first snapshot.
    const shared = Object.keys(b.metrics).filter((k) => b.metrics[k] === a.metrics[k])
    expect(shared).toContain('funding-rate')
    for (const k of shared) expect(a.metrics[k]).toEqual(fresh.metrics[k])
  })

  it('an event of the market gives a new snapshot with its new count', () => {
    const s = state()
    const a = snapshotMarket(s, ETH_KEY)!
    applyEvents(s, [trade(T0 + 120_500, 3010, 0.2, 'buy', 'binanceusdm', ETH)])
    const b = snapshotMarket(s, ETH_KEY)!
    expect(b).not.toBe(a)
    expect(b.eventCount).toBe(a.eventCount + 1)
    expect(b.lastPrice).toBe(3010)
  })

  it('with snapshotReuseMs 0 every snapshot is built afresh', () => {
    const s = state(0)
    const a = snapshotMarket(s, ETH_KEY)!
    const b = snapshotMarket(s, ETH_KEY)!
    expect(b).not.toBe(a)
    expect(b).toEqual(a)
  })
})
