import type { HeatmapView } from '../../../shared/contract/heatmap'

export interface CustomScenario {
  movePct: number
  /** Long positions liquidated by a fall (movePct < 0) or short positions by a rise (movePct > 0), USD. */
  liquidatedUsd: number
  side: 'long' | 'short'
  targetPrice: number
}

/**
 * Liquidations a move of `movePct` from `price` would trigger, read from the map's latest column: a fall
 * crosses the long cells between the target and the price, a rise the short cells. A cell counts when its
 * centre lies inside the crossed range. Null without a usable map or price.
 */
export function scenarioFromMap(
  view: HeatmapView,
  price: number | null,
  movePct: number,
): CustomScenario | null {
  if (view.unavailableReason !== null || view.columns.length === 0 || price === null || !(price > 0))
    return null
  if (!Number.isFinite(movePct) || movePct === 0) return null
  const target = price * (1 + movePct / 100)
  const lo = Math.min(price, target)
  const hi = Math.max(price, target)
  const side = movePct < 0 ? 'long' : 'short'
  const cells = side === 'long' ? view.longUsd : view.shortUsd
  const base = (view.columns.length - 1) * view.rows
  let usd = 0
  for (let r = 0; r < view.rows; r++) {
    const centre = view.priceLo + (r + 0.5) * view.priceStep
    if (centre >= lo && centre <= hi) usd += cells[base + r] ?? 0
  }
  return { movePct, liquidatedUsd: usd, side, targetPrice: target }
}
