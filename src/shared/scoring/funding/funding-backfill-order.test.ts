import { describe, expect, it } from 'vitest'
import { applyEvents, createScoringState, snapshotMarket } from '../scoring-state'
import { T0, funding, fundingSeries } from '../test-fixtures'

const H = 3_600_000
const KEY = 'binanceusdm:BTC/USDT:USDT'

describe('funding history that lands after the live feed settled a period', () => {
  it('keeps the backfilled payments: Go live at a settlement, the history a few seconds later', () => {
    const s = createScoringState()
    // The live feed: an estimate for the period settling at T0, then (the venue rolled) one for T0 + 8 h.
    // The roll records the T0 estimate, 1e-4 per 8 h, as paid at T0.
    applyEvents(s, [
      funding(T0, 1e-4, 8, false, 'binanceusdm', undefined, T0),
      funding(T0 + 1000, 1e-4, 8, false, 'binanceusdm', undefined, T0 + 8 * H),
    ])
    // The warm start's history, oldest first: 30 payments 8 h apart ending with the one at T0 (already held).
    // Rates alternate 0.5e-4 and 2e-4 per 8 h; the one at T0 is 1e-4 as the live feed had it.
    const history = fundingSeries(T0 - 29 * 8 * H, 30, 8, (i) => (i === 29 ? 1e-4 : i % 2 ? 2e-4 : 0.5e-4))
    applyEvents(s, [...history, funding(T0 + 2000, 1e-4, 8, false, 'binanceusdm', undefined, T0 + 8 * H)])
    const m = snapshotMarket(s, KEY)!.metrics
    // 30 payments of 8 h (the one at T0 once): the first period starts 8 h before the oldest -> 240 h = 10 d.
    // Before, every row older than the live settlement was dropped: "needs 7 d of funding history, has 8 h".
    expect(m['funding-percentile']!.reason).toBe('based on 10 d of the 90 d window')
    expect(m['funding-percentile']!.sufficient).toBe(true)
    // Current 1e-4 per 8 h against i = 0..28 (even: 0.5e-4, 15 below; odd: 2e-4, 14 above) and the one at T0
    // (equal), all 8 h weights: mid-rank (15 + 0.5) / 30.
    expect(m['funding-percentile']!.value).toBeCloseTo(15.5 / 30, 9)
  })
})
