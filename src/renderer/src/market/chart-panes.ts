import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  LineSeries,
  LineStyle,
  createChart,
} from 'lightweight-charts'
import type { IChartApi, ISeriesApi, Time } from 'lightweight-charts'

export const COLORS = {
  up: '#26a69a',
  down: '#ef5350',
  text: '#b2b5be',
  grid: 'rgba(42, 46, 57, 0.55)',
  border: '#2a2e39',
  funding: '#f0b90b',
  percentile: 'rgba(178, 181, 190, 0.55)',
  basis: '#5b8cff',
  vpin: '#c77dff',
  quadrant: { 1: '#26a69a', 2: '#ef5350', 3: '#5b8cff', 4: '#ff9f43' } as Record<number, string>,
  oiUnknown: '#787b86',
}

/** The chart's canvas colours per app theme (the canvas cannot read the page's CSS variables). */
export const CHART_THEMES = {
  dark: { background: '#131722', text: '#b2b5be', grid: 'rgba(42, 46, 57, 0.55)', border: '#2a2e39' },
  light: { background: '#ffffff', text: '#131722', grid: 'rgba(224, 227, 235, 0.9)', border: '#d1d4dc' },
} as const
export type ChartTheme = keyof typeof CHART_THEMES

export function applyChartTheme(chart: IChartApi, theme: ChartTheme): void {
  const t = CHART_THEMES[theme]
  chart.applyOptions({
    layout: {
      background: { type: ColorType.Solid, color: t.background },
      textColor: t.text,
      panes: { separatorColor: t.border },
    },
    grid: { vertLines: { color: t.grid }, horzLines: { color: t.grid } },
    rightPriceScale: { borderColor: t.border },
    leftPriceScale: { borderColor: t.border },
    timeScale: { borderColor: t.border },
  })
}

/** Price × OI quadrants, as oiQuadrant encodes them (1..4). */
export const QUADRANT_NAMES: Record<number, string> = {
  1: 'new longs (price ↑ OI ↑)',
  2: 'new shorts (price ↓ OI ↑)',
  3: 'short covering (price ↑ OI ↓)',
  4: 'long liquidation (price ↓ OI ↓)',
}

export interface ChartSeries {
  candles: ISeriesApi<'Candlestick'>
  volume: ISeriesApi<'Histogram'>
  fundingApr: ISeriesApi<'Line'>
  fundingPercentile: ISeriesApi<'Line'>
  oiUsd: ISeriesApi<'Line'>
  basisBps: ISeriesApi<'Line'>
  basisZ: ISeriesApi<'Histogram'>
  vpin: ISeriesApi<'Line'>
}

export const PANES = ['price', 'funding', 'oi', 'basis', 'vpin'] as const
export type PaneId = (typeof PANES)[number]

/**
 * Axis formatters print as many decimals as the scale's `minMove` allows, so neighbouring ticks never read
 * the same ("3.1 %" three times came from 0.001-apart ticks printed with one decimal).
 */
const pct = (v: number) => `${(v * 100).toFixed(2)} %`
const usdShort = (v: number) =>
  Math.abs(v) >= 1e9
    ? `$${(v / 1e9).toFixed(3)} B`
    : Math.abs(v) >= 1e6
      ? `$${(v / 1e6).toFixed(2)} M`
      : `$${v.toFixed(0)}`

/** Crosshair and tooltip time, always in UTC and saying so (series times are UTC seconds). */
export function crosshairTime(t: Time): string {
  const sec = typeof t === 'number' ? t : Date.parse(String(t)) / 1000
  return `${new Date(sec * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

export function createMarketChart(container: HTMLElement): { chart: IChartApi; s: ChartSeries } {
  const chart = createChart(container, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: '#131722' },
      textColor: COLORS.text,
      fontSize: 11,
      panes: {
        separatorColor: COLORS.border,
        separatorHoverColor: 'rgba(41, 98, 255, 0.3)',
        enableResize: true,
      },
      attributionLogo: false,
    },
    grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
    crosshair: { mode: CrosshairMode.Normal },
    rightPriceScale: { borderColor: COLORS.border },
    leftPriceScale: { borderColor: COLORS.border },
    timeScale: { borderColor: COLORS.border, timeVisible: true, secondsVisible: false, rightOffset: 6 },
    localization: { timeFormatter: crosshairTime },
  })
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: COLORS.up,
    downColor: COLORS.down,
    wickUpColor: COLORS.up,
    wickDownColor: COLORS.down,
    borderVisible: false,
  })
  const volume = chart.addSeries(HistogramSeries, {
    priceScaleId: 'volume',
    priceFormat: { type: 'volume' },
    lastValueVisible: false,
    priceLineVisible: false,
  })
  volume.priceScale().applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } })
  const line = (color: string, pane: number, format: (v: number) => string, minMove: number, extra = {}) =>
    chart.addSeries(
      LineSeries,
      {
        color,
        lineWidth: 1,
        priceLineVisible: false,
        priceFormat: { type: 'custom', formatter: format, minMove },
        ...extra,
      },
      pane,
    )
  const fundingApr = line(COLORS.funding, 1, pct, 0.0001, { lineWidth: 2 })
  const fundingPercentile = line(COLORS.percentile, 1, (v) => `${v.toFixed(0)} pct`, 1, {
    priceScaleId: 'left',
    lineStyle: LineStyle.Dotted,
    lastValueVisible: true,
  })
  for (const [price, title] of [
    [95, 'p95'],
    [5, 'p5'],
  ] as const)
    fundingPercentile.createPriceLine({
      price,
      color: 'rgba(239, 83, 80, 0.5)',
      lineStyle: LineStyle.Dashed,
      lineWidth: 1,
      axisLabelVisible: false,
      title,
    })
  const oiUsd = line(COLORS.oiUnknown, 2, usdShort, 1000, { lineWidth: 2 })
  const basisBps = line(COLORS.basis, 3, (v) => `${v.toFixed(1)} bps`, 0.1, { lineWidth: 2 })
  const basisZ = chart.addSeries(
    HistogramSeries,
    {
      priceScaleId: 'left',
      color: 'rgba(91, 140, 255, 0.35)',
      priceLineVisible: false,
      lastValueVisible: false,
      priceFormat: { type: 'custom', formatter: (v: number) => `${v.toFixed(1)} σ`, minMove: 0.1 },
    },
    3,
  )
  for (const z of [2, -2])
    basisZ.createPriceLine({
      price: z,
      color: 'rgba(240, 185, 11, 0.6)',
      lineStyle: LineStyle.Dashed,
      lineWidth: 1,
      // The ±2σ band is read from the dashed line and its title; an axis label would repeat the tick.
      axisLabelVisible: false,
      title: `${z > 0 ? '+' : '−'}2σ`,
    })
  const vpin = line(COLORS.vpin, 4, (v) => v.toFixed(2), 0.01, { lineWidth: 2 })
  return { chart, s: { candles, volume, fundingApr, fundingPercentile, oiUsd, basisBps, basisZ, vpin } }
}

export const toTime = (sec: number): Time => sec as Time

/**
 * Price decimals for the candles: the market's tick when the venue's market info gives it, else the finest
 * step seen in the prices themselves (OP at 2.3648 shows four decimals, not 2.36).
 */
export function priceDecimalsFromPrices(prices: readonly number[]): number {
  let most = 0
  for (const p of prices) {
    if (!Number.isFinite(p)) continue
    const text = p.toFixed(8).replace(/0+$/, '')
    const d = text.length - text.indexOf('.') - 1
    if (d > most) most = d
  }
  return most
}
