import type { ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { REPO_ROOT, startServer } from '../support/radar-server'
import type { RunningServer } from '../support/radar-server'
import { emulatorUserData, spawnEmulator, stopEmulator } from './emulator-helpers'
import { gotoScreen } from './workflow-helpers'

const PERP = 'binanceusdm:BTC/USDT:USDT'
/** Binance's open-interest history: refused with HTTP 500 on every request, as a venue in trouble answers. */
const REFUSED = '/futures/data/openInterestHist'
/**
 * Funding history and the accounts' long/short series (history and poll) answer 6 s late, so the metrics
 * resting on them are still warming when the radar first shows the market, on any machine.
 */
const SLOWED = ['/fapi/v1/fundingRate', '/futures/data/globalLongShortAccountRatio']

let emulator: ChildProcess | null = null
let server: RunningServer | null = null

test.afterEach(async () => {
  await server?.stop()
  await stopEmulator(emulator)
  server = null
  emulator = null
})

/** The metric cell `id` of the market's radar row. */
const rowCell = (page: Page, id: string): Locator =>
  page.locator(`[data-testid="radar-row"][data-key="${PERP}"] [data-metric="${id}"]`)

async function screenshot(page: Page, name: string): Promise<void> {
  // Notices of a busy test machine (a worker restart) are dismissed so the picture shows the screen.
  const dismiss = page.getByRole('button', { name: 'Dismiss notice' })
  for (let i = 0; i < 20 && (await dismiss.count()) > 0; i++) await dismiss.first().click()
  mkdirSync(join(REPO_ROOT, 'docs', 'screenshots'), { recursive: true })
  await page.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshots', name) })
}

test('live warm start: each metric says which history it waits on, then shows its value or reason; a refused history says so', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1280, height: 720 })
  const emu = await spawnEmulator(['--refuse', REFUSED, '--slow', SLOWED.join(','), '--slow-ms', '6000'])
  emulator = emu.child
  server = await startServer({
    userDataDir: emulatorUserData(emu.origin, [PERP], ['binanceusdm']),
    env: { RADAR_LAUNCH: 'auto' },
  })
  await page.goto(server.url)
  await expect(page.getByTestId('source-badge')).toHaveText('LIVE', { timeout: 15_000 })
  const row = page.locator(`[data-testid="radar-row"][data-key="${PERP}"]`)
  await expect(row).toBeVisible({ timeout: 15_000 })

  // While the histories load: the accounts' L/S cell says it is warming (its history comes after the seed
  // and answers slowly), in the row's short form; the tooltip names the task.
  const ls = rowCell(page, 'ls-global').getByTestId('metric-warming')
  await expect(ls).toHaveText(/^warming \d+ %$/, { timeout: 15_000 })
  await ls.hover()
  await expect(page.getByTestId('metric-tooltip')).toContainText(/warming: L\/S history \(accounts\) \d+ %/)
  await page.mouse.move(0, 0)
  await expect(row.getByTestId('warming-badge')).toHaveText(/^warming \d+\/9$/)
  // The OI history is refused after the venue's retries; the picture shows refused and warming cells side by side.
  await expect(row.locator('[data-testid="metric-warming"][data-state="refused"]').first()).toHaveText(
    'refused',
    { timeout: 60_000 },
  )
  // The watched market alone: the venue's other perps (tier 1, from its bulk tickers) have no history to load.
  await page.getByTestId('radar-tier').selectOption('2')
  await expect(page.getByTestId('radar-row')).toHaveCount(1)
  await screenshot(page, 'radar-warming-1280x720.png')

  // The market view says the same in full ("warming: funding history 0 %"): the funding history loads after
  // the seed and answers slowly, so something there is still warming.
  await row.dblclick()
  await expect(page.getByTestId('market-view')).toBeVisible()
  const panel = page.getByTestId('signal-panel')
  await expect(panel.locator('[data-testid="metric-warming"][data-state="warming"]').first()).toHaveText(
    /^warming: [\w/() ]+ \d+ %/,
    { timeout: 15_000 },
  )
  // The heatmap pane: its seed (OI refused, the trades still loading) says so beside the map's own reason.
  await expect(page.getByTestId('heatmap-reason')).toContainText(/^(warming: |history refused: )/)
  await screenshot(page, 'market-warming-1280x720.png')

  // Once the histories are in, the metrics resting on them show a value or their own reason, not "warming".
  await expect(panel.locator('[data-metric="pillar-funding"] [data-testid="metric-warming"]')).toHaveCount(
    0,
    {
      timeout: 120_000,
    },
  )
  // The refused OI history: every metric resting on it that has no value says so, with the venue's answer.
  const notes = panel.getByTestId('sufficiency-notes')
  await notes.locator('summary').click()
  await expect(notes.locator('[data-testid="metric-warming"][data-state="refused"]').first()).toHaveText(
    /OI history refused: binanceusdm .*An unknown error occurred/,
    { timeout: 60_000 },
  )

  await gotoScreen(page, 'Radar')
  await expect(rowCell(page, 'ls-global')).toHaveText(/^(\d+(\.\d+)?|n\/a)$/, { timeout: 90_000 })
  // The row: the market's badge counts the refused series, and a cell resting on the OI history with no value
  // (the liquidation map's, whose seed lacks it) says "refused", the venue's answer in its tooltip.
  await expect(row.getByTestId('warming-badge')).toHaveText('history partial: 1 refused')
  const refused = row.locator('[data-testid="metric-warming"][data-state="refused"]').first()
  await expect(refused).toHaveText('refused')
  await refused.hover()
  await expect(page.getByTestId('metric-tooltip')).toContainText(
    /OI history refused: binanceusdm .*An unknown error occurred/,
  )
  // The market itself stays live: prices keep coming from the trades.
  await expect(page.getByTestId('source-badge')).toHaveText('LIVE')
  await expect(row.getByTestId('radar-price')).toHaveText(/^[\d,]+\.\d+$/)
  expect(consoleErrors).toEqual([])
})
