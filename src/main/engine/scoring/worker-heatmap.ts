import type { HeatmapView } from '../../../shared/contract/heatmap'
import type { ScoringState } from '../../../shared/scoring/scoring-state'

/** The liquidation heatmap of a market, answered from the worker's state. */
export function answerHeatmap(state: ScoringState, key: string, _tiers: 'all' | 'high' | 'low'): HeatmapView {
  if (!state.markets.has(key)) throw new Error(`unknown market "${key}"`)
  return {
    key,
    resolutionSec: 60,
    columns: [],
    priceLo: 0,
    priceStep: 0,
    rows: 0,
    longUsd: [],
    shortUsd: [],
    maxCellUsd: 0,
    assumptions: [],
    current: null,
    unavailableReason: 'the liquidation heatmap model is not part of this build yet',
  }
}
