import { fmtPrice, fmtUsd } from '../components/metric-format'
import type { HeatmapProfileData } from './heatmap-grid'
import type { ProfileRows } from './heatmap-profile'
import { readoutAt } from './heatmap-profile'

/**
 * The cursor readout of the liquidation map: an opaque box beside the price axis (never text straight on
 * the cells) with the estimated long and short USD in the price row under the cursor, split by leverage
 * group, and what a move to that row would liquidate. Plain DOM, updated on crosshair moves, not React.
 */
export class HeatmapReadoutBox {
  private readonly el: HTMLDivElement

  constructor(host: HTMLElement) {
    this.el = document.createElement('div')
    this.el.className = 'heat-readout'
    this.el.dataset.testid = 'heatmap-readout'
    this.el.setAttribute('role', 'status')
    Object.assign(this.el.style, {
      position: 'absolute',
      right: '72px',
      zIndex: '3',
      pointerEvents: 'none',
      padding: '3px 6px',
      font: '11px/1.35 system-ui, sans-serif',
      color: '#e6e6e6',
      background: 'rgba(20, 22, 28, 0.94)',
      border: '1px solid rgba(255, 255, 255, 0.15)',
      borderRadius: '3px',
      whiteSpace: 'nowrap',
      display: 'none',
    })
    if (getComputedStyle(host).position === 'static') host.style.position = 'relative'
    host.appendChild(this.el)
  }

  show(
    data: HeatmapProfileData,
    profile: ProfileRows,
    priceLo: number,
    priceStep: number,
    price: number,
    y: number,
  ): void {
    const r = readoutAt(data, profile, priceLo, priceStep, price)
    if (!r) return this.hide()
    const longs = r.longLow + r.longHigh
    const shorts = r.shortLow + r.shortHigh
    this.el.textContent = ''
    const line = (text: string): void => {
      const d = document.createElement('div')
      d.textContent = text
      this.el.appendChild(d)
    }
    line(`${fmtPrice(r.rowLo)}–${fmtPrice(r.rowHi)} (est.)`)
    line(`Longs ${fmtUsd(longs)}: ≥25× ${fmtUsd(r.longHigh)}, <25× ${fmtUsd(r.longLow)}`)
    line(`Shorts ${fmtUsd(shorts)}: ≥25× ${fmtUsd(r.shortHigh)}, <25× ${fmtUsd(r.shortLow)}`)
    line(`Move here liquidates ${fmtUsd(r.ifReachedUsd)} of ${r.ifReachedSide}s`)
    this.el.style.top = `${Math.max(0, y + 12)}px`
    this.el.style.display = 'block'
  }

  hide(): void {
    this.el.style.display = 'none'
  }

  destroy(): void {
    this.el.remove()
  }
}
