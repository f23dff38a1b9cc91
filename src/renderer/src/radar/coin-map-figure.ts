import type { AggregateMap } from '../../../shared/heatmap/aggregate-maps'

/** The summed map's key figure: USD of longs liquidated by a 2 % fall and of shorts by a 2 % rise. */
export interface MapWithin2Pct {
  longsUsd: number
  shortsUsd: number
  /** Markets of the coin whose own map is not in the sum, with why. */
  missing: { key: string; reason: string }[]
}

/** Reads the ±2 % scenarios of a coin's summed map; null when the map has no such scenarios. */
export function mapWithin2Pct(map: AggregateMap): MapWithin2Pct | null {
  const down = map.scenarios.find((s) => s.movePct === -2)
  const up = map.scenarios.find((s) => s.movePct === 2)
  if (!down || !up) return null
  return { longsUsd: down.longsLiquidatedUsd, shortsUsd: up.shortsLiquidatedUsd, missing: map.missing }
}
