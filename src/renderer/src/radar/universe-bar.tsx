import type { UniverseView } from '../../../shared/contract/universe'
import { fmtAge } from '../format'
import type { RadarScope } from './radar-scope'
import './universe-bar.css'

interface Props {
  /** Wall clock for the refresh ages (the radar's one-second tick while live). */
  nowMs: number
  scope: RadarScope
  onScope: (s: RadarScope) => void
  venues: string[]
  view: UniverseView | null
}

/** The radar's filters (venue, perp/spot, tier) and what the universe (tier 1) covers and how fresh it is. */
export function UniverseBar({ nowMs, scope, onScope, venues, view }: Props) {
  return (
    <div className="universe-bar">
      <label>
        <span className="sr-only">Venue</span>
        <select
          aria-label="Venue"
          data-testid="radar-venue"
          value={scope.venue}
          onChange={(e) => onScope({ ...scope, venue: e.target.value })}
        >
          <option value="">All venues</option>
          {venues.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">Market type</span>
        <select
          aria-label="Market type"
          value={scope.kind}
          onChange={(e) => onScope({ ...scope, kind: e.target.value as RadarScope['kind'] })}
        >
          <option value="perp">Perps</option>
          <option value="spot">Spot</option>
        </select>
      </label>
      <label>
        <span className="sr-only">Tier</span>
        <select
          aria-label="Tier"
          data-testid="radar-tier"
          value={String(scope.tier)}
          onChange={(e) =>
            onScope({ ...scope, tier: e.target.value === 'all' ? 'all' : (Number(e.target.value) as 1 | 2) })
          }
        >
          <option value="all">All tiers</option>
          <option value="2">Watchlist (tier 2: streamed)</option>
          <option value="1">Universe (tier 1: bulk tickers)</option>
        </select>
      </label>
      {view && view.venues.length > 0 && (
        <span
          className="universe-status muted"
          data-testid="universe-status"
          title={view.venues
            .map((v) => `${v.venue}: ${v.error ?? 'ok'}${v.note ? ` (${v.note})` : ''}`)
            .join('\n')}
        >
          Universe every {view.cadenceSec} s:{' '}
          {view.venues.map((v, i) => (
            <span key={v.venue} className={v.error ? 'universe-error' : ''}>
              {i > 0 ? ' · ' : ''}
              {v.venue} {v.markets} perps
              {v.refreshedAtMs !== null ? `, ${fmtAge(nowMs - v.refreshedAtMs)} ago` : ', first refresh…'}
              {v.error ? ` — ${v.error}` : ''}
            </span>
          ))}
        </span>
      )}
    </div>
  )
}
