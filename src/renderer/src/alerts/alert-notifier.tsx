import { useEffect, useRef, useState } from 'react'
import type { AlertFired } from '../../../shared/contract/alerts'
import { fmtTime } from '../format'
import { showDesktopNotification } from './desktop-notifications'

const TOAST_MS = 8000
const MAX_TOASTS = 4

/**
 * Announces alerts that fire while the app is open: a desktop notification (when permitted) and an in-app
 * toast. Alerts from the log that fired before this page opened are history, not news, and stay quiet.
 */
export function AlertNotifier({ alerts }: { alerts: AlertFired[] }) {
  const [openedAtMs] = useState(() => Date.now())
  const announced = useRef(new Set<string>())
  const [toasts, setToasts] = useState<(AlertFired & { id: string })[]>([])

  useEffect(() => {
    const fresh = alerts
      .filter((a) => a.atMs >= openedAtMs)
      .map((a) => ({ ...a, id: `${a.ruleId}|${a.key}|${a.atMs}` }))
      .filter((a) => !announced.current.has(a.id))
    if (fresh.length === 0) return
    for (const a of fresh) {
      announced.current.add(a.id)
      showDesktopNotification(`Leverage Radar · ${a.key}`, a.message, a.id)
    }
    setToasts((prev) => [...prev, ...fresh].slice(-MAX_TOASTS))
  }, [alerts, openedAtMs])

  useEffect(() => {
    if (toasts.length === 0) return
    const t = setTimeout(() => setToasts((prev) => prev.slice(1)), TOAST_MS)
    return () => clearTimeout(t)
  }, [toasts])

  if (toasts.length === 0) return null
  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((a) => (
        <div key={a.id} className="toast" role="alert" data-testid="alert-toast">
          <div className="toast-head">
            <span className="badge badge-alert">ALERT</span>
            <strong>{a.key}</strong>
            <button
              type="button"
              aria-label="Dismiss alert"
              onClick={() => setToasts((prev) => prev.filter((x) => x.id !== a.id))}
            >
              ×
            </button>
          </div>
          <div>{a.message}</div>
          <div className="muted">market time {fmtTime(a.marketTsMs)}</div>
        </div>
      ))}
    </div>
  )
}
