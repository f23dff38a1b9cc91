import { useEffect, useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import type { SessionSummary } from '../../../shared/contract/sessions'
import type { ScreenId } from '../screen-props'

interface Props {
  api: RadarApi
  navigate: (screen: ScreenId) => void
}

/** No markets yet: offer the bundled samples directly, and say where live data is set up. */
export function RadarEmpty({ api, navigate }: Props) {
  const [samples, setSamples] = useState<SessionSummary[]>([])
  const [error, setError] = useState<string | null>(null)
  const [opening, setOpening] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    api.listSessions().then(
      (list) => live && setSamples(list.filter((s) => s.kind === 'sample')),
      () => live && setSamples([]),
    )
    return () => {
      live = false
    }
  }, [api])

  const open = (path: string): void => {
    setOpening(path)
    setError(null)
    api.openSession({ path, autoPlay: true }).then(
      () => setOpening(null),
      (err: unknown) => {
        setOpening(null)
        setError(err instanceof Error ? err.message : String(err))
      },
    )
  }

  const goLive = (): void => {
    setOpening('live')
    setError(null)
    api.startLive().then(
      () => setOpening(null),
      (err: unknown) => {
        setOpening(null)
        setError(err instanceof Error ? err.message : String(err))
      },
    )
  }

  return (
    <div className="empty-state radar-empty" data-testid="radar-empty">
      <h2>No markets yet</h2>
      <p>
        Open a recorded session to replay it, or go live with the watchlist&apos;s markets on the venues
        enabled in Settings.
      </p>
      {samples.length > 0 && (
        <ul className="sample-list" aria-label="bundled sample sessions">
          {samples.map((s) => (
            <li key={s.path}>
              <button type="button" onClick={() => open(s.path)} disabled={opening !== null}>
                {opening === s.path ? 'Opening…' : `Replay ${s.label}`}
              </button>
              <span className="muted"> {s.markets.join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="empty-actions">
        <button type="button" onClick={goLive} disabled={opening !== null}>
          {opening === 'live' ? 'Going live…' : 'Go live'}
        </button>
        <button type="button" onClick={() => navigate('sessions')}>
          Sessions…
        </button>
        <button type="button" onClick={() => navigate('settings')}>
          Settings…
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          Could not start: {error}
        </p>
      )}
    </div>
  )
}
