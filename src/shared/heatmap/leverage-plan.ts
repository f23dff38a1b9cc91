import type { PositionSide } from '../market-event'
import { liquidationPriceForLeverage } from '../sizing/liquidation-for-leverage'
import type { MarginTier } from '../sizing/tiers'
import { findTier } from '../sizing/tiers'
import type { HeatmapConfig } from './heatmap-config'

/** Layer of the map: the position side and the leverage group ("high" 25–100x, "low" 5–10x by default). */
export const GROUP_LOW = 0
export const GROUP_HIGH = 1
export type LeverageGroup = typeof GROUP_LOW | typeof GROUP_HIGH

/** One point of a level's leverage distribution: its share of the level and its liquidation factors. */
export interface LeverageNode {
  leverage: number
  /** Share of the level's weight (a level's nodes sum to 1). */
  share: number
  /**
   * Liquidation price ÷ entry price for a long / short: both venues' isolated formulas are linear in the
   * entry for a fixed notional and tier, so one factor per node places any entry. Null: no positive price.
   */
  longFactor: number | null
  shortFactor: number | null
}

/**
 * A triangular distribution over [−1, 1] cut into three equal bins: each node sits at its bin's centre and
 * carries the bin's probability (2/9, 5/9, 2/9). Each node is then spread over the bar's price range, which
 * smooths the map between nodes; three nodes rather than more keep a bar's cost within the bench budget.
 */
const SPREAD_NODES: readonly (readonly [number, number])[] = [
  [-2 / 3, 2 / 9],
  [0, 5 / 9],
  [2 / 3, 2 / 9],
]

export interface PlannedLevel {
  /** The assumed leverage as configured. */
  leverage: number
  /** What the venue allows in the tier of the assumed notional (the configured one, capped). */
  effectiveLeverage: number
  weight: number
  group: LeverageGroup
  nodes: LeverageNode[]
}

export interface LeveragePlan {
  tier: MarginTier
  levels: PlannedLevel[]
  /** Sentences for the assumptions list (capped leverage, notional beyond the last tier). */
  notes: string[]
}

/**
 * Fixes, once per market, the tier the assumed position notional falls in and the leverage each level can
 * really use there: a venue that caps a small position at 75x (OP/USDT on Binance) has no 100x positions,
 * so that weight sits at 75x instead of at a price nobody can be liquidated at.
 */
export function planLeverage(cfg: HeatmapConfig): LeveragePlan {
  const notes: string[] = []
  const last = cfg.tiers[cfg.tiers.length - 1] as MarginTier
  let tier = findTier(cfg.tiers, cfg.positionNotionalUsd)
  if (!tier) {
    tier = last
    notes.push(
      `The assumed position of ${cfg.positionNotionalUsd} USD lies above the last tier's cap; the last tier is used.`,
    )
  }
  const cap = tier.maxLeverage
  const levels = cfg.levels.map((l): PlannedLevel => {
    const effectiveLeverage = cap !== null && l.leverage > cap ? cap : l.leverage
    if (effectiveLeverage !== l.leverage)
      notes.push(
        `${l.leverage}x is not allowed for a ${cfg.positionNotionalUsd} USD position (tier ${tier.tier} allows ${cap}x): its weight is placed at ${cap}x.`,
      )
    return {
      leverage: l.leverage,
      effectiveLeverage,
      weight: l.weight,
      group: l.leverage >= cfg.highLeverageMin ? GROUP_HIGH : GROUP_LOW,
      nodes: leverageNodes(effectiveLeverage, cap, tier, cfg),
    }
  })
  return { tier, levels, notes }
}

/**
 * The leverage distribution around one level: the margin fraction 1/L spread triangularly by ±spread
 * (relative), each node capped at what the tier allows. Spread 0 gives the level itself.
 */
export function leverageNodes(
  leverage: number,
  cap: number | null,
  tier: MarginTier,
  cfg: HeatmapConfig,
): LeverageNode[] {
  const points = cfg.leverageSpread > 0 ? SPREAD_NODES : ([[0, 1]] as const)
  const factor = (side: PositionSide, lev: number): number | null =>
    liquidationPriceForLeverage({
      side,
      entryPrice: 1,
      leverage: lev,
      notionalUsd: cfg.positionNotionalUsd,
      tier,
      venue: cfg.venue,
    })
  return points.map(([u, share]) => {
    const raw = 1 / ((1 / leverage) * (1 + cfg.leverageSpread * u))
    const lev = cap !== null && raw > cap ? cap : raw
    return { leverage: lev, share, longFactor: factor('long', lev), shortFactor: factor('short', lev) }
  })
}

/** Liquidation price of one planned level for a position opened at `entryPrice`; null when none exists. */
export function levelLiquidationPrice(
  plan: LeveragePlan,
  level: PlannedLevel,
  side: PositionSide,
  entryPrice: number,
  cfg: HeatmapConfig,
): number | null {
  return liquidationPriceForLeverage({
    side,
    entryPrice,
    leverage: level.effectiveLeverage,
    notionalUsd: cfg.positionNotionalUsd,
    tier: plan.tier,
    venue: cfg.venue,
  })
}
