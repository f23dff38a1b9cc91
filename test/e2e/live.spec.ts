import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { copyFileSync, mkdirSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { REPO_ROOT, startServer } from '../support/radar-server'
import type { RunningServer } from '../support/radar-server'
import { engineCall, gotoScreen } from './workflow-helpers'

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

test('browser mode shows live per-venue status from the emulator, the radar prices it, and a recording lands in Sessions', async ({
  page,
  consoleErrors,
}) => {
  // The emulator replays the recordings at their recorded pace from the moment it starts.
  const emu = await startEmulatorProcess()
  emulator = emu.child
  const restUrl = emu.origin
  const wsUrl = emu.origin.replace('http://', 'ws://')
  server = await startServer({
    env: {
      RADAR_BINANCEUSDM_REST_URL: restUrl,
      RADAR_BINANCEUSDM_WS_URL: wsUrl,
      RADAR_BINANCE_REST_URL: restUrl,
      RADAR_BINANCE_WS_URL: wsUrl,
    },
  })
  await engineCall(server, 'updateSettings', { watchlist: [PERP, SPOT] })
  await engineCall(server, 'startLive')
  await page.goto(server.url)

  // Top bar: the source badge and one chip per venue with its connection state.
  await expect(page.getByTestId('source-badge')).toHaveText('LIVE')
  // The emulator stands in for the venues: the label says the feed comes from a custom endpoint.
  const label = `Live — binanceusdm, binance · custom endpoint: binanceusdm via ${restUrl}, binance via ${restUrl}`
  await expect(page.getByTestId('source-label')).toHaveText(label)
  const chips = page.locator('[aria-label="venue connections"]')
  await expect(chips.getByText('binanceusdm · connected', { exact: true })).toBeVisible()
  await expect(chips.getByText('binance · connected', { exact: true })).toBeVisible()

  // Status bar: per venue and per metric, the age of the last event (a number, not "n/a", once trades flow).
  const footer = page.getByRole('contentinfo')
  await expect(footer).toContainText('LIVE')
  await expect(footer.locator('span', { hasText: 'binanceusdm: connected' })).toHaveText(
    /· trade \d+(\.\d)? (ms|s)\b/,
    { timeout: 20_000 },
  )
  await expect(footer.locator('span', { hasText: /^binance: connected/ })).toHaveText(
    /· trade \d+(\.\d)? (ms|s)\b/,
  )

  // Radar: both markets listed; prices come from the replayed trades. Until the perp's first trade arrives
  // its price can come from backfilled 5-minute bars of another window (2024-05), so the check polls.
  await expect(page.locator(`[data-testid="radar-row"][data-key="${PERP}"]`)).toContainText('BTC/USDT:USDT')
  await expect(page.locator(`[data-testid="radar-row"][data-key="${SPOT}"]`)).toContainText('BTC/USDT')
  await expect.poll(() => priceCheck(page, PERP, PERP_RANGE), { timeout: 30_000 }).toBe('in range')
  expect(await priceCheck(page, SPOT, SPOT_RANGE)).toBe('in range')
  mkdirSync(join(REPO_ROOT, 'docs', 'screenshots'), { recursive: true })
  await page.screenshot({ path: 'test-results/screenshots/live.png' })
  copyFileSync(
    join(REPO_ROOT, 'test-results', 'screenshots', 'live.png'),
    join(REPO_ROOT, 'docs', 'screenshots', 'live.png'),
  )

  // Sessions: record a few seconds of the live feed; the recording then appears in the list.
  await gotoScreen(page, 'Sessions')
  const record = page.getByTestId('record-button')
  await record.click()
  await expect(record).toHaveText('Stop recording')
  const stats = page.getByTestId('record-stats')
  await expect(stats).toBeVisible()
  await expect.poll(async () => eventCount(await stats.textContent()), { timeout: 15_000 }).toBeGreaterThan(0)
  // a few seconds of live data; the file then holds at least what the button counted before Stop
  await page.waitForTimeout(3000)
  const countedBeforeStop = eventCount(await stats.textContent())
  await record.click()
  await expect(record).toHaveText('Record')
  const session = page.getByRole('article', { name: `Recording — ${label}` })
  await expect(session).toBeVisible()
  await expect(session.locator('.chip-market', { hasText: 'BTC/USDT:USDT' })).toBeVisible()
  expect(eventCount(await session.textContent())).toBeGreaterThanOrEqual(countedBeforeStop)
  expect(countedBeforeStop).toBeGreaterThan(0)
  expect(consoleErrors).toEqual([])
})
