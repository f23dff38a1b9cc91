import type { LiquidationCluster, ScenarioRow } from '../contract/heatmap'
import type { HeatmapTiers } from './cluster-search'
import { groupsFor, nearestClusterPair } from './cluster-search'
import type { HeatmapState } from './heatmap-state'
import { referencePrice } from './heatmap-state'
import type { PriceGrid } from './price-grid'
import { cellOf, gridTotalUsd, layerOf, LAYERS, SIDE_LONG, SIDE_SHORT } from './price-grid'
import type { LiquidationProximityInput } from '../scoring/market-state'

export type { HeatmapTiers } from './cluster-search'
export { findClusters, groupsFor } from './cluster-search'

const ALL_LAYERS = Array.from({ length: LAYERS }, (_, l) => l)

export const SCENARIO_MOVES_PCT: readonly number[] = [-2, -1, 1, 2]

/** Absolute cell span that may hold anything: the grid's arrays, tightened to the side bounds. */
function span(g: PriceGrid): { from: number; to: number } {
  return { from: g.lo, to: g.lo + g.capacity - 1 }
}

/**
 * Σ USD of one side's selected layers whose level (a cell layer's USD-weighted mean price) lies in [lo, hi].
 * Only the cells covering [lo, hi] are read.
 */
export function sideUsdBetween(
  g: PriceGrid,
  side: number,
  groups: readonly number[],
  lo: number,
  hi: number,
): number {
  const s = span(g)
  const from = Math.max(cellOf(g, lo), s.from)
  const to = Math.min(cellOf(g, hi), s.to)
  let raw = 0
  for (let cell = from; cell <= to; cell++) {
    const i = cell - g.lo
    for (const group of groups) {
      const l = layerOf(side, group)
      const u = (g.usd[l] as Float64Array)[i]!
      if (u === 0) continue
      const p = (g.usdPx[l] as Float64Array)[i]! / u
      if (p >= lo && p <= hi) raw += u
    }
  }
  return raw * g.scale
}

export function nearestClusters(
  clusters: readonly LiquidationCluster[],
  price: number,
): { above: LiquidationCluster | null; below: LiquidationCluster | null } {
  let above: LiquidationCluster | null = null
  let below: LiquidationCluster | null = null
  for (const c of clusters) {
    if (c.price > price && (above === null || c.price < above.price)) above = c
    if (c.price < price && (below === null || c.price > below.price)) below = c
  }
  return { above, below }
}

/** USD of both sides whose level lies within ±pct % of the price. */
export function usdWithinPct(g: PriceGrid, groups: readonly number[], price: number, pct: number): number {
  const lo = price * (1 - pct / 100)
  const hi = price * (1 + pct / 100)
  return sideUsdBetween(g, SIDE_LONG, groups, lo, hi) + sideUsdBetween(g, SIDE_SHORT, groups, lo, hi)
}

/**
 * "If price moves m % from here": a fall to T liquidates every long whose level is at or above T (those
 * still above the price go on the first tick), a rise every short at or below T. Cascades (liquidations
 * pushing the price further) are not modelled.
 */
export function scenarios(
  state: HeatmapState,
  tiers: HeatmapTiers,
  clusters: readonly LiquidationCluster[],
): ScenarioRow[] {
  const g = state.grid
  const price = referencePrice(state)
  if (!g || price === null) return []
  const groups = groupsFor(tiers)
  const top = g.lo + g.capacity
  return SCENARIO_MOVES_PCT.map((movePct): ScenarioRow => {
    const target = price * (1 + movePct / 100)
    const down = movePct < 0
    const usd = down
      ? sideUsdBetween(g, SIDE_LONG, groups, target, top * g.cellSize)
      : sideUsdBetween(g, SIDE_SHORT, groups, 0, target)
    return {
      movePct,
      longsLiquidatedUsd: down ? usd : 0,
      shortsLiquidatedUsd: down ? 0 : usd,
      clustersCrossed: clusters.filter((c) =>
        down
          ? c.positionSide === 'long' && c.price >= target
          : c.positionSide === 'short' && c.price <= target,
      ),
    }
  })
}

export interface LiquidationProximity {
  /** Distance to the nearest cluster above / below, percent of the price (positive); null when none. */
  nearestAbovePct: number | null
  nearestBelowPct: number | null
  within1PctUsd: number
  within2PctUsd: number
  /** Share of the whole estimated map within ±2 % of the price (0..1); null on an empty map. */
  clusterDensity: number | null
}

/** The scoring engine's proximity inputs; null until the map has open interest and a price. */
export function liquidationProximity(state: HeatmapState): LiquidationProximity | null {
  const g = state.grid
  const price = referencePrice(state)
  if (!g || price === null || state.prevOi === null) return null
  const groups = groupsFor('all')
  const near = nearestClusterPair(state)
  const within2 = usdWithinPct(g, groups, price, 2)
  const total = gridTotalUsd(g, ALL_LAYERS)
  return {
    nearestAbovePct: near.above ? near.above.distancePct : null,
    nearestBelowPct: near.below ? -near.below.distancePct : null,
    within1PctUsd: usdWithinPct(g, groups, price, 1),
    within2PctUsd: within2,
    clusterDensity: total > 0 ? within2 / total : null,
  }
}

/** The same estimate in the shape the scoring engine's `setLiquidationProximity` takes. */
export function proximityInput(state: HeatmapState): LiquidationProximityInput | null {
  const g = state.grid
  const price = referencePrice(state)
  if (!g || price === null || state.prevOi === null || state.lastPriceTsMs === null) return null
  const groups = groupsFor('all')
  const near = nearestClusterPair(state)
  return {
    asOfMs: state.lastPriceTsMs,
    nearestAbovePrice: near.above?.price ?? null,
    nearestAboveUsd: near.above?.usd ?? null,
    nearestBelowPrice: near.below?.price ?? null,
    nearestBelowUsd: near.below?.usd ?? null,
    usdWithin1Pct: usdWithinPct(g, groups, price, 1),
    usdWithin2Pct: usdWithinPct(g, groups, price, 2),
  }
}

/** Every level of one side's selected layers, sorted by price (a cell layer's USD-weighted mean price). */
export interface LevelCurve {
  price: number[]
  usd: number[]
}

function sideCurve(g: PriceGrid, side: number, groups: readonly number[]): LevelCurve {
  const pts: [number, number][] = []
  for (let i = 0; i < g.capacity; i++)
    for (const group of groups) {
      const l = layerOf(side, group)
      const u = (g.usd[l] as Float64Array)[i]!
      if (u > 0) pts.push([(g.usdPx[l] as Float64Array)[i]! / u, u * g.scale])
    }
  pts.sort((a, b) => a[0] - b[0])
  return { price: pts.map((p) => p[0]), usd: pts.map((p) => p[1]) }
}

/** The current map's levels by side: what `liquidatedByMove` answers any move from, exactly. */
export function levelCurves(
  g: PriceGrid,
  groups: readonly number[],
): { long: LevelCurve; short: LevelCurve } {
  return { long: sideCurve(g, SIDE_LONG, groups), short: sideCurve(g, SIDE_SHORT, groups) }
}

/**
 * The exact map query for a move of `movePct` from `price`, as `scenarios` asks it: a fall to T liquidates
 * every long level at or above T, a rise every short level at or below T. Null for no move or a bad price.
 */
export function liquidatedByMove(
  curves: { long: LevelCurve; short: LevelCurve },
  price: number,
  movePct: number,
): { side: 'long' | 'short'; targetPrice: number; usd: number } | null {
  if (!(price > 0) || !Number.isFinite(movePct) || movePct === 0 || movePct <= -100) return null
  const target = price * (1 + movePct / 100)
  const down = movePct < 0
  const c = down ? curves.long : curves.short
  let usd = 0
  for (let k = 0; k < c.price.length; k++) {
    const p = c.price[k]!
    if (down ? p >= target : p <= target) usd += c.usd[k]!
  }
  return { side: down ? 'long' : 'short', targetPrice: target, usd }
}
