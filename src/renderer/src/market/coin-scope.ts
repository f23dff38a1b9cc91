import type { AggregateMap } from '../../../shared/heatmap/aggregate-maps'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { perpCoin } from '../radar/coin-aggregate'

/**
 * The perps of the market's coin on every venue the engine scores, the market itself first (its price centres
 * the summed map). Empty for a spot market.
 */
export function coinLegKeys(snapshots: Iterable<MarketSnapshot>, market: MarketSnapshot): string[] {
  const coin = perpCoin(market.symbol)
  if (!coin) return []
  const others: MarketSnapshot[] = []
  for (const s of snapshots) if (s.key !== market.key && perpCoin(s.symbol) === coin) others.push(s)
  others.sort((a, b) => a.venue.localeCompare(b.venue) || a.symbol.localeCompare(b.symbol))
  return [market.key, ...others.map((s) => s.key)]
}

export interface MapCluster {
  /** Centre of the bin, USD. */
  price: number
  usd: number
}

/** The bin holding the most USD on one side of the reference price (longs below, shorts above); null if none. */
export function largestCluster(map: AggregateMap, side: 'long' | 'short'): MapCluster | null {
  const usd = side === 'long' ? map.longUsd : map.shortUsd
  let best: MapCluster | null = null
  for (let r = 0; r < map.rows; r++) {
    const price = map.priceLo + (r + 0.5) * map.priceStep
    const wrongSide = side === 'long' ? price > map.referencePrice : price < map.referencePrice
    if (wrongSide || usd[r]! <= 0) continue
    if (!best || usd[r]! > best.usd) best = { price, usd: usd[r]! }
  }
  return best
}

/** USD of the longs within `pct` % below the reference price and the shorts within `pct` % above it. */
export function usdWithin(map: AggregateMap, pct: number): { longUsd: number; shortUsd: number } {
  const lo = map.referencePrice * (1 - pct / 100)
  const hi = map.referencePrice * (1 + pct / 100)
  let longUsd = 0
  let shortUsd = 0
  for (let r = 0; r < map.rows; r++) {
    const price = map.priceLo + (r + 0.5) * map.priceStep
    if (price >= lo && price <= map.referencePrice) longUsd += map.longUsd[r]!
    if (price <= hi && price >= map.referencePrice) shortUsd += map.shortUsd[r]!
  }
  return { longUsd, shortUsd }
}
