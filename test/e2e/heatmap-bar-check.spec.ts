import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { REPO_ROOT, startServer } from '../support/radar-server'

const HOURLY = join(
  REPO_ROOT,
  '..',
  'shared',
  'data',
  'btc-derivatives-2026',
  'btc_hourly_2026-03-01_2026-06-02.csv',
)

test('the Evidence screen checks the liquidation map by bar, with the figures radar heatmap-check prints', async ({
  page,
}) => {
  test.setTimeout(240_000)
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  // A library session with liquidation bars: the 2026 hourly file imported as the CLI imports it.
  const userDataDir = mkdtempSync(join(tmpdir(), 'radar-e2e-bar-check-'))
  mkdirSync(join(userDataDir, 'sessions'))
  const out = join(userDataDir, 'sessions', 'btc-hourly-2026.radar')
  const imported = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'radar.js'), 'import', 'bars', HOURLY, '--out', out],
    { encoding: 'utf8', timeout: 120_000 },
  )
  expect(imported.status, imported.stderr).toBe(0)
  const server = await startServer({ userDataDir })
  try {
    await page.goto(server.url)
    await page.getByRole('tab', { name: 'Evidence' }).click()
    const panel = page.getByTestId('map-bar-check')
    const select = panel.getByLabel('Session')
    const option = select.locator('option', { hasText: /btc_hourly|btc-hourly|hourly/i })
    await select.selectOption({ label: (await option.first().textContent())! })
    await panel.getByRole('button', { name: 'Check the map' }).click()
    const result = page.getByTestId('map-bar-check-result')
    await expect(result).toBeVisible({ timeout: 120_000 })
    // docs/methodology-heatmap.md, `radar heatmap-check` on this file with the shipped defaults: 2,066
    // hours, map ρ 0.698 [0.671, 0.724] for longs, |move| × OI 0.733; shorts 0.645 against 0.698.
    await expect(result).toContainText('binanceusdm:BTC/USDT:USDT')
    await expect(result).toContainText('0.698 [0.671, 0.724]')
    await expect(result).toContainText('0.645 [0.611, 0.674]')
    await expect(result).toContainText('2066')
    // The check runs in its own worker thread: the engine kept answering the scoring worker's heartbeats.
    await expect(page.getByText(/scoring worker was restarted/)).toHaveCount(0)
    const shot = 'test-results/screenshots/evidence-map-bar-check.png'
    await page.screenshot({ path: shot })
    copyFileSync(join(REPO_ROOT, shot), join(REPO_ROOT, 'docs', 'screenshots', 'evidence-map-bar-check.png'))
  } finally {
    await server.stop()
  }
  expect(errors).toEqual([])
})
