import { test as base, expect } from '@playwright/test'
import type { RunningServer } from '../support/radar-server'
import { startServer } from '../support/radar-server'
import type { MarketSnapshot } from '../../src/shared/scoring/snapshot'
import { WEEK_PATH, replayToEnd } from './engine-calls'

interface Fixtures {
  server: RunningServer
  consoleErrors: string[]
  /**
   * The page open on the app with the futures-metrics week sample played to its end (Stress, open interest
   * and the liquidation map all present): the markets' snapshots at the end.
   */
  weekAtEnd: MarketSnapshot[]
  /** Replays at max speed share two cores with the build and other runs: every test gets three minutes. */
  roomToReplay: void
}

/** Each test gets its own `radar serve` and a record of console errors on the page. */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures
  server: async ({}, use) => {
    const server = await startServer()
    await use(server)
    await server.stop()
  },
  roomToReplay: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures
    async ({}, use, testInfo) => {
      testInfo.setTimeout(Math.max(testInfo.timeout, 180_000))
      await use()
    },
    { auto: true },
  ],
  // Asks for consoleErrors so the page's errors are recorded from its first load.
  weekAtEnd: async ({ page, server, consoleErrors }, use) => {
    void consoleErrors
    await page.goto(server.url)
    await use(await replayToEnd(server, WEEK_PATH))
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text())
    })
    page.on('pageerror', (err) => errors.push(err.message))
    await use(errors)
  },
})

export { expect }
