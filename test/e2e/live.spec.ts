import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { REPO_ROOT, startServer } from '../support/radar-server'
import type { RunningServer } from '../support/radar-server'
import { SAMPLE_2023, SAMPLE_WEEK, engineCall, gotoScreen } from './workflow-helpers'

const PERP = 'binanceusdm:BTC/USDT:USDT'
const SPOT = 'binance:BTC/USDT'

/*
 * Price ranges read from the recordings the emulator replays (../shared/data/binance-ws/, 2023-04-05
 * 00:00:00 → 00:06:54 UTC, `@trade` frames, field `p`):
 * - usdm/btcusdt_20230405.dat.gz: market trades (X = "MARKET") 28,136.0 – 28,159.2; the first minute
 *   28,150.2 – 28,159.2. One INSURANCE_FUND trade at 28,722.5 (00:01:14.4) is left out of the range.
 * - spot/btcusdt_20230405.dat.gz: 28,150.44 – 28,168.76.
 */
const PERP_RANGE = [28_136.0, 28_159.2] as const
const SPOT_RANGE = [28_150.44, 28_168.76] as const

/**
 * `radar emulate --port 0` as a child process (the e2e typecheck covers no engine code, so the emulator is
 * not imported); its first stdout line names the origin it bound.
 */
async function startEmulatorProcess(): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'radar.js'), 'emulate', '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const firstLine = once(createInterface({ input: child.stdout! }), 'line') as Promise<[string]>
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`radar emulate exited with ${String(code)} before listening`)
  })
  // once listening, the exit at teardown is expected and must not surface as an unhandled rejection
  exited.catch(() => undefined)
  const [line] = await Promise.race([firstLine, exited])
  const m = /REST (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
  if (!m?.[1]) throw new Error(`radar emulate printed "${line}", expected its REST origin`)
  return { origin: m[1], child }
}

/** The number in a market's price cell, once it shows one ("28,155.10" → 28155.1). */
async function radarPrice(page: Page, key: string): Promise<number | null> {
  const text = await page
    .locator(`[data-testid="radar-row"][data-key="${key}"] [data-testid="radar-price"]`)
    .textContent()
  const n = Number((text ?? '').replace(/,/g, ''))
  return text && Number.isFinite(n) ? n : null
}

/** The event count in a text such as "0:03 · 12 KB · 1,234 events" (0 when absent). */
function eventCount(text: string | null): number {
  return Number(/([\d,]+) events/.exec(text ?? '')?.[1]?.replace(/,/g, '') ?? 0)
}

/** 'in range', or what the cell shows instead (so a failure names the value). */
async function priceCheck(page: Page, key: string, [lo, hi]: readonly [number, number]): Promise<string> {
  const price = await radarPrice(page, key)
  return price !== null && price >= lo && price <= hi ? 'in range' : `${price} is outside ${lo} – ${hi}`
}

/** The spot price shown in a perp's row ("spot 28,167.89"), checked against a range like `priceCheck`. */
async function spotCheck(page: Page, key: string, [lo, hi]: readonly [number, number]): Promise<string> {
  const text = await page
    .locator(`[data-testid="radar-row"][data-key="${key}"] [data-testid="radar-spot"]`)
    .textContent({ timeout: 1000 })
    .catch(() => null)
  const n = Number((text ?? '').replace(/^spot\s*/, '').replace(/,/g, ''))
  return text && n >= lo && n <= hi ? 'in range' : `${text} is outside ${lo} – ${hi}`
}

let emulator: ChildProcess | null = null
let server: RunningServer | null = null

test.afterEach(async () => {
  await server?.stop()
  if (emulator && emulator.exitCode === null) {
    const exited = once(emulator, 'exit')
    emulator.kill('SIGTERM')
    await exited
  }
  server = null
  emulator = null
})

/** A user-data folder whose settings point each venue at `restUrl` / `wsUrl`, as Settings → Venues saves them. */
function userDataWithBaseUrls(
  restUrl: string,
  wsUrl: string,
  watchlist: string[],
  venues = ['binanceusdm', 'binance'],
): string {
  const dir = mkdtempSync(join(tmpdir(), 'radar-e2e-live-'))
  const urls = { rest: restUrl, ws: wsUrl }
  const baseUrls = Object.fromEntries(venues.map((v) => [v, urls]))
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, venues, watchlist, baseUrls }))
  return dir
}

test('launched with emulator URLs in Settings, browser mode goes live by itself; Stop, Go live and a recording that replays', async ({
  page,
  consoleErrors,
}) => {
  // Launch, stop, go live, record and replay: several of the default minute's steps in one story.
  test.setTimeout(150_000)
  // The emulator replays the recordings at their recorded pace from the moment it starts.
  const emu = await startEmulatorProcess()
  emulator = emu.child
  const restUrl = emu.origin
  const wsUrl = emu.origin.replace('http://', 'ws://')
  const launchedAtMs = Date.now()
  // No session, no --sample, no click: launch probes the venues in Settings and goes live on its own.
  server = await startServer({
    userDataDir: userDataWithBaseUrls(restUrl, wsUrl, [PERP, SPOT]),
    env: { RADAR_LAUNCH: 'auto' },
  })
  await page.goto(server.url)

  // LIVE with rows within 15 s of launch.
  const perpRow = page.locator(`[data-testid="radar-row"][data-key="${PERP}"]`)
  const sinceLaunch = 15_000 - (Date.now() - launchedAtMs)
  await expect(page.getByTestId('source-badge')).toHaveText('LIVE', { timeout: sinceLaunch })
  await expect(perpRow).toContainText('BTC/USDT:USDT', { timeout: 15_000 - (Date.now() - launchedAtMs) })
  await expect(page.getByTestId('live-state')).toHaveText('LIVE')
  await expect(page.getByTestId('launch-banner')).toHaveCount(0)
  // The emulator stands in for the venues: the label says the feed comes from a custom endpoint.
  const label = `Live — binanceusdm, binance · custom endpoint: binanceusdm via ${restUrl}, binance via ${restUrl}`
  await expect(page.getByTestId('source-label')).toHaveText(label)
  const chips = page.locator('[aria-label="venue connections"]')
  // The perp venue's chip adds its history progress (" · backfill 40 %") while the warm start loads.
  await expect(chips.getByText(/^binanceusdm · connected( · backfill \d+ %)?$/)).toBeVisible()
  await expect(chips.getByText('binance · connected', { exact: true })).toBeVisible()

  // Status bar: per venue and per metric, the age of the last event (a number, not "n/a", once trades flow).
  const footer = page.getByRole('contentinfo')
  await expect(footer.locator('span', { hasText: 'binanceusdm: connected' })).toHaveText(
    /· trade \d+(\.\d)? (ms|s)\b/,
    { timeout: 30_000 },
  )

  // Radar: prices come from the replayed trades. Until the perp's first trade arrives its price can come
  // from backfilled 5-minute bars of another window (2024-05), so the check polls.
  // The spot pair is not ranked on its own: its price shows beside its perp's basis.
  await expect.poll(() => priceCheck(page, PERP, PERP_RANGE), { timeout: 30_000 }).toBe('in range')
  await expect.poll(() => spotCheck(page, PERP, SPOT_RANGE), { timeout: 15_000 }).toBe('in range')
  mkdirSync(join(REPO_ROOT, 'test-results', 'screenshots'), { recursive: true })
  await page.screenshot({ path: 'test-results/screenshots/live.png' })
  copyFileSync(
    join(REPO_ROOT, 'test-results', 'screenshots', 'live.png'),
    join(REPO_ROOT, 'docs', 'screenshots', 'live.png'),
  )

  // Stop returns to no source; Go live (one click) brings the same feed back.
  await page.getByTestId('live-stop').click()
  await expect(page.getByTestId('source-badge')).toHaveText('NO DATA')
  await expect(page.getByTestId('live-state')).toHaveText('NO SOURCE')
  await expect(page.getByTestId('radar-row')).toHaveCount(0)
  await page.getByTestId('go-live').click()
  await expect(page.getByTestId('source-badge')).toHaveText('LIVE')
  await expect(page.getByTestId('source-label')).toHaveText(label)
  await expect(perpRow).toBeVisible({ timeout: 15_000 })
  // The warm start's history (here a year away from the replayed trades: see docs/emulator.md) lands before
  // recording starts, so the recording holds the live feed: the perp's trades (held until its history is
  // in) price the row again, and its warming badge is gone.
  await expect.poll(() => priceCheck(page, PERP, PERP_RANGE), { timeout: 60_000 }).toBe('in range')
  await expect(perpRow.getByTestId('warming-badge')).toHaveCount(0, { timeout: 60_000 })

  // Record from the Live control: a few seconds of the feed, then the recording is listed and replays.
  const record = page.getByTestId('live-control').getByTestId('record-button')
  await record.click()
  await expect(record).toHaveText('Stop recording')
  const stats = page.getByTestId('live-control').getByTestId('record-stats')
  await expect.poll(async () => eventCount(await stats.textContent()), { timeout: 15_000 }).toBeGreaterThan(0)
  await page.waitForTimeout(3000)
  const countedBeforeStop = eventCount(await stats.textContent())
  await record.click()
  await expect(record).toHaveText('Record')
  await gotoScreen(page, 'Sessions')
  const session = page.getByRole('article', { name: `Recording — ${label}` })
  await expect(session).toBeVisible()
  await expect(session.locator('.chip-market', { hasText: 'BTC/USDT:USDT' })).toBeVisible()
  expect(eventCount(await session.textContent())).toBeGreaterThanOrEqual(countedBeforeStop)
  expect(countedBeforeStop).toBeGreaterThan(0)

  await page.getByRole('button', { name: `Open Recording — ${label}` }).click()
  await expect(page.getByTestId('source-badge')).toHaveText('REPLAY')
  const bar = page.getByTestId('replay-bar')
  await bar.getByRole('radio', { name: 'MAX' }).click()
  await bar.getByRole('button', { name: 'Play' }).click()
  await expect(page.getByTestId('replay-state')).toHaveText(/ended/i, { timeout: 30_000 })
  await gotoScreen(page, 'Radar')
  // The recorded perp trades replay into the same price range the live feed showed.
  await expect.poll(() => priceCheck(page, PERP, PERP_RANGE), { timeout: 15_000 }).toBe('in range')
  expect(consoleErrors).toEqual([])
})

test('when no enabled venue answers, launch says why in one line and opens the week sample at its end, with Stress and the heatmap', async ({
  page,
  consoleErrors,
}) => {
  // The whole week replays through the scorer before the checks: longer than the default minute.
  test.setTimeout(150_000)
  // Port 9 (discard) on 127.0.0.1 has no listener here: the probe is refused at once, like an offline machine.
  const closed = 'http://127.0.0.1:9'
  server = await startServer({
    userDataDir: userDataWithBaseUrls(closed, closed.replace('http', 'ws'), [PERP]),
    env: { RADAR_LAUNCH: 'auto' },
  })
  await page.goto(server.url)
  const banner = page.getByTestId('launch-banner')
  await expect(banner).toContainText('No enabled venue answered (binanceusdm:', { timeout: 15_000 })
  await expect(banner).toContainText('ECONNREFUSED')
  await expect(banner.getByRole('button', { name: 'Go live' })).toBeVisible()
  await expect(banner.getByRole('button', { name: 'Retry' })).toBeVisible()
  await expect(page.getByTestId('source-badge')).toHaveText('SAMPLE')
  await expect(page.getByTestId('source-label')).toHaveText(SAMPLE_WEEK)

  // Played to its end at full speed, without a click.
  await expect
    .poll(async () => (await engineCall<{ state: string }>(server!, 'getReplayPosition')).state, {
      timeout: 30_000,
    })
    .toBe('ended')
  const rows = page.getByTestId('radar-row')
  await expect(rows).toHaveCount(3)
  // The week carries open interest, long/short and taker flow: BTC's Stress index is a number, not n/a.
  const btc = rows.filter({ hasText: 'BTC/USDT:USDT' })
  await expect(btc.getByTestId('stress-value')).toHaveText(/^\d+(\.\d+)?$/, { timeout: 15_000 })

  // Retry asks the venues again and says who still does not answer; the sample stays.
  await banner.getByRole('button', { name: 'Retry' }).click()
  await expect(banner.getByRole('alert')).toContainText('still no answer: binanceusdm')
  await expect(page.getByTestId('source-badge')).toHaveText('SAMPLE')

  // The market view has its liquidation heatmap at once.
  await btc.dblclick()
  await expect(page.getByTestId('market-view')).toBeVisible()
  await expect(page.getByTestId('heatmap-legend')).toBeVisible({ timeout: 15_000 })

  // Sessions say what each sample holds, so a user can tell which one shows the map: the week has open
  // interest (6,013 events in its metadata), the 2023 sample has trades, books and funding but none.
  await gotoScreen(page, 'Sessions')
  const week = page.getByRole('article', { name: SAMPLE_WEEK }).getByTestId('session-contents')
  await expect(week).toContainText('open interest 6,013')
  await expect(week).toContainText('has open interest: liquidation map and Stress')
  const old = page.getByRole('article', { name: SAMPLE_2023 }).getByTestId('session-contents')
  await expect(old).toContainText('open interest none')
  await expect(old).toContainText('trades 13,882')
  await expect(old).toContainText('no open interest: no liquidation map')
  expect(consoleErrors).toEqual([])
})

/** "$4.72 B" as the radar writes USD (format.ts), for comparing the engine's own numbers with the screen. */
function usdText(usd: number): string {
  if (usd >= 1e9) return `$${(usd / 1e9).toFixed(2)} B`
  if (usd >= 1e6) return `$${(usd / 1e6).toFixed(2)} M`
  return `$${(usd / 1e3).toFixed(1)} k`
}

test('a coin on two venues gets one aggregate row whose OI is the sum of its venue rows, expandable into them', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(120_000)
  const emu = await startEmulatorProcess()
  emulator = emu.child
  const BYBIT_PERP = 'bybit:BTC/USDT:USDT'
  server = await startServer({
    userDataDir: userDataWithBaseUrls(
      emu.origin,
      emu.origin.replace('http://', 'ws://'),
      [PERP, BYBIT_PERP],
      ['binanceusdm', 'bybit'],
    ),
    env: { RADAR_LAUNCH: 'auto' },
  })
  await page.goto(server.url)
  await expect(page.getByTestId('source-badge')).toHaveText('LIVE', { timeout: 15_000 })
  const row = page.locator('[data-testid="coin-aggregate"][data-coin="BTC"]')
  await expect(row).toContainText('BTC · 2 venues', { timeout: 30_000 })

  // The engine's own per-venue OI in USD, summed here, is what the aggregate row shows. Bybit's OI comes
  // from its recorded tickers, Binance's from the polled /fapi/v1/openInterest; both must be in.
  type Snap = { key: string; metrics: Record<string, { value: number | null; sufficient: boolean }> }
  const expected = async (): Promise<string> => {
    const snaps = await engineCall<Snap[]>(server!, 'getSnapshots')
    const oi = [PERP, BYBIT_PERP].map((k) => snaps.find((s) => s.key === k)?.metrics['oi-usd'])
    if (oi.some((m) => !m?.sufficient || m.value === null)) return 'waiting for both venues’ OI'
    return usdText(oi.reduce((a, m) => a + (m!.value as number), 0))
  }
  await expect
    .poll(
      async () => {
        const want = await expected()
        const shown = (await row.getByTestId('coin-oi').textContent()) ?? ''
        return shown === want ? 'equal' : `${shown} vs ${want}`
      },
      { timeout: 40_000 },
    )
    .toBe('equal')

  // Expanded, the row lists its two venue rows.
  await row.getByRole('button', { name: /BTC · 2 venues/ }).click()
  const legs = page.getByTestId('coin-leg')
  await expect(legs).toHaveCount(2)
  await expect(page.locator(`[data-testid="coin-leg"][data-key="${PERP}"]`)).toContainText('binanceusdm')
  await expect(page.locator(`[data-testid="coin-leg"][data-key="${BYBIT_PERP}"]`)).toContainText('bybit')
  mkdirSync(join(REPO_ROOT, 'test-results', 'screenshots'), { recursive: true })
  await page.screenshot({ path: 'test-results/screenshots/live-aggregates.png' })
  copyFileSync(
    join(REPO_ROOT, 'test-results', 'screenshots', 'live-aggregates.png'),
    join(REPO_ROOT, 'docs', 'screenshots', 'live-aggregates.png'),
  )
  expect(consoleErrors).toEqual([])
})
