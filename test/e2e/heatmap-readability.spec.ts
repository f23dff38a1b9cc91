import type { HeatmapView } from '../../src/shared/contract/heatmap'
import { expect, test } from './fixtures'
import { shoot } from './market-helpers'
import { BTC_PERP, engineCall } from './workflow-helpers'

/** What the spec reads from the chart handle the market view exposes for tests. */
interface ChartHandle {
  s: { candles: { priceToCoordinate(p: number): number | null } }
  chart: { timeScale(): { timeToCoordinate(t: number): number | null } }
  bars: { timeSec: number }[]
}

/** The price row within ±1.5 % of the price holding the most long USD now: where heatmap cells must show. */
function denseLongPriceNear(v: HeatmapView): number {
  const lv = v.current!.levels!
  const ref = v.current!.price!
  let best = -1
  for (let r = 0; r < v.rows; r++) {
    const p = v.priceLo + (r + 0.5) * v.priceStep
    if (Math.abs(p / ref - 1) > 0.015) continue
    if (best < 0 || lv.longLow[r]! + lv.longHigh[r]! > lv.longLow[best]! + lv.longHigh[best]!) best = r
  }
  return v.priceLo + (best + 0.5) * v.priceStep
}

test('the liquidation map is readable at every time frame: a column on every bar, a cursor readout, a profile and a legend with ticks', async ({
  page,
  server,
  weekAtEnd,
  consoleErrors,
}) => {
  expect(weekAtEnd.length).toBeGreaterThan(0)
  const heatmap = await engineCall<HeatmapView>(server, 'getHeatmap', { key: BTC_PERP, tiers: 'all' })
  expect(heatmap.unavailableReason).toBeNull()
  await page.getByTestId('radar-row').filter({ hasText: 'BTC/USDT:USDT' }).dblclick()
  const view = page.getByTestId('market-view')
  await expect(view.locator('canvas').first()).toBeVisible()
  await expect(page.getByTestId('heatmap-legend-ticks').locator('.legend-tick')).toHaveCount(5)
  const price = denseLongPriceNear(heatmap)

  // Pixel columns at 5 minutes: along the densest long row, the last 40 bars each have a coloured cell
  // (before the fix every second bar had none: the map is sent sampled every 10 minutes).
  await page.getByRole('button', { name: '5m', exact: true }).click()
  await page.waitForTimeout(500)
  const filled = await page.evaluate((p) => {
    const c = (window as unknown as { __radarChart: ChartHandle }).__radarChart
    const y = c.s.candles.priceToCoordinate(p) as number
    const ts = c.chart.timeScale()
    const bars = (c.bars as { timeSec: number }[]).slice(-40)
    const canvases = [
      ...document.querySelectorAll('[data-testid="market-chart"] canvas'),
    ] as HTMLCanvasElement[]
    const pane = canvases.sort((a, b) => b.width * b.height - a.width * a.height)[0]!
    const ctx = pane.getContext('2d')!
    const ratio = pane.width / pane.getBoundingClientRect().width
    return bars.map((b) => {
      const x = ts.timeToCoordinate(b.timeSec) as number
      // The cell's colour beside the candle body (2 px right of the bar centre is still the bar's column
      // at these spacings; the candle is thin), against the dark background.
      const d = ctx.getImageData(Math.round((x + 2) * ratio), Math.round(y * ratio), 1, 1).data
      return d[0]! + d[1]! + d[2]! > 90
    })
  }, price)
  expect(filled.filter(Boolean).length).toBeGreaterThanOrEqual(36)

  for (const tf of ['5m', '15m', '1h', '4h']) {
    await page.getByRole('button', { name: tf, exact: true }).click()
    await expect(page.getByRole('button', { name: tf, exact: true })).toHaveAttribute('aria-pressed', 'true')
    // The cursor over the densest long row: the readout gives its USD by leverage group.
    const y = await page.evaluate(
      (p) =>
        (window as unknown as { __radarChart: ChartHandle }).__radarChart.s.candles.priceToCoordinate(
          p,
        ) as number,
      price,
    )
    const box = (await page.getByTestId('market-chart').boundingBox())!
    await page.mouse.move(box.x + box.width * 0.6, box.y + y)
    const readout = page.getByTestId('heatmap-readout')
    await expect(readout).toBeVisible()
    await expect(readout).toContainText('Longs')
    await expect(readout).toContainText('≥25×')
    await shoot(page, `heatmap-${tf}`)
  }
  await page.getByLabel('Heatmap colour scale').selectOption('log')
  await expect(page.getByLabel('Heatmap colour scale')).toHaveValue('log')
  expect(consoleErrors).toEqual([])
})
