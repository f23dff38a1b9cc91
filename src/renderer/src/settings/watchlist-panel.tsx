import type { RadarApi } from '../../../shared/api'
import type { Settings } from '../../../shared/settings'
import type { WatchlistStatus } from '../../../shared/watchlist-status'
import { watchlistLabel } from '../../../shared/watchlist-status'
import { WatchlistEditor } from './watchlist-editor'

type Patch = Parameters<RadarApi['updateSettings']>[0]

interface Props {
  api: RadarApi
  settings: Settings
  /** The engine's resolved watchlist; absent until its first status. */
  status: WatchlistStatus | undefined
  onSave: (patch: Patch) => void
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((k, i) => k === b[i])

/**
 * Settings → Watchlist: the mode (automatic: the top perps by OI per venue; my list: as edited), the markets
 * it resolves to, and the editor. Editing the list, in automatic mode too, makes it "my list" starting from
 * the markets shown; "Back to automatic" returns to the ranking.
 */
export function WatchlistPanel({ api, settings, status, onSave }: Props) {
  const mode = settings.watchlistMode
  const keys = status?.keys ?? (mode === 'mine' ? settings.watchlist : [])
  const shown = mode === 'mine' ? settings.watchlist : keys
  return (
    <div className="watchlist-panel">
      <p data-testid="watchlist-settings-mode">
        <strong>In force</strong>:{' '}
        {watchlistLabel({ mode, keys, venues: status?.venues ?? [], perVenue: status?.perVenue ?? 20 })}
        {mode === 'auto' && status && !status.live && ' · ranked once live'}
      </p>
      <div className="form-row">
        <label className="toggle">
          <input
            type="radio"
            name="watchlist-mode"
            checked={mode === 'auto'}
            onChange={() => onSave({ watchlistMode: 'auto' })}
          />
          Automatic: the top {status?.perVenue ?? 20} perps by open interest on each enabled venue
        </label>
        <label className="toggle">
          <input
            type="radio"
            name="watchlist-mode"
            checked={mode === 'mine'}
            // The automatic markets become the start of the user's list.
            onChange={() => onSave({ watchlistMode: 'mine', watchlist: keys.slice(0, 300) })}
          />
          My list
        </label>
      </div>
      {mode === 'auto' && status && (
        <ul className="watchlist-resolved" aria-label="Automatic watchlist">
          {status.venues.map((v) => (
            <li key={v.venue} data-testid={`watchlist-venue-${v.venue}`}>
              <span className="chip">{v.venue}</span>{' '}
              <span className="muted">
                {v.basis === 'ranked' ? 'ranked' : 'fallback'}: {v.note}
              </span>
              <div className="mono">{v.keys.map((k) => k.slice(v.venue.length + 1)).join(', ')}</div>
            </li>
          ))}
        </ul>
      )}
      {mode === 'auto' && status && (
        <p className="help">
          Re-ranked every {Math.round(status.rerankSec / 60)} min while live; a market replaces the smallest
          member only with 10 % more open interest, so the list does not flap. Markets join and leave without
          restarting the others’ streams. Editing the list below makes it yours.
        </p>
      )}
      <WatchlistEditor
        // Automatic mode shows the resolved markets; a new ranking refreshes the text.
        key={mode === 'auto' ? `auto:${keys.join(',')}` : 'mine'}
        api={api}
        watchlist={shown}
        onSave={(list) => {
          if (sameList(list, shown)) return
          onSave({ watchlist: list, watchlistMode: 'mine' })
        }}
      />
    </div>
  )
}
