import { useEffect, useState } from 'react'
import type { AppInfo, EventPayloads, RadarApi, SettingsView } from '../../../shared/api'
import type { EngineStatus, Notice } from '../../../shared/engine-status'
import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import type { RecordingStatus, ReplayPosition } from '../../../shared/contract/sessions'
import type { AlertFired } from '../../../shared/contract/alerts'

export type RegimeShiftEvent = EventPayloads['regimeShift']

export interface EngineView {
  appInfo: AppInfo | null
  status: EngineStatus | null
  snapshots: Map<string, MarketSnapshot>
  settings: SettingsView | null
  notices: Notice[]
  replay: ReplayPosition | null
  recording: RecordingStatus | null
  alerts: AlertFired[]
  /** Recent regime shifts, newest last (rows flash on these). */
  shifts: RegimeShiftEvent[]
  error: string | null
}

const MAX_NOTICES = 20
const MAX_SHIFTS = 200

const keep =
  <T>(max: number) =>
  (prev: T[], item: T) => [...prev.slice(-(max - 1)), item]

/** Subscribes to everything the shell shows; snapshots arrive batched (≤ ~10/s), so state updates stay cheap. */
export function useEngine(api: RadarApi): EngineView {
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null)
  const [status, setStatus] = useState<EngineStatus | null>(null)
  const [snapshots, setSnapshots] = useState<Map<string, MarketSnapshot>>(new Map())
  const [settings, setSettings] = useState<SettingsView | null>(null)
  const [notices, setNotices] = useState<Notice[]>([])
  const [replay, setReplay] = useState<ReplayPosition | null>(null)
  const [recording, setRecording] = useState<RecordingStatus | null>(null)
  const [alerts, setAlerts] = useState<AlertFired[]>([])
  const [shifts, setShifts] = useState<RegimeShiftEvent[]>([])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const fail = (err: unknown): void => setError(err instanceof Error ? err.message : String(err))
    api.getAppInfo().then(setAppInfo, fail)
    api.getEngineStatus().then(setStatus, fail)
    api.getSettings().then(setSettings, fail)
    api.getReplayPosition().then(setReplay, fail)
    api.getAlertLog().then(setAlerts, fail)
    api.getSnapshots().then((list) => setSnapshots(new Map(list.map((s) => [s.key, s]))), fail)
    const offs = [
      api.onEngineStatus(setStatus),
      api.onSettings(setSettings),
      api.onReplayPosition(setReplay),
      api.onRecording(setRecording),
      api.onNotice((n) => setNotices((prev) => keep<Notice>(MAX_NOTICES)(prev, n))),
      api.onAlertFired((a) => setAlerts((prev) => keep<AlertFired>(500)(prev, a))),
      api.onRegimeShift((s) => setShifts((prev) => keep<RegimeShiftEvent>(MAX_SHIFTS)(prev, s))),
      api.onSnapshots((batch) =>
        setSnapshots((prev) => {
          // An empty batch after a source change means "start afresh".
          const next = batch.length === 0 ? new Map<string, MarketSnapshot>() : new Map(prev)
          for (const s of batch) next.set(s.key, s)
          return next
        }),
      ),
    ]
    return () => offs.forEach((off) => off())
  }, [api])

  return { appInfo, status, snapshots, settings, notices, replay, recording, alerts, shifts, error }
}
