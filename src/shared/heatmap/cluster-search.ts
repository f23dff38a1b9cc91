import type { LiquidationCluster } from '../contract/heatmap'
import type { HeatmapState } from './heatmap-state'
import { referencePrice } from './heatmap-state'
import { GROUP_HIGH, GROUP_LOW } from './leverage-plan'
import type { PriceGrid } from './price-grid'
import { cellOf, gridPeakRaw, layerOf, SIDE_LONG, SIDE_SHORT, sideRawAt } from './price-grid'

export type HeatmapTiers = 'all' | 'high' | 'low'

export function groupsFor(tiers: HeatmapTiers): number[] {
  return tiers === 'high' ? [GROUP_HIGH] : tiers === 'low' ? [GROUP_LOW] : [GROUP_LOW, GROUP_HIGH]
}

/** One side's layers of the selected groups, low leverage first (the order every cell sum is taken in). */
function sideLayers(side: number, groups: readonly number[]): number[] {
  return groups.map((group) => layerOf(side, group))
}

/** Σ over `layers` of `arrays[layer][i]`, from 0 and in the layers' order (so every search sums alike). */
function cellSum(arrays: Float64Array[], layers: readonly number[], i: number): number {
  let s = 0
  for (let k = 0; k < layers.length; k++) s += arrays[layers[k]!]![i]!
  return s
}

/** The largest raw side-cell value of the selected groups (for 'all' the grid keeps it as cells change). */
function peakOf(g: PriceGrid, tiers: HeatmapTiers): number {
  if (tiers === 'all') return gridPeakRaw(g)
  const groups = groupsFor(tiers)
  const long = sideLayers(SIDE_LONG, groups)
  const short = sideLayers(SIDE_SHORT, groups)
  let peak = 0
  for (let i = 0; i < g.capacity; i++)
    peak = Math.max(peak, cellSum(g.usd, long, i), cellSum(g.usd, short, i))
  return peak
}

function cluster(g: PriceGrid, side: number, runU: number, runPx: number, price: number): LiquidationCluster {
  const p = runPx / runU
  return {
    price: p,
    usd: runU * g.scale,
    distancePct: (p / price - 1) * 100,
    positionSide: side === SIDE_LONG ? 'long' : 'short',
  }
}

/**
 * Clusters: maximal runs of adjacent cells of one side, each holding at least `clusterMinShareOfMax` of the
 * map's largest cell (both sides, selected layers). Price = USD-weighted mean of the run. Reads every cell.
 */
export function findClusters(state: HeatmapState, tiers: HeatmapTiers): LiquidationCluster[] {
  const g = state.grid
  const price = referencePrice(state)
  if (!g || price === null) return []
  const maxRaw = peakOf(g, tiers)
  if (maxRaw <= 0) return []
  const threshold = maxRaw * state.cfg.clusterMinShareOfMax
  const groups = groupsFor(tiers)
  const out: LiquidationCluster[] = []
  for (let side = SIDE_LONG; side <= SIDE_SHORT; side++) {
    const layers = sideLayers(side, groups)
    let runU = 0
    let runPx = 0
    for (let i = 0; i < g.capacity; i++) {
      const u = cellSum(g.usd, layers, i)
      if (u >= threshold) {
        runU += u
        runPx += cellSum(g.usdPx, layers, i)
      } else if (runU > 0) {
        out.push(cluster(g, side, runU, runPx, price))
        runU = 0
        runPx = 0
      }
    }
    if (runU > 0) out.push(cluster(g, side, runU, runPx, price))
  }
  return out.sort((a, b) => a.price - b.price)
}

/** The run of qualifying cells [a, b] of one side as a cluster, summed from its lowest cell up. */
function runCluster(g: PriceGrid, side: number, a: number, b: number, price: number): LiquidationCluster {
  const u0 = g.usd[side * 2] as Float64Array
  const u1 = g.usd[side * 2 + 1] as Float64Array
  const p0 = g.usdPx[side * 2] as Float64Array
  const p1 = g.usdPx[side * 2 + 1] as Float64Array
  let runU = 0
  let runPx = 0
  for (let i = a; i <= b; i++) {
    runU += u0[i]! + u1[i]!
    runPx += p0[i]! + p1[i]!
  }
  return cluster(g, side, runU, runPx, price)
}

/**
 * One side's clusters nearest above and below `price` (all tiers), reading only the cells from the price's
 * cell out to them. A run's price is the USD-weighted mean of levels inside its cells and two runs are at
 * least one cell apart, so runs met further out lie further from the price: the first run past the price in
 * each direction is the nearest one. The run holding the price's own cell may lie on either side of it.
 */
function sideNearest(
  g: PriceGrid,
  side: number,
  threshold: number,
  price: number,
): { above: LiquidationCluster | null; below: LiquidationCluster | null } {
  const n = g.capacity
  const ok = (i: number): boolean => sideRawAt(g, side, i) >= threshold
  const ref = cellOf(g, price) - g.lo
  let above: LiquidationCluster | null = null
  let below: LiquidationCluster | null = null
  let up = Math.max(ref + 1, 0)
  let down = Math.min(ref - 1, n - 1)
  if (ref >= 0 && ref < n && ok(ref)) {
    let a = ref
    let b = ref
    while (a > 0 && ok(a - 1)) a--
    while (b < n - 1 && ok(b + 1)) b++
    const c = runCluster(g, side, a, b, price)
    if (c.price > price) above = c
    else if (c.price < price) below = c
    up = b + 1
    down = a - 1
  }
  while (above === null) {
    while (up < n && !ok(up)) up++
    if (up >= n) break
    let b = up
    while (b < n - 1 && ok(b + 1)) b++
    const c = runCluster(g, side, up, b, price)
    if (c.price > price) above = c
    up = b + 1
  }
  while (below === null) {
    while (down >= 0 && !ok(down)) down--
    if (down < 0) break
    let a = down
    while (a > 0 && ok(a - 1)) a--
    const c = runCluster(g, side, a, down, price)
    if (c.price < price) below = c
    down = a - 1
  }
  return { above, below }
}

/**
 * The nearest cluster above and below the reference price over all tiers: what `findClusters(state, 'all')`
 * gives to `nearestClusters`, without reading every cell. The threshold's peak is kept by the grid as cells
 * change, and only the cells between the price and the two nearest runs of each side are read. On equal
 * prices a long cluster is taken, as the sorted full list would give it.
 */
export function nearestClusterPair(state: HeatmapState): {
  above: LiquidationCluster | null
  below: LiquidationCluster | null
} {
  const g = state.grid
  const price = referencePrice(state)
  if (!g || price === null) return { above: null, below: null }
  const maxRaw = gridPeakRaw(g)
  if (maxRaw <= 0) return { above: null, below: null }
  const threshold = maxRaw * state.cfg.clusterMinShareOfMax
  const long = sideNearest(g, SIDE_LONG, threshold, price)
  const short = sideNearest(g, SIDE_SHORT, threshold, price)
  const above =
    long.above === null || (short.above !== null && short.above.price < long.above.price)
      ? short.above
      : long.above
  const below =
    long.below === null || (short.below !== null && short.below.price > long.below.price)
      ? short.below
      : long.below
  return { above, below }
}
