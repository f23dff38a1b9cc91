import type { PriceGrid } from './price-grid'
import { LAYERS } from './price-grid'

/**
 * The heatmap's time axis without a full column per bar. A 30-day, 1-minute map of 500 price cells would be
 * 43,200 × 500 × 4 layers × 8 bytes ≈ 690 MB as dense columns; here a segment starts with one snapshot of
 * the raw cells and then stores, per bar, only the cells that changed (new levels, swept levels) plus the
 * grid's scale. A column is rebuilt by replaying its segment from the snapshot: ~30 changes per bar with the
 * spread over the bar's range and around each leverage.
 */
export interface HistorySegment {
  /** Global column number of the snapshot's column. */
  startColumn: number
  snapshotLo: number
  /** Raw cells at the end of the start column, layer-major: `snapshot[layer * snapshotCells + i]`. */
  snapshot: Float64Array
  snapshotCells: number
  /**
   * Changed cells as `absolute cell × LAYERS + layer`, with the raw value after the change; the first `count`
   * entries are used. Typed (4 + 4 bytes a change instead of two 8-byte array slots): a 30-day map holds over
   * a million changes. Float32 values: history is drawn, never computed with (the current map is the grid).
   */
  codes: Int32Array
  values: Float32Array
  count: number
  /** For column `startColumn + 1 + k`: end offset of its changes in codes/values. */
  columnEnds: number[]
}

export interface HistoryLog {
  /** Global number of the first kept column. */
  firstColumn: number
  /** Bar start times (ms) and grid scales of the kept columns. */
  timesMs: number[]
  scales: number[]
  segments: HistorySegment[]
  /** Changes of the bar being closed (absolute cell × LAYERS + layer, raw value after the change). */
  pendingCodes: number[]
  pendingValues: number[]
}

export function createHistory(): HistoryLog {
  return { firstColumn: 0, timesMs: [], scales: [], segments: [], pendingCodes: [], pendingValues: [] }
}

export function columnCount(h: HistoryLog): number {
  return h.timesMs.length
}

/** Notes the raw value a cell holds after a change in the bar being closed. */
export function noteChange(h: HistoryLog, layer: number, cell: number, raw: number): void {
  h.pendingCodes.push(cell * LAYERS + layer)
  h.pendingValues.push(raw)
}

function snapshotOf(g: PriceGrid, column: number): HistorySegment {
  // Trim to the non-empty span so idle edges of the grid cost nothing.
  let first = g.capacity
  let last = -1
  for (let l = 0; l < LAYERS; l++) {
    const u = g.usd[l] as Float64Array
    for (let i = 0; i < g.capacity; i++)
      if (u[i] !== 0) {
        if (i < first) first = i
        if (i > last) last = i
      }
  }
  const cells = last >= first ? last - first + 1 : 0
  const snapshot = new Float64Array(cells * LAYERS)
  for (let l = 0; l < LAYERS; l++)
    if (cells > 0) snapshot.set((g.usd[l] as Float64Array).subarray(first, last + 1), l * cells)
  return {
    startColumn: column,
    snapshotLo: g.lo + (cells > 0 ? first : 0),
    snapshot,
    snapshotCells: cells,
    codes: new Int32Array(INITIAL_CHANGES),
    values: new Float32Array(INITIAL_CHANGES),
    count: 0,
    columnEnds: [],
  }
}

const INITIAL_CHANGES = 1024

/** Appends a bar's changes, growing the typed arrays by half when full. */
function appendChanges(seg: HistorySegment, codes: readonly number[], values: readonly number[]): void {
  const need = seg.count + codes.length
  if (need > seg.codes.length) {
    const cap = Math.max(need, Math.ceil(seg.codes.length * 1.5))
    const c = new Int32Array(cap)
    c.set(seg.codes.subarray(0, seg.count))
    const v = new Float32Array(cap)
    v.set(seg.values.subarray(0, seg.count))
    seg.codes = c
    seg.values = v
  }
  seg.codes.set(codes, seg.count)
  seg.values.set(values, seg.count)
  seg.count = need
}

/** A closed segment keeps only what it uses. */
function trim(seg: HistorySegment): void {
  if (seg.codes.length === seg.count) return
  seg.codes = seg.codes.slice(0, seg.count)
  seg.values = seg.values.slice(0, seg.count)
}

/**
 * Closes a column: the grid as it stands after the bar. `forceSnapshot` when the raw values were rewritten
 * (renormalized), since earlier change records no longer match them.
 */
export function closeColumn(
  h: HistoryLog,
  g: PriceGrid,
  barStartMs: number,
  snapshotEvery: number,
  maxColumns: number,
  forceSnapshot: boolean,
): void {
  const column = h.firstColumn + h.timesMs.length
  h.timesMs.push(barStartMs)
  h.scales.push(g.scale)
  const seg = h.segments[h.segments.length - 1]
  if (!seg || forceSnapshot || column - seg.startColumn >= snapshotEvery) {
    if (seg) trim(seg)
    h.segments.push(snapshotOf(g, column))
  } else {
    appendChanges(seg, h.pendingCodes, h.pendingValues)
    seg.columnEnds.push(seg.count)
  }
  h.pendingCodes.length = 0
  h.pendingValues.length = 0
  // Drop whole old segments once the rest still covers the kept span.
  while (
    h.segments.length > 1 &&
    h.firstColumn + h.timesMs.length - h.segments[1]!.startColumn >= maxColumns
  ) {
    const drop = h.segments[1]!.startColumn - h.firstColumn
    h.segments.shift()
    h.timesMs.splice(0, drop)
    h.scales.splice(0, drop)
    h.firstColumn += drop
  }
}

/**
 * Rebuilds columns (global numbers, ascending) over absolute cells [cellLo, cellLo + rows) and calls
 * `emit(k, raw, scale)` for the k-th requested column: USD of a cell = `raw[layer * rows + r] × scale`.
 */
export function replayColumns(
  h: HistoryLog,
  columns: readonly number[],
  cellLo: number,
  rows: number,
  emit: (k: number, rawByLayer: Float64Array, scale: number) => void,
): void {
  const raw = new Float64Array(rows * LAYERS)
  let segIdx = -1
  let at = -1 // column the raw buffer currently stands at
  let seg: HistorySegment | null = null
  for (let k = 0; k < columns.length; k++) {
    const c = columns[k]!
    let s = segIdx
    while (s + 1 < h.segments.length && h.segments[s + 1]!.startColumn <= c) s++
    if (s < 0) continue
    if (s !== segIdx || at > c) {
      segIdx = s
      seg = h.segments[s]!
      raw.fill(0)
      for (let l = 0; l < LAYERS; l++)
        for (let i = 0; i < seg.snapshotCells; i++) {
          const r = seg.snapshotLo + i - cellLo
          if (r >= 0 && r < rows) raw[l * rows + r] = seg.snapshot[l * seg.snapshotCells + i]!
        }
      at = seg.startColumn
    }
    const sg = seg as HistorySegment
    for (; at < c; at++) {
      const j = at - sg.startColumn // columnEnds[j] ends the changes of column at + 1
      const begin = j === 0 ? 0 : sg.columnEnds[j - 1]!
      const end = sg.columnEnds[j]!
      for (let x = begin; x < end; x++) {
        const code = sg.codes[x]!
        const layer = ((code % LAYERS) + LAYERS) % LAYERS
        const r = (code - layer) / LAYERS - cellLo
        if (r >= 0 && r < rows) raw[layer * rows + r] = sg.values[x]!
      }
    }
    emit(k, raw, h.scales[c - h.firstColumn]!)
  }
}
