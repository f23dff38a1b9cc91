import { useState } from 'react'
import type { Notice } from '../../../shared/engine-status'

interface Props {
  notices: Notice[]
  settingsWarning: string | null
}

/** Settings damage stays until dismissed; engine notices stack newest last. */
export function Notices({ notices, settingsWarning }: Props) {
  const [dismissed, setDismissed] = useState<Set<number>>(new Set())
  const [warningDismissed, setWarningDismissed] = useState(false)
  const visible = notices.filter((n) => !dismissed.has(n.atMs)).slice(-4)
  return (
    <div className="notices" aria-live="polite">
      {settingsWarning && !warningDismissed && (
        <div className="notice notice-warning" role="alert" data-testid="settings-warning">
          <span>{settingsWarning}</span>
          <button
            type="button"
            onClick={() => setWarningDismissed(true)}
            aria-label="Dismiss settings warning"
          >
            ×
          </button>
        </div>
      )}
      {visible.map((n) => (
        <div key={n.atMs} className={`notice notice-${n.level}`} role="status" data-testid="notice">
          <span>{n.message}</span>
          <button
            type="button"
            onClick={() => setDismissed((prev) => new Set(prev).add(n.atMs))}
            aria-label="Dismiss notice"
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
