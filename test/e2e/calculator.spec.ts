import type { Page } from '@playwright/test'
import type { MarketSnapshot } from '../../src/shared/scoring/snapshot'
import type { RunningServer } from '../support/radar-server'
import { expect, test } from './fixtures'
import { AUG_PATH, replayToEnd, shoot } from './market-helpers'
import { BTC_PERP } from './workflow-helpers'

/** The August sample replayed to its end, then the BTC perp's market view opened from the radar. */
async function openBtcPerp(page: Page, server: RunningServer): Promise<MarketSnapshot> {
  await page.goto(server.url)
  const snaps = await replayToEnd(server, AUG_PATH)
  await page
    .getByTestId('radar-row')
    .filter({ hasText: 'binanceusdm' })
    .filter({ hasText: 'BTC/USDT:USDT' })
    .dblclick()
  return snaps.find((s: MarketSnapshot) => s.key === BTC_PERP)!
}

test('the calculator opens from the market view with the entry prefilled, sizes by risk and warns on a stop beyond liquidation', async ({
  page,
  server,
  consoleErrors,
}) => {
  const btc = await openBtcPerp(page, server)
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
  // Written USDS-M: the circled S is missing from common UI fonts.
  await expect(liq).toContainText('Binance USDS-M')
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

test('the calculator reads "1,5" as 1.5 %, refuses margin above equity in plain words and takes the capped size when accepted', async ({
  page,
  server,
  consoleErrors,
}) => {
  await openBtcPerp(page, server)
  await page.getByRole('button', { name: 'Position size' }).click()
  const calc = page.getByTestId('calculator')
  await calc.getByLabel('Account equity (USD)').fill('10000')
  await calc.getByLabel('Entry price').fill('60000')
  await calc.getByLabel('Stop price').fill('59400')
  await calc.getByLabel('Leverage (×)').fill('10')
  await calc.getByLabel('Taker fee %').fill('0.05')
  // "1,5" is one and a half percent: 150 / (600 + 0.0005 × 119,400) = 150 / 659.7 = 0.22738 -> 0.227 BTC.
  // Read as 15 % it would be 2.273 BTC (136,380 USDT on a 10,000 account).
  await calc.getByLabel('Risk per trade').fill('1,5')
  await expect(calc.getByTestId('calc-size')).toContainText('0.227 base')
  // "1,500" could be either reading: refused, not guessed.
  await calc.getByLabel('Risk per trade').fill('1,500')
  await expect(calc.getByTestId('calc-errors')).toContainText('could be 1500 or 1.500')

  // A 0.05 % stop at 5x: 1 % of 10,000 = 100 over 30 + 0.0005 × 119,970 = 89.985 per BTC -> 1.111 BTC,
  // 66,660 USDT of notional, 13,332 USDT of margin at 5x: more than the equity.
  await calc.getByLabel('Risk per trade').fill('1')
  await calc.getByLabel('Stop price').fill('59970')
  await calc.getByLabel('Leverage (×)').fill('5')
  const errors = calc.getByTestId('calc-errors')
  await expect(errors).toContainText('Risk per trade:')
  await expect(errors).toContainText(
    'at 5× this size needs 13,332 USDT of margin, more than the 10,000 USDT equity',
  )
  await expect(errors).not.toContainText('position.riskPercent')
  // The capped size: 10,000 × 5 / 60,000 = 0.8333 -> 0.833 BTC on the 0.001 lot.
  await expect(errors).toContainText('accept the capped size of 0.833 BTC')
  await calc.getByRole('button', { name: 'Use the capped size' }).click()
  await expect(calc.getByTestId('calc-size')).toContainText('0.833 base')
  await expect(calc.locator('[data-code="size-capped"]')).toBeVisible()
  await shoot(page, 'calculator-capped')
  expect(consoleErrors).toEqual([])
})
