import type { MarketSnapshot } from '../../../shared/scoring/snapshot'

interface Props {
  market: MarketSnapshot | null
}

export function ChartArea({ market }: Props) {
  return (
    <main className="chart-area" aria-label="Market chart">
      {market ? (
        <div className="chart-placeholder">
          <h2>{market.symbol}</h2>
          <p className="muted">{market.venue}</p>
        </div>
      ) : (
        <div className="empty-state" data-testid="chart-empty">
          <p>Select a market in the radar to open its chart, liquidation heatmap and signal panes.</p>
        </div>
      )}
    </main>
  )
}
