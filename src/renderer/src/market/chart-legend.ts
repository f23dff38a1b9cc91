import type { IChartApi, MouseEventParams, Time } from 'lightweight-charts'
import type { Bar, SeriesLineId, SeriesPoint } from '../../../shared/contract/series'
import { fmtCompact, fmtPrice, fmtUsd } from '../format'
import { PANES, QUADRANT_NAMES } from './chart-panes'
import type { PaneId } from './chart-panes'
import type { SignalPaneId } from './chart-pane-layout'

const PANE_TITLES: Record<PaneId, string> = {
  price: 'Price · liquidation heatmap',
  funding: 'Funding APR · percentile (left)',
  oi: 'Open interest · colour = price × OI quadrant',
  basis: 'Basis bps · z (left, ±2σ band)',
  vpin: 'VPIN',
}

export interface LegendSource {
  barAt(timeSec: number | null): Bar | null
  pointAt(line: SeriesLineId, timeSec: number | null): SeriesPoint | null
}

const pct = (v: number | undefined, d = 2) => (v === undefined ? '–' : `${(v * 100).toFixed(d)} %`)

/**
 * One legend line per pane (TradingView style), written straight into the DOM on crosshair moves: no React
 * state per mouse move. A pane without data says why.
 */
export class ChartLegend {
  private readonly els = new Map<PaneId, HTMLDivElement>()
  private reasons: Partial<Record<PaneId, string | null>> = {}
  private lastTime: number | null = null
  private shown: PaneId[] = [...PANES]
  private tick: number | null = null
  private baseAsset: string | null = null

  constructor(
    private readonly chart: IChartApi,
    container: HTMLElement,
    private readonly source: LegendSource,
  ) {
    for (const id of PANES) {
      const el = document.createElement('div')
      el.className = 'pane-legend'
      el.dataset.pane = id
      container.appendChild(el)
      this.els.set(id, el)
    }
    chart.subscribeCrosshairMove(this.onMove)
  }

  /** The signal panes drawn, in order, under the price pane; the others' legends are hidden. */
  setPanes(signal: readonly SignalPaneId[]): void {
    this.shown = ['price', ...signal]
    this.render()
  }

  setPriceDecimals(decimals: number): void {
    this.tick = 10 ** -decimals
    this.render()
  }

  setBaseAsset(asset: string | null): void {
    this.baseAsset = asset
  }

  setReasons(reasons: Partial<Record<PaneId, string | null>>): void {
    this.reasons = reasons
    this.render()
  }

  destroy(): void {
    this.chart.unsubscribeCrosshairMove(this.onMove)
    for (const el of this.els.values()) el.remove()
  }

  private onMove = (p: MouseEventParams<Time>): void => {
    this.lastTime = p.time === undefined ? null : (p.time as number)
    this.render()
  }

  /** Re-places legends at each pane's top and refreshes their text (hovered bar, else the last one). */
  render(): void {
    const panes = this.chart.panes()
    let top = 0
    // display, not the hidden attribute: the legend's own CSS sets display: flex.
    for (const id of PANES) this.els.get(id)!.style.display = this.shown.includes(id) ? '' : 'none'
    this.shown.forEach((id, i) => {
      const el = this.els.get(id)!
      el.style.top = `${top + 4}px`
      top += (panes[i]?.getHeight() ?? 0) + 1
      el.innerHTML = ''
      const title = document.createElement('span')
      title.className = 'legend-title'
      title.textContent = PANE_TITLES[id]
      const values = document.createElement('span')
      values.className = 'legend-values'
      values.textContent = this.text(id)
      el.append(title, values)
    })
  }

  private text(id: PaneId): string {
    const t = this.lastTime
    const src = this.source
    const missing = (line: SeriesLineId): string | null =>
      src.pointAt(line, null) === null ? `n/a — ${this.reasons[id] ?? 'no data in this session'}` : null
    switch (id) {
      case 'price': {
        const b = src.barAt(t)
        if (!b) return `n/a — ${this.reasons.price ?? 'no trades yet'}`
        const p = (v: number) => fmtPrice(v, this.tick)
        const vol =
          b.volumeBase === null
            ? 'n/a'
            : `${fmtCompact(b.volumeBase)}${this.baseAsset ? ` ${this.baseAsset}` : ''}${b.volumeFrom === 'taker' ? ' (taker buy + sell)' : ''}`
        return `O ${p(b.open)}  H ${p(b.high)}  L ${p(b.low)}  C ${p(b.close)}  Vol ${vol}`
      }
      case 'funding':
        return (
          missing('fundingApr') ??
          `${pct(src.pointAt('fundingApr', t)?.value)}  ·  pct ${src.pointAt('fundingPercentile', t)?.value.toFixed(0) ?? 'n/a'}`
        )
      case 'oi': {
        const m = missing('oiUsd')
        if (m) return m
        const v = src.pointAt('oiUsd', t)?.value
        const q = src.pointAt('oiQuadrant', t)?.value
        return `${v === undefined ? '–' : fmtUsd(v)}  ·  ${q ? QUADRANT_NAMES[q] : 'quadrant undetermined'}`
      }
      case 'basis':
        return (
          missing('basisBps') ??
          `${src.pointAt('basisBps', t)?.value.toFixed(2) ?? '–'} bps  ·  z ${src.pointAt('basisZ', t)?.value.toFixed(2) ?? 'n/a'}`
        )
      case 'vpin':
        return missing('vpin') ?? `${src.pointAt('vpin', t)?.value.toFixed(3) ?? '–'}`
    }
  }
}
