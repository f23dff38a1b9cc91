import type {
  IChartApi,
  MouseEventParams,
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
import type { ProfileRows } from './heatmap-profile'
import { cumulativeProfile } from './heatmap-profile'
import { HeatmapReadoutBox } from './heatmap-readout'

/** Widest profile bar, CSS pixels, and its colours (longs liquidate on a fall: red; shorts on a rise: green). */
const PROFILE_WIDTH_CSS = 64
const PROFILE_LONG = 'rgba(239, 83, 80, 0.55)'
const PROFILE_SHORT = 'rgba(38, 166, 154, 0.55)'

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

/** Height of the band at the top of the price pane that holds its title (chart-legend), CSS pixels. */
export const TITLE_BAND_CSS = 22

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
  private profile: ProfileRows | null = null
  private readout: HeatmapReadoutBox | null = null
  private readonly view: IPrimitivePaneView
  private readonly profileView: IPrimitivePaneView
  private readonly onCrosshair = (p: MouseEventParams<Time>): void => this.showReadout(p)

  constructor() {
    const renderer: IPrimitivePaneRenderer = { draw: (t) => this.draw(t) }
    this.view = { zOrder: (): PrimitivePaneViewZOrder => 'bottom', renderer: () => renderer }
    const profileRenderer: IPrimitivePaneRenderer = { draw: (t) => this.drawProfile(t) }
    this.profileView = { zOrder: (): PrimitivePaneViewZOrder => 'top', renderer: () => profileRenderer }
  }

  attached(p: SeriesAttachedParameter<Time>): void {
    this.chart = p.chart as IChartApi
    this.series = p.series
    this.requestUpdate = p.requestUpdate
    this.readout = new HeatmapReadoutBox(this.chart.chartElement())
    this.chart.subscribeCrosshairMove(this.onCrosshair)
  }

  detached(): void {
    this.chart?.unsubscribeCrosshairMove(this.onCrosshair)
    this.readout?.destroy()
    this.readout = null
    this.chart = null
    this.series = null
    this.requestUpdate = null
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view, this.profileView]
  }

  /** The cursor readout: the map at the price under the cursor, by side and leverage group. */
  private showReadout(p: MouseEventParams<Time>): void {
    const { series, grid, profile, readout } = this
    if (!readout) return
    const price = p.point && series ? series.coordinateToPrice(p.point.y) : null
    if (!p.point || price === null || !grid?.profile || !profile) return readout.hide()
    readout.show(grid.profile, profile, grid.priceLo, grid.priceStep, price, p.point.y)
  }

  /**
   * The cumulative liquidation profile at the pane's right edge, beside the price axis: a bar per price row
   * as long as what a move to that row would liquidate (longs red below the reference, shorts green above).
   */
  private drawProfile(target: CanvasRenderingTarget2D): void {
    const { series, grid, profile } = this
    if (!series || !grid || !profile || !(profile.maxUsd > 0)) return
    target.useBitmapCoordinateSpace(
      ({ context: ctx, bitmapSize, horizontalPixelRatio: hpr, verticalPixelRatio: vpr }) => {
        const maxWidth = PROFILE_WIDTH_CSS * hpr
        const right = bitmapSize.width
        for (let r = 0; r < profile.cumUsd.length; r++) {
          const v = profile.cumUsd[r]!
          if (!(v > 0)) continue
          const yTop = series.priceToCoordinate(grid.priceLo + (r + 1) * grid.priceStep)
          const yBottom = series.priceToCoordinate(grid.priceLo + r * grid.priceStep)
          if (yTop === null || yBottom === null) continue
          const y0 = Math.round(yTop * vpr)
          const h = Math.max(1, Math.round(yBottom * vpr) - y0)
          if (y0 > bitmapSize.height || y0 + h < 0) continue
          const w = Math.max(1, Math.round((v / profile.maxUsd) * maxWidth))
          ctx.fillStyle = profile.isLong[r] ? PROFILE_LONG : PROFILE_SHORT
          ctx.fillRect(right - w, y0, w, h)
        }
      },
    )
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
    this.profile = grid?.profile ? cumulativeProfile(grid.profile, grid.priceLo, grid.priceStep) : null
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
        ctx.save()
        // The pane's title and values (chart-legend) sit in a band at the top: no cell is drawn under them.
        ctx.beginPath()
        const band = Math.round(TITLE_BAND_CSS * vpr)
        ctx.rect(0, band, bitmapSize.width, Math.max(0, bitmapSize.height - band))
        ctx.clip()
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
        ctx.restore()
      },
    )
  }
}
