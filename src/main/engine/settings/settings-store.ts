import { existsSync, readFileSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import { settingsSchema } from '../../../shared/settings'
import type { SettingsView } from '../../../shared/api'
import { userDataFolderProblem } from '../user-data'
import { fsProblem, memoryBackend } from './memory-backend'

/** What electron-store and conf have in common: the whole store as one object, and its file path. */
export interface StoreBackend {
  store: Record<string, unknown>
  readonly path: string
  /** conf's (and so electron-store's) own change event; returns an unsubscribe. */
  onDidAnyChange(callback: () => void): () => void
}

export interface SettingsStore {
  view(): SettingsView
  get(): Settings
  update(patch: SettingsPatch): SettingsView
  /** Fires after the stored settings changed (conf compares old and new: a no-op update fires nothing). */
  onChange(listener: (view: SettingsView) => void): () => void
}

/**
 * Checks the settings file before the store library touches it. A file that is not JSON or does not fit the
 * schema is moved aside (never deleted: it may hold a watchlist someone spent an hour on) and the defaults
 * are used; the returned warning tells the user where the backup went. A file that cannot be read at all is
 * left to the store's opening (which falls back to memory); one that cannot be moved aside is left as it is.
 */
export function quarantineDamagedSettings(path: string, nowMs = Date.now()): string | null {
  if (!existsSync(path)) return null
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return null
  }
  let problem: string | null = null
  try {
    const result = settingsSchema.safeParse(JSON.parse(text))
    if (!result.success) {
      const first = result.error.issues[0]
      problem = `field "${first?.path.join('.') || '(root)'}" is invalid (${first?.message ?? 'schema mismatch'})`
    }
  } catch (err) {
    problem = `it is not valid JSON (${err instanceof Error ? err.message : String(err)})`
  }
  if (problem === null) return null
  const backup = `${path}.damaged-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}.bak`
  try {
    renameSync(path, backup)
  } catch (err) {
    return `The settings file ${path} could not be read: ${problem}. It could not be moved aside (${fsProblem(err)}), so it is left untouched and default settings are used in memory: changes will not be saved.`
  }
  return `The settings file ${path} could not be read: ${problem}. It was moved to ${backup} and default settings were loaded.`
}

const IN_MEMORY = 'Settings are kept in memory until the app closes: changes will not be saved.'

/** The warning for a store that cannot write: about the whole folder when nothing can be saved there. */
function unwritableWarning(path: string, verb: 'opened' | 'written', err: unknown): string {
  const folder = dirname(path)
  const folderProblem = userDataFolderProblem(folder)
  if (folderProblem) {
    return `The user-data folder ${folder} cannot be written (${folderProblem}): settings are kept in memory until the app closes, and logs, recordings, the journal and alert rules are not saved.`
  }
  return `The settings file ${path} cannot be ${verb} (${fsProblem(err)}). ${IN_MEMORY}`
}

/**
 * Opens the store with the library's own opener; if the file or folder cannot be read or created (read-only
 * user data, a file the user cannot read, a damaged file left in place), runs on defaults in memory instead.
 */
export function openSettingsStore(
  path: string,
  open: () => StoreBackend,
  warning: string | null,
): SettingsStore {
  try {
    return createSettingsStore(open(), warning)
  } catch (err) {
    const why = warning ?? unwritableWarning(path, 'opened', err)
    return createSettingsStore(memoryBackend(path), why)
  }
}

/**
 * The settings in use, validated, written through `backend`. A backend that refuses a write (read-only file
 * or folder) is swapped for memory with a warning the UI shows, so the app keeps running on what the user set.
 */
export function createSettingsStore(backend: StoreBackend, warning: string | null): SettingsStore {
  const parsed = settingsSchema.safeParse(backend.store)
  let current: Settings
  let active = backend
  // A file that does not fit the schema and is still in place (it could not be moved aside) is never overwritten.
  if (parsed.success) current = parsed.data
  else {
    current = settingsSchema.parse({})
    active = memoryBackend(backend.path, current)
  }
  const listeners = new Set<() => void>()
  let offActive = active.onDidAnyChange(() => listeners.forEach((l) => l()))
  const persist = (next: Settings): void => {
    try {
      active.store = next
    } catch (err) {
      offActive()
      active = memoryBackend(backend.path, active === backend ? {} : active.store)
      offActive = active.onDidAnyChange(() => listeners.forEach((l) => l()))
      warning = unwritableWarning(backend.path, 'written', err)
      active.store = next
    }
  }
  persist(current)
  const view = (): SettingsView => ({ settings: current, path: backend.path, warning })
  return {
    view,
    get: () => current,
    update(patch) {
      current = settingsSchema.parse({ ...current, ...patch })
      persist(current)
      return view()
    },
    onChange(listener) {
      const l = (): void => listener(view())
      listeners.add(l)
      return () => void listeners.delete(l)
    },
  }
}
