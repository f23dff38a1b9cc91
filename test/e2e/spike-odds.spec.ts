import { expect, test } from './fixtures'
import { BTC_PERP } from './workflow-helpers'

/**
 * The stress index read as a liquidation-spike probability, where a trader reads it: under the stress pill
 * of a radar row and under the stress number of the market view, each with its tooltip.
 */
test('the radar row and the market view show the spike probability beside the usual rate', async ({
  page,
  weekAtEnd,
  consoleErrors,
}) => {
  const btc = weekAtEnd.find((s) => s.key === BTC_PERP)!
  const p = btc.metrics['lsi-p-long-4h']!
  // The week has no funding: the index rests on 3 of 4 inputs (70 % of the weight), enough for a probability.
  expect(p.value).not.toBeNull()
  const shown = `${(100 * p.value!).toFixed(1)} %`
  const row = page.getByTestId('radar-row').filter({ hasText: 'BTC/USDT:USDT' })
  await expect(row.getByTestId('spike-odds-long')).toHaveText(`L ${shown}`)
  await row.getByTestId('spike-odds-long').hover()
  await expect(page.getByRole('tooltip')).toContainText('fitted on BTC hourly 2026-03-01')
  await expect(page.getByRole('tooltip')).toContainText('index on 3 of 4 inputs (70 % of the weight)')

  await page.mouse.move(5, 5)
  await page.screenshot({ path: 'test-results/screenshots/spike-odds-radar.png' })
  await row.dblclick()
  const panel = page.getByTestId('signal-panel')
  await expect(panel.getByTestId('spike-odds-long')).toHaveText(
    new RegExp(`^long-liq spike in 4 h: ${shown.replace('.', '\\.')} vs \\d+\\.\\d % usual$`),
  )
  await expect(panel.getByTestId('spike-odds')).toContainText('no demonstrated skill')
  await panel.getByTestId('spike-odds').screenshot({ path: 'test-results/screenshots/spike-odds-panel.png' })
  expect(consoleErrors).toEqual([])
})
