import type { HeatmapState } from './heatmap-state'
import { layerOf, SIDE_LONG, SIDE_SHORT } from './price-grid'

/**
 * A coin's liquidation map summed across venues. Each venue's map is built by its own state with its own
 * maintenance-margin tiers (and so its own liquidation prices); here every venue cell's USD is put into the
 * common price bin that holds the cell's level (its USD-weighted mean price), so nothing is re-estimated and
 * the totals are exactly the venues' sums. Pure: the live aggregate row and the chart read it.
 */
export interface VenueMap {
  key: string
  state: HeatmapState
}

export interface AggregateMapOptions {
  /** The one price every distance is measured from (mark, else last, of the coin's main market). */
  referencePrice: number
  /** Common bin width, USD. */
  priceStep: number
  /** Bins cover referencePrice ± this percent. */
  rangePct: number
  /** Scenario moves, percent of the reference price. */
  movesPct: readonly number[]
}

export interface AggregateScenario {
  movePct: number
  longsLiquidatedUsd: number
  shortsLiquidatedUsd: number
  /** The same split by venue market key. */
  byVenue: Record<string, { longsUsd: number; shortsUsd: number }>
}

export interface AggregateMap {
  referencePrice: number
  priceLo: number
  priceStep: number
  rows: number
  /** USD per bin summed over the venues, longs and shorts apart (all leverage groups). */
  longUsd: number[]
  shortUsd: number[]
  venues: string[]
  /** Venues left out, with the reason (no map yet). */
  missing: { key: string; reason: string }[]
  scenarios: AggregateScenario[]
}

export function aggregateMaps(maps: readonly VenueMap[], opts: AggregateMapOptions): AggregateMap {
  const { referencePrice: ref, priceStep } = opts
  if (!(ref > 0) || !(priceStep > 0) || !(opts.rangePct > 0))
    throw new Error(`aggregateMaps: referencePrice ${ref}, priceStep ${priceStep} and rangePct must be > 0`)
  const lo = Math.floor((ref * (1 - opts.rangePct / 100)) / priceStep)
  const hi = Math.floor((ref * (1 + opts.rangePct / 100)) / priceStep)
  const rows = hi - lo + 1
  const longUsd = new Array<number>(rows).fill(0)
  const shortUsd = new Array<number>(rows).fill(0)
  const scenarios: AggregateScenario[] = opts.movesPct.map((movePct) => ({
    movePct,
    longsLiquidatedUsd: 0,
    shortsLiquidatedUsd: 0,
    byVenue: {},
  }))
  const venues: string[] = []
  const missing: { key: string; reason: string }[] = []
  for (const { key, state } of maps) {
    const g = state.grid
    if (!g || state.prevOi === null) {
      missing.push({ key, reason: state.prevOi === null ? 'no open interest yet' : 'no price yet' })
      continue
    }
    venues.push(key)
    for (const sc of scenarios) sc.byVenue[key] = { longsUsd: 0, shortsUsd: 0 }
    for (const side of [SIDE_LONG, SIDE_SHORT]) {
      const target = side === SIDE_LONG ? longUsd : shortUsd
      for (let group = 0; group < 2; group++) {
        const layer = layerOf(side, group)
        const u = g.usd[layer] as Float64Array
        const px = g.usdPx[layer] as Float64Array
        for (let i = 0; i < g.capacity; i++) {
          if (u[i] === 0) continue
          const usd = u[i]! * g.scale
          const level = px[i]! / u[i]!
          const bin = Math.floor(level / priceStep) - lo
          if (bin >= 0 && bin < rows) target[bin]! += usd
          // A fall to T liquidates longs at or above T; a rise to T shorts at or below T.
          for (const sc of scenarios) {
            const t = ref * (1 + sc.movePct / 100)
            const v = sc.byVenue[key]!
            if (sc.movePct < 0 && side === SIDE_LONG && level >= t) {
              sc.longsLiquidatedUsd += usd
              v.longsUsd += usd
            } else if (sc.movePct > 0 && side === SIDE_SHORT && level <= t) {
              sc.shortsLiquidatedUsd += usd
              v.shortsUsd += usd
            }
          }
        }
      }
    }
  }
  return {
    referencePrice: ref,
    priceLo: lo * priceStep,
    priceStep,
    rows,
    longUsd,
    shortUsd,
    venues,
    missing,
    scenarios,
  }
}
