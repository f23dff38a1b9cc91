import type { Page } from '@playwright/test'
import type { HeatmapView } from '../../src/shared/contract/heatmap'

/** What these specs read from the chart handle the market view exposes for tests. */
export interface ChartHandle {
  s: {
    candles: {
      priceToCoordinate(p: number): number | null
      coordinateToPrice(y: number): number | null
      priceScale(): {
        setAutoScale(on: boolean): void
        setVisibleRange(r: { from: number; to: number }): void
      }
    }
  }
}

/**
 * The centre price of the row within ±`withinFraction` of the map's reference price that holds the most long +
 * short USD now (the row the cursor is put on, and the cells the pixel test moves under the title band).
 */
export function densestRowPrice(v: HeatmapView, withinFraction: number): number {
  const lv = v.current!.levels!
  const ref = v.current!.price!
  const usd = (r: number): number => lv.longLow[r]! + lv.longHigh[r]! + lv.shortLow[r]! + lv.shortHigh[r]!
  let best = -1
  for (let r = 0; r < v.rows; r++) {
    const p = v.priceLo + (r + 0.5) * v.priceStep
    if (Math.abs(p / ref - 1) > withinFraction) continue
    if (best < 0 || usd(r) > usd(best)) best = r
  }
  if (best < 0) throw new Error(`no map row within ${withinFraction * 100} % of ${ref}`)
  return v.priceLo + (best + 0.5) * v.priceStep
}

/** The y coordinate (CSS px, from the top of the price pane) of `price` on the market view's chart. */
export async function priceY(page: Page, price: number): Promise<number> {
  return page.evaluate(
    (p) =>
      (window as unknown as { __radarChart: ChartHandle }).__radarChart.s.candles.priceToCoordinate(
        p,
      ) as number,
    price,
  )
}
