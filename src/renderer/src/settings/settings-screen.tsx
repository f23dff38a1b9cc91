import { useState } from 'react'
import type { RadarApi } from '../../../shared/api'
import { VENUE_IDS } from '../../../shared/market-event'
import type { ScreenProps } from '../screen-props'
import { errorText } from '../sessions/use-load'
import { SelectField } from '../sessions/select-field'
import { MarketCaps } from './market-caps'
import { HeatmapAssumptionsEditor } from './heatmap-assumptions'
import { ScoringOverrides } from './scoring-overrides'
import { VenueSettings } from './venue-settings'
import { WatchlistPanel } from './watchlist-panel'
import '../workflow.css'

type Patch = Parameters<RadarApi['updateSettings']>[0]

/** Every setting the engine keeps in its settings file, one panel per concern. */
export function SettingsScreen({ api, engine }: ScreenProps) {
  const view = engine.settings
  const appInfo = engine.appInfo
  const [error, setError] = useState<string | null>(null)
  const [savedAtMs, setSavedAtMs] = useState<number | null>(null)
  if (!view)
    return (
      <div className="empty-state">
        <p>Loading settings from the engine…</p>
      </div>
    )
  const s = view.settings
  const save = (patch: Patch): void => {
    setError(null)
    api.updateSettings(patch).then(
      () => setSavedAtMs(Date.now()),
      (err: unknown) => setError(errorText(err)),
    )
  }
  return (
    <div className="screen-scroll workflow-screen">
      <section className="settings-screen settings-wide" aria-label="Settings">
        <div className="screen-toolbar">
          <h2>Settings</h2>
          <span className="muted" data-testid="settings-saved">
            {savedAtMs
              ? `Saved ${new Date(savedAtMs).toISOString().slice(11, 19)} UTC`
              : 'Changes save as you make them'}
          </span>
        </div>
        {view.warning && (
          <p className="notice notice-warning" role="alert">
            {view.warning}
          </p>
        )}
        {error && (
          <p className="notice notice-error" role="alert">
            Not saved: {error}
          </p>
        )}
        <div className="settings-grid">
          <div className="panel">
            <div className="panel-title">General</div>
            <div className="panel-body form-row">
              <SelectField
                label="Reference asset (for correlation)"
                ariaLabel="Reference asset"
                value={s.referenceAsset}
                options={['BTC', 'ETH'] as const}
                onChange={(referenceAsset) => save({ referenceAsset })}
              />
              <SelectField
                label="Basis measured against the spot market on"
                ariaLabel="Basis spot venue"
                value={s.basisSpotVenue}
                options={[
                  { value: 'auto', label: 'Auto: the perp’s own venue, else any venue with that spot' },
                  ...VENUE_IDS.map((v) => ({ value: v, label: v })),
                ]}
                onChange={(basisSpotVenue) => save({ basisSpotVenue })}
              />
              <SelectField
                label="Theme"
                value={s.theme}
                options={
                  [
                    { value: 'dark', label: 'Dark' },
                    { value: 'light', label: 'Light' },
                  ] as const
                }
                onChange={(theme) => save({ theme })}
              />
              {appInfo?.shell === 'electron' && (
                // Only the installed desktop app checks for updates; browser mode has no update code.
                <label className="toggle">
                  <input
                    type="checkbox"
                    checked={s.checkForUpdates}
                    onChange={(e) => save({ checkForUpdates: e.target.checked })}
                  />
                  Check for updates (GitHub releases: at start and daily, installed when you quit)
                </label>
              )}
            </div>
          </div>
          <div className="panel">
            <div className="panel-title">Files</div>
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
          </div>
          <div className="panel span-2">
            <div className="panel-title">Venues and base URLs</div>
            <div className="panel-body">
              <VenueSettings settings={s} onSave={save} />
              <p className="help">
                Base URLs point a venue at another server (a local exchange emulator, a proxy). Leave blank
                for the venue&apos;s own endpoints.
              </p>
            </div>
          </div>
          <div className="panel">
            <div className="panel-title">Watchlist</div>
            <div className="panel-body">
              <WatchlistPanel api={api} settings={s} status={engine.status?.watchlist} onSave={save} />
            </div>
          </div>
          <div className="panel">
            <div className="panel-title">Market caps (OI / market cap)</div>
            <div className="panel-body">
              <MarketCaps
                marketCapUsd={s.marketCapUsd}
                onSave={(marketCapUsd) => save({ marketCapUsd })}
                source={s.marketCapSource}
                onSourceChange={(marketCapSource) => save({ marketCapSource })}
                status={engine.status?.marketCaps}
              />
              <p className="help">
                CoinGecko is an outside service, asked only when chosen. Assets with neither a typed nor a
                fetched value show OI / market cap as n/a.
              </p>
            </div>
          </div>
          <div className="panel span-2">
            <div className="panel-title">Thresholds and weights</div>
            <div className="panel-body">
              <ScoringOverrides
                overrides={s.scoringOverrides}
                onSave={(scoringOverrides) => save({ scoringOverrides })}
              />
            </div>
          </div>
          <div className="panel span-2">
            <div className="panel-title">Heatmap assumptions</div>
            <div className="panel-body">
              <HeatmapAssumptionsEditor value={s.heatmap} onSave={(heatmap) => save({ heatmap })} />
            </div>
          </div>
        </div>
      </section>
    </div>
  )
}
