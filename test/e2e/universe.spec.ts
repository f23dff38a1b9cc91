import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { REPO_ROOT } from '../support/radar-server'
import { openLiveOnEmulator } from './emulator-helpers'
import type { LiveOnEmulator } from './emulator-helpers'
import { engineCall } from './workflow-helpers'

const WATCHED = 'binanceusdm:BTC/USDT:USDT'
const WATCHED_BYBIT = 'bybit:BTC/USDT:USDT'
const VENUES = ['binanceusdm', 'bybit', 'okx']

interface Row {
  key: string
  venue: string
  lastPrice: number | null
  markPrice: number | null
  fundingRatePerPeriod: number | null
  fundingIntervalHours: number | null
  oiUsd: number | null
  missing: Record<string, string>
}
interface Snap {
  key: string
  metrics: Record<string, { value: number | null; coverage?: { partial: boolean } }>
}
interface View {
  cadenceSec: number
  venues: { venue: string; markets: number; error: string | null }[]
  rows: Row[]
}

/** The perps the emulator itself lists, read from its instrument endpoints (not from the radar). */
async function listedPerps(origin: string): Promise<Record<string, number>> {
  const get = async (path: string): Promise<unknown> => (await fetch(origin + path)).json()
  const binance = (await get('/fapi/v1/exchangeInfo')) as {
    symbols: { contractType: string; status: string }[]
  }
  const bybit = (await get('/v5/market/instruments-info?category=linear')) as {
    result: { list: { contractType: string; status: string }[] }
  }
  const okx = (await get('/api/v5/public/instruments?instType=SWAP')) as {
    data: { ctType: string; state: string }[]
  }
  return {
    binanceusdm: binance.symbols.filter((s) => s.contractType === 'PERPETUAL' && s.status === 'TRADING')
      .length,
    bybit: bybit.result.list.filter((s) => s.contractType === 'LinearPerpetual' && s.status === 'Trading')
      .length,
    okx: okx.data.filter((s) => s.ctType === 'linear' && s.state === 'live').length,
  }
}

let live: LiveOnEmulator | null = null

test.afterEach(async () => {
  await live?.stop()
  live = null
})

test('live on three venues, the radar lists every perp the emulator lists, each missing figure with its reason', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(150_000)
  live = await openLiveOnEmulator(page, [WATCHED, WATCHED_BYBIT], VENUES)
  const { server } = live

  const listed = await listedPerps(live.origin)
  const counts = async (): Promise<Record<string, number>> => {
    const view = await engineCall<View>(server, 'getUniverse')
    return Object.fromEntries(VENUES.map((v) => [v, view.rows.filter((r) => r.venue === v).length]))
  }
  await expect.poll(counts, { timeout: 60_000 }).toEqual(listed)
  const view = await engineCall<View>(server, 'getUniverse')
  expect(view.cadenceSec).toBe(60)
  for (const v of view.venues) expect(v.error, v.venue).toBeNull()
  expect(view.rows.filter((r) => r.lastPrice === null).map((r) => r.key)).toEqual([])
  // The emulator has no OKX funding payload: every OKX row says so instead of showing a rate.
  const okx = view.rows.filter((r) => r.venue === 'okx')
  expect(okx.every((r) => r.fundingRatePerPeriod === null && /refused/.test(r.missing.funding ?? ''))).toBe(
    true,
  )

  // Every tier-1 perp whose venue reply carries a scoring input (mark, funding with its interval, OI) is
  // scored, within the slices of one refresh; its snapshot is slim and its stress index partial.
  const scorable = view.rows.filter(
    (r) =>
      r.markPrice !== null ||
      (r.fundingRatePerPeriod !== null && r.fundingIntervalHours !== null) ||
      r.oiUsd !== null,
  )
  expect(scorable.length).toBeGreaterThan(400)
  const unscored = async (): Promise<string[]> => {
    const have = new Set((await engineCall<Snap[]>(server, 'getSnapshots')).map((s) => s.key))
    return scorable.filter((r) => !have.has(r.key)).map((r) => r.key)
  }
  await expect.poll(unscored, { timeout: 60_000 }).toEqual([])
  const snaps = new Map((await engineCall<Snap[]>(server, 'getSnapshots')).map((s) => [s.key, s]))
  const sol = snaps.get('bybit:SOL/USDT:USDT')!
  expect(sol.metrics['oi-usd']?.value).toBeGreaterThan(0)
  expect(sol.metrics['lsi']?.coverage?.partial).toBe(true)
  expect(Object.keys(sol.metrics).length).toBeLessThan(Object.keys(snaps.get(WATCHED)!.metrics).length / 2)

  const total = listed.binanceusdm! + listed.bybit! + listed.okx!
  // On screen: every perp is a row of the radar (sorted and filtered whole), tier 1 on its own filter.
  await expect(page.getByTestId('radar-count')).toContainText(`of ${total} markets`, { timeout: 20_000 })
  await expect(page.getByTestId('universe-status')).toContainText('Universe every 60 s')
  await expect(page.getByTestId('watchlist-mode')).toHaveText('watchlist: my list (2)')
  await page.getByTestId('radar-tier').selectOption('1')
  await expect(page.getByTestId('radar-count')).toContainText(`${total - 2} of ${total} markets`)
  // On screen, a scored tier-1 row: its figures, and its partial index labelled as partial, never as a level.
  await page.getByTestId('radar-venue').selectOption('bybit')
  await page.getByLabel('Filter markets').fill('SOL/USDT:USDT')
  const solRow = page.locator('[data-testid="radar-row"][data-key="bybit:SOL/USDT:USDT"]')
  await expect(solRow.getByTestId('radar-price')).toHaveText(/\d/)
  await expect(solRow.getByTestId('radar-volume')).toContainText('vol $')
  await expect(solRow.locator('[data-metric="oi-usd"]')).toContainText('$')
  await expect(solRow.getByTestId('stress-value')).toHaveText('n/a')
  // No input of the index is present (the venue's tickers carry none), so no partial figure beside the n/a.
  expect((sol.metrics['lsi']?.coverage as { partialValue?: number | null }).partialValue).toBeNull()
  await expect(solRow.getByTestId('stress-partial')).toHaveCount(0)
  await solRow.getByTestId('spike-odds-long').hover()
  await expect(page.getByRole('tooltip')).toContainText('partial stress index')
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshots', 'radar-universe-tier1.png') })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.getByLabel('Filter markets').fill('')
  // A row whose venue reply has none of the scorer's inputs says so (the emulator's OKX: no mark, funding
  // and OI refused).
  await page.getByTestId('radar-venue').selectOption('okx')
  await expect(page.getByTestId('radar-count')).toContainText(`${listed.okx} of ${total} markets`)
  const firstOkx = page.locator('[data-testid="radar-row"]').first()
  await expect(firstOkx).toContainText('okx')
  await expect(firstOkx.getByTestId('radar-volume')).toContainText('vol $')
  await page.mouse.move(0, 0) // off the last tooltip's element, so this hover enters a new one
  await firstOkx.getByTestId('stress-value').hover()
  await expect(page.getByRole('tooltip')).toContainText("carries none of the scorer's inputs")

  // The coin rows: BTC on the two watched venues, expanded into its venue rows, with the summed map's figure.
  await page.getByTestId('radar-venue').selectOption('')
  await page.getByTestId('radar-tier').selectOption('all')
  const btc = page.locator('[data-testid="coin-aggregate"][data-coin="BTC"]')
  await expect(btc).toContainText('BTC · 2 venues', { timeout: 20_000 })
  await expect(btc.getByTestId('coin-map')).not.toHaveText('…', { timeout: 20_000 })
  await btc.getByRole('button', { name: /BTC · 2 venues/ }).click()
  await expect(page.getByTestId('coin-leg')).toHaveCount(2)
  // Notices of this busy test machine (e.g. a worker restart) are dismissed so the screenshot shows the radar.
  const dismiss = page.getByRole('button', { name: 'Dismiss notice' })
  for (let i = 0; i < 20 && (await dismiss.count()) > 0; i++) await dismiss.first().click()
  mkdirSync(join(REPO_ROOT, 'docs', 'screenshots'), { recursive: true })
  await page.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshots', 'radar-universe-aggregates.png') })
  expect(consoleErrors).toEqual([])
})
