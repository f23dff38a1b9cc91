import type { MarketSnapshot } from '../../src/shared/scoring/snapshot'
import { expect, test } from './fixtures'
import { AUG_PATH, replayToEnd, shoot } from './market-helpers'
import { BTC_PERP } from './workflow-helpers'

test('the calculator opens from the market view with the entry prefilled, sizes by risk and warns on a stop beyond liquidation', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  const snaps = await replayToEnd(server, AUG_PATH)
  const btc = snaps.find((s: MarketSnapshot) => s.key === BTC_PERP)!
  await page
    .getByTestId('radar-row')
    .filter({ hasText: 'binanceusdm' })
    .filter({ hasText: 'BTC/USDT:USDT' })
    .dblclick()
  await expect(page.getByTestId('market-view')).toBeVisible()

  // Keyboard only: focus the button, Enter opens the panel.
  await page.getByRole('button', { name: 'Position size' }).focus()
  await page.keyboard.press('Enter')
  const calc = page.getByTestId('calculator')
  await expect(calc).toBeVisible()
  // Entry prefilled from the engine's last price of the perp (61,659.8 at the end of the 2024-08-08 file).
  await expect(calc.getByLabel('Entry price')).toHaveValue(btc.lastPrice!.toFixed(1))
  // The bundled tiers are dated (docs/methodology-sizing.md: fetched 2024-10-24).
  await expect(calc.getByTestId('tiers-source')).toContainText('2024-10-24')

  // Labelled controls, filled from the keyboard.
  await calc.getByLabel('Account equity (USD)').fill('10000')
  await calc.getByLabel('Risk per trade').fill('1')
  await calc.getByLabel('Entry price').fill('60000')
  await calc.getByLabel('Stop price').fill('59400')
  await calc.getByLabel('Leverage (×)').fill('10')
  await calc.getByLabel('Taker fee %').fill('0.05')
  // Budget 1 % × 10,000 = 100; loss per BTC = 600 + 0.0005 × (60,000 + 59,400) = 659.7 → 100 / 659.7 = 0.151584 BTC,
  // rounded down to BTCUSDT's lot of 0.001 (LOT_SIZE in the recorded 2021-07-22 exchangeInfo) → 0.151 BTC.
  await expect(calc.getByTestId('calc-size')).toContainText('0.151 base')
  await expect(calc.getByTestId('calc-lot')).toContainText('step 0.001 · min 0.001 · tick 0.01')
  await expect(calc.getByTestId('calc-lot')).toContainText('exchangeInfo recorded 2021-07-22')
  // Isolated 10x, margin = notional / 10, tier 1 (MMR 0.4 %, cum 0): LP = 60,000 × 0.9 / 0.996 = 54,216.87.
  const liq = calc.getByTestId('calc-liquidation')
  await expect(liq).toContainText('54,216.87')
  await expect(liq).toContainText('Binance USDⓈ-M')
  // Loss at stop = 0.151 × 659.7 = 99.61 (the budget less what the rounding took off, fees included).
  await expect(calc.getByTestId('calc-loss')).toContainText('99.61')
  // A lot typed by the trader wins: 0.0001 → 0.1515 BTC.
  await calc.getByLabel('Lot size (base)').fill('0.0001')
  await expect(calc.getByTestId('calc-size')).toContainText('0.1515 base')
  await expect(calc.getByTestId('calc-lot')).toContainText('typed')
  await expect(
    calc.getByTestId('calc-warnings').locator('[data-code="stop-beyond-liquidation"]'),
  ).toHaveCount(0)

  // A stop below the liquidation price: the position would be liquidated before the stop fills.
  await calc.getByLabel('Stop price').fill('53000')
  await expect(
    calc.getByTestId('calc-warnings').locator('[data-code="stop-beyond-liquidation"]'),
  ).toBeVisible()
  await expect(liq).toContainText('54,216.87')
  await page.mouse.move(10, 890)
  await shoot(page, 'calculator')

  // Escape closes the panel and the signal panel returns.
  await calc.getByLabel('Stop price').press('Escape')
  await expect(page.getByTestId('signal-panel')).toBeVisible()
  expect(consoleErrors).toEqual([])
})
