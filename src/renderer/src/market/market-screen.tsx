import type { ScreenProps } from '../screen-props'
import { ChartArea } from './chart-area'
import { RightPanel } from './right-panel'

/** One market: charts with the liquidation heatmap, and the signal panel. */
export function MarketScreen({ engine, selectedKey }: ScreenProps) {
  const market = selectedKey ? (engine.snapshots.get(selectedKey) ?? null) : null
  return (
    <div className="market-screen">
      <ChartArea market={market} />
      <RightPanel market={market} />
    </div>
  )
}
