import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { REPO_ROOT } from '../support/radar-server'
import { expect, test } from './fixtures'
import { WEEK_PATH, replayToEnd } from './market-helpers'
import { engineCall } from './workflow-helpers'

/** Both window sizes the README shows, the small laptop first. */
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1600, height: 1000 },
] as const

const SCREENS = [
  'Radar',
  'Market',
  'Calculator',
  'Sessions',
  'Alerts',
  'Journal',
  'Evidence',
  'Settings',
] as const
type Screen = (typeof SCREENS)[number]

async function show(page: Page, screen: Screen): Promise<void> {
  if (screen === 'Market' || screen === 'Calculator') {
    await page.getByRole('tab', { name: 'Radar' }).click()
    await page.getByTestId('radar-row').filter({ hasText: 'BTC/USDT:USDT' }).dblclick()
    await expect(page.getByTestId('market-view').locator('.pane-legend[data-pane="price"]')).toContainText(
      'C ',
    )
    const calc = page.getByTestId('calculator')
    if (screen === 'Calculator' && !(await calc.isVisible()))
      await page.getByRole('button', { name: 'Position size' }).click()
    if (screen === 'Market' && (await calc.isVisible())) await calc.getByLabel('Close the calculator').click()
    return
  }
  await page.getByRole('tab', { name: screen }).click()
}

async function shootAll(page: Page, theme: 'dark' | 'light'): Promise<void> {
  mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true })
  for (const size of SIZES) {
    await page.setViewportSize(size)
    for (const screen of SCREENS) {
      await show(page, screen)
      await page.mouse.move(5, size.height - 5)
      await page.waitForTimeout(400) // layout and chart resize settle
      const name = `${screen.toLowerCase()}-${size.width}x${size.height}-${theme}.png`
      const path = join(REPO_ROOT, 'test-results/screenshots', name)
      await page.screenshot({ path })
      copyFileSync(path, join(REPO_ROOT, 'docs/screenshots', name))
    }
  }
}

for (const theme of ['dark', 'light'] as const)
  test(`every screen at 1280×720 and 1600×1000 in the ${theme} theme`, async ({
    page,
    server,
    consoleErrors,
  }) => {
    await engineCall(server, 'updateSettings', { theme })
    await page.goto(server.url)
    await replayToEnd(server, WEEK_PATH)
    await expect(page.getByTestId('radar-row')).toHaveCount(3)
    await shootAll(page, theme)
    expect(consoleErrors).toEqual([])
  })
