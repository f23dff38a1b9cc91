import { z } from 'zod'
import type { ChartTimeSec } from './series'
import type { AggregateMap } from '../heatmap/aggregate-maps'

export interface LiquidationCluster {
  price: number
  usd: number
  /** Signed distance from the current price, percent. */
  distancePct: number
  positionSide: 'long' | 'short'
}

export interface ScenarioRow {
  /** Price move from here, percent (-2, -1, +1, +2). */
  movePct: number
  longsLiquidatedUsd: number
  shortsLiquidatedUsd: number
  clustersCrossed: LiquidationCluster[]
}

/** The estimated liquidation map of one market, as the chart and the scenario panel need it. */
export interface HeatmapView {
  key: string
  resolutionSec: number
  /** Column start times. */
  columns: ChartTimeSec[]
  priceLo: number
  priceStep: number
  rows: number
  /** Estimated USD per cell, column-major (`cells[c * rows + r]`), longs and shorts apart. */
  longUsd: number[]
  shortUsd: number[]
  maxCellUsd: number
  /** The model's assumptions in words (leverage mix, split rule), shown beside the map. */
  assumptions: string[]
  current: {
    price: number | null
    nearestAbove: LiquidationCluster | null
    nearestBelow: LiquidationCluster | null
    within1PctUsd: number | null
    within2PctUsd: number | null
    scenarios: ScenarioRow[]
    /**
     * The current map over the view's rows (priceLo, priceStep, rows), split by leverage group whatever the
     * tier filter: low (< 25x) and high (≥ 25x), USD per row. For the cursor readout and the cumulative
     * liquidation profile beside the price axis.
     */
    levels?: { longLow: number[]; longHigh: number[]; shortLow: number[]; shortHigh: number[] }
    /**
     * Every level of the current map (selected tiers) by side, sorted by price: a cell layer's USD-weighted
     * mean price and its USD. A scenario of any move is answered from these exactly, as `scenarios` is.
     */
    curves?: { long: { price: number[]; usd: number[] }; short: { price: number[]; usd: number[] } }
  } | null
  /** Why there is no map (e.g. "needs open interest; none received for this market yet"). */
  unavailableReason: string | null
}

/** A coin's liquidation map summed over its venues' markets (the market view's "All venues"). */
export interface CoinMapView {
  keys: string[]
  /** The market whose price the bins and scenarios are measured from: the first key with a price. */
  referenceKey: string
  map: AggregateMap | null
  /** Why there is no summed map (e.g. no price yet for the reference market). */
  unavailableReason: string | null
}

export const heatmapRequests = {
  getHeatmap: z
    .object({
      key: z.string().min(1).max(128),
      tiers: z.enum(['all', 'high', 'low']).default('all'),
    })
    .strict(),
  /** The charted market first (its price centres the bins when it has one), then the coin's other venues. */
  getCoinMap: z.object({ keys: z.array(z.string().min(1).max(128)).min(1).max(8) }).strict(),
} as const
