import { expect, test } from './fixtures'
import { openLiveOnEmulator } from './emulator-helpers'
import type { LiveOnEmulator } from './emulator-helpers'
import { shoot } from './market-helpers'
import { engineCall } from './workflow-helpers'

const BINANCE = 'binanceusdm:BTC/USDT:USDT'
const BYBIT = 'bybit:BTC/USDT:USDT'

type Snap = { key: string; metrics: Record<string, { value: number | null; sufficient: boolean }> }
interface CoinMap {
  map: { venues: string[]; missing: { key: string; reason: string }[] } | null
  unavailableReason: string | null
}

/** "$4.72 B" as the screens write USD (format.ts), to compare the engine's own numbers with the panel. */
function usdText(usd: number): string {
  if (usd >= 1e9) return `$${(usd / 1e9).toFixed(2)} B`
  if (usd >= 1e6) return `$${(usd / 1e6).toFixed(2)} M`
  return `$${(usd / 1e3).toFixed(1)} k`
}

let live: LiveOnEmulator | null = null

test.afterEach(async () => {
  await live?.stop()
  live = null
})

test('the market view shows a coin on all its venues (OI summed, funding weighted by OI, the summed map) or one venue', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(150_000)
  live = await openLiveOnEmulator(page, [BINANCE, BYBIT], ['binanceusdm', 'bybit'])
  const { server } = live
  // Open interest from at least one venue before the sum can be checked; a venue still without it is left out
  // of the sum (and named), which the expected value below does too.
  const values = async () => {
    const snaps = await engineCall<Snap[]>(server, 'getSnapshots')
    const v = (key: string, id: string) => {
      const m = snaps.find((s) => s.key === key)?.metrics[id]
      return m?.sufficient && m.value !== null ? m.value : null
    }
    return [BINANCE, BYBIT].map((k) => ({ oi: v(k, 'oi-usd'), fundingH: v(k, 'funding-rate-per-hour') }))
  }
  await expect.poll(async () => (await values()).some((x) => x.oi !== null), { timeout: 60_000 }).toBe(true)

  await page.locator(`[data-testid="radar-row"][data-key="${BINANCE}"]`).dblclick()
  const view = page.getByTestId('market-view')
  const switcher = view.getByTestId('venue-switch')
  await expect(switcher.getByRole('button', { name: 'binanceusdm' })).toHaveAttribute('aria-pressed', 'true')
  await switcher.getByRole('button', { name: 'All venues (2)' }).click()
  const panel = view.getByTestId('coin-panel')
  await expect(panel).toContainText('BTC · all venues')

  // The panel's sum and OI-weighted funding equal the engine's per-venue values combined here by hand:
  // Σ OI, and Σ (OI × funding per hour) / Σ OI over the venues with both, as a percent per hour (4 decimals).
  const expected = async (): Promise<string> => {
    const legs = (await values()).filter((l) => l.oi !== null)
    const withFunding = legs.filter((l) => l.fundingH !== null && l.oi! > 0)
    const weight = withFunding.reduce((a, l) => a + l.oi!, 0)
    const fundingH = withFunding.reduce((a, l) => a + l.oi! * l.fundingH!, 0) / weight
    const funding =
      withFunding.length === 0 ? 'n/a' : `${fundingH > 0 ? '+' : ''}${(fundingH * 100).toFixed(4)} %/h`
    return `${usdText(legs.reduce((a, l) => a + l.oi!, 0))} ${funding}`
  }
  await expect
    .poll(
      async () => {
        const want = await expected()
        const shown = `${await panel.getByTestId('coin-panel-oi').textContent()} ${await panel.getByTestId('coin-panel-funding').textContent()}`
        return shown === want ? 'equal' : `${shown} vs ${want}`
      },
      { timeout: 30_000 },
    )
    .toBe('equal')
  await expect(panel.getByTestId('coin-panel-venues').locator('tbody tr')).toHaveCount(2)

  // The summed map: the engine says which venues it holds and which it could not add, and the panel says so too.
  // (The panel refreshes its map every 15 s, so the engine's answer and the panel's agree within a refresh.)
  await expect
    .poll(
      async () => {
        const coinMap = await engineCall<CoinMap>(server, 'getCoinMap', { keys: [BINANCE, BYBIT] })
        if (!coinMap.map) return `engine: ${coinMap.unavailableReason}`
        const text = (await panel.getByTestId('coin-map').textContent()) ?? ''
        const unnamed = coinMap.map.missing.filter((m) => !text.includes(m.key)).map((m) => m.key)
        if (unnamed.length > 0) return `panel does not name ${unnamed.join(', ')}`
        return coinMap.map.venues.every((v) => text.includes(v))
          ? 'agree'
          : `panel lacks ${coinMap.map.venues}`
      },
      { timeout: 40_000, intervals: [2000] },
    )
    .toBe('agree')
  await page.mouse.move(5, 700)
  await shoot(page, 'market-view-all-venues')

  // One venue: the Bybit perp's own chart and signal panel.
  await switcher.getByRole('button', { name: 'bybit' }).click()
  await expect(view.locator('.mh-venue')).toHaveText('bybit')
  await expect(view.getByTestId('signal-panel')).toBeVisible()
  await expect(view.getByTestId('coin-panel')).toHaveCount(0)
  expect(consoleErrors).toEqual([])
})
