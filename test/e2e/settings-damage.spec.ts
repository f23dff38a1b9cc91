import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../support/radar-server'
import { expect, test } from './fixtures'

test('a damaged settings file is backed up, defaults load, and the UI says where the backup is', async ({
  page,
}) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'radar-e2e-damaged-'))
  const damaged = '{"watchlist": ["binanceusdm:BTC/USDT:USDT",' // cut off mid-write
  writeFileSync(join(userDataDir, 'settings.json'), damaged)
  const server = await startServer({ userDataDir })
  try {
    await page.goto(server.url)
    const warning = page.getByTestId('settings-warning')
    await expect(warning).toContainText('could not be read')
    await expect(warning).toContainText('not valid JSON')
    const backups = readdirSync(userDataDir).filter((f) => f.includes('.damaged-'))
    expect(backups).toHaveLength(1)
    await expect(warning).toContainText(backups[0]!)
    expect(readFileSync(join(userDataDir, backups[0]!), 'utf8')).toBe(damaged)
    // Defaults are in force and written back as a valid file.
    const current = JSON.parse(readFileSync(join(userDataDir, 'settings.json'), 'utf8')) as {
      referenceAsset: string
    }
    expect(current.referenceAsset).toBe('BTC')
    await page.screenshot({ path: 'test-results/screenshots/settings-warning.png' })
  } finally {
    await server.stop()
  }
})

test('a settings file with a field of the wrong type is also set aside', async ({ page }) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'radar-e2e-badfield-'))
  writeFileSync(join(userDataDir, 'settings.json'), JSON.stringify({ referenceAsset: 'DOGE' }))
  const server = await startServer({ userDataDir })
  try {
    await page.goto(server.url)
    await expect(page.getByTestId('settings-warning')).toContainText('field "referenceAsset" is invalid')
  } finally {
    await server.stop()
  }
})

test('a changed setting persists across a restart', async ({ page }) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'radar-e2e-persist-'))
  let server = await startServer({ userDataDir })
  try {
    await page.goto(server.url)
    await page.getByRole('button', { name: 'Open settings' }).click()
    await page.getByLabel('Reference asset').selectOption('ETH')
    await expect(page.getByLabel('Reference asset')).toHaveValue('ETH')
    await expect(page.getByTestId('settings-path')).toContainText(join(userDataDir, 'settings.json'))
    await expect(page.getByTestId('log-path')).toContainText(join(userDataDir, 'logs', 'radar.log'))
    await server.stop()
    expect(existsSync(join(userDataDir, 'logs', 'radar.log'))).toBe(true)
    server = await startServer({ userDataDir })
    await page.goto(server.url)
    await page.getByRole('button', { name: 'Open settings' }).click()
    await expect(page.getByLabel('Reference asset')).toHaveValue('ETH')
  } finally {
    await server.stop()
  }
})
