import { expect, test } from './fixtures'
import { WEEK_PATH, replayToEnd, shoot } from './market-helpers'

test('the radar ranks the sample’s markets by stress, sorts, filters and opens a market by keyboard', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  await expect(page.getByTestId('radar-empty')).toContainText('Open a recorded session')
  const snaps = await replayToEnd(server, WEEK_PATH)
  const rows = page.getByTestId('radar-row')
  await expect(rows).toHaveCount(snaps.length)
  // The week sample has BTC, ETH and OP perps (README of the recorded futures metrics).
  expect(snaps.map((s) => s.symbol).sort()).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT', 'OP/USDT:USDT'])

  // Ranked by the stress index, highest first, missing last.
  const shown = await rows.evaluateAll((els) =>
    els.map((e) => e.querySelector('[data-testid="stress-value"]')?.textContent ?? ''),
  )
  const numeric = shown.map((t) => (t === 'n/a' ? -Infinity : Number(t)))
  expect([...numeric].sort((a, b) => b - a)).toEqual(numeric)

  // Sorting by market name: A→Z, then Z→A on a second click.
  const header = page.getByRole('button', { name: /^Market/ })
  await header.click()
  await expect(rows.first()).toContainText('BTC/USDT:USDT')
  await header.click()
  await expect(rows.first()).toContainText('OP/USDT:USDT')

  // The README reads ETH OI of 2.14–2.42 B USDT: the table shows it in billions nowhere, but L/S is there.
  const eth = rows.filter({ hasText: 'ETH/USDT:USDT' })
  const ethSnap = snaps.find((s) => s.symbol === 'ETH/USDT:USDT')!
  await expect(eth.locator('[data-metric="ls-global"]')).toHaveText(
    ethSnap.metrics['ls-global']!.value!.toFixed(3).replace(/0+$/, ''),
  )

  // A metric without data says why, instead of a silent 0.
  await eth.locator('[data-metric="basis-bps"]').hover()
  await expect(page.getByTestId('metric-tooltip')).toContainText('Basis')
  await expect(page.getByTestId('metric-tooltip').getByRole('link')).toHaveAttribute(
    'href',
    'docs/methodology.md#basis-bps',
  )

  // Filter narrows the list; "/" focuses it.
  await page.locator('body').press('/')
  await expect(page.getByLabel('Filter markets')).toBeFocused()
  await page.keyboard.type('eth')
  await expect(rows).toHaveCount(1)
  await page.getByLabel('Filter markets').fill('')
  await expect(rows).toHaveCount(3)
  await header.click() // back to A→Z: BTC, ETH, OP
  await page.mouse.move(700, 700)
  await page.waitForTimeout(3000) // let regime-shift flashes fade for the screenshot
  await shoot(page, 'radar')

  // Keyboard: into the table, ArrowDown twice moves to OP, Enter opens its market view.
  await page.getByLabel('Filter markets').press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true')
  await expect(rows.nth(2)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(rows.nth(1)).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('market-view')).toBeVisible()
  await expect(page.getByTestId('market-view')).toContainText('ETH/USDT:USDT')
  expect(consoleErrors).toEqual([])
})
