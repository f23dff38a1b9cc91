import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { fmtNumber } from '../format'

interface Props {
  snapshots: MarketSnapshot[]
  selectedKey: string | null
  onSelect: (key: string) => void
}

export function RadarList({ snapshots, selectedKey, onSelect }: Props) {
  return (
    <nav className="radar-list" aria-label="Radar: markets ranked by stress">
      <div className="panel-title">Radar</div>
      {snapshots.length === 0 ? (
        <div className="empty-state" data-testid="radar-empty">
          <p>No markets yet.</p>
          <p>Open a recorded session to replay it, or add venues and a watchlist in Settings to go live.</p>
        </div>
      ) : (
        <ul role="listbox" aria-label="markets">
          {snapshots.map((s) => (
            <li
              key={s.key}
              role="option"
              aria-selected={s.key === selectedKey}
              tabIndex={0}
              className={s.key === selectedKey ? 'radar-row selected' : 'radar-row'}
              onClick={() => onSelect(s.key)}
              onKeyDown={(e) => e.key === 'Enter' && onSelect(s.key)}
            >
              <span className="symbol">{s.symbol}</span>
              <span className="venue">{s.venue}</span>
              <span className="price">{fmtNumber(s.lastPrice)}</span>
            </li>
          ))}
        </ul>
      )}
    </nav>
  )
}
