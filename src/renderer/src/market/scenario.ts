import type { HeatmapView } from '../../../shared/contract/heatmap'
import { liquidatedByMove } from '../../../shared/heatmap/heatmap-query'

export interface CustomScenario {
  movePct: number
  /** Long positions liquidated by a fall (movePct < 0) or short positions by a rise (movePct > 0), USD. */
  liquidatedUsd: number
  side: 'long' | 'short'
  targetPrice: number
}

/**
 * Liquidations a move of `movePct` from `price` would trigger: the exact map query the ±1 % / ±2 % rows come
 * from (every long level at or above the target for a fall, every short level at or below it for a rise),
 * over the current map's levels. Null without a usable map or price.
 */
export function scenarioFromMap(
  view: HeatmapView,
  price: number | null,
  movePct: number,
): CustomScenario | null {
  const curves = view.current?.curves
  if (view.unavailableReason !== null || !curves || price === null) return null
  const r = liquidatedByMove(curves, price, movePct)
  return r && { movePct, liquidatedUsd: r.usd, side: r.side, targetPrice: r.targetPrice }
}
