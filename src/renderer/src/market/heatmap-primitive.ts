import type {
  IChartApi,
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesApi,
  ISeriesPrimitive,
  Logical,
  PrimitivePaneViewZOrder,
  SeriesAttachedParameter,
  SeriesType,
  Time,
  UTCTimestamp,
} from 'lightweight-charts'

type CanvasRenderingTarget2D = Parameters<IPrimitivePaneRenderer['draw']>[0]
import type { HeatmapGrid } from './heatmap-grid'
import { expandToBars, gridToRgba } from './heatmap-grid'

/** A run of heatmap columns sitting on consecutive bars: one drawImage per run. */
export interface Run {
  col: number
  logical: number
  count: number
}

/**
 * Groups the map's columns into runs of consecutive logical indices. A column is drawn only where a bar is
 * (no trades, no x). The index comes from the chart's time scale (`indexOf`), which also holds the other
 * panes' points (open interest may start before the first bar, a line may have a point where no bar is),
 * so a bar's position in `barTimes` is not its logical index.
 */
export function columnRuns(
  columnTimes: readonly number[],
  barTimes: readonly number[],
  indexOf: (timeSec: number) => number | null,
): Run[] {
  const runs: Run[] = []
  let j = 0
  for (let c = 0; c < columnTimes.length; c++) {
    const t = columnTimes[c]!
    while (j < barTimes.length && barTimes[j]! < t) j++
    if (barTimes[j] !== t) continue
    const logical = indexOf(t)
    if (logical === null) continue
    const last = runs[runs.length - 1]
    if (last && last.col + last.count === c && last.logical + last.count === logical) last.count++
    else runs.push({ col: c, logical, count: 1 })
  }
  return runs
}

/**
 * The liquidation heatmap as a series primitive drawn BEHIND the candles (zOrder 'bottom'). The whole map is
 * rasterised once into an offscreen bitmap (one pixel per cell, colours from a precomputed table); each frame
 * copies only the visible columns and price rows, scaled to the pane, without smoothing.
 */
export class HeatmapPrimitive implements ISeriesPrimitive<Time> {
  private chart: IChartApi | null = null
  private series: ISeriesApi<SeriesType> | null = null
  private requestUpdate: (() => void) | null = null
  /** The map as built for the time frame, and its columns laid on the chart's bars. */
  private source: HeatmapGrid | null = null
  private grid: HeatmapGrid | null = null
  private bitmap: HTMLCanvasElement | null = null
  private runs: Run[] = []
  private readonly view: IPrimitivePaneView

  constructor() {
    const renderer: IPrimitivePaneRenderer = { draw: (t) => this.draw(t) }
    this.view = { zOrder: (): PrimitivePaneViewZOrder => 'bottom', renderer: () => renderer }
  }

  attached(p: SeriesAttachedParameter<Time>): void {
    this.chart = p.chart as IChartApi
    this.series = p.series
    this.requestUpdate = p.requestUpdate
  }

  detached(): void {
    this.chart = null
    this.series = null
    this.requestUpdate = null
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view]
  }

  /** New map or layers; `barTimes` are the chart's bar times (sorted) to place columns on. */
  setGrid(grid: HeatmapGrid | null, barTimes: readonly number[]): void {
    this.source = grid
    this.placeColumns(barTimes)
  }

  /**
   * Bars changed (time frame, new bar): one column per bar, rasterised once into the bitmap, and the logical
   * index each column sits on.
   */
  placeColumns(barTimes: readonly number[]): void {
    const grid = this.source ? expandToBars(this.source, barTimes) : null
    this.grid = grid
    this.bitmap = null
    if (grid && grid.columnTimes.length > 0 && grid.rows > 0) {
      const canvas = document.createElement('canvas')
      canvas.width = grid.columnTimes.length
      canvas.height = grid.rows
      const ctx = canvas.getContext('2d')
      if (ctx) {
        const image = ctx.createImageData(canvas.width, canvas.height)
        image.data.set(gridToRgba(grid))
        ctx.putImageData(image, 0, 0)
        this.bitmap = canvas
      }
    }
    const ts = this.chart?.timeScale()
    this.runs =
      grid && ts
        ? columnRuns(grid.columnTimes, barTimes, (t) => ts.timeToIndex(t as UTCTimestamp, false))
        : []
    this.requestUpdate?.()
  }

  private draw(target: CanvasRenderingTarget2D): void {
    const { chart, series, grid, bitmap } = this
    if (!chart || !series || !grid || !bitmap || this.runs.length === 0) return
    const ts = chart.timeScale()
    const range = ts.getVisibleLogicalRange()
    if (!range) return
    target.useBitmapCoordinateSpace(
      ({ context: ctx, bitmapSize, horizontalPixelRatio: hpr, verticalPixelRatio: vpr }) => {
        const hCss = bitmapSize.height / vpr
        const pTop = series.coordinateToPrice(0)
        const pBottom = series.coordinateToPrice(hCss)
        if (pTop === null || pBottom === null) return
        const rLo = Math.max(0, Math.floor((Math.min(pTop, pBottom) - grid.priceLo) / grid.priceStep))
        const rHi = Math.min(grid.rows, Math.ceil((Math.max(pTop, pBottom) - grid.priceLo) / grid.priceStep))
        if (rHi <= rLo) return
        const yTop = series.priceToCoordinate(grid.priceLo + rHi * grid.priceStep)
        const yBottom = series.priceToCoordinate(grid.priceLo + rLo * grid.priceStep)
        if (yTop === null || yBottom === null) return
        ctx.imageSmoothingEnabled = false
        const half = ts.options().barSpacing / 2
        const from = Math.floor(range.from)
        const to = Math.ceil(range.to)
        for (const run of this.runs) {
          const l0 = Math.max(run.logical, from)
          const l1 = Math.min(run.logical + run.count, to + 1)
          if (l1 <= l0) continue
          // logicalToCoordinate takes whole bar indices only: cell edges are bar centres ± half a spacing.
          const c0 = ts.logicalToCoordinate(l0 as Logical)
          const c1 = ts.logicalToCoordinate((l1 - 1) as Logical)
          const x0 = c0 === null ? null : c0 - half
          const x1 = c1 === null ? null : c1 + half
          if (x0 === null || x1 === null) continue
          ctx.drawImage(
            bitmap,
            run.col + (l0 - run.logical),
            grid.rows - rHi,
            l1 - l0,
            rHi - rLo,
            Math.round(x0 * hpr),
            Math.round(yTop * vpr),
            Math.max(1, Math.round((x1 - x0) * hpr)),
            Math.max(1, Math.round((yBottom - yTop) * vpr)),
          )
        }
      },
    )
  }
}
