import Store from 'electron-store'
import { join } from 'node:path'
import { SETTINGS_FILE_NAME } from '../engine/settings/conf-settings'
import type { SettingsStore } from '../engine/settings/settings-store'
import { createSettingsStore, quarantineDamagedSettings } from '../engine/settings/settings-store'

/** Desktop settings: electron-store over the same file and schema conf uses in browser mode. */
export function openElectronSettings(userDataDir: string): SettingsStore {
  const warning = quarantineDamagedSettings(join(userDataDir, `${SETTINGS_FILE_NAME}.json`))
  const store = new Store<Record<string, unknown>>({
    cwd: userDataDir,
    name: SETTINGS_FILE_NAME,
    clearInvalidConfig: false,
  })
  return createSettingsStore(store, warning)
}
