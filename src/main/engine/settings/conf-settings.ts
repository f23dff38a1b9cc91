import Conf from 'conf'
import { join } from 'node:path'
import type { SettingsStore } from './settings-store'
import { openSettingsStore, quarantineDamagedSettings } from './settings-store'

export const SETTINGS_FILE_NAME = 'settings'

/** Settings for browser mode and the CLI: `conf`, the base of electron-store, with the same file and format. */
export function openConfSettings(userDataDir: string): SettingsStore {
  const path = join(userDataDir, `${SETTINGS_FILE_NAME}.json`)
  const warning = quarantineDamagedSettings(path)
  return openSettingsStore(
    path,
    () =>
      new Conf<Record<string, unknown>>({
        cwd: userDataDir,
        configName: SETTINGS_FILE_NAME,
        projectName: 'leverage-radar',
        clearInvalidConfig: false,
      }),
    warning,
  )
}
