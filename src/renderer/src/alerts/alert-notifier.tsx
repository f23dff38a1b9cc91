import { useEffect, useRef, useState } from 'react'
import type { AlertFired } from '../../../shared/contract/alerts'
import { fmtTime } from '../format'
import { showDesktopNotification } from './desktop-notifications'

const TOAST_MS = 8000
/** A burst (a replay at max speed) announces a few alerts and counts the rest, instead of a wall of them. */
const MAX_TOASTS = 3

/**
 * Announces alerts that fire while the app is open: a desktop notification (when permitted) and an in-app
 * toast. Alerts from the log that fired before this page opened are history, not news, and stay quiet.
 */
export function AlertNotifier({ alerts }: { alerts: AlertFired[] }) {
  const [openedAtMs] = useState(() => Date.now())
  const announced = useRef(new Set<string>())
  const [toasts, setToasts] = useState<(AlertFired & { id: string })[]>([])
  const [overflow, setOverflow] = useState(0)
  const shownCount = useRef(0)
  const limiter = useRef(new NotificationLimiter())
  useEffect(() => () => limiter.current.dispose(), [])

  useEffect(() => {
    const fresh = alerts
      .filter((a) => a.atMs >= openedAtMs)
      .map((a) => ({ ...a, id: `${a.ruleId}|${a.key}|${a.atMs}` }))
      .filter((a) => !announced.current.has(a.id))
    if (fresh.length === 0) return
    for (const a of fresh) {
      announced.current.add(a.id)
      limiter.current.notify(`Leverage Radar · ${a.key}`, a.message, a.id)
    }
    const dropped = Math.max(0, shownCount.current + fresh.length - MAX_TOASTS)
    shownCount.current = Math.min(MAX_TOASTS, shownCount.current + fresh.length)
    setToasts((prev) => [...prev, ...fresh].slice(-MAX_TOASTS))
    if (dropped > 0) setOverflow((n) => n + dropped)
  }, [alerts, openedAtMs])

  useEffect(() => {
    if (toasts.length === 0) return
    const t = setTimeout(() => {
      shownCount.current = Math.max(0, shownCount.current - 1)
      setToasts((prev) => prev.slice(1))
      setOverflow(0)
    }, TOAST_MS)
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
              onClick={() => {
                shownCount.current = Math.max(0, shownCount.current - 1)
                setToasts((prev) => prev.filter((x) => x.id !== a.id))
              }}
            >
              ×
            </button>
          </div>
          <div>{a.message}</div>
          <div className="muted">market time {fmtTime(a.marketTsMs)}</div>
        </div>
      ))}
      {overflow > 0 && (
        <div className="toast toast-more" role="status">
          +{overflow} more alert{overflow > 1 ? 's' : ''} in the alert log
        </div>
      )}
    </div>
  )
}

const BURST_WINDOW_MS = 3000

/** At most MAX_TOASTS desktop notifications per window; the rest are summed up in one at the window's end. */
class NotificationLimiter {
  private windowStartMs = 0
  private shown = 0
  private held = 0
  private timer: ReturnType<typeof setTimeout> | null = null

  notify(title: string, body: string, tag: string): void {
    const now = Date.now()
    if (now - this.windowStartMs > BURST_WINDOW_MS) {
      this.windowStartMs = now
      this.shown = 0
    }
    if (this.shown < MAX_TOASTS) {
      this.shown++
      showDesktopNotification(title, body, tag)
      return
    }
    this.held++
    this.timer ??= setTimeout(() => this.flush(), BURST_WINDOW_MS)
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
  }

  private flush(): void {
    this.timer = null
    if (this.held > 0)
      showDesktopNotification(
        'Leverage Radar',
        `${this.held} more alerts fired; see the alert log`,
        'alert-burst',
      )
    this.held = 0
  }
}
