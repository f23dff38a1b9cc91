import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { startServer } from '../support/radar-server'
import type { RunningServer } from '../support/radar-server'
import type { MarketSnapshot } from '../../src/shared/scoring/snapshot'
import { SAMPLE_WEEK, engineCall, gotoScreen, openSession, play } from './workflow-helpers'

/**
 * A stand-in for CoinGecko's `GET /api/v3/coins/markets` on 127.0.0.1, answering in the shape CoinGecko
 * documents (an array of coins with id, symbol, name, current_price, market_cap, circulating_supply,
 * last_updated, ...). The numbers are round values for the arithmetic below, NOT CoinGecko market data.
 */
const COINGECKO_ROWS = [
  {
    id: 'bitcoin',
    symbol: 'btc',
    name: 'Bitcoin',
    current_price: 65000,
    market_cap: 1_300_000_000_000,
    market_cap_rank: 1,
    circulating_supply: 20_000_000,
    last_updated: '2024-05-16T19:30:00.000Z',
  },
  {
    id: 'ethereum',
    symbol: 'eth',
    name: 'Ethereum',
    current_price: 3000,
    market_cap: 400_000_000_000,
    market_cap_rank: 2,
    circulating_supply: 120_000_000,
    last_updated: '2024-05-16T19:30:00.000Z',
  },
]

const BTC = 'binanceusdm:BTC/USDT:USDT'
const ETH = 'binanceusdm:ETH/USDT:USDT'
const OP = 'binanceusdm:OP/USDT:USDT'

let coingecko: Server | null = null
let server: RunningServer | null = null
const requests: string[] = []

test.afterEach(async () => {
  await server?.stop()
  await new Promise<void>((done) => (coingecko ? coingecko.close(() => done()) : done()))
  server = null
  coingecko = null
})

test('CoinGecko as market-cap source: cached on disk, dated in Settings, and a typed value wins', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(120_000)
  coingecko = createServer((req, res) => {
    requests.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(COINGECKO_ROWS))
  })
  await new Promise<void>((r) => coingecko!.listen(0, '127.0.0.1', r))
  const origin = `http://127.0.0.1:${(coingecko.address() as AddressInfo).port}`
  server = await startServer({ env: { RADAR_COINGECKO_URL: origin } })

  // The default source is manual: nothing is asked of the outside service.
  await page.goto(server.url)
  await gotoScreen(page, 'Settings')
  const line = page.getByTestId('market-cap-source')
  await expect(line).toContainText('CoinGecko is not asked')
  expect(requests).toEqual([])

  // BTC typed by hand (1e12), then CoinGecko chosen.
  await page.getByRole('button', { name: 'Add asset' }).click()
  await page.getByLabel('Asset 1').fill('btc')
  await page.getByLabel('Market cap 1 (USD)').fill('1,000,000,000,000')
  await page.getByRole('button', { name: 'Save market caps' }).click()
  await expect(page.getByTestId('settings-saved')).toContainText('Saved')
  await page.getByLabel('Market-cap source').selectOption('coingecko')
  await expect(line).toContainText(/CoinGecko: cache from \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/)
  await expect(line).toContainText('BTC, ETH')
  // default watchlist BTC and ETH perps, reference asset BTC
  expect(requests).toEqual(['/api/v3/coins/markets?vs_currency=usd&symbols=btc%2Ceth&per_page=250&page=1'])
  expect(existsSync(join(server.userDataDir, 'cache', 'market-caps.json'))).toBe(true)
  await page.locator('.workspace .screen-scroll').evaluate((el) => el.scrollTo(0, 0))
  await page.getByTestId('market-cap-source').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/screenshots/settings-market-caps.png' })

  // OI / market cap on the week sample, last bar 2024-05-16 19:35 UTC (sumOpenInterestValue in the CSVs):
  const bar = await openSession(page, SAMPLE_WEEK)
  await play(bar, 'MAX')
  await expect(bar.getByTestId('replay-state')).toHaveText('ENDED', { timeout: 60_000 })
  const metric = async (key: string) => {
    const snaps = await engineCall<MarketSnapshot[]>(server!, 'getSnapshots')
    return snaps.find((s) => s.key === key)?.metrics['oi-mcap'] ?? null
  }
  // BTC: the typed 1e12 wins over CoinGecko's 1.3e12: 4,717,094,612.3784 / 1e12 = 0.0047170946123784
  await expect.poll(async () => (await metric(BTC))?.value ?? null).toBeCloseTo(0.0047170946123784, 12)
  // ETH: CoinGecko's 4e11: 2,325,139,246.85518 / 4e11 = 0.00581284811713795
  expect((await metric(ETH))?.value).toBeCloseTo(0.00581284811713795, 12)
  // OP: neither typed nor fetched: n/a, not 0
  const op = await metric(OP)
  expect(op?.value).toBeNull()
  expect(op?.reason).toContain('no market cap')
  expect(consoleErrors).toEqual([])
})
