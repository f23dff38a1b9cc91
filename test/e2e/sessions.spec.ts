import { join } from 'node:path'
import { REPO_ROOT } from '../support/radar-server'
import { expect, test } from './fixtures'
import { expectLegendClose } from './market-helpers'
import type { MarketSnapshot } from '../../src/shared/scoring/snapshot'
import type { MarketSeries } from '../../src/shared/contract/series'
import type { ReplayPosition, SessionSummary } from '../../src/shared/contract/sessions'
import {
  BTC_PERP,
  SAMPLE_2023,
  SAMPLE_WEEK,
  clockMs,
  engineCall,
  gotoScreen,
  openSession,
  play,
  replayClock,
} from './workflow-helpers'

// The public data sets sit beside the repository, in ../shared/data.
const SHARED_DATA = join(REPO_ROOT, '..', 'shared', 'data')
const METRICS_FILE = join(SHARED_DATA, 'binance-futures-metrics/BTCUSDT.csv')
const FUNDING_FILE = join(
  SHARED_DATA,
  'funding-history/BTC-USDT/BTC-USDT_binance_2020-01-01_2024-01-01_funding_history.csv',
)

test('the bundled samples are listed with span, markets, size and data-quality notes', async ({
  page,
  server,
  consoleErrors,
}) => {
  await page.goto(server.url)
  await gotoScreen(page, 'Sessions')
  const week = page.getByRole('article', { name: SAMPLE_WEEK })
  await expect(week).toBeVisible()
  await expect(week.getByText('SAMPLE', { exact: true })).toBeVisible()
  // README: 5-minute bars 2024-05-09 20:35 → 2024-05-16 19:35 UTC for BTCUSDT, ETHUSDT and OPUSDT.
  await expect(week).toContainText('2024-05-09 20:35')
  await expect(week).toContainText('2024-05-16 19:3')
  await expect(week).toContainText('OP')
  // README: the position-ratio columns copy the account-ratio columns until 2024-05-13 09:15 UTC.
  await expect(
    week.locator('.note-warning').filter({ hasText: 'copies of the account ratio' }).first(),
  ).toBeVisible()
  // Samples are read-only.
  await expect(page.getByRole('button', { name: `Delete ${SAMPLE_WEEK}` })).toBeDisabled()
  const s2023 = page.getByRole('article', { name: SAMPLE_2023 })
  // The perp file of 2023-04-05 ends at 00:06:54 UTC.
  await expect(s2023).toContainText('00:06:54')
  await page.screenshot({ path: 'test-results/screenshots/sessions.png' })

  // Recording needs a live feed; without one the engine's reason is shown beside the button.
  await page.getByTestId('record-button').click()
  await expect(page.locator('.record-control').getByRole('alert')).toContainText('live')
  await expect(page.getByTestId('record-button')).toHaveText('Record')
  expect(consoleErrors).toEqual([])
})

test('a sample replays at 10x, seeks and pauses; the clock, the radar and the chart follow', async ({
  page,
  server,
}) => {
  await page.goto(server.url)
  const bar = await openSession(page, SAMPLE_2023)
  await expect(page.getByTestId('replay-kind')).toHaveText('SAMPLE')
  await play(bar, '10x')
  await expect(page.getByTestId('replay-state')).toHaveText('PLAYING')
  const t0 = clockMs(await replayClock(page))
  await page.waitForTimeout(2000)
  const t1 = clockMs(await replayClock(page))
  // 2 s of wall time at 10x is ~20 s of session time; allow for batching and scheduling.
  expect(t1 - t0).toBeGreaterThan(8_000)
  expect(t1 - t0).toBeLessThan(40_000)

  // Seek to 00:05:00 UTC (1680652800000 = 2023-04-05T00:00:00Z, + 300 000 ms).
  const target = 1680652800000 + 300_000
  await page.getByRole('slider', { name: 'Seek' }).fill(String(target))
  await expect
    .poll(async () => clockMs(await replayClock(page)), { timeout: 10_000 })
    .toBeGreaterThanOrEqual(target)
  await bar.getByRole('button', { name: 'Pause' }).click()
  await expect(page.getByTestId('replay-state')).toHaveText('PAUSED')
  const paused = await replayClock(page)
  expect(clockMs(paused)).toBeLessThan(target + 60_000)
  await page.waitForTimeout(1500)
  expect(await replayClock(page)).toBe(paused)

  // The engine's clock and the scored markets follow the seek.
  const pos = await engineCall<ReplayPosition>(server, 'getReplayPosition')
  expect(pos.state).toBe('paused')
  expect(pos.seekCount).toBeGreaterThanOrEqual(1)
  expect(pos.sessionTsMs).toBe(clockMs(paused))
  const snaps = await engineCall<MarketSnapshot[]>(server, 'getSnapshots')
  const btc = snaps.find((s) => s.key === BTC_PERP)
  // The seek put the scores at the target (the state straight play reaches there), then play went on.
  expect(btc?.asOfMs ?? 0).toBeGreaterThanOrEqual(target - 60_000)
  expect(btc?.asOfMs ?? Infinity).toBeLessThanOrEqual(clockMs(paused))
  await gotoScreen(page, 'Sessions')
  await expect(
    page.getByRole('article', { name: SAMPLE_2023 }).getByText('OPEN', { exact: true }),
  ).toBeVisible()
  await page.screenshot({ path: 'test-results/screenshots/sessions-replay.png' })
  await gotoScreen(page, 'Radar')
  await expect(page.locator('.workspace')).toContainText('BTC/USDT')
  await page.screenshot({ path: 'test-results/screenshots/replay-radar.png' })

  // The chart follows too: after the seek the series holds the history before the target, as straight play
  // would, and ends at the paused clock; the market view draws its last bar.
  const series = await engineCall<MarketSeries>(server, 'getSeries', { key: BTC_PERP })
  const first = series.bars[0]!
  const last = series.bars[series.bars.length - 1]!
  expect(first.timeSec * 1000).toBeLessThan(target)
  expect(last.timeSec * 1000).toBeLessThanOrEqual(clockMs(paused))
  await page.locator(`[data-testid="radar-row"][data-key="${BTC_PERP}"]`).dblclick()
  await expectLegendClose(page, last.close)
  await gotoScreen(page, 'Sessions')

  // Keyboard: on the seek slider Space plays and pauses; the buttons take Enter/Space as usual.
  await bar.getByRole('slider', { name: 'Seek' }).focus()
  await page.keyboard.press('Space')
  await expect(page.getByTestId('replay-state')).toHaveText('PLAYING')
  await page.keyboard.press('Space')
  await expect(page.getByTestId('replay-state')).toHaveText('PAUSED')
  await bar.getByRole('button', { name: 'Play' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('replay-state')).toHaveText('PLAYING')
})

test('a futures-metrics CSV imports with a progress bar and its data-quality notes; delete asks first', async ({
  page,
  server,
}) => {
  await page.goto(server.url)
  await gotoScreen(page, 'Sessions')
  await page.getByRole('button', { name: 'Import…' }).click()
  const form = page.getByRole('form', { name: 'Import' })
  await form.getByLabel('Format').selectOption('binance-futures-data')
  await form.getByLabel('Paths').fill(METRICS_FILE)
  await form.getByLabel('Session name').fill('BTC futures metrics')
  await form.getByRole('button', { name: /^Import/ }).click()
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible()
  await expect(page.getByTestId('import-state')).toHaveText('DONE', { timeout: 30_000 })
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  )
  // README: taker volumes are empty for the first day; the position ratios copy the account ratios until
  // 2024-05-13 09:15 UTC.
  const notes = page.getByTestId('import-notes')
  await expect(notes).toContainText('BTCUSDT: taker buy/sell volumes are empty 2024-05-09 20:35')
  await expect(notes).toContainText('09:15 UTC')
  await page.screenshot({ path: 'test-results/screenshots/sessions-import.png' })

  const row = page.getByRole('article', { name: 'BTC futures metrics' })
  await expect(row.getByText('IMPORTED', { exact: true })).toBeVisible()
  // README: 2,005 five-minute bars from 2024-05-09 20:35 to 2024-05-16 19:35 UTC.
  await expect(row).toContainText('2024-05-09 20:35')
  await expect(row).toContainText('binanceusdm:BTC/USDT:USDT')

  await row.getByRole('button', { name: 'Delete BTC futures metrics' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Delete session' })
  await expect(dialog).toContainText('BTC futures metrics')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(row).toBeVisible()
  await row.getByRole('button', { name: 'Delete BTC futures metrics' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click()
  await expect(row).toHaveCount(0)
  const left = await engineCall<SessionSummary[]>(server, 'listSessions')
  expect(left.some((s) => s.label === 'BTC futures metrics')).toBe(false)
})

test('a funding history at UTC+3 is refused as UTC, naming the offset that fits, and imports at +3', async ({
  page,
  server,
}) => {
  await page.goto(server.url)
  await gotoScreen(page, 'Sessions')
  await page.getByRole('button', { name: 'Import…' }).click()
  const form = page.getByRole('form', { name: 'Import' })
  await form.getByLabel('Format').selectOption('funding-csv')
  await form.getByLabel('Venue').selectOption('binance')
  await form.getByLabel('Paths').fill(FUNDING_FILE)
  await form.getByLabel('Session name').fill('BTC funding binance')

  // README: the binance rows fall at 03:00/11:00/19:00, i.e. UTC+3; as UTC they miss the 00/08/16 schedule.
  await form.getByLabel('Timezone offset (hours)').fill('0')
  await form.getByRole('button', { name: /^Import/ }).click()
  await expect(page.getByTestId('import-state')).toHaveText('FAILED')
  await expect(page.getByTestId('import-progress')).toContainText('+3')

  await form.getByLabel('Timezone offset (hours)').fill('3')
  await form.getByRole('button', { name: /^Import/ }).click()
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible()
  await expect(page.getByTestId('import-state')).toHaveText('DONE', { timeout: 30_000 })
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  )
  // 4,384 lines = a header + 4,383 funding rows, one event each.
  await expect(page.getByTestId('import-progress')).toContainText('4,383 events')

  const row = page.getByRole('article', { name: 'BTC funding binance' })
  await expect(row.getByText('IMPORTED', { exact: true })).toBeVisible()
  // First row 2020-01-01 03:00 at UTC+3 = 00:00 UTC; last row 2023-12-31 19:00 at UTC+3 = 16:00 UTC.
  await expect(row).toContainText('2020-01-01 00:00:00 → 2023-12-31 16:00:00 UTC')
  await expect(row).toContainText('4,383 events')
})

test('a long import can be cancelled and leaves no session behind', async ({ page, server }) => {
  await page.goto(server.url)
  await gotoScreen(page, 'Sessions')
  await page.getByRole('button', { name: 'Import…' }).click()
  const form = page.getByRole('form', { name: 'Import' })
  await form.getByLabel('Format').selectOption('binance-ws')
  // About 300,000 WebSocket lines across perp, spot and coin-margined files: seconds of work, not instant.
  await form
    .getByLabel('Paths')
    .fill(
      [
        'usdm/btcusdt_20240808.gz',
        'usdm/ethusdt_20240808.gz',
        'spot/btcusdt_20240808.gz',
        'spot/ethusdt_20240808.gz',
        'cm/btcusd_perp_20240808.gz',
      ]
        .map((f) => join(SHARED_DATA, 'binance-ws', f))
        .join('\n'),
    )
  await form.getByLabel('Session name').fill('to be cancelled')
  await form.getByRole('button', { name: 'Import 5 files' }).click()
  await expect(page.getByTestId('import-state')).toHaveText('RUNNING')
  await form.getByRole('button', { name: 'Cancel import' }).click()
  await expect(page.getByTestId('import-state')).toHaveText('CANCELLED', { timeout: 30_000 })
  await page.getByRole('button', { name: 'Refresh sessions' }).click()
  await expect(page.getByRole('article', { name: 'to be cancelled' })).toHaveCount(0)
  const listed = await engineCall<SessionSummary[]>(server, 'listSessions')
  expect(listed.filter((s) => s.kind !== 'sample')).toEqual([])
})
