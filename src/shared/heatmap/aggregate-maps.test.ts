import { describe, expect, it } from 'vitest'
import { flatTier } from '../sizing/tiers'
import { aggregateMaps } from './aggregate-maps'
import { fixtureEvents, flat } from './heatmap-fixtures'
import { applyHeatmapEvent, createHeatmapState, flushHeatmapBar } from './heatmap-state'

// Two venues with their own tiers, one 10x level each, positions at one point. Each opens 10 contracts at
// 100 = 1,000 USD, 500 per side. Venue A (mmr 0): long 90, short 110. Venue B (mmr 0.5 %, Binance's
// formula): long 100 × 0.9 / 0.995 = 90.4523, short 100 × 1.1 / 1.005 = 109.4527.
function venue(mmr: number, withData = true) {
  const s = createHeatmapState({
    tiers: [flatTier(mmr, 0)],
    levels: [{ leverage: 10, weight: 1 }],
    decayHalfLifeSec: 1e12,
    priceSpread: 'point',
    leverageSpread: 0,
  })
  if (withData)
    for (const e of fixtureEvents([flat(100, { oiBase: 1_000 }), flat(100, { oiBase: 1_010 })]))
      applyHeatmapEvent(s, e)
  flushHeatmapBar(s)
  return s
}

describe('a coin’s map summed across venues', () => {
  const agg = aggregateMaps(
    [
      { key: 'a:X/USDT:USDT', state: venue(0) },
      { key: 'b:X/USDT:USDT', state: venue(0.005) },
      { key: 'c:X/USDT:USDT', state: venue(0, false) },
    ],
    { referencePrice: 100, priceStep: 1, rangePct: 15.5, movesPct: [-10, -9.6, 9.5] },
  )

  it('puts each venue’s levels, at its own tiers’ prices, into the common bins', () => {
    // Bins of 1 USD from floor(84.5) = 84 to floor(115.5) = 115: 32 rows; 90 holds both venues' longs, 109 and 110 one short each.
    expect(agg.rows).toBe(32)
    expect(agg.priceLo).toBe(84)
    expect(agg.longUsd[90 - 84]).toBeCloseTo(1_000, 6)
    expect(agg.shortUsd[109 - 84]).toBeCloseTo(500, 6)
    expect(agg.shortUsd[110 - 84]).toBeCloseTo(500, 6)
    expect(agg.longUsd.reduce((a, b) => a + b, 0)).toBeCloseTo(1_000, 6)
  })

  it('sums scenarios from the exact levels, with the split by venue', () => {
    const [down10, down96, up95] = agg.scenarios
    // −10 % → 90: both longs (90 and 90.45); −9.6 % → 90.4: only B's; +9.5 % → 109.5: only B's short.
    expect(down10!.longsLiquidatedUsd).toBeCloseTo(1_000, 6)
    expect(down10!.byVenue['a:X/USDT:USDT']!.longsUsd).toBeCloseTo(500, 6)
    expect(down96!.longsLiquidatedUsd).toBeCloseTo(500, 6)
    expect(down96!.byVenue['a:X/USDT:USDT']!.longsUsd).toBe(0)
    expect(up95!.shortsLiquidatedUsd).toBeCloseTo(500, 6)
  })

  it('names the venues it could not include', () => {
    expect(agg.venues).toEqual(['a:X/USDT:USDT', 'b:X/USDT:USDT'])
    expect(agg.missing).toEqual([{ key: 'c:X/USDT:USDT', reason: 'no open interest yet' }])
    expect(() => aggregateMaps([], { referencePrice: 0, priceStep: 1, rangePct: 5, movesPct: [] })).toThrow(
      /referencePrice 0/,
    )
  })
})
