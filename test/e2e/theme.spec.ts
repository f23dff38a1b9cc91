import { expect, test } from './fixtures'
import { WEEK_PATH, replayToEnd, shoot } from './market-helpers'
import { engineCall } from './workflow-helpers'

/** WCAG relative luminance of an "rgb(r, g, b)" colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => {
    const c = Number(x) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

test('the light theme reaches the chart: a light canvas and pane titles that read against it', async ({
  page,
  server,
  consoleErrors,
}) => {
  await engineCall(server, 'updateSettings', { theme: 'light' })
  await page.goto(server.url)
  await replayToEnd(server, WEEK_PATH)
  await page.getByTestId('radar-row').filter({ hasText: 'BTC/USDT:USDT' }).dblclick()
  const legend = page.getByTestId('market-view').locator('.pane-legend[data-pane="price"]')
  await expect(legend).toContainText('C ')
  const background = await page.evaluate(
    () =>
      (
        window as unknown as {
          __radarChart: { chart: { options(): { layout: { background: { color: string } } } } }
        }
      ).__radarChart.chart.options().layout.background.color,
  )
  expect(background).toBe('#ffffff')
  // Pane titles against the white canvas: at least WCAG's 4.5:1 for text.
  const title = await legend.locator('.legend-title').evaluate((el) => getComputedStyle(el).color)
  expect(contrast(title, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(4.5)
  await page.mouse.move(10, 890)
  await shoot(page, 'market-view-light')
  expect(consoleErrors).toEqual([])
})
