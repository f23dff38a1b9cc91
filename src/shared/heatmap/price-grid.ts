/**
 * The current estimated liquidation map: price cells of a fixed size, four layers (long/short × low/high
 * leverage). Cells hold raw values that are multiplied by one global `scale`, so decay and the proportional
 * shrink on an OI decline cost O(1) per bar instead of a pass over every cell; only cells that gain new
 * positions or are swept by a wick change. Each cell also keeps USD × price, so its level price is the
 * USD-weighted mean of the liquidation prices put into it, not the cell's edge.
 * Plain data (typed arrays) so a checkpoint is a structured clone.
 */
export const LAYERS = 4
export const SIDE_LONG = 0
export const SIDE_SHORT = 1

export function layerOf(side: number, group: number): number {
  return side * 2 + group
}

export interface PriceGrid {
  cellSize: number
  /** Absolute cell index (floor(price / cellSize)) of array slot 0. */
  lo: number
  capacity: number
  /** Raw USD per layer: `usd[layer][cell - lo]`; USD = raw × scale. */
  usd: Float64Array[]
  usdPx: Float64Array[]
  scale: number
  /** Highest cell that may hold longs / lowest that may hold shorts (bounds for the wick sweep). */
  maxLongCell: number
  minShortCell: number
  /**
   * Largest raw USD of one side in one cell, both leverage groups (what the cluster threshold is a share of):
   * raised as cells gain, -1 once a sweep or a renormalization may have lowered it (the next cluster search
   * scans the cells again). Absent in checkpoints written before it, which are scanned too.
   */
  peakRaw?: number
}

const RENORMALIZE_BELOW = 1e-100

export function createGrid(cellSize: number, aroundPrice: number, capacity = 512): PriceGrid {
  const centre = Math.floor(aroundPrice / cellSize)
  const mk = (): Float64Array[] => Array.from({ length: LAYERS }, () => new Float64Array(capacity))
  return {
    cellSize,
    lo: centre - (capacity >> 1),
    capacity,
    usd: mk(),
    usdPx: mk(),
    scale: 1,
    maxLongCell: Number.NEGATIVE_INFINITY,
    minShortCell: Number.POSITIVE_INFINITY,
    peakRaw: 0,
  }
}

export function cellOf(g: PriceGrid, price: number): number {
  return Math.floor(price / g.cellSize)
}

/** Grows the arrays (doubling, keeping slack on both sides) so that `cell` has a slot. */
function ensure(g: PriceGrid, cell: number): void {
  if (cell >= g.lo && cell < g.lo + g.capacity) return
  const newLo = Math.min(g.lo, cell - 64)
  const newHi = Math.max(g.lo + g.capacity, cell + 65)
  const capacity = Math.max(g.capacity * 2, newHi - newLo + 128)
  const lo = newLo - ((capacity - (newHi - newLo)) >> 1)
  const move = (a: Float64Array): Float64Array => {
    const b = new Float64Array(capacity)
    b.set(a, g.lo - lo)
    return b
  }
  g.usd = g.usd.map(move)
  g.usdPx = g.usdPx.map(move)
  g.lo = lo
  g.capacity = capacity
}

/** Raw USD of a side's two layers (low, then high leverage) at slot i: a cluster search's cell value. */
export function sideRawAt(g: PriceGrid, side: number, i: number): number {
  return (g.usd[side * 2] as Float64Array)[i]! + (g.usd[side * 2 + 1] as Float64Array)[i]!
}

/** A cell of `layer`'s side gained: the peak can only rise. */
function notePeak(g: PriceGrid, layer: number, i: number): void {
  const peak = g.peakRaw
  if (peak === undefined || peak < 0) return
  const u = sideRawAt(g, layer >> 1, i)
  if (u > peak) g.peakRaw = u
}

/** The largest raw side-cell value, scanning the cells only when a sweep or renormalization lowered it. */
export function gridPeakRaw(g: PriceGrid): number {
  if (g.peakRaw !== undefined && g.peakRaw >= 0) return g.peakRaw
  let peak = 0
  for (let i = 0; i < g.capacity; i++) {
    const long = sideRawAt(g, SIDE_LONG, i)
    const short = sideRawAt(g, SIDE_SHORT, i)
    if (long > peak) peak = long
    if (short > peak) peak = short
  }
  g.peakRaw = peak
  return peak
}

/** Adds `usdAmount` of positions liquidating at `price` to a layer; returns the cell it went into. */
export function addLevel(g: PriceGrid, layer: number, price: number, usdAmount: number): number {
  const cell = cellOf(g, price)
  ensure(g, cell)
  const i = cell - g.lo
  const raw = usdAmount / g.scale
  ;(g.usd[layer] as Float64Array)[i]! += raw
  ;(g.usdPx[layer] as Float64Array)[i]! += raw * price
  notePeak(g, layer, i)
  if (layer >> 1 === SIDE_LONG) g.maxLongCell = Math.max(g.maxLongCell, cell)
  else g.minShortCell = Math.min(g.minShortCell, cell)
  return cell
}

/**
 * Adds `usdAmount` to one cell of a layer whose USD-weighted price sum grows by `usdTimesPrice` (a share of
 * a spread level: the caller integrates the price over the part of the distribution in this cell).
 */
export function addCellMass(
  g: PriceGrid,
  layer: number,
  cell: number,
  usdAmount: number,
  usdTimesPrice: number,
): void {
  ensure(g, cell)
  const i = cell - g.lo
  ;(g.usd[layer] as Float64Array)[i]! += usdAmount / g.scale
  ;(g.usdPx[layer] as Float64Array)[i]! += usdTimesPrice / g.scale
  notePeak(g, layer, i)
  if (layer >> 1 === SIDE_LONG) g.maxLongCell = Math.max(g.maxLongCell, cell)
  else g.minShortCell = Math.min(g.minShortCell, cell)
}

export function cellUsd(g: PriceGrid, layer: number, cell: number): number {
  const i = cell - g.lo
  if (i < 0 || i >= g.capacity) return 0
  return (g.usd[layer] as Float64Array)[i]! * g.scale
}

export function rawCell(g: PriceGrid, layer: number, cell: number): number {
  const i = cell - g.lo
  return i < 0 || i >= g.capacity ? 0 : (g.usd[layer] as Float64Array)[i]!
}

/** USD-weighted mean liquidation price of a cell over the given layers; null when empty. */
export function cellPrice(g: PriceGrid, layers: readonly number[], cell: number): number | null {
  const i = cell - g.lo
  if (i < 0 || i >= g.capacity) return null
  let u = 0
  let p = 0
  for (const l of layers) {
    u += (g.usd[l] as Float64Array)[i]!
    p += (g.usdPx[l] as Float64Array)[i]!
  }
  return u > 0 ? p / u : null
}

/**
 * Removes the levels a wick reached: longs whose level price is at or above `low`, or shorts at or below
 * `high`. Only cells between the touch and the bound of that side are visited. Calls `onCleared` for each
 * cleared (layer, cell) and returns the USD removed.
 */
export function sweep(
  g: PriceGrid,
  side: number,
  touchPrice: number,
  onCleared: (layer: number, cell: number) => void,
): number {
  const touch = cellOf(g, touchPrice)
  const from = side === SIDE_LONG ? Math.max(touch, g.lo) : g.lo
  const to =
    side === SIDE_LONG
      ? Math.min(g.maxLongCell, g.lo + g.capacity - 1)
      : Math.min(touch, g.lo + g.capacity - 1)
  const start = side === SIDE_LONG ? from : Math.max(from, g.minShortCell)
  let removedRaw = 0
  for (let cell = start; cell <= to; cell++) {
    const i = cell - g.lo
    for (let group = 0; group < 2; group++) {
      const layer = layerOf(side, group)
      const u = g.usd[layer] as Float64Array
      const raw = u[i]!
      if (raw === 0) continue
      const px = g.usdPx[layer] as Float64Array
      // In the touch cell, only a level the wick really reached goes (its mean price decides).
      const reached =
        cell !== touch || (side === SIDE_LONG ? px[i]! / raw >= touchPrice : px[i]! / raw <= touchPrice)
      if (!reached) continue
      // Clearing the cell that held the peak lowers it: the next cluster search scans again.
      if (g.peakRaw !== undefined && sideRawAt(g, side, i) >= g.peakRaw) g.peakRaw = -1
      removedRaw += raw
      u[i] = 0
      px[i] = 0
      onCleared(layer, cell)
    }
  }
  if (side === SIDE_LONG && g.maxLongCell >= touch) g.maxLongCell = touch
  if (side === SIDE_SHORT && g.minShortCell <= touch) g.minShortCell = touch
  return removedRaw * g.scale
}

/** Multiplies every cell by `factor` (decay, OI shrink). Returns true when the raw values were rewritten. */
export function scaleGrid(g: PriceGrid, factor: number): boolean {
  g.scale *= factor
  if (g.scale >= RENORMALIZE_BELOW) return false
  // Keep raw values finite: fold the scale into them (rare: ~330 half-lives).
  for (let l = 0; l < LAYERS; l++) {
    const u = g.usd[l] as Float64Array
    const px = g.usdPx[l] as Float64Array
    for (let i = 0; i < g.capacity; i++) {
      u[i]! *= g.scale
      px[i]! *= g.scale
    }
  }
  g.scale = 1
  g.peakRaw = -1
  return true
}

/** Total USD over the given layers. */
export function gridTotalUsd(g: PriceGrid, layers: readonly number[]): number {
  let raw = 0
  for (const l of layers) for (const v of g.usd[l] as Float64Array) raw += v
  return raw * g.scale
}
