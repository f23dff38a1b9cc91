import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { REPO_ROOT } from '../support/radar-server'
import { expect } from './fixtures'

export { AUG_PATH, WEEK_PATH, replayToEnd } from './engine-calls'

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

/** Opens a radar row's market view by double click and waits until its price legend shows a bar. */
export async function openMarketView(page: Page, symbol: string): Promise<void> {
  await page.getByTestId('radar-row').filter({ hasText: symbol }).first().dblclick()
  await expect(page.getByTestId('market-view').locator('.pane-legend[data-pane="price"]')).toContainText('C ')
}
