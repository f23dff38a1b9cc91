import { _electron as electron, test as base } from '@playwright/test'
import type { ElectronApplication, Page } from '@playwright/test'
import { existsSync, mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from '../support/radar-server'

/** The Electron binary's path, or null where it was never downloaded (offline machines, CI here). */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as string
    return existsSync(path) ? path : null
  } catch {
    return null
  }
}

export const binary = electronBinary()

export interface LaunchedApp {
  app: ElectronApplication
  win: Page
  userDataDir: string
}

/** Starts the built desktop app on its own user-data folder (or a given one, to test persistence). */
export async function launchApp(
  userDataDir = mkdtempSync(join(tmpdir(), 'radar-electron-')),
): Promise<LaunchedApp> {
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(REPO_ROOT, 'out', 'main', 'index.js')],
    // No venue probe and no launch sample: each test opens what it needs.
    env: { ...process.env, RADAR_USER_DATA: userDataDir, RADAR_LAUNCH: 'idle', RADAR_DIAGNOSTICS: '1' },
  })
  const win = await app.firstWindow()
  return { app, win, userDataDir }
}

/** A test that skips itself, saying why, where the Electron binary does not exist: never a silent pass. */
export const test = base.extend({})
test.beforeEach(() => {
  test.skip(binary === null, 'Electron binary is not installed on this machine')
})
