import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { REPO_ROOT, startServer } from '../support/radar-server'
import type { RunningServer } from '../support/radar-server'
import { spawnEmulator, stopEmulator } from './emulator-helpers'
import { engineCall, gotoScreen } from './workflow-helpers'

const VENUES = ['bybit', 'okx']

interface VenueWatch {
  venue: string
  keys: string[]
  basis: 'ranked' | 'fallback'
  note: string
}
interface Status {
  source: { kind: string }
  venues: { venue: string; markets?: string[] }[]
  watchlist?: { mode: 'auto' | 'mine'; keys: string[]; venues: VenueWatch[]; live: boolean }
}

/**
 * Bybit's linear perps by open interest in USD, largest first, read from the emulator's own endpoints (the instrument
 * list and the all-symbol tickers' openInterestValue), not from the radar.
 */
async function bybitByOi(origin: string): Promise<string[]> {
  const get = async (path: string): Promise<unknown> => (await fetch(origin + path)).json()
  const instruments = (await get('/v5/market/instruments-info?category=linear')) as {
    result: {
      list: {
        symbol: string
        baseCoin: string
        quoteCoin: string
        settleCoin: string
        contractType: string
        status: string
      }[]
    }
  }
  const perps = new Map(
    instruments.result.list
      .filter((i) => i.contractType === 'LinearPerpetual' && i.status === 'Trading')
      .map((i) => [i.symbol, `bybit:${i.baseCoin}/${i.quoteCoin}:${i.settleCoin}`]),
  )
  const tickers = (await get('/v5/market/tickers?category=linear')) as {
    result: { list: { symbol: string; openInterestValue?: string }[] }
  }
  // The emulator replicates recorded figures across symbols, so many perps tie: ties go by market key.
  return tickers.result.list
    .filter((t) => perps.has(t.symbol) && Number(t.openInterestValue) > 0)
    .map((t) => ({ key: perps.get(t.symbol) as string, oi: Number(t.openInterestValue) }))
    .sort((a, b) => b.oi - a.oi || a.key.localeCompare(b.key))
    .map((t) => t.key)
}

let server: RunningServer | null = null
let emulator: Awaited<ReturnType<typeof spawnEmulator>> | null = null

test.afterEach(async () => {
  await server?.stop()
  await stopEmulator(emulator?.child ?? null)
  server = null
  emulator = null
})

test('a new user goes live on the automatic watchlist: the top 20 perps by OI per venue from the universe, streamed; my list and back', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(180_000)
  emulator = await spawnEmulator()
  const origin = emulator.origin
  // A new user's settings: venues pointed at the emulator, no watchlist of their own.
  const dir = mkdtempSync(join(tmpdir(), 'radar-e2e-watchlist-'))
  const urls = { rest: origin, ws: origin.replace('http://', 'ws://') }
  const baseUrls = Object.fromEntries(VENUES.map((v) => [v, urls]))
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, venues: VENUES, baseUrls }))
  server = await startServer({ userDataDir: dir, env: { RADAR_LAUNCH: 'auto' } })
  await page.goto(server.url)
  await expect(page.getByTestId('source-badge')).toHaveText('LIVE', { timeout: 15_000 })

  const ranking = await bybitByOi(origin)
  const expected = ranking.slice(0, 20)
  expect(expected).toHaveLength(20)
  const status = (): Promise<Status> => engineCall<Status>(server!, 'getEngineStatus')
  const bybitWatch = async (): Promise<VenueWatch | undefined> =>
    (await status()).watchlist?.venues.find((v) => v.venue === 'bybit')
  // Resolved from the emulator's universe: Bybit's ranking is exactly the top 20 by openInterestValue.
  await expect.poll(async () => (await bybitWatch())?.basis, { timeout: 60_000 }).toBe('ranked')
  expect((await bybitWatch())!.keys).toEqual(expected)
  const st = await status()
  expect(st.watchlist).toMatchObject({ mode: 'auto', live: true })
  // The emulator refuses OKX's all-instrument open interest: OKX stays on its fallback and says why.
  const okx = st.watchlist!.venues.find((v) => v.venue === 'okx')!
  expect(okx.basis).toBe('fallback')
  expect(okx.keys).toEqual(['okx:BTC/USDT:USDT', 'okx:ETH/USDT:USDT'])
  expect(okx.note).toMatch(
    /^BTC and ETH perps until the universe gives open interest \(no perp has OI: .*refused/,
  )
  // Streamed: Bybit's connector subscribes every ranked market on the running source (no restart).
  const subscribed = async (): Promise<string[]> =>
    (await status()).venues.find((v) => v.venue === 'bybit')?.markets ?? []
  const unsubscribed = async (): Promise<string[]> => {
    const have = await subscribed()
    return expected.filter((k) => !have.includes(k.slice('bybit:'.length)))
  }
  await expect.poll(unsubscribed, { timeout: 30_000 }).toEqual([])

  // The radar says which watchlist is in force.
  const label = page.getByTestId('watchlist-mode')
  await expect(label).toHaveText(
    'watchlist: top 20 by OI per venue (automatic): BTC and ETH on okx until the universe gives OI',
  )
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshots', 'radar-watchlist-automatic.png') })
  // Settings → Watchlist: the mode and the resolved markets, venue by venue.
  await gotoScreen(page, 'Settings')
  await expect(page.getByTestId('watchlist-settings-mode')).toContainText(
    'In force: top 20 by OI per venue (automatic)',
  )
  const bybitLine = page.getByTestId('watchlist-venue-bybit')
  await expect(bybitLine).toContainText('ranked: top 20 by OI')
  await expect(bybitLine).toContainText(expected[0]!.slice('bybit:'.length))
  await expect(page.getByTestId('watchlist-venue-okx')).toContainText('fallback')
  await page
    .getByTestId('watchlist-settings-mode')
    .evaluate((el) => el.closest('.panel')?.scrollIntoView({ block: 'center' }))
  await page.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshots', 'settings-watchlist-automatic.png') })

  // "My list" starts from the markets shown; the streams stay as they are.
  await page.getByLabel('My list').click()
  await expect.poll(async () => (await status()).watchlist?.mode).toBe('mine')
  const mine = (await status()).watchlist!.keys
  expect(mine).toEqual([...expected, 'okx:BTC/USDT:USDT', 'okx:ETH/USDT:USDT'])
  await gotoScreen(page, 'Radar')
  await expect(page.getByTestId('watchlist-mode')).toHaveText('watchlist: my list (22)')

  // Editing my list drops a market from the running source; back to automatic brings it back.
  const dropped = expected[19]!
  await gotoScreen(page, 'Settings')
  const editor = page.getByLabel('Watchlist', { exact: true })
  await editor.fill(mine.filter((k) => k !== dropped).join('\n'))
  await editor.blur()
  await expect.poll(subscribed, { timeout: 20_000 }).not.toContain(dropped.slice('bybit:'.length))
  await page.getByLabel('Automatic: the top 20 perps').click()
  await expect.poll(async () => (await status()).watchlist?.mode).toBe('auto')
  await expect.poll(subscribed, { timeout: 20_000 }).toContain(dropped.slice('bybit:'.length))

  // Pinning a tier-1 market (the 21st by OI) makes the list mine and streams it, the others untouched.
  const pinned = ranking[20]!
  await gotoScreen(page, 'Radar')
  await page.getByLabel('Filter markets').fill(pinned.slice('bybit:'.length))
  await page.locator(`[data-testid="radar-row"][data-key="${pinned}"]`).click()
  await expect(page.getByTestId('radar-pin')).toContainText('(tier 1)')
  await page.getByTestId('radar-pin').click()
  await expect(page.getByTestId('watchlist-mode')).toHaveText('watchlist: my list (23)')
  await expect.poll(subscribed, { timeout: 20_000 }).toContain(pinned.slice('bybit:'.length))
  expect((await status()).watchlist!.keys).toEqual([
    ...expected,
    'okx:BTC/USDT:USDT',
    'okx:ETH/USDT:USDT',
    pinned,
  ])
  expect((await status()).source.kind).toBe('live')
  expect(consoleErrors).toEqual([])
})
