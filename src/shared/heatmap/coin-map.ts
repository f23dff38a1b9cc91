import type { MarketKey } from '../market-event'
import type { RadarCore } from '../radar-core'
import type { AggregateMap, VenueMap } from './aggregate-maps'
import { aggregateMaps } from './aggregate-maps'

/** Scenario moves of the coin's summed map, percent of the reference price. */
export const COIN_MAP_MOVES_PCT = [-10, -5, -2, -1, 1, 2, 5, 10] as const
/** The summed map covers the reference price ± this percent. */
export const COIN_MAP_RANGE_PCT = 10

/**
 * A round bin width near a thousandth of the price (1, 2 or 5 × a power of ten): 28,150 → 20, 2.36 → 0.002.
 * Every venue's levels go into the same bins, so the width is the coin's, not any one venue's grid step.
 */
export function coinMapStep(referencePrice: number): number {
  const raw = referencePrice / 1000
  const pow = 10 ** Math.floor(Math.log10(raw))
  const mant = raw / pow
  return (mant >= 5 ? 5 : mant >= 2 ? 2 : 1) * pow
}

/** Why a market has no map of its own to add (said beside the sum, never summed as zero). */
function whyNoMap(core: RadarCore, key: MarketKey): string {
  if (core.noTiers.has(key)) return 'no maintenance-margin tiers for this venue, so no map of its own'
  if (!core.scoring.markets.has(key)) return 'no data for this market yet'
  return 'spot markets carry no leveraged positions'
}

/**
 * A coin's liquidation map summed over its venues' own maps (each built with its venue's tiers), around one
 * reference price. Markets without a map are listed in `missing` with the reason.
 */
export function coreCoinMap(
  core: RadarCore,
  keys: readonly MarketKey[],
  referencePrice: number,
): AggregateMap {
  const maps: VenueMap[] = []
  const absent: { key: string; reason: string }[] = []
  for (const key of keys) {
    const state = core.heatmaps.get(key)
    if (state) maps.push({ key, state })
    else absent.push({ key, reason: whyNoMap(core, key) })
  }
  const map = aggregateMaps(maps, {
    referencePrice,
    priceStep: coinMapStep(referencePrice),
    rangePct: COIN_MAP_RANGE_PCT,
    movesPct: COIN_MAP_MOVES_PCT,
  })
  return { ...map, missing: [...map.missing, ...absent] }
}
