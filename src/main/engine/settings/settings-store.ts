import { existsSync, readFileSync, renameSync } from 'node:fs'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import { settingsSchema } from '../../../shared/settings'
import type { SettingsView } from '../../../shared/api'

/** What electron-store and conf have in common: the whole store as one object, and its file path. */
export interface StoreBackend {
  store: Record<string, unknown>
  readonly path: string
}

export interface SettingsStore {
  view(): SettingsView
  get(): Settings
  update(patch: SettingsPatch): SettingsView
}

/**
 * Checks the settings file before the store library touches it. A file that is not JSON or does not fit the
 * schema is moved aside (never deleted: it may hold a watchlist someone spent an hour on) and the defaults
 * are used; the returned warning tells the user where the backup went.
 */
export function quarantineDamagedSettings(path: string, nowMs = Date.now()): string | null {
  if (!existsSync(path)) return null
  let problem: string | null = null
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    const result = settingsSchema.safeParse(parsed)
    if (!result.success) {
      const first = result.error.issues[0]
      problem = `field "${first?.path.join('.') || '(root)'}" is invalid (${first?.message ?? 'schema mismatch'})`
    }
  } catch (err) {
    problem = `it is not valid JSON (${err instanceof Error ? err.message : String(err)})`
  }
  if (problem === null) return null
  const backup = `${path}.damaged-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}.bak`
  renameSync(path, backup)
  return `The settings file ${path} could not be read: ${problem}. It was moved to ${backup} and default settings were loaded.`
}

export function createSettingsStore(backend: StoreBackend, warning: string | null): SettingsStore {
  let current = settingsSchema.parse(backend.store)
  backend.store = current
  const view = (): SettingsView => ({ settings: current, path: backend.path, warning })
  return {
    view,
    get: () => current,
    update(patch) {
      current = settingsSchema.parse({ ...current, ...patch })
      backend.store = current
      return view()
    },
  }
}
