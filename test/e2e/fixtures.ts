import { test as base, expect } from '@playwright/test'
import type { RunningServer } from '../support/radar-server'
import { startServer } from '../support/radar-server'

interface Fixtures {
  server: RunningServer
  consoleErrors: string[]
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
