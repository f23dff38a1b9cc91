import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import type { MarketSeries } from '../../src/shared/contract/series'
import { openMarketView, shoot } from './market-helpers'
import { engineCall } from './workflow-helpers'

/** The chart's own state, read through the handle the bench uses (the chart itself is a canvas). */
async function chartState(page: Page, price: number) {
  return page.evaluate((p) => {
    const c = (
      window as unknown as {
        __radarChart: {
          chart: {
            panes(): { getHeight(): number }[]
            options(): { localization: { timeFormatter: (t: number) => string } }
          }
          s: { candles: { priceFormatter(): { format(v: number): string } } }
        }
      }
    ).__radarChart
    const heights = c.chart.panes().map((x) => x.getHeight())
    return {
      panes: heights.length,
      priceShare: heights[0]! / heights.reduce((a, b) => a + b, 0),
      axis: c.s.candles.priceFormatter().format(p),
      crosshair: c.chart.options().localization.timeFormatter(1715286900),
    }
  }, price)
}

test('empty signal panes collapse, the pane choice is remembered, prices keep their decimals, and the keys work', async ({
  page,
  server,
  weekAtEnd,
  consoleErrors,
}) => {
  expect(weekAtEnd.length).toBeGreaterThan(0)
  await openMarketView(page, 'OP/USDT:USDT')
  const view = page.getByTestId('market-view')
  // The week's candles carry no volume: a bar's volume is its taker buy + sell, in OP (it read "Vol n/a").
  // Hover the bar before the last (2024-05-16 19:30 UTC); the file has no taker row for the last one.
  const series = await engineCall<MarketSeries>(server, 'getSeries', { key: 'binanceusdm:OP/USDT:USDT' })
  const bar = series.bars[series.bars.length - 2]!
  expect(bar.timeSec).toBe(1715887800)
  expect(bar.volumeFrom).toBe('taker')
  const x = await page.evaluate(
    (t) =>
      (
        window as unknown as {
          __radarChart: { chart: { timeScale(): { timeToCoordinate(t: number): number | null } } }
        }
      ).__radarChart.chart
        .timeScale()
        .timeToCoordinate(t) as number,
    bar.timeSec,
  )
  const box = (await page.getByTestId('market-chart').boundingBox())!
  await page.mouse.move(box.x + x, box.y + 80)
  await expect(view.locator('.pane-legend[data-pane="price"]')).toContainText(
    `Vol ${(bar.volumeBase! / 1e3).toFixed(1)} k OP (taker buy + sell)`,
  )
  const picker = page.getByTestId('pane-picker')
  // The week sample has open interest but no funding, basis or VPIN (README: 5-minute metrics only).
  await expect(picker.locator('[data-pane="funding"]')).toContainText('no data')
  await expect(picker.locator('[data-pane="oi"]')).not.toContainText('no data')
  await expect(view.locator('.pane-legend[data-pane="funding"]')).toBeHidden()
  let s = await chartState(page, 2.3648)
  // Price + open interest only: the candles get 5 / (5 + 1.15) = 81 % of the height, not 5 / 9.6 = 52 %.
  expect(s.panes).toBe(2)
  expect(s.priceShare).toBeGreaterThan(0.75)
  // OP trades near 2.5: its axis shows four decimals (2.3648 must not read 2.36).
  expect(s.axis).toBe('2.3648')
  // Crosshair times say UTC: 1715286900 s = 2024-05-09 20:35 UTC.
  expect(s.crosshair).toBe('2024-05-09 20:35 UTC')

  // Switched off, the open-interest pane goes; the choice survives a reload.
  await picker.getByRole('checkbox', { name: /Open interest/ }).uncheck()
  await expect.poll(async () => (await chartState(page, 1)).panes).toBe(1)
  await picker.getByRole('button', { name: 'Move Open interest up' }).click()
  await page.reload()
  await page.getByTestId('radar-row').filter({ hasText: 'OP/USDT:USDT' }).dblclick()
  await expect(
    page.getByTestId('pane-picker').getByRole('checkbox', { name: /Open interest/ }),
  ).not.toBeChecked()
  await expect(page.getByTestId('pane-picker').locator('.pane-chip').first()).toHaveAttribute(
    'data-pane',
    'oi',
  )
  await expect.poll(async () => (await chartState(page, 1)).panes).toBe(1)
  // "O" brings it back.
  await page.locator('body').press('o')
  await expect.poll(async () => (await chartState(page, 1)).panes).toBe(2)

  // Keys: 5 = 4h, 6 = 1D (a week of data has 4h and daily bars), L = log scale, ? = the list of keys.
  await page.locator('body').press('5')
  await expect(page.getByRole('button', { name: '4h', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await page.locator('body').press('6')
  await expect(page.getByRole('button', { name: '1D', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await page.locator('body').press('l')
  await expect(page.getByRole('button', { name: 'Log', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await page.locator('body').press('Shift+?')
  await expect(page.getByTestId('shortcut-sheet')).toContainText('time frame 1m, 5m, 15m, 1h, 4h, 1D')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('shortcut-sheet')).toBeHidden()
  s = await chartState(page, 2.3648)
  expect(s.axis).toBe('2.3648')
  await page.mouse.move(10, 890)
  await shoot(page, 'market-view-op-1d-log')
  expect(consoleErrors).toEqual([])
})
