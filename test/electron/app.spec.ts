import { _electron as electron, expect, test } from '@playwright/test'
import { existsSync, mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from '../support/radar-server'

/** The Electron binary's path, or null where it was never downloaded (offline machines, CI here). */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as string
    return existsSync(path) ? path : null
  } catch {
    return null
  }
}

const binary = electronBinary()

test.describe('desktop window', () => {
  test.skip(binary === null, 'Electron binary is not installed on this machine')

  test('opens the terminal with the security defaults and a working engine', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(REPO_ROOT, 'out', 'main', 'index.js')],
      env: { ...process.env, RADAR_USER_DATA: mkdtempSync(join(tmpdir(), 'radar-electron-')) },
    })
    const win = await app.firstWindow()
    await expect(win.getByRole('banner')).toContainText('Leverage Radar')
    await expect(win.getByTestId('worker-state')).toContainText('running')
    const exposure = await win.evaluate(() => {
      const page = globalThis as unknown as { require?: unknown; process?: unknown; radar: object }
      return { require: typeof page.require, process: typeof page.process, radar: Object.keys(page.radar) }
    })
    expect(exposure.require).toBe('undefined')
    expect(exposure.process).toBe('undefined')
    expect(exposure.radar).toContain('getEngineStatus')
    expect(exposure.radar).not.toContain('invoke')
    await app.close()
  })
})
