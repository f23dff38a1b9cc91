import { isDeepStrictEqual } from 'node:util'
import type { StoreBackend } from './settings-store'

/**
 * Settings held in memory only, for a settings file or folder that cannot be written (read-only, or a damaged
 * file that could not be moved aside and must not be overwritten). Changes last until the app closes.
 */
export function memoryBackend(path: string, initial: Record<string, unknown> = {}): StoreBackend {
  let store = initial
  const listeners = new Set<() => void>()
  return {
    path,
    get store() {
      return store
    },
    set store(next) {
      const changed = !isDeepStrictEqual(store, next)
      store = next
      // As conf does: a write that changes nothing fires nothing.
      if (changed) for (const l of listeners) l()
    },
    onDidAnyChange(callback) {
      listeners.add(callback)
      return () => void listeners.delete(callback)
    },
  }
}

/** The error code of a failed file operation, or its message, for a warning a user reads. */
export function fsProblem(err: unknown): string {
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string') return code
  return err instanceof Error ? err.message : String(err)
}
