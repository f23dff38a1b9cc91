import type { MarketSnapshot } from '../../../shared/scoring/snapshot'
import { fmtTime } from '../format'

interface Props {
  market: MarketSnapshot | null
}

export function RightPanel({ market }: Props) {
  return (
    <aside className="right-panel" aria-label="Signals">
      <div className="panel-title">Signals</div>
      {market ? (
        <dl className="facts">
          <dt>Events scored</dt>
          <dd>{market.eventCount.toLocaleString('en-US')}</dd>
          <dt>Data as of</dt>
          <dd>{fmtTime(market.asOfMs)}</dd>
        </dl>
      ) : (
        <div className="empty-state">
          <p>Select a market to see its risk pillars, scores, setup tag and contradictions.</p>
        </div>
      )}
    </aside>
  )
}
