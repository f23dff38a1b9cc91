import { describe, expect, it } from 'vitest'
import { flatTier } from '../../../shared/sizing/tiers'
import { aggregateMaps } from '../../../shared/heatmap/aggregate-maps'
import { fixtureEvents, flat } from '../../../shared/heatmap/heatmap-fixtures'
import { applyHeatmapEvent, createHeatmapState, flushHeatmapBar } from '../../../shared/heatmap/heatmap-state'
import { COIN_MAP_MOVES_PCT } from '../../../shared/heatmap/coin-map'
import { mapWithin2Pct } from './coin-map-figure'

// One venue's map: a 10x level, 10 contracts opened at 100 (1,000 USD, 500 a side), its own tier's mmr.
function venue(mmr: number) {
  const s = createHeatmapState({
    tiers: [flatTier(mmr, 0)],
    levels: [{ leverage: 10, weight: 1 }],
    decayHalfLifeSec: 1e12,
    priceSpread: 'point',
    leverageSpread: 0,
  })
  for (const e of fixtureEvents([flat(100, { oiBase: 1_000 }), flat(100, { oiBase: 1_010 })]))
    applyHeatmapEvent(s, e)
  flushHeatmapBar(s)
  return s
}

const opts = (referencePrice: number) => ({
  referencePrice,
  priceStep: 0.5,
  rangePct: 10,
  movesPct: COIN_MAP_MOVES_PCT,
})

describe('the aggregate row’s summed-map figure equals the sum of its venue rows’ own maps', () => {
  /*
   * By hand, reference price 92: a 2 % fall reaches 90.16, a 2 % rise 93.84.
   * Venue A (mmr 0): long liquidates at 100 × 0.9 = 90 (below 90.16: not reached); short at 110.
   * Venue B (mmr 0.5 %): long at 100 × 0.9 / 0.995 = 90.4523 (reached: 500 USD); short at 109.45.
   * So A alone: 0 / 0; B alone: 500 / 0; the coin: 500 longs / 0 shorts = A + B.
   */
  const a = { key: 'binanceusdm:X/USDT:USDT', state: venue(0) }
  const b = { key: 'bybit:X/USDT:USDT', state: venue(0.005) }
  const one = (v: typeof a) => mapWithin2Pct(aggregateMaps([v], opts(92)))!

  it('reads the ±2 % scenarios of each venue and of the sum', () => {
    expect(one(a)).toMatchObject({ longsUsd: 0, shortsUsd: 0 })
    expect(one(b).longsUsd).toBeCloseTo(500, 6)
    const coin = mapWithin2Pct(aggregateMaps([a, b], opts(92)))!
    expect(coin.longsUsd).toBeCloseTo(500, 6)
    expect(coin.longsUsd).toBeCloseTo(one(a).longsUsd + one(b).longsUsd, 9)
    expect(coin.shortsUsd).toBe(0)
  })

  it('at 108 a 2 % fall to 105.84 reaches no long, a rise to 110.16 both shorts (109.45 and 110: 500 + 500)', () => {
    const coin = mapWithin2Pct(aggregateMaps([a, b], opts(108)))!
    expect(coin.longsUsd).toBe(0)
    expect(coin.shortsUsd).toBeCloseTo(1_000, 6)
  })
})
