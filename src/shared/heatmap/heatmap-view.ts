import type { HeatmapView } from '../contract/heatmap'
import { heatmapAssumptions } from './heatmap-assumptions'
import type { HeatmapTiers } from './heatmap-query'
import {
  findClusters,
  groupsFor,
  levelCurves,
  nearestClusters,
  scenarios,
  usdWithinPct,
} from './heatmap-query'
import type { HeatmapState } from './heatmap-state'
import { referencePrice } from './heatmap-state'
import { replayColumns } from './history-log'
import { GROUP_HIGH, GROUP_LOW } from './leverage-plan'
import { cellOf, layerOf, rawCell, SIDE_LONG, SIDE_SHORT } from './price-grid'

export interface HeatmapViewOptions {
  tiers: HeatmapTiers
  /** At most this many columns: a longer span is sampled every k-th bar (the latest bar always included). */
  maxColumns?: number
  /** Visible price window; default: the map's filled span and the price, at most `MAX_DEFAULT_ROWS` cells. */
  priceRange?: { lo: number; hi: number }
  /** Visible time window (bar start times, ms, inclusive). */
  fromTsMs?: number
  toTsMs?: number
}

const MAX_DEFAULT_ROWS = 1000
const MAX_ROWS = 4000
// Live, open interest may still be loading; in a session it may never come: the words fit both.
export const NO_OI_REASON = 'needs open interest; none received for this market yet'

function emptyView(state: HeatmapState, reason: string): HeatmapView {
  return {
    ...unavailableHeatmapView(state.key ?? '', reason, (state.barMs ?? 60_000) / 1000),
    assumptions: heatmapAssumptions(state),
  }
}

/** A view with no map and the reason why (no open interest, no tiers, a spot market...). */
export function unavailableHeatmapView(key: string, reason: string, resolutionSec = 60): HeatmapView {
  return {
    key,
    resolutionSec,
    columns: [],
    priceLo: 0,
    priceStep: 0,
    rows: 0,
    longUsd: [],
    shortUsd: [],
    maxCellUsd: 0,
    assumptions: [],
    current: null,
    unavailableReason: reason,
  }
}

/** Picks kept column numbers in the time window, every `stride`-th counting back from the latest. */
function pickColumns(state: HeatmapState, opts: HeatmapViewOptions): { columns: number[]; stride: number } {
  const h = state.history
  const from = opts.fromTsMs ?? Number.NEGATIVE_INFINITY
  const to = opts.toTsMs ?? Number.POSITIVE_INFINITY
  let first = -1
  let last = -1
  for (let k = 0; k < h.timesMs.length; k++) {
    const t = h.timesMs[k]!
    if (t < from || t > to) continue
    if (first < 0) first = k
    last = k
  }
  if (first < 0) return { columns: [], stride: 1 }
  const count = last - first + 1
  const max = Math.max(1, Math.floor(opts.maxColumns ?? count))
  const stride = Math.ceil(count / max)
  const out: number[] = []
  for (let k = last; k >= first && out.length < max; k -= stride) out.push(h.firstColumn + k)
  return { columns: out.reverse(), stride }
}

function defaultCells(state: HeatmapState): { lo: number; hi: number } {
  const g = state.grid!
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (let l = 0; l < g.usd.length; l++) {
    const u = g.usd[l] as Float64Array
    for (let i = 0; i < g.capacity; i++)
      if (u[i] !== 0) {
        lo = Math.min(lo, g.lo + i)
        hi = Math.max(hi, g.lo + i)
      }
  }
  const p = cellOf(g, referencePrice(state) ?? g.cellSize * (g.lo + g.capacity / 2))
  lo = Math.min(lo, p)
  hi = Math.max(hi, p)
  if (hi - lo + 1 > MAX_DEFAULT_ROWS) {
    lo = Math.max(lo, p - MAX_DEFAULT_ROWS / 2)
    hi = lo + MAX_DEFAULT_ROWS - 1
  }
  return { lo, hi }
}

/** The current map over absolute cells [lo, lo + rows), USD per row by side and leverage group. */
function currentLevels(state: HeatmapState, lo: number, rows: number) {
  const g = state.grid!
  const row = (side: number, group: number): number[] =>
    Array.from({ length: rows }, (_, r) => rawCell(g, layerOf(side, group), lo + r) * g.scale)
  return {
    longLow: row(SIDE_LONG, GROUP_LOW),
    longHigh: row(SIDE_LONG, GROUP_HIGH),
    shortLow: row(SIDE_SHORT, GROUP_LOW),
    shortHigh: row(SIDE_SHORT, GROUP_HIGH),
  }
}

/** The visible window of the estimated map, plus the current clusters and scenarios. */
export function heatmapView(state: HeatmapState, opts: HeatmapViewOptions): HeatmapView {
  if (state.prevOi === null) return emptyView(state, NO_OI_REASON)
  const g = state.grid
  if (!g) {
    const why =
      state.cfg.cell.kind === 'atr'
        ? `measuring the ATR for the cell size (${state.atr.bars} of ${state.cfg.cell.bars} bars)`
        : 'needs a price (trades, candles or marks) to place positions'
    return emptyView(state, why)
  }
  const cells = opts.priceRange
    ? { lo: cellOf(g, opts.priceRange.lo), hi: cellOf(g, opts.priceRange.hi) }
    : defaultCells(state)
  const rows = Math.max(0, Math.min(MAX_ROWS, cells.hi - cells.lo + 1))
  const { columns, stride } = pickColumns(state, opts)
  const groups = groupsFor(opts.tiers)
  const longUsd = new Array<number>(columns.length * rows).fill(0)
  const shortUsd = new Array<number>(columns.length * rows).fill(0)
  let maxCellUsd = 0
  const longRows = groups.map((group) => layerOf(SIDE_LONG, group) * rows)
  const shortRows = groups.map((group) => layerOf(SIDE_SHORT, group) * rows)
  replayColumns(state.history, columns, cells.lo, rows, (k, raw, scale) => {
    for (let r = 0; r < rows; r++) {
      let lu = 0
      let su = 0
      for (let j = 0; j < longRows.length; j++) {
        lu += raw[longRows[j]! + r]!
        su += raw[shortRows[j]! + r]!
      }
      lu *= scale
      su *= scale
      longUsd[k * rows + r] = lu
      shortUsd[k * rows + r] = su
      if (lu > maxCellUsd) maxCellUsd = lu
      if (su > maxCellUsd) maxCellUsd = su
    }
  })
  const price = referencePrice(state)
  const clusters = findClusters(state, opts.tiers)
  const near = price === null ? null : nearestClusters(clusters, price)
  return {
    key: state.key ?? '',
    resolutionSec: ((state.barMs as number) / 1000) * stride,
    columns: columns.map((c) => state.history.timesMs[c - state.history.firstColumn]! / 1000),
    priceLo: cells.lo * g.cellSize,
    priceStep: g.cellSize,
    rows,
    longUsd,
    shortUsd,
    maxCellUsd,
    assumptions: heatmapAssumptions(state),
    current:
      price === null || near === null
        ? null
        : {
            price,
            nearestAbove: near.above,
            nearestBelow: near.below,
            within1PctUsd: usdWithinPct(g, groups, price, 1),
            within2PctUsd: usdWithinPct(g, groups, price, 2),
            scenarios: scenarios(state, opts.tiers, clusters),
            levels: currentLevels(state, cells.lo, rows),
            curves: levelCurves(g, groups),
          },
    unavailableReason: null,
  }
}
