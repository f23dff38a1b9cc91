import { createSeriesMarkers } from 'lightweight-charts'
import type { IChartApi, ISeriesMarkersPluginApi, SeriesMarker, Time } from 'lightweight-charts'
import type { HeatmapView } from '../../../shared/contract/heatmap'
import type {
  Bar,
  MarketSeries,
  SeriesLineId,
  SeriesPoint,
  SeriesUpdate,
} from '../../../shared/contract/series'
import { SERIES_LINES } from '../../../shared/contract/series'
import { decimalsForPrice, decimalsOfTick, fmtUsd } from '../format'
import {
  aggregateBars,
  aggregateLiquidations,
  aggregatePoints,
  averageTrueRange,
  bucketOf,
  mergeByTime,
} from './aggregate'
import { ChartLegend } from './chart-legend'
import type { ChartSeries, PaneId } from './chart-panes'
import { COLORS, applyChartTheme, createMarketChart, priceDecimalsFromPrices, toTime } from './chart-panes'
import type { ChartTheme } from './chart-panes'
import { DEFAULT_PANE_PREFS, SIGNAL_PANES, applyPaneLayout, visiblePanes } from './chart-pane-layout'
import type { PanePrefs, SignalPaneId } from './chart-pane-layout'
import { buildHeatmapGrid } from './heatmap-grid'
import type { HeatmapLayers } from './heatmap-grid'
import { HeatmapPrimitive } from './heatmap-primitive'
import { liquidationMarkerSize } from './liquidation-markers'

const LINE_IDS: readonly SeriesLineId[] = SERIES_LINES

function findIndex<T extends { timeSec: number }>(arr: readonly T[], t: number): number {
  let lo = 0
  let hi = arr.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (arr[mid]!.timeSec < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Owns the chart: data flows from the api straight into series (setData on load and time-frame change,
 * series.update() for live ticks), never through React state.
 */
export class MarketChartController {
  readonly chart: IChartApi
  private readonly s: ChartSeries
  private readonly heat = new HeatmapPrimitive()
  private readonly markers: ISeriesMarkersPluginApi<Time>
  private readonly legend: ChartLegend
  private raw: MarketSeries | null = null
  private bucketSec = 60
  private bars: Bar[] = []
  private lines: Partial<Record<SeriesLineId, SeriesPoint[]>> = {}
  private heatView: HeatmapView | null = null
  private layers: HeatmapLayers = { longs: true, shorts: true }
  private prefs: PanePrefs = DEFAULT_PANE_PREFS
  private shownPanes: SignalPaneId[] | null = null
  private withDataKey: string | null = null
  private priceDecimals: number | null = null
  private tick: number | null = null
  /** Told which signal panes hold data whenever that changes (the pane picker marks the empty ones). */
  onPanesWithData: ((withData: ReadonlySet<SignalPaneId>) => void) | null = null

  constructor(container: HTMLElement) {
    const { chart, s } = createMarketChart(container)
    this.chart = chart
    this.s = s
    s.candles.attachPrimitive(this.heat)
    this.markers = createSeriesMarkers(s.candles, [])
    this.legend = new ChartLegend(chart, container, {
      barAt: (t) => this.at(this.bars, t),
      pointAt: (line, t) => this.at(this.lines[line] ?? [], t),
    })
    chart.timeScale().subscribeSizeChange(() => this.legend.render())
    // The visible span, in the DOM for keyboard users' assistive tech and for tests (the chart is a canvas).
    chart.timeScale().subscribeVisibleTimeRangeChange((range) => {
      container.dataset.visibleFrom = range ? String(range.from) : ''
      container.dataset.visibleTo = range ? String(range.to) : ''
    })
  }

  /** The trader's pane choice; panes without data stay collapsed whatever the choice. */
  setPanePrefs(prefs: PanePrefs): void {
    this.prefs = prefs
    this.layoutPanes()
  }

  /** The app's theme on the canvas: background, text, grid and borders. */
  setTheme(theme: ChartTheme): void {
    applyChartTheme(this.chart, theme)
  }

  /** Logarithmic price axis: moves of equal percent look equal (a week of a trending coin). */
  setLogScale(on: boolean): void {
    this.chart.priceScale('right', 0).applyOptions({ mode: on ? 1 : 0 })
  }

  /** Decimals of the candles' price axis; null before data. */
  get pricePrecision(): number | null {
    return this.priceDecimals
  }

  /** The signal panes that hold at least one point. */
  panesWithData(): Set<SignalPaneId> {
    const primary: Record<SignalPaneId, SeriesLineId> = {
      funding: 'fundingApr',
      oi: 'oiUsd',
      basis: 'basisBps',
      vpin: 'vpin',
    }
    return new Set(SIGNAL_PANES.filter((id) => (this.lines[primary[id]]?.length ?? 0) > 0))
  }

  /** Re-lays the panes only when the visible set or its order changed (a layout costs a full re-render). */
  private layoutPanes(): void {
    const withData = this.panesWithData()
    const dataKey = [...withData].join()
    if (dataKey !== this.withDataKey) {
      this.withDataKey = dataKey
      this.onPanesWithData?.(withData)
    }
    const next = visiblePanes(this.prefs, withData)
    if (this.shownPanes && next.join() === this.shownPanes.join()) return
    this.shownPanes = next
    applyPaneLayout(this.chart, this.s, next)
    this.legend.setPanes(next)
  }

  /** Effective bucket: never finer than the data's own resolution. */
  get timeframeSec(): number {
    return this.bucketSec
  }

  setTimeframe(sec: number): void {
    this.bucketSec = Math.max(sec, this.raw?.resolutionSec ?? sec)
    this.redrawAll(true)
  }

  setData(series: MarketSeries): void {
    this.raw = {
      ...series,
      bars: [...series.bars],
      lines: Object.fromEntries(Object.entries(series.lines).map(([k, v]) => [k, [...(v ?? [])]])),
      liquidations: [...series.liquidations],
    }
    this.bucketSec = Math.max(this.bucketSec, series.resolutionSec)
    this.legend.setBaseAsset(series.key.split(':')[1]?.split('/')[0] ?? null)
    this.applyPricePrecision()
    this.redrawAll(true)
  }

  /** The market's tick size from the venue's market info, when known: it fixes the price decimals. */
  setTickSize(tick: number | null): void {
    this.tick = tick
    this.applyPricePrecision()
  }

  /**
   * Price decimals: the tick's when known; else the finest step in the prices, but no finer than five
   * significant digits (bar files whose OHLC are averages carry 8 decimals no venue quotes).
   */
  private applyPricePrecision(): void {
    const bars = this.raw?.bars ?? []
    const last = bars[bars.length - 1]?.close
    if (last === undefined) return
    const seen = priceDecimalsFromPrices(bars.slice(-500).flatMap((b) => [b.open, b.high, b.low, b.close]))
    const d = this.tick !== null ? decimalsOfTick(this.tick) : Math.min(seen, decimalsForPrice(last))
    if (d === this.priceDecimals) return
    this.priceDecimals = d
    this.s.candles.applyOptions({ priceFormat: { type: 'price', precision: d, minMove: 10 ** -d } })
    this.legend.setPriceDecimals(d)
  }

  /** A live batch: merges into the raw data and updates only the buckets it touched. */
  applyUpdate(u: SeriesUpdate): void {
    const raw = this.raw
    if (!raw || u.key !== raw.key) return
    const b = this.bucketSec
    const minBar = mergeByTime(raw.bars, u.bars)
    if (minBar !== null) {
      const from = bucketOf(minBar, b)
      const tail = aggregateBars(raw.bars.slice(findIndex(raw.bars, from)), b)
      const before = this.bars.length
      const lastTime = this.bars[before - 1]?.timeSec ?? -Infinity
      this.bars.splice(findIndex(this.bars, from), Infinity, ...tail)
      for (const bar of tail) {
        const historical = bar.timeSec < lastTime
        this.s.candles.update(this.candle(bar), historical)
        this.s.volume.update(this.vol(bar), historical)
      }
      if (this.bars.length !== before) this.heat.placeColumns(this.bars.map((x) => x.timeSec))
    }
    for (const id of LINE_IDS) {
      const pts = u.lines[id]
      if (!pts || pts.length === 0) continue
      const all = (raw.lines[id] ??= [])
      const min = mergeByTime(all, pts)
      if (min === null) continue
      const from = bucketOf(min, b)
      const tail = aggregatePoints(all.slice(findIndex(all, from)), b)
      const agg = (this.lines[id] ??= [])
      const lastTime = agg[agg.length - 1]?.timeSec ?? -Infinity
      agg.splice(findIndex(agg, from), Infinity, ...tail)
      for (const p of tail) this.updateLine(id, p, p.timeSec < lastTime)
    }
    if (u.liquidations.length > 0) {
      raw.liquidations.push(...u.liquidations)
      this.drawMarkers()
    }
    this.layoutPanes()
    this.legend.render()
  }

  /** Returns the densest drawn cell in USD, for the legend. */
  setHeatmap(view: HeatmapView | null, layers: HeatmapLayers): number {
    this.heatView = view
    this.layers = layers
    return this.drawHeatmap()
  }

  setReasons(reasons: Partial<Record<PaneId, string | null>>): void {
    this.legend.setReasons(reasons)
  }

  /** Scrolls / zooms by a number of bars (the bench and keyboard use it). */
  scrollBars(delta: number): void {
    const ts = this.chart.timeScale()
    ts.scrollToPosition(ts.scrollPosition() + delta, false)
  }

  /** ATR(14) on the bars as shown, for the calculator's distances in ATR. */
  atr(): { value: number; label: string } | null {
    const v = averageTrueRange(this.bars, 14)
    return v === null ? null : { value: v, label: `ATR 14 × ${this.bucketSec / 60} min bars` }
  }

  barTimes(): number[] {
    return this.bars.map((x) => x.timeSec)
  }

  destroy(): void {
    this.legend.destroy()
    this.chart.remove()
  }

  private at<T extends { timeSec: number }>(arr: readonly T[], t: number | null): T | null {
    if (arr.length === 0) return null
    if (t === null) return arr[arr.length - 1]!
    const item = arr[findIndex(arr, t)]
    return item && item.timeSec === t ? item : null
  }

  private candle(b: Bar) {
    return { time: toTime(b.timeSec), open: b.open, high: b.high, low: b.low, close: b.close }
  }

  private vol(b: Bar) {
    // No volume in the source: a whitespace bar, never a zero bar.
    if (b.volumeBase === null) return { time: toTime(b.timeSec) }
    return {
      time: toTime(b.timeSec),
      value: b.volumeBase,
      color: b.close >= b.open ? 'rgba(38, 166, 154, 0.45)' : 'rgba(239, 83, 80, 0.45)',
    }
  }

  private quadrantColor(t: number): string {
    const q = this.at(this.lines.oiQuadrant ?? [], t)
    return q ? (COLORS.quadrant[q.value] ?? COLORS.oiUnknown) : COLORS.oiUnknown
  }

  private lineItem(id: SeriesLineId, p: SeriesPoint) {
    const time = toTime(p.timeSec)
    if (id === 'oiUsd') return { time, value: p.value, color: this.quadrantColor(p.timeSec) }
    if (id === 'basisZ')
      return {
        time,
        value: p.value,
        color: Math.abs(p.value) >= 2 ? 'rgba(240, 185, 11, 0.7)' : 'rgba(91, 140, 255, 0.35)',
      }
    return { time, value: p.value }
  }

  private target(id: SeriesLineId) {
    const map: Partial<
      Record<SeriesLineId, { update: (d: never, h?: boolean) => void; setData: (d: never[]) => void }>
    > = {
      fundingApr: this.s.fundingApr,
      fundingPercentile: this.s.fundingPercentile,
      oiUsd: this.s.oiUsd,
      basisBps: this.s.basisBps,
      basisZ: this.s.basisZ,
      vpin: this.s.vpin,
    }
    return map[id]
  }

  private updateLine(id: SeriesLineId, p: SeriesPoint, historical: boolean): void {
    if (id === 'oiQuadrant') {
      const oi = this.at(this.lines.oiUsd ?? [], p.timeSec)
      if (oi) this.s.oiUsd.update(this.lineItem('oiUsd', oi), historical)
      return
    }
    this.target(id)?.update(this.lineItem(id, p) as never, historical)
  }

  private redrawAll(resetView: boolean): void {
    const raw = this.raw
    if (!raw) return
    const b = this.bucketSec
    this.bars = aggregateBars(raw.bars, b)
    this.s.candles.setData(this.bars.map((x) => this.candle(x)))
    this.s.volume.setData(this.bars.map((x) => this.vol(x)))
    this.lines = {}
    for (const id of LINE_IDS) this.lines[id] = aggregatePoints(raw.lines[id] ?? [], b)
    for (const id of LINE_IDS) {
      const t = this.target(id)
      if (t) t.setData((this.lines[id] ?? []).map((p) => this.lineItem(id, p)) as never[])
    }
    this.drawMarkers()
    this.drawHeatmap()
    this.layoutPanes()
    if (resetView && this.bars.length > 0) this.showLatestBars(180)
    this.legend.render()
  }

  /**
   * Shows the newest `count` bars with a little room on the right. Indices come from the time scale, not
   * from the bar list: the scale also holds the other panes' points (open interest may start a day before
   * the first bar), so a bar's position in the list is not its logical index.
   */
  private showLatestBars(count: number): void {
    const n = this.bars.length
    const ts = this.chart.timeScale()
    const first = ts.timeToIndex(toTime(this.bars[Math.max(0, n - count)]!.timeSec), true)
    const last = ts.timeToIndex(toTime(this.bars[n - 1]!.timeSec), true)
    if (first === null || last === null) return
    const room = Math.max(1, Math.round((last - first) * 0.04))
    ts.setVisibleLogicalRange({ from: first - 0.5, to: last + room })
  }

  private drawMarkers(): void {
    const raw = this.raw
    if (!raw) return
    const buckets = aggregateLiquidations(raw.liquidations, this.bucketSec)
    const maxUsd = buckets.reduce((m, l) => Math.max(m, l.usd), 0)
    const list: SeriesMarker<Time>[] = buckets.map((l) => ({
      time: toTime(l.timeSec),
      position: l.positionSide === 'long' ? 'belowBar' : 'aboveBar',
      shape: l.positionSide === 'long' ? 'arrowUp' : 'arrowDown',
      color: l.positionSide === 'long' ? COLORS.down : COLORS.up,
      text: `${l.positionSide === 'long' ? 'L' : 'S'} ${fmtUsd(l.usd)}`,
      size: liquidationMarkerSize(l.usd, maxUsd),
    }))
    this.markers.setMarkers(list)
  }

  private drawHeatmap(): number {
    const v = this.heatView
    const usable = v && v.unavailableReason === null && v.columns.length > 0
    const grid = usable ? buildHeatmapGrid(v, this.layers, this.bucketSec) : null
    this.heat.setGrid(grid, this.barTimes())
    return grid?.maxUsd ?? 0
  }
}
