import { describe, expect, it } from 'vitest'
import type { AggregateMap } from '../../../shared/heatmap/aggregate-maps'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { coinLegKeys, largestCluster, usdWithin } from './coin-scope'

const snap = (venue: string, symbol: string) =>
  ({ key: `${venue}:${symbol}`, venue, symbol }) as MarketSnapshot

// Bins of 1 USD from 95 to 105 around a reference of 100: longs 300 at 97.5 and 500 at 98.5 (below), 50 at
// 100.5 (above, not a long cluster); shorts 400 at 101.5 and 100 at 104.5.
const map: AggregateMap = {
  referencePrice: 100,
  priceLo: 95,
  priceStep: 1,
  rows: 10,
  longUsd: [0, 0, 300, 500, 0, 50, 0, 0, 0, 0],
  shortUsd: [0, 0, 0, 0, 0, 0, 400, 0, 0, 100],
  venues: ['a:X/USDT:USDT'],
  missing: [],
  scenarios: [],
}

describe('a coin across venues in the market view', () => {
  it('lists the charted perp first, then the same coin’s perps on other venues, never spot or other coins', () => {
    const market = snap('binanceusdm', 'BTC/USDT:USDT')
    const all = [
      snap('okx', 'BTC/USDT:USDT'),
      snap('binance', 'BTC/USDT'),
      market,
      snap('bybit', 'BTC/USDT:USDT'),
      snap('bybit', 'ETH/USDT:USDT'),
    ]
    expect(coinLegKeys(all, market)).toEqual([
      'binanceusdm:BTC/USDT:USDT',
      'bybit:BTC/USDT:USDT',
      'okx:BTC/USDT:USDT',
    ])
    expect(coinLegKeys(all, snap('binance', 'BTC/USDT'))).toEqual([])
  })

  it('finds the largest cluster on each side and the USD within a distance', () => {
    expect(largestCluster(map, 'long')).toEqual({ price: 98.5, usd: 500 })
    expect(largestCluster(map, 'short')).toEqual({ price: 101.5, usd: 400 })
    // Within 2 %: longs from 98 to 100 → the 98.5 bin (500); shorts from 100 to 102 → 101.5 (400).
    expect(usdWithin(map, 2)).toEqual({ longUsd: 500, shortUsd: 400 })
    // Within 5 %: longs 300 + 500; shorts 400 + 100.
    expect(usdWithin(map, 5)).toEqual({ longUsd: 800, shortUsd: 500 })
  })
})
