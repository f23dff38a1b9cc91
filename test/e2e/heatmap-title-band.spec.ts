import type { Page } from '@playwright/test'
import type { HeatmapView } from '../../src/shared/contract/heatmap'
import { expect, test } from './fixtures'
import type { ChartHandle } from './heatmap-helpers'
import { densestRowPrice, priceY } from './heatmap-helpers'
import { BTC_PERP, engineCall } from './workflow-helpers'

/** The band at the top of the price pane that holds its title (TITLE_BAND_CSS in heatmap-primitive.ts). */
const BAND_CSS = 22
/** The cumulative profile's widest bar at the pane's right edge (drawn on top, not a cell), plus a margin. */
const PROFILE_CSS = 64 + 4

/**
 * Pins the price scale (no autoscale) to a span of 3 % of `price` with `price` `yCss` pixels below the pane's
 * top. The scale's margins keep a set range off the pane's edges, so a first range is measured (where its top
 * lands, pixels per USD) and the second one is placed from that.
 */
async function placePriceAt(page: Page, price: number, yCss: number): Promise<number> {
  await page.evaluate(
    ([p, y]) => {
      const c = (window as unknown as { __radarChart: ChartHandle }).__radarChart.s.candles
      const span = p * 0.03
      const scale = c.priceScale()
      scale.setAutoScale(false)
      scale.setVisibleRange({ from: p - span / 2, to: p + span / 2 })
      const yTo = c.priceToCoordinate(p + span / 2) as number
      const pxPerUsd = ((c.priceToCoordinate(p - span / 2) as number) - yTo) / span
      const to = p + (y - yTo) / pxPerUsd
      scale.setVisibleRange({ from: to - span, to })
    },
    [price, yCss] as const,
  )
  await page.waitForTimeout(300)
  return priceY(page, price)
}

/**
 * The price pane's canvas pixels in CSS rows [y0, y1), left of the profile: RGBA bytes. The pane's main
 * canvas is the largest one in the chart (the first of the two same-size canvases: the other holds the
 * crosshair).
 */
async function readRows(page: Page, y0: number, y1: number): Promise<{ bytes: number[]; width: number }> {
  return page.evaluate(
    async ([a, b, profile]) => {
      // The chart draws on an animation frame after a change: read after the next two.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
      const canvases = [
        ...document.querySelectorAll('[data-testid="market-chart"] canvas'),
      ] as HTMLCanvasElement[]
      const pane = canvases.sort((p, q) => q.width * q.height - p.width * p.height)[0]!
      const ratio = pane.width / pane.getBoundingClientRect().width
      const width = Math.floor(pane.width - profile * ratio)
      const top = Math.round(a * ratio)
      const rows = Math.max(1, Math.round((b - a) * ratio))
      const data = pane.getContext('2d')!.getImageData(0, top, width, rows).data
      return { bytes: [...data], width }
    },
    [y0, y1, PROFILE_CSS] as const,
  )
}

/** Pixels that differ (any channel by more than 8 of 255) between two reads of the same rows. */
function changedPixels(a: number[], b: number[]): number {
  let n = 0
  for (let i = 0; i < a.length; i += 4) {
    if ([0, 1, 2].some((k) => Math.abs(a[i + k]! - b[i + k]!) > 8)) n++
  }
  return n
}

/** Turns both heatmap layers on or off with the market view's checkboxes and lets the chart redraw. */
async function setLayers(page: Page, on: boolean): Promise<void> {
  const group = page.getByRole('group', { name: 'Liquidation heatmap' })
  for (const name of ['Longs', 'Shorts']) await group.getByLabel(name, { exact: true }).setChecked(on)
  await page.waitForTimeout(300)
}

test('no heatmap cell is drawn in the title band at the top of the price pane: the same dense cells show just below it', async ({
  page,
  server,
  weekAtEnd,
  consoleErrors,
}) => {
  expect(weekAtEnd.length).toBeGreaterThan(0)
  const heatmap = await engineCall<HeatmapView>(server, 'getHeatmap', { key: BTC_PERP, tiers: 'all' })
  expect(heatmap.unavailableReason).toBeNull()
  const price = densestRowPrice(heatmap, 0.015)
  await page.getByTestId('radar-row').filter({ hasText: 'BTC/USDT:USDT' }).dblclick()
  await expect(page.getByTestId('market-view').locator('canvas').first()).toBeVisible()
  await expect(page.getByTestId('heatmap-legend')).toBeVisible()
  await page.getByRole('button', { name: '15m', exact: true }).click()
  // No crosshair or readout: the pointer rests outside the chart.
  await page.mouse.move(5, 5)

  // The densest row in the middle of the band: the heatmap adds nothing there (the pixels are the same with
  // the layers on and off), while its cells show elsewhere in the pane.
  expect(Math.abs((await placePriceAt(page, price, BAND_CSS / 2)) - BAND_CSS / 2)).toBeLessThanOrEqual(1)
  await setLayers(page, true)
  const bandOn = await readRows(page, 0, BAND_CSS)
  const belowOn = await readRows(page, BAND_CSS, BAND_CSS + 40)
  await setLayers(page, false)
  const bandOff = await readRows(page, 0, BAND_CSS)
  const belowOff = await readRows(page, BAND_CSS, BAND_CSS + 40)
  expect(bandOn.bytes.length).toBeGreaterThan(0)
  expect(changedPixels(bandOn.bytes, bandOff.bytes)).toBe(0)
  // Just under the band, in the same picture, the map's cells are drawn (so the reads above saw the map on).
  expect(changedPixels(belowOn.bytes, belowOff.bytes)).toBeGreaterThan(belowOn.width)

  // The same row moved 60 px below the band, same zoom: the layers now change many of its pixels, so the
  // band is what kept them out above.
  const at = 60 + BAND_CSS
  expect(Math.abs((await placePriceAt(page, price, at)) - at)).toBeLessThanOrEqual(1)
  await setLayers(page, true)
  const cellsOn = await readRows(page, at - 2, at + 2)
  await setLayers(page, false)
  const cellsOff = await readRows(page, at - 2, at + 2)
  const changed = changedPixels(cellsOn.bytes, cellsOff.bytes)
  // At least a tenth of the pixels across the pane's width (the map has a column on every bar it shows).
  expect(changed).toBeGreaterThan(cellsOn.bytes.length / 4 / 10)
  await setLayers(page, true)
  expect(consoleErrors).toEqual([])
})
