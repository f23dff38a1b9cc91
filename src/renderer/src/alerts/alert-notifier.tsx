import { useEffect, useRef, useState } from 'react'
import type { AlertFired } from '../../../shared/contract/alerts'
import { fmtTime } from '../format'
import { showDesktopNotification } from './desktop-notifications'

const TOAST_MS = 8000
/** Alerts closer together than this are one burst (a replay at max speed, a market-wide move). */
const BURST_WINDOW_MS = 3000

/** One alert is told as itself; two or more in a burst as one summary (the alert log keeps every one). */
interface Toast {
  alerts: AlertFired[]
  lastAtMs: number
}

/** New alerts join the toast on screen (one burst) or start a new one. */
function mergeBurst(prev: Toast | null, fresh: AlertFired[], now: number): Toast {
  return prev && now - prev.lastAtMs < BURST_WINDOW_MS + TOAST_MS
    ? { alerts: [...prev.alerts, ...fresh], lastAtMs: now }
    : { alerts: fresh, lastAtMs: now }
}

/** The same firing reported twice (a reconnect replays the log) is one alert: rule, market and market time. */
const alertId = (a: AlertFired): string => `${a.ruleId}|${a.key}|${a.marketTsMs ?? a.atMs}`

/**
 * Announces alerts that fire while the app is open: a desktop notification (when permitted) and one in-app
 * toast per burst. Alerts from the log that fired before this page opened are history, not news.
 */
export function AlertNotifier({ alerts }: { alerts: AlertFired[] }) {
  const [openedAtMs] = useState(() => Date.now())
  const announced = useRef(new Set<string>())
  const [toast, setToast] = useState<Toast | null>(null)
  const limiter = useRef(new NotificationLimiter())
  useEffect(() => () => limiter.current.dispose(), [])

  useEffect(() => {
    // Keyed by id: the same firing twice in one batch is one alert too.
    const byId = new Map(alerts.filter((a) => a.atMs >= openedAtMs).map((a) => [alertId(a), a]))
    const fresh = [...byId].filter(([id]) => !announced.current.has(id)).map(([id, a]) => ({ ...a, id }))
    if (fresh.length === 0) return
    for (const a of fresh) {
      announced.current.add(a.id)
      limiter.current.notify(`Leverage Radar · ${a.key}`, a.message, a.id)
    }
    setToast((prev) => mergeBurst(prev, fresh, Date.now()))
  }, [alerts, openedAtMs])

  useEffect(() => {
    if (!toast) return
    const t = setTimeout(() => setToast(null), TOAST_MS)
    return () => clearTimeout(t)
  }, [toast])

  if (!toast) return null
  const list = toast.alerts
  const one = list.length === 1 ? list[0]! : null
  const markets = new Set(list.map((a) => a.key)).size
  return (
    <div className="toasts" aria-live="assertive">
      <div className="toast" role="alert" data-testid="alert-toast">
        <div className="toast-head">
          <span className="badge badge-alert">ALERT</span>
          <strong>
            {one ? one.key : `${list.length} alerts on ${markets} market${markets === 1 ? '' : 's'}`}
          </strong>
          <button type="button" aria-label="Dismiss alert" onClick={() => setToast(null)}>
            ×
          </button>
        </div>
        {one ? (
          <>
            <div>{one.message}</div>
            <div className="muted">market time {fmtTime(one.marketTsMs)}</div>
          </>
        ) : (
          <>
            {list.slice(-3).map((a) => (
              <div key={alertId(a)} className="toast-line">
                {a.message}
              </div>
            ))}
            <div className="muted">
              {list.length > 3 ? `and ${list.length - 3} more · ` : ''}every one is in the alert log
            </div>
          </>
        )}
      </div>
    </div>
  )
}

const MAX_DESKTOP = 3

/** At most MAX_DESKTOP desktop notifications per window; the rest are summed up in one at the window's end. */
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
    if (this.shown < MAX_DESKTOP) {
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
