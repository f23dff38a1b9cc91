import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { MarketSnapshot } from '../../src/shared/scoring/snapshot'
import type { RunningServer } from '../support/radar-server'
import { REPO_ROOT } from '../support/radar-server'
import { expect } from './fixtures'
import { engineCall } from './workflow-helpers'

export const WEEK_PATH = join(REPO_ROOT, 'resources/samples/binance-futures-metrics-2024-05-09-week.radar')
export const AUG_PATH = join(REPO_ROOT, 'resources/samples/binance-btc-eth-2024-08-08.radar')

/**
 * Opens a bundled sample through the api and replays it to its end at full speed. The bounds are generous:
 * on two busy cores a max-speed replay of the August sample takes well over 30 s.
 */
export async function replayToEnd(server: RunningServer, path: string): Promise<MarketSnapshot[]> {
  await engineCall(server, 'openSession', { path })
  await engineCall(server, 'replayControl', { action: 'speed', speed: 'max' })
  await engineCall(server, 'replayControl', { action: 'play' })
  await expect
    .poll(async () => (await engineCall<{ state: string }>(server, 'getReplayPosition')).state, {
      timeout: 120_000,
    })
    .toBe('ended')
  // Ended means every event left the clock; wait until the scoring worker has processed them all too.
  const { eventsEmitted } = await engineCall<{ eventsEmitted: number }>(server, 'getReplayPosition')
  await expect
    .poll(
      async () =>
        (await engineCall<{ worker: { eventsProcessed: number } }>(server, 'getEngineStatus')).worker
          .eventsProcessed,
      { timeout: 30_000 },
    )
    .toBe(eventsEmitted)
  // The last snapshot batches trail the clock: wait until two reads a second apart agree.
  let snaps: MarketSnapshot[] = []
  let previous = ''
  await expect
    .poll(
      async () => {
        snaps = await engineCall<MarketSnapshot[]>(server, 'getSnapshots')
        const now = JSON.stringify(snaps.map((s) => [s.key, s.evaluatedAtMs, s.eventCount]))
        const settled = snaps.length > 0 && now === previous
        previous = now
        return settled
      },
      { timeout: 15_000, intervals: [1000] },
    )
    .toBe(true)
  return snaps
}

/** Saves a screenshot under test-results and keeps a copy for the docs. */
export async function shoot(page: Page, name: string): Promise<void> {
  const path = `test-results/screenshots/${name}.png`
  await page.screenshot({ path })
  mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true })
  copyFileSync(join(REPO_ROOT, path), join(REPO_ROOT, 'docs/screenshots', `${name}.png`))
}

/**
 * The market view's price legend shows `close` as its last bar. The pointer is moved off the chart first:
 * under the crosshair the legend shows the hovered bar instead.
 */
export async function expectLegendClose(page: Page, close: number): Promise<void> {
  await page.mouse.move(10, 890)
  const text = close.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  await expect(page.getByTestId('market-view').locator('.pane-legend[data-pane="price"]')).toContainText(
    `C ${text}`,
  )
}
