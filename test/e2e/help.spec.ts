import { expect, test } from './fixtures'

test('a metric tooltip opens the methodology at that metric’s section, in the app', async ({
  page,
  server,
  weekAtEnd,
  consoleErrors,
}) => {
  expect(weekAtEnd.length).toBeGreaterThan(0)
  const eth = page.getByTestId('radar-row').filter({ hasText: 'ETH/USDT:USDT' })
  await eth.locator('[data-metric="ls-global"]').hover()
  const tip = page.getByTestId('metric-tooltip')
  await tip.getByRole('link', { name: /Methodology § ls-global/ }).click()
  const drawer = page.getByTestId('help-drawer')
  await expect(drawer).toBeVisible()
  await expect(drawer).toContainText('§ ls-global')
  // The section itself is scrolled into view: methodology.md's long/short paragraph opens the drawer.
  await expect(drawer.getByText('Latest global-account, top-trader account')).toBeInViewport()
  await page.screenshot({ path: 'test-results/screenshots/methodology.png' })
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  // The page never navigated away (Electron refuses navigation; the browser must not need it either).
  expect(new URL(page.url()).pathname).toBe(new URL(server.url).pathname)
  expect(consoleErrors).toEqual([])
})
