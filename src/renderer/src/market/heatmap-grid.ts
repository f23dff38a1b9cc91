import type { HeatmapView } from '../../../shared/contract/heatmap'
import { bucketOf } from './aggregate'

/** Colour scale of the cells: linear in USD, or logarithmic over three decades (faint levels stay visible). */
export type HeatScale = 'linear' | 'log'

export interface HeatmapLayers {
  longs: boolean
  shorts: boolean
  /** Default 'linear'. */
  scale?: HeatScale
}

/** The current map per price row (the view's rows), for the cumulative profile and the cursor readout. */
export interface HeatmapProfileData {
  referencePrice: number
  longLow: number[]
  longHigh: number[]
  shortLow: number[]
  shortHigh: number[]
}

/** The map as drawn: columns in the chart's time frame, USD per cell (column-major), and its maximum. */
export interface HeatmapGrid {
  columnTimes: number[]
  rows: number
  priceLo: number
  priceStep: number
  usd: Float32Array
  maxUsd: number
  /** Time one column stands for (the map's own resolution, or the chart's bucket when coarser), seconds. */
  spanSec: number
  scale: HeatScale
  profile: HeatmapProfileData | null
}

/**
 * Selects the layers and folds columns into the chart's time frame. A coarser bucket keeps each cell's
 * maximum over its columns: the candle spans the whole bucket, so a level that existed at any time in it shows.
 */
export function buildHeatmapGrid(view: HeatmapView, layers: HeatmapLayers, bucketSec: number): HeatmapGrid {
  const { rows } = view
  const fold = bucketSec > view.resolutionSec
  const times: number[] = []
  const colOf: number[] = []
  for (const t of view.columns) {
    const b = fold ? bucketOf(t, bucketSec) : t
    if (times[times.length - 1] !== b) times.push(b)
    colOf.push(times.length - 1)
  }
  const usd = new Float32Array(times.length * rows)
  let maxUsd = 0
  for (let c = 0; c < view.columns.length; c++) {
    const dst = colOf[c]! * rows
    const src = c * rows
    for (let r = 0; r < rows; r++) {
      const v =
        (layers.longs ? (view.longUsd[src + r] ?? 0) : 0) +
        (layers.shorts ? (view.shortUsd[src + r] ?? 0) : 0)
      if (v > usd[dst + r]!) {
        usd[dst + r] = v
        if (v > maxUsd) maxUsd = v
      }
    }
  }
  const spanSec = Math.max(view.resolutionSec, bucketSec)
  const cur = view.current
  const zero = (): number[] => new Array<number>(rows).fill(0)
  const profile: HeatmapProfileData | null =
    cur?.levels && cur.price !== null
      ? {
          referencePrice: cur.price,
          longLow: layers.longs ? cur.levels.longLow : zero(),
          longHigh: layers.longs ? cur.levels.longHigh : zero(),
          shortLow: layers.shorts ? cur.levels.shortLow : zero(),
          shortHigh: layers.shorts ? cur.levels.shortHigh : zero(),
        }
      : null
  return {
    columnTimes: times,
    rows,
    priceLo: view.priceLo,
    priceStep: view.priceStep,
    usd,
    maxUsd,
    spanSec,
    scale: layers.scale ?? 'linear',
    profile,
  }
}

/**
 * One column per chart bar: each bar takes the map column whose span covers its time (the latest column at
 * or before it, within `spanSec`). A map sampled coarser than the bars (a week of 5-minute bars sent as
 * every second bar) would otherwise leave every other bar without a column: a barcode.
 */
export function expandToBars(grid: HeatmapGrid, barTimes: readonly number[]): HeatmapGrid {
  const { rows, columnTimes: cols, spanSec } = grid
  const times: number[] = []
  const src: number[] = []
  let c = 0
  for (const t of barTimes) {
    while (c + 1 < cols.length && cols[c + 1]! <= t) c++
    const start = cols[c]
    if (start === undefined || start > t || t >= start + spanSec) continue
    times.push(t)
    src.push(c)
  }
  const usd = new Float32Array(times.length * rows)
  src.forEach((from, k) => usd.set(grid.usd.subarray(from * rows, (from + 1) * rows), k * rows))
  return { ...grid, columnTimes: times, usd }
}

/** Colour stops from faint to dense (a viridis-like ramp, readable on the dark background); alpha rises too. */
const STOPS: [number, number, number, number, number][] = [
  [0, 40, 20, 90, 0],
  [0.08, 58, 30, 130, 90],
  [0.3, 40, 100, 160, 165],
  [0.55, 30, 170, 140, 200],
  [0.8, 150, 215, 70, 225],
  [1, 255, 235, 60, 240],
]

/** 256-entry RGBA table, computed once: the renderer only looks colours up. */
export const COLOR_TABLE: Uint8ClampedArray = (() => {
  const t = new Uint8ClampedArray(256 * 4)
  for (let i = 0; i < 256; i++) {
    const x = i / 255
    let k = 1
    while (k < STOPS.length - 1 && STOPS[k]![0] < x) k++
    const a = STOPS[k - 1]!
    const b = STOPS[k]!
    const f = (x - a[0]) / (b[0] - a[0])
    for (let ch = 0; ch < 4; ch++) t[i * 4 + ch] = a[ch + 1]! + f * (b[ch + 1]! - a[ch + 1]!)
  }
  return t
})()

const LOG_DECADES = 3
const LOG_SPAN = 10 ** LOG_DECADES - 1

/**
 * Colour level 0..1 of a cell: its share of the maximum, linearly, or log10(1 + 999 × share) / 3 on the
 * log scale (a cell at 1/1000 of the maximum still gets a tenth of the ramp).
 */
export function level01(usd: number, maxUsd: number, scale: HeatScale = 'log'): number {
  if (!(usd > 0) || !(maxUsd > 0)) return 0
  const x = Math.min(1, usd / maxUsd)
  return scale === 'linear' ? x : Math.log10(1 + LOG_SPAN * x) / LOG_DECADES
}

/** Table index 0..255 of a cell. */
export function levelOf(usd: number, maxUsd: number, scale: HeatScale = 'log'): number {
  return Math.round(level01(usd, maxUsd, scale) * 255)
}

/** The USD a level stands for (inverse of level01), for the legend's tick labels. */
export function usdAtLevel(level: number, maxUsd: number, scale: HeatScale = 'log'): number {
  return scale === 'linear' ? level * maxUsd : ((10 ** (LOG_DECADES * level) - 1) / LOG_SPAN) * maxUsd
}

/** RGBA pixels, one per cell, width = columns, height = rows, the lowest price row at the bottom. */
export function gridToRgba(grid: HeatmapGrid): Uint8ClampedArray {
  const w = grid.columnTimes.length
  const h = grid.rows
  const px = new Uint8ClampedArray(w * h * 4)
  for (let c = 0; c < w; c++) {
    for (let r = 0; r < h; r++) {
      const lvl = levelOf(grid.usd[c * h + r]!, grid.maxUsd, grid.scale)
      if (lvl === 0) continue
      const o = ((h - 1 - r) * w + c) * 4
      px[o] = COLOR_TABLE[lvl * 4]!
      px[o + 1] = COLOR_TABLE[lvl * 4 + 1]!
      px[o + 2] = COLOR_TABLE[lvl * 4 + 2]!
      px[o + 3] = COLOR_TABLE[lvl * 4 + 3]!
    }
  }
  return px
}

/** Densest cell of the selected layers: the legend's top (folding columns by maximum keeps it unchanged). */
export function maxCellUsd(view: HeatmapView, layers: HeatmapLayers): number {
  let max = 0
  const n = view.columns.length * view.rows
  for (let i = 0; i < n; i++) {
    const v = (layers.longs ? (view.longUsd[i] ?? 0) : 0) + (layers.shorts ? (view.shortUsd[i] ?? 0) : 0)
    if (v > max) max = v
  }
  return max
}
