import { expect, test } from './fixtures'
import { gotoScreen } from './workflow-helpers'

test('thresholds are grouped by metric family, named in words with units, and a bad entry is refused in words', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  await gotoScreen(page, 'Settings')
  const funding = page.getByRole('region', { name: 'Funding' })
  // DEFAULT_SCORING_CONFIG.fundingHistoryDays = 90: shown as "Funding history (d)".
  await expect(funding).toContainText('Funding history (d)')
  await expect(funding.getByLabel('fundingHistoryDays', { exact: true })).toHaveAttribute('placeholder', '90')
  await expect(page.getByRole('region', { name: 'Open interest' })).toContainText('Oi regime threshold')
  await funding.getByLabel('fundingHistoryDays', { exact: true }).fill('ninety')
  await expect(page.getByRole('alert').filter({ hasText: 'is not a number' })).toHaveText(
    'Funding history (d): "ninety" is not a number',
  )
  await expect(page.getByRole('button', { name: 'Save thresholds and weights' })).toBeDisabled()
  expect(consoleErrors).toEqual([])
})
