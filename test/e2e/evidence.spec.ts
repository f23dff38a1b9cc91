import { expect, test } from './fixtures'

test('the Evidence screen runs on the week sample in the worker and shows base rates, ROC and event studies', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  await page.getByRole('tab', { name: 'Evidence' }).click()
  await page
    .getByRole('checkbox', { name: 'Binance futures metrics — week of 2024-05-09 (BTC, ETH, OP)' })
    .check()
  await page.getByLabel('Horizons').fill('1h,4h')
  await page.getByLabel('Moves').fill('2%')
  await page.getByRole('button', { name: 'Run' }).click()
  // The run happens in a worker thread: the UI stays responsive and shows progress, then the report.
  await expect(page.getByRole('heading', { name: 'Base rates' })).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('heading', { name: 'Scores: ROC and calibration' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Event studies' })).toBeVisible()
  // docs/evidence.md: on this week a 2 % move within 1 h happened in 2.8 % of samples (three markets pooled).
  await expect(page.locator('.evidence-results')).toContainText('2.8')
  await expect(page.locator('.evidence-plots svg').first()).toBeVisible()
  // Small samples are labelled, never presented as findings (on/off signals and metrics alike), and each
  // on/off signal is shown beside its complement; every metric has its AUC.
  await expect(page.locator('.evidence-results summary', { hasText: 'Not enough events' })).toHaveCount(2)
  await expect(
    page.locator('.evidence-results th', { hasText: 'when its complement starts' }).first(),
  ).toBeAttached()
  await expect(page.getByRole('heading', { name: /Continuous metrics and composites: AUC/ })).toBeVisible()
  await page.screenshot({ path: 'test-results/screenshots/evidence.png', fullPage: false })
  expect(consoleErrors).toEqual([])
})
