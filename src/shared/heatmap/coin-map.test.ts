import { describe, expect, it } from 'vitest'
import type { MarketEvent } from '../market-event'
import { applyCoreEvents, createRadarCore } from '../radar-core'
import { flatTier } from '../sizing/tiers'
import { coinMapStep, coreCoinMap } from './coin-map'
import { fixtureEvents, flat } from './heatmap-fixtures'
import { flushHeatmapBar } from './heatmap-state'

describe('the bin width of a coin’s summed map', () => {
  it('is a round number near a thousandth of the price', () => {
    // 28,150 / 1000 = 28.15 → 20; 2.3648 / 1000 = 0.0023648 → 0.002; 100 / 1000 = 0.1 → 0.1; 60 → 0.05.
    expect(coinMapStep(28_150)).toBe(20)
    expect(coinMapStep(2.3648)).toBeCloseTo(0.002, 12)
    expect(coinMapStep(100)).toBeCloseTo(0.1, 12)
    expect(coinMapStep(60)).toBeCloseTo(0.05, 12)
  })
})

describe('a coin’s map summed over the venues the radar core scores', () => {
  // X on Binance (mmr 0) and Bybit (mmr 0.5 %, Binance's formula), each 10 contracts opened at 100 at 10x:
  // 1,000 USD, 500 per side. Longs liquidate at 90 (Binance) and 100 × 0.9 / 0.995 = 90.4523 (Bybit); OKX
  // has no tiers, and a fourth market was never seen.
  const core = createRadarCore({
    tiersFor: (venue) =>
      venue === 'binanceusdm' ? [flatTier(0, 0)] : venue === 'bybit' ? [flatTier(0.005, 0)] : null,
    heatmap: {
      levels: [{ leverage: 10, weight: 1 }],
      decayHalfLifeSec: 1e12,
      priceSpread: 'point',
      leverageSpread: 0,
    },
  })
  const bars = fixtureEvents(
    [flat(100, { oiBase: 1_000 }), flat(100, { oiBase: 1_010 })],
    undefined,
    undefined,
    'X/USDT:USDT',
  )
  const on = (venue: 'bybit' | 'okx'): MarketEvent[] => bars.map((e) => ({ ...e, venue }))
  applyCoreEvents(
    core,
    [...bars, ...on('bybit'), ...on('okx')].sort((a, b) => a.exchangeTsMs - b.exchangeTsMs),
  )
  for (const hm of core.heatmaps.values()) flushHeatmapBar(hm)
  const keys = ['binanceusdm:X/USDT:USDT', 'bybit:X/USDT:USDT', 'okx:X/USDT:USDT', 'bybit:Y/USDT:USDT']
  const map = coreCoinMap(core, keys, 100)

  it('sums the venues’ own maps, each at its own tiers’ prices', () => {
    expect(map.venues).toEqual(['binanceusdm:X/USDT:USDT', 'bybit:X/USDT:USDT'])
    expect(map.priceStep).toBeCloseTo(0.1, 12)
    expect(map.longUsd.reduce((a, b) => a + b, 0)).toBeCloseTo(1_000, 6)
    expect(map.shortUsd.reduce((a, b) => a + b, 0)).toBeCloseTo(1_000, 6)
    // A fall of 10 % (to 90) reaches both venues' longs, 500 each; a fall of 5 % reaches none.
    const down10 = map.scenarios.find((s) => s.movePct === -10)!
    expect(down10.longsLiquidatedUsd).toBeCloseTo(1_000, 6)
    expect(down10.byVenue['bybit:X/USDT:USDT']!.longsUsd).toBeCloseTo(500, 6)
    expect(map.scenarios.find((s) => s.movePct === -5)!.longsLiquidatedUsd).toBe(0)
  })

  it('names the markets it could not add, with why', () => {
    expect(map.missing).toEqual([
      { key: 'okx:X/USDT:USDT', reason: 'no maintenance-margin tiers for this venue, so no map of its own' },
      { key: 'bybit:Y/USDT:USDT', reason: 'no data for this market yet' },
    ])
  })
})
