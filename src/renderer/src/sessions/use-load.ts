import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import { connectionStore } from '../api/connection-store'

/** An engine error as one readable line; the engine's own message says what was wrong. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export interface Loaded<T> {
  data: T | null
  error: string | null
  loading: boolean
  reload: () => void
}

/**
 * Loads one thing from the engine and keeps the last good value when a reload fails, so a screen never
 * blanks out because one request was refused (e.g. an endpoint the engine does not answer yet).
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  // A request lost with a dropped connection is asked again once the engine is back, instead of leaving the
  // screen on "connection closed" until the user presses Refresh.
  const connection = useSyncExternalStore(connectionStore.subscribe, connectionStore.get)
  useEffect(() => {
    let live = true
    load().then(
      (value) => {
        if (!live) return
        setData(value)
        setError(null)
      },
      (err: unknown) => live && setError(errorText(err)),
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers pass the inputs of `load` as deps
  }, [tick, connection, ...deps])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, loading: data === null && error === null, reload }
}

/** Runs one action against the engine and reports its error; `busy` disables the button meanwhile. */
export function useAction(): {
  busy: boolean
  error: string | null
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>
  clear: () => void
} {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true)
    setError(null)
    try {
      return await action()
    } catch (err) {
      setError(errorText(err))
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])
  const clear = useCallback(() => setError(null), [])
  return { busy, error, run, clear }
}
