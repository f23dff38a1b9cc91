import type { MarketEventType } from '../../../shared/market-event'
import './session-contents.css'

/** The kinds of data a trader asks about before opening a session, in the order the radar uses them. */
const KINDS: { label: string; types: MarketEventType[] }[] = [
  { label: 'trades', types: ['trade'] },
  { label: 'books', types: ['book', 'quote'] },
  { label: 'funding', types: ['funding', 'mark'] },
  { label: 'open interest', types: ['openInterest'] },
  { label: 'long/short', types: ['longShort'] },
  { label: 'taker volume', types: ['takerVolume'] },
  { label: 'liquidations', types: ['liquidation', 'liquidationBar'] },
]

/**
 * What a session holds, per kind of data, so a user can tell which sample shows Stress and the liquidation
 * map (they need open interest) before opening it. Unknown counts (older files) show nothing rather than 0.
 */
export function SessionContents({
  counts,
}: {
  counts: Partial<Record<MarketEventType, number>> | undefined
}) {
  if (!counts) return null
  const hasMap = (counts.openInterest ?? 0) > 0
  return (
    <div className="session-contents" data-testid="session-contents">
      {KINDS.map(({ label, types }) => {
        const n = types.reduce((a, t) => a + (counts[t] ?? 0), 0)
        return (
          <span key={label} className={n > 0 ? 'chip' : 'chip muted'} data-kind={label}>
            {label} {n > 0 ? n.toLocaleString('en-US') : 'none'}
          </span>
        )
      })}
      <span className="muted" data-testid="session-heatmap-hint">
        {hasMap ? 'has open interest: liquidation map and Stress' : 'no open interest: no liquidation map'}
      </span>
    </div>
  )
}
