import { expect, test } from './fixtures'
import { AUG_PATH, WEEK_PATH, replayToEnd, shoot } from './market-helpers'

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

test('spot markets sit beside their perp instead of being ranked; headers explain their own column with one tab stop each', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  const snaps = await replayToEnd(server, AUG_PATH)
  // The August sample records Binance spot and USD-M perps of BTC and ETH (data README), and coin-margined BTC.
  const spot = snaps.filter((s) => !s.symbol.includes(':'))
  const perps = snaps.filter((s) => s.symbol.includes(':'))
  expect(spot.map((s) => s.symbol).sort()).toEqual(['BTC/USDT', 'ETH/USDT'])
  const rows = page.getByTestId('radar-row')
  await expect(rows).toHaveCount(perps.length)
  await expect(rows.filter({ hasText: /^\S*BTC\/USDT\s/ })).toHaveCount(0)
  await expect(page.getByTestId('radar-count')).toContainText('2 spot markets shown beside their perps')
  // The BTC perp's basis cell carries the spot price of the same pair.
  const btcSpot = spot.find((s) => s.symbol === 'BTC/USDT')!
  const btcPerp = rows.filter({ hasText: 'BTC/USDT:USDT' }).filter({ hasText: 'binanceusdm' })
  await expect(btcPerp.getByTestId('radar-spot')).toHaveText(
    `spot ${btcSpot.lastPrice!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
  )
  // No empty "—" chip beside a value that is n/a.
  await expect(page.locator('.regime-chip', { hasText: '—' })).toHaveCount(0)

  // Each header's tooltip explains that column, and Tab moves header to header (no stop on the tip's link).
  const market = page.getByRole('button', { name: /^Market/ })
  await market.focus()
  await expect(page.getByTestId('metric-tooltip')).toContainText('Symbol and venue of a perpetual')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: /^Stress/ })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: /^Price/ })).toBeFocused()
  await expect(page.getByTestId('metric-tooltip')).toContainText('Last price')
  await expect(page.getByTestId('metric-tooltip')).not.toContainText('24 h change')
  await page.mouse.move(700, 700)
  await shoot(page, 'radar-spot-beside-perp')
  expect(consoleErrors).toEqual([])
})
