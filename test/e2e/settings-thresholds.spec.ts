import { expect, test } from './fixtures'
import { gotoScreen } from './workflow-helpers'

test('every threshold is a row under its metric with name, unit, default and description; bad entries and a long watchlist are refused in words', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  await gotoScreen(page, 'Settings')
  // Headings are the registry's metric names; DEFAULT_SCORING_CONFIG.fundingHistoryDays = 90 days.
  const funding = page.getByRole('region', { name: 'Funding percentile' })
  const row = funding.locator('tr[data-knob="fundingHistoryDays"]')
  await expect(row).toContainText('History window')
  await expect(row).toContainText('Trailing window for the funding percentile and z-score.')
  await expect(row.locator('td').nth(2)).toHaveText('d')
  const days = funding.getByLabel('Funding percentile · History window (d)', { exact: true })
  await expect(days).toHaveAttribute('placeholder', '90')
  // oiRegimeThreshold is the fraction 0.02: shown and typed as 2 %.
  const oi = page.getByRole('region', { name: 'OI change 4 h' }).locator('tr[data-knob="oiRegimeThreshold"]')
  await expect(oi.locator('td').nth(2)).toHaveText('%')
  await expect(oi.locator('td').nth(3)).toHaveText('2')

  const errors = page.getByRole('alert', { name: 'Threshold errors' })
  await days.fill('ninety')
  await expect(errors).toContainText('Funding percentile · History window: "ninety" is not a number')
  await days.fill('')
  await oi.getByRole('textbox').fill('150')
  await expect(errors).toContainText(
    'OI change 4 h · Rising / falling from: 150 % is above the largest allowed, 100 %',
  )
  await expect(page.getByRole('button', { name: 'Save thresholds and weights' })).toBeDisabled()
  await oi.getByRole('textbox').fill('')
  await expect(errors).toHaveCount(0)

  // 301 markets: the settings file takes 300; the editor says so in words and saves nothing.
  const many = Array.from({ length: 301 }, (_, i) => `binanceusdm:C${i}/USDT:USDT`).join('\n')
  const watchlist = page.getByLabel('Watchlist', { exact: true })
  await watchlist.fill(many)
  await watchlist.blur()
  await expect(page.getByRole('alert', { name: 'Watchlist not saved' })).toContainText(
    'The watchlist holds at most 300 markets with full streams; this one has 301. Remove 1',
  )
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved:' })).toHaveCount(0)
  await watchlist.fill('BTCUSDT')
  await watchlist.blur()
  await expect(page.getByRole('alert', { name: 'Watchlist not saved' })).toHaveText(
    'Line 1, “BTCUSDT”, is not venue:symbol (e.g. binanceusdm:BTC/USDT:USDT).',
  )
  await page.getByRole('region', { name: 'Funding percentile' }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/screenshots/settings-thresholds.png' })
  expect(consoleErrors).toEqual([])
})
