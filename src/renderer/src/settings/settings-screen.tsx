import { useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import type { ScreenProps } from '../screen-props'

export function SettingsScreen({ api, engine }: ScreenProps) {
  const view = engine.settings
  const appInfo = engine.appInfo
  const [error, setError] = useState<string | null>(null)
  const [watchlistText, setWatchlistText] = useState(view?.settings.watchlist.join('\n') ?? '')
  if (!view) return null
  const save = (patch: Parameters<RadarApi['updateSettings']>[0]): void => {
    setError(null)
    api
      .updateSettings(patch)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
  }
  return (
    <div className="screen-scroll">
      <section className="settings-screen" aria-label="Settings">
        <h2>Settings</h2>
        {view.warning && <p className="notice notice-warning">{view.warning}</p>}
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <label className="field">
          <span>Reference asset (for correlation)</span>
          <select
            aria-label="Reference asset"
            value={view.settings.referenceAsset}
            onChange={(e) => save({ referenceAsset: e.target.value as 'BTC' | 'ETH' })}
          >
            <option value="BTC">BTC</option>
            <option value="ETH">ETH</option>
          </select>
        </label>
        <label className="field">
          <span>Theme</span>
          <select
            aria-label="Theme"
            value={view.settings.theme}
            onChange={(e) => save({ theme: e.target.value as 'dark' | 'light' })}
          >
            <option value="dark">Dark</option>
            <option value="light">Light</option>
          </select>
        </label>
        <label className="field">
          <span>Watchlist (one market per line, venue:symbol)</span>
          <textarea
            aria-label="Watchlist"
            rows={5}
            value={watchlistText}
            onChange={(e) => setWatchlistText(e.target.value)}
            onBlur={() =>
              save({
                watchlist: watchlistText
                  .split('\n')
                  .map((s) => s.trim())
                  .filter(Boolean),
              })
            }
          />
        </label>
        <dl className="facts">
          <dt>Settings file</dt>
          <dd data-testid="settings-path">{view.path}</dd>
          <dt>Log file</dt>
          <dd data-testid="log-path">{appInfo?.logPath ?? 'n/a'}</dd>
          <dt>User data folder</dt>
          <dd>{appInfo?.userDataDir ?? 'n/a'}</dd>
          <dt>Version</dt>
          <dd>
            {appInfo?.version ?? 'n/a'} ({appInfo?.shell ?? '…'})
          </dd>
        </dl>
      </section>
    </div>
  )
}
