import { useEffect, useState } from 'react'
import type { AppInfo, RadarApi, SettingsView } from '../../../shared/api'
import type { EngineStatus, Notice } from '../../../shared/engine-status'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'

export interface EngineView {
  appInfo: AppInfo | null
  status: EngineStatus | null
  snapshots: Map<string, MarketSnapshot>
  settings: SettingsView | null
  notices: Notice[]
  error: string | null
}

const MAX_NOTICES = 20

/** Subscribes to everything the shell shows; snapshots arrive batched (≤ ~10/s), so state updates stay cheap. */
export function useEngine(api: RadarApi): EngineView {
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null)
  const [status, setStatus] = useState<EngineStatus | null>(null)
  const [snapshots, setSnapshots] = useState<Map<string, MarketSnapshot>>(new Map())
  const [settings, setSettings] = useState<SettingsView | null>(null)
  const [notices, setNotices] = useState<Notice[]>([])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const fail = (err: unknown): void => setError(err instanceof Error ? err.message : String(err))
    api.getAppInfo().then(setAppInfo, fail)
    api.getEngineStatus().then(setStatus, fail)
    api.getSettings().then(setSettings, fail)
    api.getSnapshots().then((list) => setSnapshots(new Map(list.map((s) => [s.key, s]))), fail)
    const offs = [
      api.onEngineStatus(setStatus),
      api.onSettings(setSettings),
      api.onNotice((n) => setNotices((prev) => [...prev.slice(-(MAX_NOTICES - 1)), n])),
      api.onSnapshots((batch) =>
        setSnapshots((prev) => {
          const next = new Map(prev)
          for (const s of batch) next.set(s.key, s)
          return next
        }),
      ),
    ]
    return () => offs.forEach((off) => off())
  }, [api])

  return { appInfo, status, snapshots, settings, notices, error }
}
