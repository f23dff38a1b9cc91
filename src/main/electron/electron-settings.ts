import Store from 'electron-store'
import { join } from 'node:path'
import { SETTINGS_FILE_NAME } from '../engine/settings/conf-settings'
import type { SettingsStore } from '../engine/settings/settings-store'
import { openSettingsStore, quarantineDamagedSettings } from '../engine/settings/settings-store'

/** Desktop settings: electron-store over the same file and schema conf uses in browser mode. */
export function openElectronSettings(userDataDir: string): SettingsStore {
  const path = join(userDataDir, `${SETTINGS_FILE_NAME}.json`)
  const warning = quarantineDamagedSettings(path)
  // A folder or file that cannot be written or even opened runs on defaults in memory, with a warning.
  return openSettingsStore(
    path,
    () =>
      new Store<Record<string, unknown>>({
        cwd: userDataDir,
        name: SETTINGS_FILE_NAME,
        clearInvalidConfig: false,
      }),
    warning,
  )
}
